#!/usr/bin/env python3
"""Known-item search: is a note found by its title?

For each corpus and each seed, samples notes (a fixed seed each: the
samples are independent), searches for each note's title (as `kbsearch
note` reads it) with punctuation removed, and records the note's rank in
the first 10 hits. A note collapsed into a hit as its duplicate (same text)
counts at that hit's rank: it is what the user sees. Reports the share
ranked first, in the top 3, and the mean reciprocal rank over the first 10
(MRR@10). Targets (issue 10): first >= 0.90 and top 3 >= 0.97 on every
sample.

Usage: bench/known_item.py [CORPUS...] [--notes 200] [--seeds 20241020 20261201]
                           [--kbsearch PATH] [--misses N]
With --kbsearch, that binary is measured (for instance an older build) and
nothing is built.
"""
import argparse
import json
import os
import random
import shutil
import subprocess
import unicodedata

import common

CORPORA = [os.path.join(os.path.dirname(common.DEFAULT_CORPUS), name)
           for name in ("zh-notes", "en-vault")]
FIRST_TARGET, TOP3_TARGET = 0.90, 0.97


def without_punctuation(title):
    # Punctuation and symbols become spaces; the words are lowered so that a
    # title word like "OR" is not taken for an operator.
    kept = "".join(" " if unicodedata.category(c)[0] in "PS" else c for c in title)
    return " ".join(kept.lower().split())


def note_paths(kb):
    return sorted(
        os.path.relpath(os.path.join(d, f), kb)
        for d, _, files in os.walk(kb) if "/." not in d + "/"
        for f in files if f.endswith((".md", ".markdown")))


def title_of(kbsearch, kb, path):
    out = subprocess.run([kbsearch, "--kb", kb, "--no-refresh", "note", "--json", path],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.split("\n")[0])["data"]["title"]


def ranked_groups(kbsearch, kb, query, limit=10):
    """The first `limit` hits, each as the set of its path and its duplicates."""
    out = subprocess.run([kbsearch, "--kb", kb, "--no-refresh", "search", "--json",
                          "--limit", str(limit), "--", query], capture_output=True, text=True)
    if out.returncode not in (0, 1):
        raise SystemExit(f"kbsearch failed on {query!r}: {out.stderr.strip()}")
    groups = []
    for line in out.stdout.split("\n"):
        if not line:
            continue
        item = json.loads(line)
        if item["type"] == "hit":
            groups.append({item["data"]["path"], *item["data"].get("duplicates", [])})
    return groups


def rank_of(path, groups):
    for rank, group in enumerate(groups, 1):
        if path in group:
            return rank
    return None


def measure(kbsearch, kb, notes, seed, count, show_misses):
    sample = random.Random(seed).sample(notes, min(count, len(notes)))
    first = top3 = 0
    reciprocal = 0.0
    misses = []
    for path in sample:
        title = title_of(kbsearch, kb, path)
        query = without_punctuation(title)
        groups = ranked_groups(kbsearch, kb, query) if query else []
        rank = rank_of(path, groups)
        first += rank == 1
        top3 += rank is not None and rank <= 3
        reciprocal += 1 / rank if rank else 0
        if rank is None or rank > 3:
            top = sorted(groups[0]) if groups else []
            misses.append((path, title, rank, top[:2]))
    n = len(sample)
    print(f"  seed {seed}: {n} notes: first {first / n:.3f}, top 3 {top3 / n:.3f}, "
          f"MRR@10 {reciprocal / n:.3f}")
    for path, title, rank, top in misses[:show_misses]:
        print(f"    rank {rank or '>10'}: {path}  title {title!r}  first {top}")
    return first / n >= FIRST_TARGET and top3 / n >= TOP3_TARGET


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("corpora", nargs="*", default=CORPORA)
    parser.add_argument("--notes", type=int, default=200)
    parser.add_argument("--seeds", type=int, nargs="+", default=[20241020, 20261201])
    parser.add_argument("--kbsearch", help="measure this binary instead of building one")
    parser.add_argument("--misses", type=int, default=10, help="misses to list per sample")
    args = parser.parse_args()

    kbsearch = args.kbsearch
    if not kbsearch:
        common.build()
        kbsearch = common.KBSEARCH
    ok = True
    for corpus in args.corpora:
        work, kb = common.indexed_copy(corpus, kbsearch)
        try:
            print(f"{corpus} (targets: first {FIRST_TARGET}, top 3 {TOP3_TARGET})")
            notes = note_paths(kb)
            for seed in args.seeds:
                ok = measure(kbsearch, kb, notes, seed, args.notes, args.misses) and ok
        finally:
            shutil.rmtree(work)
    print("PASS" if ok else "FAIL")


if __name__ == "__main__":
    main()
