#!/usr/bin/env python3
"""Query latency through Xapian's remote backend against the local one, in
one run: a corpus (zh-notes) split into 1, 2 and 4 shards, and the scale
corpus (../shared/corpus/scale, 47,011 notes) split 4 ways. Each shard is indexed on its own; the
same shards are then searched in process (bench/query_latency: the first
page of 20 hits with snippets) as local knowledge bases and through
`kbsearch serve-index` (xapian-tcpsrv) on 127.0.0.1, the two alternating.

Usage: bench/shards.py [--corpus DIR] [--scale DIR] [--splits 1,2,4]
                       [--scale-splits 4] [--words 10] [--rounds 20] [--runs 2]"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import common

QUERY_LATENCY = os.path.join(common.BENCH_BIN, "query_latency")
START_TIMEOUT_S = 60


def split(corpus, work, n):
    """`corpus` copied into `n` knowledge bases, note i of the sorted paths
    in shard i mod n; the folders of the shards, indexed."""
    notes = common.note_paths(corpus)
    shards = [os.path.join(work, f"shard{i}of{n}") for i in range(n)]
    for i, path in enumerate(notes):
        target = os.path.join(shards[i % n], path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copy2(os.path.join(corpus, path), target)
    for shard in shards:
        subprocess.run([common.KBSEARCH, "index", "--kb", shard, "--quiet"], check=True,
                       stderr=subprocess.DEVNULL)
    return shards, len(notes)


def serve(shard):
    """`kbsearch serve-index --port 0` of `shard`: (process, "127.0.0.1:PORT")."""
    proc = subprocess.Popen([common.KBSEARCH, "--kb", shard, "serve-index", "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            start_new_session=True, text=True)
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        found = re.search(r" at (127\.0\.0\.1:\d+),", proc.stdout.readline())
        if found:
            return proc, found.group(1)
    proc.kill()
    sys.exit(f"serve-index of {shard} did not start")


def latencies(shards, words, rounds):
    """Every round's milliseconds of every query, over `shards`."""
    command = [QUERY_LATENCY, "--raw", "--rounds", str(rounds)]
    for shard in shards:
        command += ["--shard", shard]
    out = subprocess.run(command + words, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"query_latency failed: {out.stderr.strip()}")
    return [float(ms) for line in out.stdout.splitlines() for ms in line.split("\t")[1:]]


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, len(values) * p // 100)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=common.DEFAULT_CORPUS)
    parser.add_argument("--scale", default=os.path.join(os.path.dirname(common.DEFAULT_CORPUS),
                                                          "scale"))
    parser.add_argument("--splits", default="1,2,4")
    parser.add_argument("--scale-splits", default="4")
    parser.add_argument("--words", type=int, default=10, help="of each language")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=20241020)
    args = parser.parse_args()
    for tool in (common.KBSEARCH, QUERY_LATENCY):
        if not os.path.exists(tool):
            sys.exit(f"no {tool}: build the release tree first (bench/README.md)")

    rows = []
    work = tempfile.mkdtemp(prefix="kbshards-")
    try:
        plan = [(args.corpus, int(n)) for n in args.splits.split(",")] + \
               [(args.scale, int(n)) for n in args.scale_splits.split(",")]
        for corpus, n in plan:
            folder = os.path.join(work, f"{os.path.basename(corpus)}-{n}")
            started = time.perf_counter()
            shards, notes = split(corpus, folder, n)
            built = time.perf_counter() - started
            words = (common.sample_words(shards[0], args.words, args.seed, "zh") +
                     common.sample_words(shards[0], args.words, args.seed, "en"))
            servers = [serve(shard) for shard in shards]
            try:
                local, remote = [], []
                for _ in range(args.runs):  # alternating, so that drift hits both
                    local += latencies(shards, words, args.rounds)
                    remote += latencies([address for _, address in servers], words, args.rounds)
            finally:
                for proc, _ in servers:
                    proc.send_signal(signal.SIGTERM)
                    proc.wait(10)
            rows.append((os.path.basename(corpus.rstrip("/")) or corpus, notes, n, built,
                         percentile(local, 50), percentile(local, 99),
                         percentile(remote, 50), percentile(remote, 99), len(words)))
            shutil.rmtree(folder, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print("| corpus | notes | shards | split+index s | local p50 ms | local p99 | "
          "remote p50 ms | remote p99 | remote/local p50 | queries |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for corpus, notes, n, built, lp50, lp99, rp50, rp99, queries in rows:
        print(f"| {corpus} | {notes:,} | {n} | {built:.1f} | {lp50:.3f} | {lp99:.3f} | "
              f"{rp50:.3f} | {rp99:.3f} | {rp50 / lp50:.1f}x | {queries} |")


if __name__ == "__main__":
    main()
