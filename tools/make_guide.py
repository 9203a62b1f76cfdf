#!/usr/bin/env python3
"""Writes cli/GUIDE.md from real runs of kbsearch on fixtures/kb.

Run after tools/run.sh has built build/release; read the diff before
committing, as for any golden file.
"""
import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KBSEARCH = [os.path.join(ROOT, "build", "release", "cli", "kbsearch"),
            "--kb", os.path.join(ROOT, "fixtures", "kb"), "--color", "never"]


def session(args, head=None):
    out = subprocess.run(KBSEARCH + args, capture_output=True, text=True, cwd=ROOT)
    lines = (out.stdout + out.stderr).rstrip("\n").split("\n")
    shown = " ".join(a if " " not in a and '"' not in a else f"'{a}'" for a in args)
    return f"$ kbsearch {shown}\n" + "\n".join(lines[:head])


def section(title, prose, runs):
    body = "\n\n".join(session(*run) for run in runs)
    return f"## {title}\n\n{prose}\n\n```console\n{body}\n```\n"


INTRO = """# kbsearch guide

A tour of kbsearch by example. Every session below ran on `fixtures/kb`, the
sample knowledge base in this repository (`tools/run.sh` uses it by default;
the sessions name it with `--kb`, left out of the commands shown). Highlights,
coloured on a terminal, appear between 【 and 】. `tools/make_guide.py`
writes this file from real runs.

First build the index; later runs only read the notes that changed
(`kbsearch index`).
"""

SECTIONS = [
    ("Words and Chinese substrings",
     "Every word must match. Chinese is matched as a substring, so 注意力 finds "
     "多头注意力 and 注意力不集中 alike; English words match their other forms.",
     [(["--limit", "3", "注意力"],), (["--limit", "2", "attention", "softmax"],)]),
    ("Phrases, OR, NOT",
     "Quotes make a phrase (Chinese too). `OR` widens; `NOT` or a leading `-` "
     "excludes.",
     [(['"多头注意力"'],), (["--files", "attention", "-softmax"],),
      (["--files", "DeepMD", "OR", "SchNet"],)]),
    ("Fields: title, heading, path, tag",
     "`title:` and `heading:` search one field; `path:` keeps a folder; `tag:` "
     "keeps a tag and every tag below it.",
     [(["title:Transformer"],), (["heading:损失函数"],),
      (["--files", "path:大模型LM/文献精读", "注意力"],), (["--files", "tag:项目"],)]),
    ("Dates and languages",
     "`date:` takes a day, a month or a year, or a range of them with `..` "
     "(either end may be left out). It uses the front-matter date, else the "
     "day the file name gives (`2024-10-21.md`, Jekyll's "
     "`2023-05-06-title.md`), else the file's modification day. `lang:zh` "
     "and `lang:en` keep notes mostly in Chinese or in English. "
     "`fm.KEY:VALUE` keeps notes whose front matter has KEY (in any case) "
     "with VALUE, or VALUE among its items: `fm.status:draft`, "
     "`fm.status:\"in progress\"`.",
     [(["--files", "date:2024-10"],),
      (["--files", "--sort", "date", "date:2024-04..2024-10", "attention"],),
      (["softmax", "lang:en"],),
      (["--files", "fm.math:false"],)]),
    ("Output for scripts and editors",
     "`--files` (or `-0`) lists paths, `--count` counts, `--vimgrep` gives "
     "`path:line:column:text` for a quickfix list, `--json` gives JSON Lines "
     "(schema in README.md beside this file).",
     [(["--count", "注意力"],), (["--vimgrep", "径向分布函数"],),
      (["--json", "--limit", "1", "满秩"],)]),
    ("Mistakes",
     "Stray punctuation is searched as words; a malformed filter is an error "
     "that names it, with exit code 2.",
     [(["--files", "C++"],), (["注意力", "date:2024-13-01.."],), (["lang:fr"],)]),
    ("Links between notes",
     "`backlinks` lists every line that links to a note (by path, stem, title "
     "or alias; Markdown, wikilink or Hexo link); `links` resolves a note's own "
     "links; `broken` and `orphans` check the whole knowledge base; `tags` "
     "counts notes per tag; `mentions` finds unlinked mentions; `related` "
     "says why each note is related. "
     "`linkto:` and `linkedby:` filter searches.",
     [(["backlinks", "Transformer"],), (["broken"],), (["orphans"], 5),
      (["tags", "--tree", "项目"],), (["mentions", "DeepMD"], 3),
      (["related", "-n", "3", "BERT"],),
      (["--files", "注意力", "linkto:Transformer"],)]),
    ("One note",
     "`note` shows what kbsearch reads in a file: title, fields, headings with "
     "their anchors (GitHub's, then docsify's when it differs), tags, links "
     "and warnings.",
     [(["note", "项目进展记录/004_3c8a9c320538d5dc.md"], 24),
      (["note", "posts/001_55c4e469920f7bc4.md"], 20)]),
]

with open(os.path.join(ROOT, "cli", "GUIDE.md"), "w") as guide:
    guide.write(INTRO + "\n" + "\n".join(section(*s) for s in SECTIONS))
