#!/usr/bin/python3
"""`kbsearch serve` under load: N concurrent clients over loopback, each
sending searches from a fixed mix back to back for D seconds, one
connection a request (as a page's fetches mostly are). Prints a Markdown
table of requests, errors and latency (p50, p99, max) per API route, and
fails (exit 1) when any request failed. Bounded: every request has a
timeout, the run its duration, the server is stopped at the end.

The peer in the same run is the same searches as whole `kbsearch --files`
processes, one client at a time: what a page would cost without a server.

Usage: bench/web_load.py [CORPUS] [--clients 50] [--seconds 10] [--words 6]"""
import argparse
import http.client
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

import common

REQUEST_TIMEOUT_S = 30


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


def start_server(kb, log):
    proc = subprocess.Popen([common.KBSEARCH, "--kb", kb, "serve", "--port", "0"],
                            stdout=subprocess.PIPE, stderr=log, stdin=subprocess.DEVNULL)
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        line = proc.stdout.readline().decode()
        if not line:
            break
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if found:
            return proc, int(found.group(1))
    proc.kill()
    raise SystemExit("kbsearch serve did not start")


def load(kb, queries, clients, seconds):
    """`kbsearch serve` on the indexed `kb` under `clients` clients for
    `seconds`, each sending the searches of `queries` and /api/tags in turn:
    ({route: [ms]}, [error], [line of the server's error log])."""
    routes = [("/api/search", {"q": q}) for q in queries] + [("/api/tags", {})]
    log = tempfile.TemporaryFile()
    proc, port = start_server(kb, log)
    results, errors = {}, []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(index):
        n = index
        while time.monotonic() < stop_at:
            route, params = routes[n % len(routes)]
            n += 1
            start = time.perf_counter()
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT_S)
                conn.request("GET", route + "?" + urllib.parse.urlencode(params))
                res = conn.getresponse()
                body = res.read()
                conn.close()
                # A failure is listed with what the server said of it.
                ok, why = res.status == 200, f"{res.status} {body[:300].decode(errors='replace')}"
            except (OSError, http.client.HTTPException) as e:
                ok, why = False, repr(e)
            ms = (time.perf_counter() - start) * 1000
            with lock:
                if ok:
                    results.setdefault(route, []).append(ms)
                else:
                    errors.append(f"{route} {params}: {why}")

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + REQUEST_TIMEOUT_S + 5)
    proc.send_signal(signal.SIGTERM)
    proc.wait(30)
    # SIGTERM stops it with 0; anything else (a crash) fails the run too.
    if proc.returncode != 0:
        errors.append(f"the server ended with {proc.returncode}, not 0")
    log.seek(0)
    return results, errors, log.read().decode(errors="replace").splitlines()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", nargs="?", default=common.DEFAULT_CORPUS)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--words", type=int, default=6)
    parser.add_argument("--seed", type=int, default=20261201)
    args = parser.parse_args()
    common.build()
    work, kb = common.indexed_copy(args.corpus)
    words = (common.sample_words(kb, args.words, args.seed, "zh") +
             common.sample_words(kb, args.words, args.seed, "en"))
    results, errors, log = load(kb, words, args.clients, args.seconds)
    processes = [common.measured([common.KBSEARCH, "--kb", kb, "--no-refresh", "search",
                                  "--files", "--", w]).wall * 1000 for w in words]
    shutil.rmtree(work, ignore_errors=True)
    print(f"# kbsearch serve under load\n\n{os.cpu_count()} cores; {args.clients} clients for "
          f"{args.seconds:.0f} s over loopback on {os.path.basename(args.corpus)}, one connection "
          f"a request; ms.\n")
    print("| route | requests | per second | p50 | p99 | max |")
    print("|---|---:|---:|---:|---:|---:|")
    everything = []
    for route, times in sorted(results.items()):
        everything += times
        print(f"| `{route}` | {len(times):,} | {len(times) / args.seconds:.0f} | "
              f"{statistics.median(times):.1f} | {percentile(times, 0.99):.1f} | {max(times):.1f} |")
    print(f"| all | {len(everything):,} | {len(everything) / args.seconds:.0f} | "
          f"{statistics.median(everything):.1f} | {percentile(everything, 0.99):.1f} | "
          f"{max(everything):.1f} |")
    print(f"| peer: `kbsearch --files` processes, one at a time | {len(processes)} | - | "
          f"{statistics.median(processes):.1f} | {percentile(processes, 0.99):.1f} | "
          f"{max(processes):.1f} |")
    print(f"\nErrors: {len(errors)}")
    for e in errors[:20]:
        print(f"- {e}")
    if log:
        print("\nThe server's error log:\n")
        for line in log[:20]:
            print(f"    {line}")
    return 1 if errors or not everything else 0


if __name__ == "__main__":
    sys.exit(main())
