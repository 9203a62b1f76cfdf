#!/usr/bin/env python3
"""Tunes kb::Ranking (BM25 k1 and b, the title and stem field scales) on a
labelled set of known-item queries, over several corpora at once.

The labelled set, bench/rank_labels.tsv ("CORPUS<TAB>QUERY<TAB>PATH"), is
made by --make-labels: every note of fixtures/kb, and 150 notes each of
zh-notes and en-vault drawn with seed 1 among the notes that known_item.py's
two samples (seeds 20241020 and 20261201) leave out, so that what is tuned
here is measured there on other notes. Each query is the note's title as
`kbsearch note` reads it, punctuation removed (as known_item.py does), and
the label is that note. Then the issue's examples, by hand: "Java 基础" and
"Docker" (zh-notes/cs-notes).

Tuning indexes each corpus once, runs bench/rank_eval with every ranking of
the grid, and prints first / top 3 / MRR@10 per corpus; the best ranking is
the one with the highest MRR@10 averaged over the corpora (each counts the
same, however many labels it has), ties broken by the lowest corpus's share
first. The defaults in kb/searcher.h come from this.

Usage: bench/tune_rank.py [--make-labels] [--kbsearch PATH]
"""
import argparse
import itertools
import os
import random
import shutil
import subprocess
import sys

import common
import known_item

LABELS = os.path.join(common.ROOT, "bench", "rank_labels.tsv")
RANK_EVAL = os.path.join(common.BENCH_BIN, "rank_eval")
CORPUS_DIR = os.path.dirname(common.DEFAULT_CORPUS)
SAMPLED = {"zh-notes": 150, "en-vault": 150}
BY_HAND = [("zh-notes", "Java 基础", "cs-notes/Java 基础.md"),
           ("zh-notes", "Docker", "cs-notes/Docker.md")]
GRID = {"k1": [0.6, 1.0, 1.4], "b": [0.3, 0.5, 0.75],
        "title": [0, 0.5, 1, 2], "stem": [0, 0.5, 1, 2]}
EVAL_SEEDS, EVAL_NOTES = (20241020, 20261201), 200


def corpus_path(name):
    return os.path.join(common.ROOT, name) if name.startswith("fixtures/") else \
        os.path.join(CORPUS_DIR, name)


def make_labels(kbsearch):
    rows = []
    for name in ["fixtures/kb", *SAMPLED]:
        work, kb = common.indexed_copy(corpus_path(name), kbsearch)
        try:
            notes = known_item.note_paths(kb)
            if name in SAMPLED:
                evaluated = set()
                for seed in EVAL_SEEDS:
                    evaluated |= set(random.Random(seed).sample(notes, min(EVAL_NOTES, len(notes))))
                rest = [n for n in notes if n not in evaluated]
                notes = sorted(random.Random(1).sample(rest, min(SAMPLED[name], len(rest))))
            for path in notes:
                query = known_item.without_punctuation(known_item.title_of(kbsearch, kb, path))
                if query:
                    rows.append((name, query, path))
        finally:
            shutil.rmtree(work)
    rows += BY_HAND
    with open(LABELS, "w", encoding="utf-8") as f:
        for row in rows:
            f.write("\t".join(row) + "\n")
    print(f"wrote {len(rows)} labels to {LABELS}")


def read_labels():
    by_corpus = {}
    with open(LABELS, encoding="utf-8") as f:
        for line in f:
            name, query, path = line.rstrip("\n").split("\t")
            by_corpus.setdefault(name, []).append(f"{query}\t{path}")
    return by_corpus


def tune(kbsearch):
    rankings = [",".join(str(v) for v in values) for values in itertools.product(*GRID.values())]
    scores = {}  # ranking -> {corpus: (first, top3, mrr)}
    for name, labels in read_labels().items():
        work, kb = common.indexed_copy(corpus_path(name), kbsearch)
        try:
            out = subprocess.run([RANK_EVAL, kb, *rankings], input="\n".join(labels) + "\n",
                                 capture_output=True, text=True, check=True)
        finally:
            shutil.rmtree(work)
        for line in out.stdout.split("\n"):
            if line:
                ranking, first, top3, mrr = line.split()
                scores.setdefault(ranking, {})[name] = (float(first), float(top3), float(mrr))
        print(f"{name}: {len(labels)} labels")
    corpora = sorted(next(iter(scores.values())))

    def key(ranking):
        per = scores[ranking]
        return (sum(per[c][2] for c in corpora) / len(corpora), min(per[c][0] for c in corpora))

    print(f"{'k1,b,title,stem':<20}" + "".join(f"{c + ' 1st/top3/MRR':>30}" for c in corpora)
          + f"{'mean MRR':>10}")
    ordered = sorted(scores, key=key, reverse=True)
    default = "1.0,0.5,1,1"
    for ranking in ordered[:15] + ([default] if default in scores else []):
        per = scores[ranking]
        cells = "".join(f"{per[c][0]:>12.3f}{per[c][1]:>8.3f}{per[c][2]:>10.3f}" for c in corpora)
        print(f"{ranking:<20}{cells}{key(ranking)[0]:>10.4f}")
    print(f"best: {ordered[0]}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--make-labels", action="store_true")
    parser.add_argument("--kbsearch", help="use this kbsearch, and build nothing")
    args = parser.parse_args()
    kbsearch = args.kbsearch
    if not kbsearch:
        common.build()
        kbsearch = common.KBSEARCH
    if args.make_labels:
        make_labels(kbsearch)
    if not os.path.exists(LABELS):
        sys.exit(f"no {LABELS}: run with --make-labels")
    tune(kbsearch)


if __name__ == "__main__":
    main()
