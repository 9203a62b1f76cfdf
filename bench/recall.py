#!/usr/bin/env python3
"""Recall and precision of kbsearch against ripgrep, the ground truth.

Samples Chinese words of 2-4 characters and English words (bench/sample_words,
fixed seed) from a corpus, and for each compares the notes kbsearch returns
with the files `rg -l -F WORD` finds (Chinese) or `rg -l -i -w WORD` finds
(English). Targets (the search issue): every rg file is returned (100%
recall); for Chinese at most 1% of the returned files are ones rg does not
find; for English, stemming may add files (attention ~ attentions).

Usage: bench/recall.py [CORPUS] [--words N] [--seed N]
"""
import argparse
import os
import shutil
import subprocess

import common


def rg_files(kb, word, chinese):
    flags = ["-l", "-F"] if chinese else ["-l", "-i", "-w", "-F"]
    out = subprocess.run(["rg", *flags, "-g", "*.md", "-g", "*.markdown", "--", word, kb],
                         capture_output=True, text=True)
    return {os.path.relpath(p, kb) for p in out.stdout.split("\n") if p}


def main():
    parser = argparse.ArgumentParser()
    common.word_sample_arguments(parser)
    args = parser.parse_args()

    common.build()
    work, kb = common.indexed_copy(args.corpus)
    try:
        ok = True
        for language in ("zh", "en"):
            words = common.sample_words(kb, args.words, args.seed, language)
            print(f"\n{language}: {len(words)} words sampled with seed {args.seed}")
            print(f"{'word':<16}{'rg':>6}{'kbsearch':>10}{'missed':>8}{'extra':>7}")
            total_rg = total_kb = total_missed = total_extra = 0
            for word in words:
                truth = rg_files(kb, word, language == "zh")
                got = set(common.kbsearch_files(kb, word))
                missed, extra = truth - got, got - truth
                total_rg += len(truth)
                total_kb += len(got)
                total_missed += len(missed)
                total_extra += len(extra)
                print(f"{word:<16}{len(truth):>6}{len(got):>10}{len(missed):>8}{len(extra):>7}")
                for path in sorted(missed)[:3]:
                    print(f"    missed: {path}")
            recall = 1 - total_missed / total_rg if total_rg else 1.0
            extra_share = total_extra / total_kb if total_kb else 0.0
            print(f"{'total':<16}{total_rg:>6}{total_kb:>10}{total_missed:>8}{total_extra:>7}")
            print(f"recall {recall:.4f}, extra share of returned {extra_share:.4f}")
            ok = ok and total_missed == 0 and (language == "en" or extra_share <= 0.01)
        print("\nPASS" if ok else "\nFAIL")
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
