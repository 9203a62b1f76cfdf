#!/usr/bin/env python3
"""Before and after a change, in one run: full index build and search latency.

Builds the revision BEFORE (a git worktree in build/regression/) and the
working tree (build/bench), both Release with the benchmark programs, then
on the same corpus and the same machine, alternating so that noise hits both
alike:
- the whole-process wall time of `kbsearch index` on a fresh copy of the
  corpus (--builds times each, the median and the fastest reported), and the
  peak memory (max RSS) of that process;
- in-process search latency (bench/query_latency: parse, match, records,
  snippets; 20 rounds after a warm-up) over one word sample, each build on
  its own index;
- `rg -l -F` over the same words, as the peer that both are measured
  against.
A change is flagged when "after" is more than --tolerance (default 10%)
slower than "before" on the median.

Usage: bench/regression.py BEFORE [CORPUS] [--words N] [--seed N] [--builds N]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time

import common


def build_revision(revision):
    """kbsearch and query_latency of `revision`, built in a worktree."""
    rev = subprocess.run(["git", "-C", common.ROOT, "rev-parse", "--short", revision],
                         capture_output=True, text=True, check=True).stdout.strip()
    tree = os.path.join(common.ROOT, "build", "regression", rev)
    if not os.path.isdir(tree):
        subprocess.run(["git", "-C", common.ROOT, "worktree", "add", "--detach", tree, rev],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    out = os.path.join(tree, "build", "bench")
    subprocess.run(["cmake", "-S", tree, "-B", out, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release",
                    "-DKB_BUILD_TESTS=OFF", "-DKB_BUILD_BENCH=ON"],
                   check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["cmake", "--build", out, "--parallel", "2"], check=True,
                   stdout=subprocess.DEVNULL)
    return rev, os.path.join(out, "cli", "kbsearch"), os.path.join(out, "bench", "query_latency")


def timed_index(kbsearch, corpus, work):
    """Seconds and peak RSS (MB) of a full build of a fresh copy of `corpus`."""
    kb = os.path.join(work, "kb")
    common.fresh_copy(corpus, kb)
    run = common.measured([kbsearch, "index", "--kb", kb, "--quiet"])
    if run.returncode != 0:
        raise SystemExit(f"{kbsearch} index failed with {run.returncode}")
    return run.wall, run.peak_mb, kb


def latency(query_latency, kb, words):
    """(p50, p99) in ms over all queries, from query_latency's last line."""
    out = subprocess.run([query_latency, kb, *words], capture_output=True, text=True,
                         check=True).stdout
    fields = out.splitlines()[-1].split()
    return float(fields[1]), float(fields[2])


def change(before, after):
    return f"{(after - before) / before * 100:+.1f}%" if before else "n/a"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("before", help="git revision to compare against")
    common.word_sample_arguments(parser)
    parser.add_argument("--builds", type=int, default=3)
    parser.add_argument("--tolerance", type=float, default=0.10)
    args = parser.parse_args()

    common.build()
    rev, old_kbsearch, old_latency = build_revision(args.before)
    new_kbsearch = common.KBSEARCH
    new_latency = os.path.join(common.BENCH_BIN, "query_latency")
    builds = {"before": [], "after": []}
    peaks = {"before": [], "after": []}
    work = {"before": tempfile.mkdtemp(prefix="kbreg-"), "after": tempfile.mkdtemp(prefix="kbreg-")}
    try:
        kbs = {}
        for _ in range(args.builds):
            for side, kbsearch in (("before", old_kbsearch), ("after", new_kbsearch)):
                seconds, peak, kbs[side] = timed_index(kbsearch, args.corpus, work[side])
                builds[side].append(seconds)
                peaks[side].append(peak)
        words = []
        for language in ("zh", "en"):
            words += common.sample_words(kbs["after"], args.words, args.seed, language)
        lat = {"before": [], "after": []}
        for _ in range(3):
            for side, binary in (("before", old_latency), ("after", new_latency)):
                lat[side].append(latency(binary, kbs[side], words))
        rg_ms = []
        for word in words:
            start = time.perf_counter()
            subprocess.run(["rg", "-l", "-F", "--", word, kbs["after"]],
                           stdout=subprocess.DEVNULL)
            rg_ms.append((time.perf_counter() - start) * 1000)

        notes = sum(1 for _, _, files in os.walk(args.corpus) for f in files if f.endswith(".md"))
        print(f"corpus: {args.corpus} ({notes} .md files); before = {rev}, after = working tree")
        print(f"{len(words)} words (seed {args.seed}); {args.builds} full builds each, alternating\n")
        rows = [
            ("full build, median s", statistics.median(builds["before"]),
             statistics.median(builds["after"])),
            ("full build, fastest s", min(builds["before"]), min(builds["after"])),
            ("full build, peak RSS MB", max(peaks["before"]), max(peaks["after"])),
            ("search p50 ms (median of 3)", statistics.median(p for p, _ in lat["before"]),
             statistics.median(p for p, _ in lat["after"])),
            ("search p99 ms (median of 3)", statistics.median(p for _, p in lat["before"]),
             statistics.median(p for _, p in lat["after"])),
        ]
        print(f"{'':30}{'before':>12}{'after':>12}{'change':>10}")
        regressed = []
        for name, old, new in rows:
            print(f"{name:30}{old:12.3f}{new:12.3f}{change(old, new):>10}")
            if "median" in name and new > old * (1 + args.tolerance):
                regressed.append(name)
        print(f"{'peer: rg -l -F, median ms':30}{statistics.median(rg_ms):24.3f}")
        print(f"\nsearch p50 after vs rg: {statistics.median(rg_ms) / rows[3][2]:.0f}x faster")
        print("REGRESSION: " + ", ".join(regressed) if regressed else
              f"no regression beyond {args.tolerance:.0%}")
    finally:
        for folder in work.values():
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
