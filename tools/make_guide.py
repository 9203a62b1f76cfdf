#!/usr/bin/env python3
"""Writes cli/GUIDE.md from real runs of kbsearch on fixtures/kb.

Run after tools/run.sh has built build/release; read the diff before
committing, as for any golden file.
"""
import os
import re
import shutil
import signal
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# $KBSEARCH_BIN: another build's kbsearch (build/bench's).
PROGRAM = os.environ.get("KBSEARCH_BIN",
                         os.path.join(ROOT, "build", "release", "cli", "kbsearch"))
KBSEARCH = [PROGRAM, "--kb", os.path.join(ROOT, "fixtures", "kb"), "--color", "never"]


def session(args, head=None, folder=None):
    """Runs kbsearch with `args`, from `folder` of the knowledge base when
    given (paths then print from there), else from the repository root."""
    cwd = os.path.join(KBSEARCH[2], folder) if folder else ROOT
    out = subprocess.run(KBSEARCH + args, capture_output=True, text=True, cwd=cwd)
    # Absolute paths (JSON's abs_path) name this checkout; shown from the
    # knowledge base's folder so that the guide is the same on every machine.
    text = (out.stdout + out.stderr).replace(KBSEARCH[2], "/home/you/kb")
    lines = text.rstrip("\n").split("\n")
    # Quoted as a shell needs it, so that each command can be pasted.
    shown = " ".join(a if not any(c in a for c in ' "\\()|&;<>*?$`') else f"'{a}'" for a in args)
    prompt = f"$ cd {folder} && kbsearch" if folder else "$ kbsearch"
    return f"{prompt} {shown}\n" + "\n".join(lines[:head])


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
(`kbsearch index`), and `kbsearch index PATH...` (an editor's save hook)
only looks at the notes at or below those files and folders.
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
     "`path:line:column:text` for each matching line, for a quickfix list "
     "(`-m N` keeps N lines a note), `--format` prints a template of "
     "`{placeholders}`, `--json` gives JSON Lines "
     "(schema in README.md beside this file). From a folder of the knowledge "
     "base, paths are printed from there (`--root-paths` prints them from "
     "the root), so `xargs` and an editor open them.",
     [(["--count", "注意力"],), (["--vimgrep", "径向分布函数"],),
      (["--vimgrep", "-m", "1", "径向分布函数"],),
      (["--format", "{path}\\t{title}\\t{date}", "--limit", "3", "注意力"],),
      (["orphans", "--format", "{title} ({path})"], 3),
      (["--json", "--limit", "1", "满秩"],),
      (["--files", "Newton"], None, "Obsidian库/Projects")]),
    ("Mistakes",
     "Stray punctuation is searched as words; an operator or a parenthesis "
     "left dangling is dropped with a warning; a malformed filter or a field "
     "with no value is an error that names it, with exit code 2.",
     [(["--files", "C++"],), (["--count", "(attention", "OR"],),
      (["注意力", "date:2024-13-01.."],), (["lang:fr"],), (["tag:"],)]),
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
    ("A local graph",
     "`graph NOTE` draws the notes within `--depth` links of NOTE (default 1, "
     "both ways), optionally only those with a tag (`--tag`) or under a folder "
     "(`--path`), labelled by title and coloured by top folder: DOT, JSON "
     "Lines, or `--format svg`/`png` laid out by Graphviz (`-o FILE`).",
     [(["graph", "BERT", "--tag", "LLM", "--json"], 3)]),
    ("Tagged blocks",
     "`blocks tag:X` lists the bullets, paragraphs and headings a tag covers "
     "(a bullet's tag covers its nested bullets, a heading's its section), "
     "newest note first; words after the tag must be in the block itself.",
     [(["blocks", "tag:attention"],), (["blocks", "tag:LLM", "softmax"],)]),
    ("One note",
     "`note` shows what kbsearch reads in a file: title, fields, headings with "
     "their anchors (GitHub's, then docsify's when it differs), tags, links "
     "and warnings.",
     [(["note", "项目进展记录/004_3c8a9c320538d5dc.md"], 24),
      (["note", "posts/001_55c4e469920f7bc4.md"], 20)]),
]

SHARDS_PROSE = """Several knowledge bases are searched as one index (shards), ranked as
one index over all their notes, each hit saying whose it is. `serve-index`
serves a knowledge base's index to other machines through Xapian's own
server, and `--remote` (or `[kb.NAME] remote`) searches through it; a
`[group.NAME]` with `linked = true` makes its knowledge bases one tree for the
link commands. Below, `fixtures/kb` is split into two halves, `a` and `b`
(every other note), `b` served on port 7391; a shard that stops answering
is named, and the others still answer (exit 3). cli/README.md, "Several
knowledge bases and remote shards", has the details."""


def shards_section():
    """The shards section, from real runs on two halves of fixtures/kb."""
    work = tempfile.mkdtemp(prefix="kbguide-")
    source = os.path.join(ROOT, "fixtures", "kb")
    notes = []
    for folder, dirs, names in os.walk(source):
        dirs[:] = [d for d in dirs if d != ".kbsearch"]
        notes += [os.path.relpath(os.path.join(folder, n), source) for n in names]
    notes.sort()
    markdown = [n for n in notes if n.endswith((".md", ".markdown"))]
    for path in notes:
        halves = "ab"[markdown.index(path) % 2] if path in markdown else "ab"
        for half in halves:
            target = os.path.join(work, half, path)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copy2(os.path.join(source, path), target)
    env = dict(os.environ, XDG_CONFIG_HOME=os.path.join(work, "config"))
    os.makedirs(os.path.join(work, "config", "kbsearch"))
    with open(os.path.join(work, "config", "kbsearch", "config.toml"), "w") as config:
        config.write(f'[kb.a]\npath = "{work}/a"\n[kb.b]\nremote = "127.0.0.1:7391"\n'
                     '[group.halves]\nkbs = ["a", "b"]\nlinked = true\n')
    for half in "ab":
        subprocess.run([PROGRAM, "--kb", os.path.join(work, half), "index", "--quiet"],
                       check=True, env=env)
    server = subprocess.Popen([PROGRAM, "--kb", os.path.join(work, "b"), "serve-index",
                               "--port", "7391"], stdout=subprocess.PIPE, text=True, env=env,
                              start_new_session=True)
    started = server.stdout.readline()

    def run(args, head=None):
        out = subprocess.run([PROGRAM, "--color", "never", *args], capture_output=True,
                             text=True, env=env, cwd=work)
        text = (out.stdout + out.stderr).replace(work, "/home/you")
        lines = text.rstrip("\n").split("\n")[:head]
        return "$ kbsearch " + " ".join(args) + "\n" + "\n".join(lines)

    runs = ["$ kbsearch --kb b serve-index --port 7391 &\n" +
            re.sub(r"of .* at", "of /home/you/b at", started.rstrip("\n")),
            run(["--kb", "a", "--remote", "127.0.0.1:7391", "--limit", "3", "attention"]),
            run(["--kb", "halves", "backlinks", "GPT"])]
    server.send_signal(signal.SIGTERM)
    server.wait(10)
    runs.append(run(["--kb", "halves", "--files", "attention"]))
    shutil.rmtree(work, ignore_errors=True)
    body = "\n\n".join(runs)
    return f"## Several knowledge bases and remote shards\n\n{SHARDS_PROSE}\n\n" \
           f"```console\n{body}\n```\n"


with open(os.path.join(ROOT, "cli", "GUIDE.md"), "w") as guide:
    guide.write(INTRO + "\n" + "\n".join(section(*s) for s in SECTIONS) + "\n" +
                shards_section())
