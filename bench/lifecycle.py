#!/usr/bin/env python3
"""The index lifecycle against Xapian omindex with CJK n-grams, in one run.

For each corpus (by default every top-level folder of ../shared/corpus, then
the whole of it as one knowledge base, "all"), on one temporary copy:
- full build: `kbsearch index` and `omindex` (XAPIAN_CJK_NGRAM=1, .md and
  .markdown as text/plain), --builds times each, alternating: wall and
  user+sys CPU seconds (median), peak RSS (the largest);
- index size over text size: the bytes of `.kbsearch/` and of omindex's
  database over the bytes of the notes kbsearch reads (*.md, *.markdown,
  no dot-files, as the crawler does);
- nothing changed, --runs times each, alternating: `kbsearch index -q`,
  omindex again, and one search with and without --no-refresh, so that
  what the refresh adds to a query shows;
- one changed file, --runs times (a different note each time): a new word
  appended to a note, then `kbsearch index -q` and omindex, each checked to
  find the word afterwards.
Prints Markdown tables and the issue's targets, each met or MISSED.

Usage: bench/lifecycle.py [--corpus DIR]... [--builds N] [--runs N] [--query Q] [--keep]
"""
import argparse
import os
import re
import shutil
import statistics
import string
import subprocess
import sys
import tempfile
import time

import common

CORPUS_ROOT = os.path.dirname(common.DEFAULT_CORPUS)
OMINDEX_ENV = dict(os.environ, XAPIAN_CJK_NGRAM="1")
# Targets of the issue: kbsearch/omindex full build on zh-notes, index size
# over text on zh-notes, peak RSS (MB) on any corpus, seconds of a refresh
# with nothing changed on the largest corpus.
BUILD_RATIO_MAX = 0.5
SIZE_RATIO_MAX = 3.0
PEAK_MB_MAX = 300
NO_OP_SECONDS_MAX = 0.2
TIMEOUT_SECONDS = 1800


def label(corpus):
    return "all" if os.path.samefile(corpus, CORPUS_ROOT) else os.path.basename(corpus)


def default_corpora():
    parts = sorted(os.path.join(CORPUS_ROOT, name) for name in os.listdir(CORPUS_ROOT)
                   if os.path.isdir(os.path.join(CORPUS_ROOT, name)) and not name.startswith("."))
    return parts + [CORPUS_ROOT]


def notes_of(kb):
    """Relative paths and total bytes of the files kbsearch reads as notes."""
    paths, total = [], 0
    for folder, dirs, files in os.walk(kb):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith(".") and name.lower().endswith((".md", ".markdown")):
                path = os.path.join(folder, name)
                paths.append(os.path.relpath(path, kb))
                total += os.path.getsize(path)
    return sorted(paths), total


def folder_bytes(folder):
    return sum(os.path.getsize(os.path.join(f, name))
               for f, _, files in os.walk(folder) for name in files)


def compacted_bytes(db, work):
    """The bytes of `db` once xapian-compact has rewritten it (both tools leave it uncompacted)."""
    out = os.path.join(work, "compacted")
    subprocess.run(["xapian-compact", db, out], check=True, stdout=subprocess.DEVNULL)
    size = folder_bytes(out)
    shutil.rmtree(out)
    return size


def checked(run, what):
    if run.returncode != 0:
        raise SystemExit(f"{what} failed with exit code {run.returncode}")
    return run


def kbsearch_index(kb, quiet=True):
    return checked(common.measured([common.KBSEARCH, "index", "--kb", kb] +
                                   (["--quiet"] if quiet else []), timeout=TIMEOUT_SECONDS),
                   f"kbsearch index {kb}")


def omindex(kb, db, overwrite=False):
    # The extensions are matched case-blind, as kbsearch does.
    return checked(common.measured(
        ["omindex", "--db", db, "--url", "/", "--empty-docs=index",
         "--mime-type", "md:text/plain", "--mime-type", "markdown:text/plain"] +
        (["--overwrite"] if overwrite else []) + [kb],
        env=OMINDEX_ENV, timeout=TIMEOUT_SECONDS), f"omindex {kb}")


def search(kb, query, refresh):
    run = common.measured([common.KBSEARCH, "--kb", kb] + ([] if refresh else ["--no-refresh"]) +
                          ["search", "--", query], timeout=TIMEOUT_SECONDS)
    if run.returncode not in (0, 1):
        raise SystemExit(f"kbsearch search {query!r} failed with exit code {run.returncode}")
    return run


