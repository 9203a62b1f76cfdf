#!/usr/bin/python3
"""Loads the notes of a knowledge base into a new SQLite FTS5 table, as a
peer for bench/compare.py (run as its own process, so that its time and
memory are measured as the other tools' are).

Usage: bench/fts5_index.py DB TOKENIZER KB
TOKENIZER is unicode61 or trigram. The notes are the files kbsearch reads
(*.md and *.markdown, no dot-files or dot-folders), read as UTF-8 with
bad bytes replaced, in one transaction.
"""
import os
import sqlite3
import sys


def notes(kb):
    for folder, dirs, files in os.walk(kb):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith((".md", ".markdown")):
                path = os.path.join(folder, name)
                with open(path, encoding="utf-8", errors="replace") as f:
                    yield os.path.relpath(path, kb), f.read()


def main():
    db, tokenizer, kb = sys.argv[1:4]
    connection = sqlite3.connect(db)
    connection.execute(f"CREATE VIRTUAL TABLE notes USING fts5(path UNINDEXED, body, "
                       f"tokenize='{tokenizer}')")
    with connection:
        connection.executemany("INSERT INTO notes(path, body) VALUES (?, ?)", notes(kb))
    connection.close()


if __name__ == "__main__":
    main()
