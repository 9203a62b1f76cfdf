#!/usr/bin/env python3
"""Hostile notes never stop the run: each case of issue #9's probe, as one
file added to a copy of fixtures/kb. For each, `kbsearch index`
- finishes (exit 0) within a bounded time,
- names the hostile note in a warning when it lost anything (YAML cut
  short, bytes replaced, not a note); the link-dense notes lose nothing
  (each link keeps a bounded context) and are indexed whole, silently,
- takes at most 500 MB of peak memory more than indexing the fixtures
  alone (the probe found 2.9 GB for one case; a Release build takes 250 MB
  for the worst case here, 100,000 links in one paragraph),
and afterwards every fixture note is still found by a word of its own
title, and a query that matches the hostile note answers (exit 0 or 1,
never 3: no note without its record).

Usage: hostile_notes.py KBSEARCH FIXTURES_DIR."""

import os
import subprocess
import tempfile
import time
from pathlib import Path

import kbrun
from kbrun import check

PEAK_RSS_MAX_MB = 500
RUN_TIMEOUT_S = 60  # the bound is 30 s for a Release build; ASan is slower


def billion_laughs(levels=9):
    """YAML whose aliases expand ninefold per level, with empty lists as
    leaves (the probe's 327-byte note that took 36 s)."""
    lines = ["---", "a0: &a0 [[], [], [], [], [], [], [], [], []]"]
    for level in range(1, levels + 1):
        alias = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([alias] * 9)}]")
    lines += ["---", "billion laughs body"]
    return ("\n".join(lines) + "\n").encode()


def cases():
    """(file name, bytes, a word the note holds or None, whether a warning
    names it)."""
    long_line = " ".join(f"[l{i}](target{i}.md)" for i in range(10_000))
    paragraph = "\n".join(f"[p{i}](n{i}.md) text" for i in range(100_000))
    return [
        ("self-alias.md", b"---\nx: &x [*x]\n---\nselfalias body\n", "selfalias", True),
        ("laughs.md", billion_laughs(), "laughs", True),
        ("dense-line.md", ("densely " + long_line + "\n").encode(), "densely", False),
        ("dense-paragraph.md", ("paragraphic\n" + paragraph + "\n").encode(), "paragraphic",
         False),
        ("binary.md", b"zebra" + b"\0" * 4000 + b"\x01\x02", None, True),
        ("invalid-utf8.md", b"# broken \xff\xfe bytes\n\nbrokenutf words\n", "brokenutf", True),
        ("nested.md", ("> " * 20_000 + "deepquote\n").encode(), "deepquote", False),
        ("front-matter.md", b"---\ntitle: [unclosed\ntags: {a: \n---\nbadyaml body\n", "badyaml",
         True),
    ]


def measured_environment():
    """kbrun's environment, with AddressSanitizer (the suite's build) told to
    give freed memory back at once, as a Release build does, instead of
    keeping up to 256 MB of it in quarantine: the peak is then the
    program's, not the sanitizer's."""
    env = kbrun.environment()
    env["ASAN_OPTIONS"] = ":".join(filter(None, [env.get("ASAN_OPTIONS", ""),
                                                 "quarantine_size_mb=0"]))
    return env


def index_measured(binary, kb):
    """Runs `kbsearch index` and returns (exit, stderr, peak RSS in MB)."""
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([binary, "--kb", str(kb), "index"], env=measured_environment(),
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err)
        deadline = time.monotonic() + RUN_TIMEOUT_S
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid != 0:
                break
            if time.monotonic() > deadline:
                proc.kill()
                proc.wait()
                raise kbrun.TestFailure(f"index did not finish in {RUN_TIMEOUT_S} s")
            time.sleep(0.05)
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        return proc.returncode, err.read().decode("utf-8", "replace"), usage.ru_maxrss / 1024


def fixture_titles(fixtures):
    """(path, first word of the title line) of the fixture notes that have one."""
    found = []
    for path in sorted((fixtures / "kb").rglob("*.md")):
        rel = path.relative_to(fixtures / "kb")
        if any(part.startswith(".") for part in rel.parts):
            continue
        for line in path.read_text("utf-8", "replace").splitlines():
            if line.startswith("# ") and line[2:].split():
                found.append((str(rel), line[2:].split()[0]))
                break
    return found


def test(binary, fixtures):
    titles = fixture_titles(fixtures)
    check(len(titles) >= 5, f"too few fixture titles: {titles}")
    with tempfile.TemporaryDirectory() as tmp:
        kbrun.copy_kb(fixtures / "kb", Path(tmp) / "kb")
        code, err, baseline = index_measured(binary, Path(tmp) / "kb")
        check(code == 0, f"the fixtures alone: index exited {code}\n{err[:2000]}")
    print(f"the fixtures alone: peak {baseline:.0f} MB")
    for name, content, word, warns in cases():
        with tempfile.TemporaryDirectory() as tmp:
            kb = Path(tmp) / "kb"
            kbrun.copy_kb(fixtures / "kb", kb)
            (kb / name).write_bytes(content)
            code, err, peak = index_measured(binary, kb)
            check(code == 0, f"{name}: index exited {code}\n{err[:2000]}")
            if warns:
                check(name in err, f"{name}: no warning names it\n{err[:2000]}")
            check(peak - baseline < PEAK_RSS_MAX_MB,
                  f"{name}: peak RSS {peak:.0f} MB, {baseline:.0f} MB without it")
            for path, title_word in titles:
                run = kbrun.kbsearch(binary, ["--kb", str(kb), "--no-refresh", "-l", "--limit",
                                              "1000", title_word])
                check(run.code == 0 and path in run.out.split("\n"),
                      f"{name}: {path} not found by '{title_word}' after it\n{run}")
            if word is not None:
                run = kbrun.kbsearch(binary, ["--kb", str(kb), "--no-refresh", "-l", word])
                check(run.code in (0, 1), f"{name}: a query for '{word}' failed\n{run}")
            print(f"{name}: peak {peak:.0f} MB")


if __name__ == "__main__":
    kbrun.main(test, "hostile notes are named in a warning and stop nothing")