def omindex_documents(db):
    out = subprocess.run(["xapian-delve", db], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"number of documents = (\d+)", out).group(1))


def omindex_has(db, word):
    out = subprocess.run(["xapian-delve", "-t", word, db], capture_output=True, text=True).stdout
    return "termfreq 1," in out


def marker(run):
    """A word found nowhere in the corpora, one per run (letters only, one token)."""
    return "kblifemark" + string.ascii_lowercase[run % 26] * (1 + run // 26)


def median(runs, field="wall"):
    return statistics.median(getattr(r, field) for r in runs)


def measure(corpus, args):
    work = tempfile.mkdtemp(prefix="kblife-")
    kb, db = os.path.join(work, "kb"), os.path.join(work, "omindex")
    try:
        common.fresh_copy(corpus, kb)
        notes, text_bytes = notes_of(kb)
        builds = {"kbsearch": [], "omindex": []}
        for b in range(args.builds):
            sides = ["kbsearch", "omindex"] if b % 2 == 0 else ["omindex", "kbsearch"]
            for side in sides:
                if side == "kbsearch":
                    shutil.rmtree(os.path.join(kb, ".kbsearch"), ignore_errors=True)
                    builds[side].append(kbsearch_index(kb, quiet=False))
                else:
                    builds[side].append(omindex(kb, db, overwrite=True))
        scanned = int(re.search(r": (\d+) notes \(", builds["kbsearch"][-1].stdout).group(1))
        sizes = {"kbsearch": folder_bytes(os.path.join(kb, ".kbsearch")),
                 "omindex": folder_bytes(db)}
        compacted = {"kbsearch": compacted_bytes(os.path.join(kb, ".kbsearch", "database"), work),
                     "omindex": compacted_bytes(db, work)}

        idle = {"kbsearch": [], "omindex": [], "no-refresh": [], "refresh": []}
        for r in range(args.runs):
            idle["kbsearch"].append(kbsearch_index(kb))
            idle["omindex"].append(omindex(kb, db))
            for refresh in (False, True) if r % 2 == 0 else (True, False):
                idle["refresh" if refresh else "no-refresh"].append(
                    search(kb, args.query, refresh))

        changed = {"kbsearch": [], "omindex": []}
        found = {"kbsearch": 0, "omindex": 0}
        for r in range(args.runs):
            # A different note each run: omindex compares whole-second mtimes.
            note = notes[(r + 1) * len(notes) // (args.runs + 1)]
            word = marker(r)
            with open(os.path.join(kb, note), "a", encoding="utf-8") as f:
                f.write(f"\n\n{word}\n")
            changed["kbsearch"].append(kbsearch_index(kb))
            changed["omindex"].append(omindex(kb, db))
            files = common.kbsearch_files(kb, word)
            found["kbsearch"] += files == [note]
            found["omindex"] += omindex_has(db, word)
        return {"name": label(corpus), "notes": scanned, "files": len(notes),
                "omindex docs": omindex_documents(db), "text": text_bytes,
                "builds": builds, "sizes": sizes, "compacted": compacted, "idle": idle,
                "changed": changed, "found": found}
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def print_tables(results, args):
    print(f"full build: median of {args.builds}, alternating; peak RSS: the largest; "
          f"MB = 10^6 bytes\n")
    print("| corpus | notes | omindex docs | text MB | kbsearch s | CPU s | peak MB | size/text "
          "| compacted | omindex s | CPU s | peak MB | size/text | compacted "
          "| kbsearch/omindex wall | CPU |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for res in results:
        cells = [res["name"], res["notes"], res["omindex docs"], f"{res['text'] / 1e6:.1f}"]
        for side in ("kbsearch", "omindex"):
            runs = res["builds"][side]
            cells += [f"{median(runs):.2f}", f"{median(runs, 'cpu'):.2f}",
                      f"{max(r.peak_mb for r in runs):.0f}",
                      f"{res['sizes'][side] / res['text']:.2f}",
                      f"{res['compacted'][side] / res['text']:.2f}"]
        cells += [f"{build_ratio(res):.2f}", f"{build_ratio(res, 'cpu'):.2f}"]
        print("| " + " | ".join(str(c) for c in cells) + " |")

    print(f"\nnothing changed and one changed file: median of {args.runs}, wall s (CPU s); "
          f"query: `kbsearch search -- {args.query}`, wall ms\n")
    print("| corpus | no-op kbsearch | no-op omindex | query --no-refresh | query "
          "| refresh in a query | 1 changed kbsearch | 1 changed omindex "
          "| word found kbsearch / omindex |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for res in results:
        idle, changed = res["idle"], res["changed"]
        plain, refreshed = median(idle["no-refresh"]), median(idle["refresh"])
        cells = [res["name"], wall_and_cpu(idle["kbsearch"]), wall_and_cpu(idle["omindex"]),
                 f"{plain * 1000:.0f}", f"{refreshed * 1000:.0f}",
                 f"{(refreshed - plain) * 1000:.0f}", wall_and_cpu(changed["kbsearch"]),
                 wall_and_cpu(changed["omindex"]),
                 f"{res['found']['kbsearch']}/{args.runs} / {res['found']['omindex']}/{args.runs}"]
        print("| " + " | ".join(cells) + " |")


def wall_and_cpu(runs):
    return f"{median(runs):.3f} ({median(runs, 'cpu'):.3f})"


def build_ratio(res, field="wall"):
    return median(res["builds"]["kbsearch"], field) / median(res["builds"]["omindex"], field)


def targets(results, args):
    """(met, description) for each target the measured corpora can check."""
    checks = []
    by_name = {res["name"]: res for res in results}
    zh = by_name.get("zh-notes")
    if zh:
        ratio = build_ratio(zh)
        checks.append((ratio <= BUILD_RATIO_MAX,
                       f"zh-notes full build {ratio:.3f}x omindex's wall time, "
                       f"{build_ratio(zh, 'cpu'):.3f}x its CPU (target <= {BUILD_RATIO_MAX}x)"))
        size = zh["sizes"]["kbsearch"] / zh["text"]
        checks.append((size <= SIZE_RATIO_MAX,
                       f"zh-notes index {size:.2f}x the text (target <= {SIZE_RATIO_MAX}x)"))
    for res in results:
        peak = max(r.peak_mb for r in res["builds"]["kbsearch"])
        checks.append((peak <= PEAK_MB_MAX,
                       f"{res['name']} peak RSS {peak:.0f} MB (target <= {PEAK_MB_MAX} MB)"))
        for side in ("kbsearch", "omindex"):
            if res["found"][side] != args.runs:
                checks.append((False, f"{res['name']}: {side} found the changed note's new word "
                                      f"in {res['found'][side]} of {args.runs} runs"))
    largest = max(results, key=lambda res: res["notes"])
    no_op = median(largest["idle"]["kbsearch"])
    checks.append((no_op <= NO_OP_SECONDS_MAX,
                   f"{largest['name']} ({largest['notes']} notes) no-op refresh {no_op:.3f} s, "
                   f"{median(largest['idle']['kbsearch'], 'cpu'):.3f} s CPU "
                   f"(target <= {NO_OP_SECONDS_MAX} s)"))
    return checks


def omindex_version():
    return subprocess.run(["omindex", "--version"], capture_output=True,
                          text=True).stdout.split()[-1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", action="append",
                        help="a corpus folder (repeatable; default: each part of "
                             "../shared/corpus, then all of it)")
    parser.add_argument("--builds", type=int, default=3, help="full builds per tool")
    parser.add_argument("--runs", type=int, default=5,
                        help="no-op and one-changed-file runs per tool")
    parser.add_argument("--query", default="data", help="the query timed with and without refresh")
    parser.add_argument("--keep", action="store_true", help="keep the temporary copies")
    args = parser.parse_args()
    if args.builds < 1 or args.runs < 1:
        parser.error("--builds and --runs must be at least 1")

    common.build()
    corpora = args.corpus or default_corpora()
    results = []
    for corpus in corpora:
        start = time.perf_counter()
        results.append(measure(corpus, args))
        res = results[-1]
        print(f"measured {res['name']} in {time.perf_counter() - start:.0f} s", file=sys.stderr)
        if res["files"] != res["notes"]:
            print(f"note: {res['name']}: {res['files']} note files on disk, "
                  f"kbsearch indexed {res['notes']}")
    rev = subprocess.run(["git", "-C", common.ROOT, "describe", "--always", "--dirty"],
                         capture_output=True, text=True).stdout.strip()
    print(f"kbsearch {rev}; omindex {omindex_version()} with XAPIAN_CJK_NGRAM=1\n")
    print_tables(results, args)
    print()
    for met, text in targets(results, args):
        print(("met:    " if met else "MISSED: ") + text)


if __name__ == "__main__":
    main()
