#!/usr/bin/env python3
"""In-process search latency against ripgrep, in the same run.

Samples Chinese and English words (fixed seed), runs each through
bench/query_latency (kb::Searcher in one process: parse, match, load hits,
snippets; 20 rounds after a warm-up) and times `rg -l -F WORD` on the same
corpus as the peer. Target (the search issue): in-process p50 <= 2 ms.

Usage: bench/latency.py [CORPUS] [--words N] [--seed N]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import time

import common


def main():
    parser = argparse.ArgumentParser()
    common.word_sample_arguments(parser)
    args = parser.parse_args()

    common.build()
    work, kb = common.indexed_copy(args.corpus)
    try:
        words = []
        for language in ("zh", "en"):
            words += common.sample_words(kb, args.words, args.seed, language)
        out = subprocess.run([os.path.join(common.BENCH_BIN, "query_latency"), kb, *words],
                             capture_output=True, text=True, check=True).stdout
        print(out, end="")
        p50s = [float(line.split()[1]) for line in out.splitlines()[1:-1]]
        rg_ms = []
        for word in words:
            start = time.perf_counter()
            subprocess.run(["rg", "-l", "-F", "--", word, kb], stdout=subprocess.DEVNULL)
            rg_ms.append((time.perf_counter() - start) * 1000)
        all_p50 = float(out.splitlines()[-1].split()[1])
        print(f"\nkbsearch in-process p50 over all queries: {all_p50:.3f} ms (target 2 ms)")
        print(f"median of per-query p50: {statistics.median(p50s):.3f} ms")
        print(f"rg -l -F, whole process, median over the same words: "
              f"{statistics.median(rg_ms):.1f} ms "
              f"(ratio {statistics.median(rg_ms) / all_p50:.0f}x)")
        print("PASS" if all_p50 <= 2.0 else "FAIL")
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
