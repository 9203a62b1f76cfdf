#!/usr/bin/env python3
"""Latency of `kbsearch watch`: from a change on disk to search seeing it.

Runs `kbsearch watch -q` on an indexed copy of the corpus, then, for sampled
notes (fixed seed), an editor's atomic save that adds a new word (a
temporary file renamed over the note), a rename of the note, and its delete.
After each, `kbsearch --no-refresh -l WORD` (so that the query's own refresh
does not do the watch's work) is asked every 10 ms until it answers as
expected; the time from the change to that answer is the latency. It
includes the debounce (200 ms of quiet), one update (a crawl of every note
and a stamp compare) and one query process, whose own time is printed as
the resolution. Target (issue #9): at most 2 s.

Usage: bench/watch_latency.py [CORPUS] [--notes 10] [--seed N]
"""
import argparse
import os
import random
import statistics
import subprocess
import time

import common

POLL_S = 0.01
GIVE_UP_S = 10.0


def listed(kb, word):
    out = subprocess.run([common.KBSEARCH, "--kb", kb, "--no-refresh", "-l", "--", word],
                         capture_output=True, text=True)
    return [line for line in out.stdout.split("\n") if line]


def seconds_until(kb, word, expected):
    """Seconds until `kbsearch -l WORD` lists `expected`, or None after GIVE_UP_S."""
    start = time.perf_counter()
    while time.perf_counter() - start < GIVE_UP_S:
        if listed(kb, word) == expected:
            return time.perf_counter() - start
        time.sleep(POLL_S)
    return None


def notes_of(kb):
    notes = []
    for folder, dirs, files in os.walk(kb):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.lower().endswith((".md", ".markdown")) and not name.startswith("."):
                notes.append(os.path.relpath(os.path.join(folder, name), kb))
    return notes


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", default=common.DEFAULT_CORPUS)
    parser.add_argument("--notes", type=int, default=10)
    parser.add_argument("--seed", type=int, default=20241020)
    args = parser.parse_args()

    common.build()
    work, kb = common.indexed_copy(args.corpus)
    watch = subprocess.Popen([common.KBSEARCH, "watch", "-q", "--kb", kb],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        sample = random.Random(args.seed).sample(notes_of(kb), args.notes)
        # The watch is up once a first change shows.
        with open(os.path.join(kb, "watch-ready.md"), "w", encoding="utf-8") as f:
            f.write("# ready\n\nwatchreadyword\n")
        if seconds_until(kb, "watchreadyword", ["watch-ready.md"]) is None:
            raise SystemExit("the watch did not start")
        start = time.perf_counter()
        listed(kb, "watchreadyword")
        query_ms = (time.perf_counter() - start) * 1000

        latency = {"save": [], "rename": [], "delete": []}
        for i, path in enumerate(sample):
            word = f"watchlatency{i}x"
            full = os.path.join(kb, path)
            with open(full, "rb") as f:
                content = f.read()
            temp = os.path.join(os.path.dirname(full), "." + os.path.basename(full) + ".swp")
            with open(temp, "wb") as f:
                f.write(content + f"\n\n{word}\n".encode())
            os.rename(temp, full)
            latency["save"].append(seconds_until(kb, word, [path]))
            renamed = path[: path.rfind(".")] + "-renamed.md"
            os.rename(full, os.path.join(kb, renamed))
            latency["rename"].append(seconds_until(kb, word, [renamed]))
            os.remove(os.path.join(kb, renamed))
            latency["delete"].append(seconds_until(kb, word, []))

        print(f"corpus {args.corpus}: {len(notes_of(kb))} notes, {args.notes} notes changed")
        print(f"one --no-refresh query process: {query_ms:.0f} ms (the polling resolution)")
        print(f"{'change':8} {'p50 ms':>8} {'max ms':>8} {'missed':>7}")
        for kind, values in latency.items():
            seen = [v * 1000 for v in values if v is not None]
            missed = len(values) - len(seen)
            p50 = statistics.median(seen) if seen else float("nan")
            worst = max(seen) if seen else float("nan")
            print(f"{kind:8} {p50:8.0f} {worst:8.0f} {missed:7d}")
    finally:
        watch.send_signal(2)
        try:
            code = watch.wait(timeout=10)
        except subprocess.TimeoutExpired:
            watch.kill()
            code = watch.wait()
        print(f"watch exit code after SIGINT: {code}")
        subprocess.run(["rm", "-rf", work], check=False)


if __name__ == "__main__":
    main()
