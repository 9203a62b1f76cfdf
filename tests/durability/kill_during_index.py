#!/usr/bin/env python3
"""SIGKILL during `kbsearch index`, 20 times, each at a random moment within
the time a full build of a 5,000-note knowledge base takes: the first build
is killed until it completes, then runs that re-read a quarter of the notes.
After each kill the index opens and every query answers, no lock is left,
and the next run goes on from the last commit without a manual step. A
final run then answers as a clean build does.

Usage: kill_during_index.py KBSEARCH FIXTURES_DIR.
$KB_KILL_SEED chooses the moments (printed on failure)."""

import os
import random
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import kbrun
from kbrun import check

NOTES = 5000
KILLS = 20
# The whole test gives up past this, whatever the machine (each run of the
# program has its own timeout too).
BUDGET_S = 600
# What a query may answer while a first build has committed nothing yet.
NO_INDEX_YET = ("no index here", "no index yet")


def query_runs(kb, note):
    """The query commands checked after each kill, without refreshing (a
    refresh would finish the build the kill interrupted), each with what it
    may say besides an answer: a partial index may not hold the note yet."""
    base = ["--kb", str(kb), "--no-refresh"]
    return [(base + ["search", "注意力 zorblax"], None),
            (base + ["tags"], None),
            (base + ["backlinks", note], f"{note}: no note by that path, name or title\n")]


def check_queries(binary, kb, note, first_build_uncommitted):
    """Every query answers (exit 0 or 1, nothing on stderr); only while a
    first build has not committed may one say that there is no index yet.
    Returns whether they found an index."""
    found_index = True
    for args, not_indexed_yet in query_runs(kb, note):
        run = kbrun.kbsearch(binary, args)
        if run.code == 3 and any(m in run.err for m in NO_INDEX_YET):
            check(first_build_uncommitted, f"an index that had opened is gone:\n{run}")
            found_index = False
            continue
        # A NOTE the partial index does not hold yet is a usage error (2).
        if run.code == 2 and not_indexed_yet and run.err == "kbsearch: " + not_indexed_yet:
            continue
        check(run.code in (0, 1) and run.err == "", f"a query failed after the kill:\n{run}")
    return found_index


def touch(kb, paths):
    """Moves the mtime of each of `paths` by a microsecond, so that the next
    run reads them again; the day, a note's date when its front matter has
    none, stays."""
    for path in paths:
        file = Path(kb, path)
        st = file.stat()
        os.utime(file, ns=(st.st_atime_ns, st.st_mtime_ns + 1000))


def test(binary, fixtures):
    seed = int(os.environ.get("KB_KILL_SEED", "9"))
    rng = random.Random(seed)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="kbkill-") as tmp:
        kb = Path(tmp, "kb")
        paths = kbrun.generate_kb(kb, NOTES, seed=5000, paragraphs=(1, 1), words=(3, 6))
        # A clean build of a copy: how long a full build takes, and what a
        # complete index answers.
        clean = Path(tmp, "clean")
        kbrun.copy_kb(kb, clean)
        build_started = time.monotonic()
        built = kbrun.kbsearch(binary, ["index", "-q", "--kb", str(clean)])
        full_build_s = time.monotonic() - build_started
        check(built.code == 0, f"the clean build failed:\n{built}")
        words = ["注意力", "zorblax", "tag:zorbtag", "珑琊 molecule"]
        sample = [paths[i] for i in (0, 1, 2, 777, 4999)]
        expected = kbrun.snapshot(binary, clean, words, sample)

        killed = completed = 0
        first_build_uncommitted = True  # no index at all yet
        for kill in range(KILLS):
            check(time.monotonic() - started < BUDGET_S, f"over {BUDGET_S} s (seed {seed})")
            delay = rng.uniform(0, full_build_s)
            proc, out, err = kbrun.start_kbsearch(binary, ["index", "-q", "--kb", str(kb)])
            try:
                code = proc.wait(timeout=delay)
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGKILL)
                code = proc.wait(timeout=kbrun.RUN_TIMEOUT_S)
            where = (f"kill {kill + 1} of {KILLS} after {delay:.2f} s of a {full_build_s:.2f} s "
                     f"build (seed {seed})")
            if code == -signal.SIGKILL:
                killed += 1
            else:
                # It finished first; it must have finished well.
                check(code == 0, f"{where}: index failed:\nstderr: {kbrun.read_back(err)}")
                completed += 1
            check(not kbrun.write_locked(kb), f"{where}: the write lock is still held")
            found = check_queries(binary, kb, sample[0], first_build_uncommitted)
            first_build_uncommitted = first_build_uncommitted and not found
            if code == 0:
                # Work for the next run: a quarter of the notes to read again
                # (the whole test stays within a few full builds).
                touch(kb, rng.sample(paths, len(paths) // 4))

        final = kbrun.kbsearch(binary, ["index", "-q", "--kb", str(kb)])
        check(final.code == 0 and final.err == "", f"the run after the kills failed:\n{final}")
        difference = kbrun.first_difference(kbrun.snapshot(binary, kb, words, sample), expected)
        check(not difference, f"after {KILLS} kills (seed {seed}) the index is not a clean "
                              f"build's:\n{difference}")
        print(f"{killed} runs killed, {completed} finished before their kill; full build "
              f"{full_build_s:.2f} s; {time.monotonic() - started:.1f} s in all")


if __name__ == "__main__":
    kbrun.main(test, "SIGKILL during index leaves an index that opens, answers and completes")
