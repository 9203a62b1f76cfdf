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

import common


def notes(kb):
    for path in common.note_paths(kb):
        with open(os.path.join(kb, path), encoding="utf-8", errors="replace") as f:
            yield path, f.read()


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
