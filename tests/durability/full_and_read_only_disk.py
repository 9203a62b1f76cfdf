#!/usr/bin/env python3
"""The disk under the knowledge base fills up, or turns read-only:
- full: `index` fails naming ENOSPC and the index folder, never calling the
  index damaged; the index keeps its last commit and answers; once there is
  space again the next `index` completes it, as a clean build would be;
- read-only: a query runs on the index as it is, with one warning line,
  and `index` says why it cannot write.

A small tmpfs is mounted for it, in a mount namespace of its own (the
script re-runs itself under unshare(1)), so that nothing stays mounted
whatever happens. That takes root, or unprivileged user namespaces; without
either the test fails and says so.

Usage: full_and_read_only_disk.py KBSEARCH FIXTURES_DIR."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import kbrun
from kbrun import check

INSIDE = "KB_DURABILITY_MOUNT_NS"
DISK_BYTES = 8 << 20
# Room left for the index: enough to create it, not to commit the fixture.
ROOM_BYTES = 300 << 10
WORDS = ("注意力", "attention softmax", "tag:LLM", "linkto:Transformer")
NOTES = ("大模型LM/文献精读/Transformer.md", "分子动力学机器学习/文献精读/DeepMD.md")


def mount(*args):
    run = subprocess.run(["mount", *args], capture_output=True, text=True, timeout=30)
    check(run.returncode == 0, f"mount {' '.join(args)} failed: {run.stderr}")


def fill(disk, leave):
    """A file that takes all the free space of `disk` but `leave` bytes."""
    st = os.statvfs(disk)
    filler = Path(disk, "filler")
    with open(filler, "wb") as out:
        out.truncate(0)
        out.write(b"\0" * max(0, st.f_bavail * st.f_frsize - leave))
    return filler


def full_disk(binary, kb, expected):
    index_folder = str(Path(kb, ".kbsearch"))
    filler = fill(kb.parent, ROOM_BYTES)
    full = kbrun.kbsearch(binary, ["index", "-q", "--kb", str(kb)])
    check(full.code == 3, f"index on a full disk did not fail:\n{full}")
    check(f"{index_folder}: ENOSPC: no space left" in full.err,
          f"a full disk is not named, with the index folder:\n{full}")
    check("damaged" not in full.err, f"a full disk was called damage:\n{full}")
    # The index keeps its last commit, and answers from it.
    kept = kbrun.kbsearch(binary, ["--kb", str(kb), "--no-refresh", "-c", "注意力"])
    check(kept.code in (0, 1) and kept.err == "", f"the index of a full disk does not open:\n{kept}")
    refreshing = kbrun.kbsearch(binary, ["--kb", str(kb), "-c", "注意力"])
    check(refreshing.code in (0, 1) and refreshing.err.count("\n") == 1 and
          "not refreshed" in refreshing.err and "ENOSPC" in refreshing.err,
          f"a query on a full disk did not run with one warning:\n{refreshing}")
    # Space again: the next run completes it, with no manual step.
    filler.unlink()
    again = kbrun.kbsearch(binary, ["index", "-q", "--kb", str(kb)])
    check(again.code == 0, f"index did not complete once there was space:\n{again}")
    difference = kbrun.first_difference(kbrun.snapshot(binary, kb, WORDS, NOTES), expected)
    check(not difference, f"after the full disk, the index is not a clean build's:\n{difference}")


def read_only_disk(binary, kb, expected_count):
    Path(kb, "新笔记.md").write_text("# 新笔记\n\nqponmlk\n", encoding="utf-8")
    mount("-o", "remount,ro", str(kb.parent))
    try:
        run = kbrun.kbsearch(binary, ["--kb", str(kb), "-c", "注意力"])
        check(run.code == 0 and run.out == expected_count,
              f"a query on a read-only disk did not answer as the index is:\n{run}")
        check(run.err.count("\n") == 1 and run.err.startswith(
            "kbsearch: warning: index not refreshed, searching it as it is: "),
            f"a query on a read-only disk did not give one warning line:\n{run}")
        check("read-only" in run.err.lower(), f"the warning does not say read-only:\n{run}")
        # The note the index could not take in is not found.
        unseen = kbrun.kbsearch(binary, ["--kb", str(kb), "qponmlk"])
        check(unseen.code == 1, f"a note added on the read-only disk was found:\n{unseen}")
        index = kbrun.kbsearch(binary, ["index", "-q", "--kb", str(kb)])
        check(index.code == 3 and "read-only" in index.err.lower(),
              f"index on a read-only disk did not say why it failed:\n{index}")
    finally:
        mount("-o", "remount,rw", str(kb.parent))


def in_own_mount_namespace():
    """Runs this script again in a mount namespace of its own (as root, or
    mapped to root in a user namespace), where the tmpfs dies with the
    process; returns its exit code."""
    user_ns = [] if os.geteuid() == 0 else ["--map-root-user"]
    try:
        inner = subprocess.run(["unshare", "--mount", "--propagation", "private", *user_ns,
                                sys.executable, *sys.argv], env=dict(os.environ, **{INSIDE: "1"}),
                               timeout=600)
    except FileNotFoundError:
        print("FAILED: unshare(1) is missing: it gives this test a disk of its own",
              file=sys.stderr)
        return 1
    if inner.returncode != 0:
        print("the test in its own mount namespace failed (above); if unshare failed, run "
              "as root or allow unprivileged user namespaces", file=sys.stderr)
    return inner.returncode


def test(binary, fixtures):
    with tempfile.TemporaryDirectory(prefix="kbdisk-") as tmp:
        reference = Path(tmp, "reference")
        kbrun.copy_kb(fixtures / "kb", reference)
        check(kbrun.kbsearch(binary, ["index", "-q", "--kb", str(reference)]).code == 0,
              "the clean build failed")
        expected = kbrun.snapshot(binary, reference, WORDS, NOTES)
        expected_count = kbrun.kbsearch(binary, ["--kb", str(reference), "-c", "注意力"]).out
        disk = Path(tmp, "disk")
        disk.mkdir()
        mount("-t", "tmpfs", "-o", f"size={DISK_BYTES}", "tmpfs", str(disk))
        try:
            kb = disk / "kb"
            kbrun.copy_kb(fixtures / "kb", kb)
            full_disk(binary, kb, expected)
            read_only_disk(binary, kb, expected_count)
        finally:
            subprocess.run(["umount", str(disk)], timeout=30)


if __name__ == "__main__":
    if os.environ.get(INSIDE) != "1":
        sys.exit(in_own_mount_namespace())
    kbrun.main(test, "a full or read-only disk: clear messages, the index answers and recovers")
