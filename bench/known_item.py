#!/usr/bin/env python3
"""Known-item search: can a note be found by its title?

Samples notes of a corpus with a fixed seed; for each, searches for its
title (as `kbsearch note` reads it) with punctuation removed, and records
the note's rank. Targets (the search issue): in the top 3 for at least 90%
of the notes, first for at least 75%.

Usage: bench/known_item.py [CORPUS] [--notes N] [--seed N]
"""
import argparse
import json
import os
import random
import shutil
import subprocess
import unicodedata

import common


def without_punctuation(title):
    # Punctuation and symbols become spaces; the words are lowered so that a
    # title word like "OR" is not taken for an operator.
    kept = "".join(" " if unicodedata.category(c)[0] in "PS" else c for c in title)
    return " ".join(kept.lower().split())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", default=common.DEFAULT_CORPUS)
    parser.add_argument("--notes", type=int, default=200)
    parser.add_argument("--seed", type=int, default=20241020)
    args = parser.parse_args()

    common.build()
    work, kb = common.indexed_copy(args.corpus)
    try:
        notes = sorted(
            os.path.relpath(os.path.join(d, f), kb)
            for d, _, files in os.walk(kb) if "/." not in d + "/"
            for f in files if f.endswith((".md", ".markdown")))
        sample = random.Random(args.seed).sample(notes, min(args.notes, len(notes)))
        first = top3 = 0
        misses = []
        for path in sample:
            out = subprocess.run([common.KBSEARCH, "--kb", kb, "note", "--json", path],
                                 capture_output=True, text=True, check=True)
            title = json.loads(out.stdout)["data"]["title"]
            query = without_punctuation(title)
            if not query:
                misses.append((path, title, "no words"))
                continue
            ranked = common.kbsearch_files(kb, query, limit=3)
            if ranked[:1] == [path]:
                first += 1
            if path in ranked:
                top3 += 1
            else:
                misses.append((path, title, ranked[:1]))
        n = len(sample)
        print(f"{n} notes sampled with seed {args.seed} from {args.corpus}")
        print(f"first: {first}/{n} = {first / n:.3f} (target 0.75)")
        print(f"top 3: {top3}/{n} = {top3 / n:.3f} (target 0.90)")
        for path, title, got in misses[:15]:
            print(f"  not in top 3: {path}  title {title!r}  first was {got}")
        print("PASS" if first / n >= 0.75 and top3 / n >= 0.90 else "FAIL")
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
