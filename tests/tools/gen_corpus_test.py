#!/usr/bin/env python3
"""Tests of tools/gen_corpus, the synthetic knowledge base of the benchmarks.

The corpus must be the same bytes for the same notes and seed, and what its
MANIFEST.json says it holds must be what kbsearch finds in it: the notes of
each marker word (Chinese and English), the notes under each tag (nested
ones too, as tag: finds them) and its broken links. So the manifest can
stand in for the corpus's meaning in a benchmark.

Usage: gen_corpus_test.py REPO_ROOT KBSEARCH"""
import hashlib
import json
import os
import subprocess
import sys
import tempfile

NOTES = 240


def tree_digest(folder):
    digest = hashlib.sha256()
    for dirpath, dirnames, names in os.walk(folder):
        dirnames.sort()
        for name in sorted(names):
            path = os.path.join(dirpath, name)
            digest.update(os.path.relpath(path, folder).encode())
            with open(path, "rb") as f:
                digest.update(f.read())
    return digest.hexdigest()


def generate(root, out, seed, notes=NOTES):
    return subprocess.run([sys.executable, os.path.join(root, "tools", "gen_corpus"), out,
                           "--notes", str(notes), "--seed", str(seed)],
                          capture_output=True, text=True, timeout=300)


def count(kbsearch, kb, query):
    run = subprocess.run([kbsearch, "--kb", kb, "--no-refresh", "search", "-c", "--no-collapse",
                          query], capture_output=True, text=True, timeout=60)
    if run.returncode not in (0, 1):
        raise AssertionError(f"kbsearch -c {query}: exit {run.returncode}: {run.stderr}")
    return int(run.stdout.strip() or 0)


def main():
    root, kbsearch = sys.argv[1], sys.argv[2]
    failures = []

    def check(ok, what):
        if not ok:
            failures.append(what)

    with tempfile.TemporaryDirectory() as tmp:
        a, b, c = (os.path.join(tmp, name) for name in ("a", "b", "c"))
        for out, seed in ((a, 7), (b, 7), (c, 8)):
            made = generate(root, out, seed)
            if made.returncode != 0:
                print(f"gen_corpus {out}: exit {made.returncode}: {made.stderr}")
                return 1
        check(tree_digest(a) == tree_digest(b), "the same seed wrote different corpora")
        check(tree_digest(a) != tree_digest(c), "another seed wrote the same corpus")
        again = generate(root, a, 7)
        check(again.returncode == 2 and "not empty" in again.stderr,
              f"a second run into a full folder: exit {again.returncode}, {again.stderr!r}")

        with open(os.path.join(a, "MANIFEST.json"), encoding="utf-8") as f:
            manifest = json.load(f)
        notes = sum(len([n for n in names if n.endswith(".md")]) for _, _, names in os.walk(a))
        check(notes == manifest["notes"] == NOTES, f"{notes} notes written, manifest says "
                                                    f"{manifest['notes']}, asked {NOTES}")
        indexed = subprocess.run([kbsearch, "--kb", a, "index"], capture_output=True, text=True,
                                 timeout=300)
        check(indexed.returncode == 0, f"kbsearch index: {indexed.stderr}")
        check(any("标" in m for m in manifest["markers"]) and any(m.isascii() for m in manifest["markers"]),
              "the markers are not both Chinese and English")
        for marker, holders in manifest["markers"].items():
            found = count(kbsearch, a, marker)
            check(found == holders, f"{marker}: kbsearch finds {found} notes, manifest {holders}")
        nested = [t for t in manifest["tags"] if "/" in t]
        check(len(nested) >= 5, f"only {len(nested)} nested tags")
        for tag, holders in manifest["tags"].items():
            found = count(kbsearch, a, "tag:" + tag)
            check(found == holders, f"tag:{tag}: kbsearch finds {found} notes, manifest {holders}")
        broken = subprocess.run([kbsearch, "--kb", a, "--no-refresh", "broken", "--json"],
                                capture_output=True, text=True, timeout=60).stdout.splitlines()
        links = [line for line in broken if json.loads(line)["type"] == "link"]
        check(len(links) == manifest["links"]["broken"] > 0,
              f"kbsearch broken lists {len(links)} links, manifest {manifest['links']['broken']}")

    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
