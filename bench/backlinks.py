#!/usr/bin/env python3
"""Whole-process time of `kbsearch backlinks NOTE` on a vault, against ripgrep.

Indexes a copy of the corpus, then times `kbsearch backlinks PATH` for the
notes with the most incoming links plus a fixed random sample, and, as the
peer in the same run, `rg -l -F '[[STEM'` (which finds far less: no
relative links, titles, aliases or ambiguity). Target (the link-graph
issue): at most 50 ms per call.

Usage: bench/backlinks.py [CORPUS] [--sample N] [--seed N]
"""
import argparse
import collections
import json
import os
import random
import shutil
import statistics
import subprocess
import time

import common

DEFAULT = os.path.normpath(os.path.join(common.ROOT, "..", "shared", "corpus", "en-vault"))


def timed(cmd):
    start = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True)
    return (time.perf_counter() - start) * 1000, out.stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", default=DEFAULT)
    parser.add_argument("--sample", type=int, default=40)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    common.build()
    start = time.perf_counter()
    work, kb = common.indexed_copy(args.corpus)
    print(f"index {args.corpus}: {time.perf_counter() - start:.1f} s")
    try:
        # The most linked-to notes, from every resolved link of the vault.
        incoming = collections.Counter()
        notes = set()
        for d, _, files in os.walk(kb):
            if "/." not in d + "/":
                notes.update(os.path.relpath(os.path.join(d, f), kb)
                             for f in files if f.endswith(".md"))
        for path in random.Random(args.seed).sample(sorted(notes), 200):
            out = subprocess.run([common.KBSEARCH, "--kb", kb, "links", "--json", path],
                                 capture_output=True, text=True).stdout
            for line in out.splitlines():
                data = json.loads(line)["data"]
                if data["status"] == "resolved" and data["target"] in notes:
                    incoming[data["target"]] += 1
        chosen = [p for p, _ in incoming.most_common(10)]
        chosen += random.Random(args.seed).sample(sorted(notes - set(chosen)), args.sample)
        rows = []
        for path in chosen:
            kb_ms, out = timed([common.KBSEARCH, "--kb", kb, "backlinks", "--json", path])
            stem = os.path.splitext(os.path.basename(path))[0]
            rg_ms, _ = timed(["rg", "-l", "-F", "[[" + stem, kb])
            rows.append((path, len(out.splitlines()), kb_ms, rg_ms))
        print(f"{'note':<60}{'links':>7}{'kbs ms':>9}{'rg ms':>8}")
        for path, n, kb_ms, rg_ms in sorted(rows, key=lambda r: -r[1])[:15]:
            print(f"{path[-60:]:<60}{n:>7}{kb_ms:>9.1f}{rg_ms:>8.1f}")
        times = sorted(r[2] for r in rows)
        rg = sorted(r[3] for r in rows)
        print(f"\n{len(rows)} notes: kbsearch backlinks p50 {statistics.median(times):.1f} ms, "
              f"p90 {times[int(len(times) * 0.9)]:.1f} ms, max {times[-1]:.1f} ms; "
              f"rg p50 {statistics.median(rg):.1f} ms")
        print("PASS" if times[-1] <= 50 else "FAIL")
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
