#!/usr/bin/env python3
"""Readers and writers at once: a reader querying in a loop while a first
build runs sees no error (the build's last commit, or a wait for the
first); a second `index` waits for the first, and when that one does not
finish in time it names the holder's pid.

Usage: concurrent_index.py KBSEARCH FIXTURES_DIR."""

import shutil
import signal
import tempfile
import time
from pathlib import Path

import kbrun
from kbrun import check

NOTES = 2000
# Every loop here ends by count and by time.
MAX_READS = 2000
# Small first builds raced by readers from their first moment.
FIRST_MOMENTS = 8
MAX_WAIT_S = 120
POLL_S = 0.005


def wait_until(condition, what):
    """Polls `condition` until it holds; fails after MAX_WAIT_S."""
    deadline = time.monotonic() + MAX_WAIT_S
    while not condition():
        check(time.monotonic() < deadline, f"gave up waiting: {what}")
        time.sleep(POLL_S)


def reads_during_first_build(binary, kb):
    """Starts a first build of `kb` and queries in a loop until it ends;
    every query must answer. Returns the number of queries made."""
    builder, _, builder_err = kbrun.start_kbsearch(binary, ["index", "-q", "--kb", str(kb)])
    reads = 0
    queries = [["search", "-c", "注意力"], ["search", "zorblax"], ["tags"], ["broken"]]
    deadline = time.monotonic() + MAX_WAIT_S
    while builder.poll() is None and reads < MAX_READS and time.monotonic() < deadline:
        args = queries[reads % len(queries)]
        # Before the build has made the index folder there is no index, and
        # a query may say so; from then on it has one to wait for.
        may_find_none = not Path(kb, ".kbsearch").is_dir()
        # Without --no-refresh a query tries to refresh first and, finding
        # the index busy, says so in one warning line.
        refresh = reads % 2 == 1
        run = kbrun.kbsearch(binary, ["--kb", str(kb)] + ([] if refresh else ["--no-refresh"]) +
                             args)
        reads += 1
        if may_find_none and run.code == 3 and run.err.endswith(
                ": no index here; run `kbsearch index` first\n"):
            continue
        err = run.err
        first_run = f"kbsearch: building the index of {kb} (first run)\n"
        if may_find_none and err.startswith(first_run):
            err = err[len(first_run):]  # it found no index, and went to build one
        warning = "kbsearch: warning: index not refreshed, searching it as it is: "
        err_ok = err == "" or (refresh and err.startswith(warning) and err.count("\n") == 1 and
                               "another process" in err)
        check(run.code in (0, 1) and err_ok,
              f"query {reads} during the first build saw an error:\n{run}")
    check(builder.wait(timeout=MAX_WAIT_S) == 0,
          f"the build failed:\n{kbrun.read_back(builder_err)}")
    return reads


def second_writer_waits_then_names_holder(binary, kb, paths):
    """A writer stopped (SIGSTOP) while it holds the index: a second `index`
    waits, then fails naming it; a third that is waiting when the first goes
    on finishes after it."""
    # Work for the first writer: every note is read again.
    for path in paths:
        Path(kb, path).touch()
    holder, _, holder_err = kbrun.start_kbsearch(binary, ["index", "-q", "--kb", str(kb)])
    record = Path(kb, ".kbsearch", "writer")
    wait_until(lambda: holder.poll() is not None or (
        kbrun.write_locked(kb) and record.is_file() and
        record.read_text().strip() == str(holder.pid)), "the writer to take the lock")
    check(holder.poll() is None, "the writer finished before it could be stopped")
    holder.send_signal(signal.SIGSTOP)
    try:
        started = time.monotonic()
        second = kbrun.kbsearch(binary, ["index", "-q", "--kb", str(kb)])
        waited = time.monotonic() - started
        check(second.code == 3, f"a second writer did not fail while the first held on:\n{second}")
        check(f"being written by another process (pid {holder.pid}: " in second.err,
              f"the second writer did not name the holder, pid {holder.pid}:\n{second}")
        # `index` waits 10 s for the holder; a second is left for timing.
        check(waited >= 9, f"the second writer gave up after {waited:.1f} s, without waiting")
        # Readers answer from the last commit meanwhile.
        read = kbrun.kbsearch(binary, ["--kb", str(kb), "--no-refresh", "-c", "注意力"])
        check(read.code == 0 and read.err == "", f"a reader failed while the writer held on:\n{read}")
        third, _, third_err = kbrun.start_kbsearch(binary, ["index", "-q", "--kb", str(kb)])
        time.sleep(1)
    finally:
        holder.send_signal(signal.SIGCONT)
    check(holder.wait(timeout=MAX_WAIT_S) == 0,
          f"the stopped writer failed:\n{kbrun.read_back(holder_err)}")
    check(third.wait(timeout=MAX_WAIT_S) == 0,
          f"a writer waiting for the first did not go on after it:\n{kbrun.read_back(third_err)}")
    check(not kbrun.write_locked(kb), "the write lock is still held after every writer ended")


def test(binary, fixtures):
    with tempfile.TemporaryDirectory(prefix="kbconcurrent-") as tmp:
        kb = Path(tmp, "kb")
        paths = kbrun.generate_kb(kb, NOTES, seed=2000, paragraphs=(1, 2), words=(3, 8))
        started = time.monotonic()
        reads = reads_during_first_build(binary, kb)
        build_s = time.monotonic() - started
        check(reads >= 3, f"only {reads} queries ran during the build: too few to mean anything")
        # The first moments of a build, when the database is being made and
        # has no commit yet, again and again: a small knowledge base.
        small = Path(tmp, "small")
        kbrun.copy_kb(fixtures / "kb", small)
        for _ in range(FIRST_MOMENTS):
            reads_during_first_build(binary, small)
            shutil.rmtree(small / ".kbsearch")
        second_writer_waits_then_names_holder(binary, kb, paths)
        print(f"{reads} queries during a {build_s:.1f} s first build, then {FIRST_MOMENTS} small "
              f"builds raced; {time.monotonic() - started:.1f} s in all")


if __name__ == "__main__":
    kbrun.main(test, "readers during a build see no error; a second writer waits, names the holder")
