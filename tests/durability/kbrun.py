"""Shared by the durability tests: running the built kbsearch, generating a
knowledge base, and taking a snapshot of what the query commands answer, so
that two indexes of the same files can be compared.

Every run of the program has a timeout; a test fails with a message that
says what to rerun (its seed) rather than hanging."""

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# One run of kbsearch never takes longer than this, even under ASan.
RUN_TIMEOUT_S = 120


class TestFailure(Exception):
    """A check failed; the message says what was expected."""


def check(condition, message):
    if not condition:
        raise TestFailure(message)


def environment():
    """The environment kbsearch runs in: as CI has it, no KB from outside."""
    env = {k: v for k, v in os.environ.items() if k not in ("KBSEARCH_KB", "NO_COLOR")}
    env["LANG"] = ""
    env["LC_ALL"] = ""
    return env


class Run:
    def __init__(self, args, code, out, err):
        self.args, self.code, self.out, self.err = args, code, out, err

    def __str__(self):
        return f"kbsearch {' '.join(self.args)} -> exit {self.code}\nstdout: {self.out[:2000]}\nstderr: {self.err[:2000]}"


def kbsearch(binary, args, timeout=RUN_TIMEOUT_S):
    """Runs `binary` with `args` and returns its Run."""
    proc = subprocess.run([binary, *args], env=environment(), stdin=subprocess.DEVNULL,
                          capture_output=True, timeout=timeout)
    return Run(args, proc.returncode, proc.stdout.decode("utf-8", "replace"),
               proc.stderr.decode("utf-8", "replace"))


def start_kbsearch(binary, args):
    """Starts `binary` with `args` in the background; output goes to files
    returned with the process (read them after wait())."""
    out = tempfile.TemporaryFile()
    err = tempfile.TemporaryFile()
    proc = subprocess.Popen([binary, *args], env=environment(), stdin=subprocess.DEVNULL,
                            stdout=out, stderr=err)
    return proc, out, err


def read_back(file):
    file.seek(0)
    return file.read().decode("utf-8", "replace")


def copy_kb(source, target):
    """Copies the notes of `source` to `target` (a new folder), without its
    index, keeping modification times (a note's date may come from them)."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".kbsearch"), symlinks=True)


def write_locked(kb):
    """True while some process holds a write lock of the index of `kb`:
    a lock the kernel lists in /proc/locks (released when its process
    dies, however it dies) on a lock file of the index folder: Xapian's
    `flintlock` in a database folder, or a writers' lock file `lock`. Reads
    the kernel's table only, so the probe never takes a lock itself."""
    folder = Path(kb, ".kbsearch")
    files = [folder / "lock"] + sorted(folder.glob("xapian*/flintlock"))
    ids = set()
    for file in files:
        try:
            st = file.stat()
        except FileNotFoundError:
            continue
        ids.add(f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}")
    if not ids:
        return False
    # "1: OFDLCK ADVISORY WRITE -1 fe:00:10969906 0 EOF"; blocked waiters
    # ("1: -> FLOCK ...") hold nothing.
    for line in Path("/proc/locks").read_text().splitlines():
        fields = line.split()
        if len(fields) > 5 and fields[1] != "->" and fields[5] in ids:
            return True
    return False


def note_paths(root):
    """Paths of the notes under `root`, relative, '/'-separated, sorted: what
    the crawler counts as notes (hidden folders skipped)."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if name.endswith((".md", ".markdown")) and not name.startswith("."):
                found.append(Path(folder, name).relative_to(root).as_posix())
    return sorted(found)


# Words a generated note is made of. The made-up ones ("zorblax") occur in
# no fixture note, so a search for one finds exactly the notes given it.
ENGLISH = ("attention softmax transformer gradient entropy kernel tensor molecule lattice "
           "diffusion encoder decoder sampling vector matrix energy force protein "
           "zorblax quintor vexlam drumple frintz glomber").split()
CHINESE = ("注意力 模型 分子 动力学 势能 训练 数据 实验 总结 计划 论文 梯度 "
           "晶格 扩散 采样 向量 矩阵 能量 蛋白质 珑琊 翡翠湾").split()
TAGS = ("LLM 注意力 实验/消融 项目/分子动力学 paper reading 日记 zorbtag 珑琊标签").split()
FOLDERS = ("", "notes", "notes/深度学习", "周报", "papers/md", "日记/2024")


def sentence(rng, words=10):
    """A line of mixed Chinese and English words."""
    parts = []
    for _ in range(words):
        pool = CHINESE if rng.random() < 0.5 else ENGLISH
        parts.append(rng.choice(pool))
    return " ".join(parts) + "。"


def note_text(rng, title, link_targets, paragraphs=3, words=(5, 14), front_matter=0.6):
    """A Markdown note: front matter with tags (sometimes), a title, and
    paragraphs with inline tags and links to `link_targets` (note paths
    relative to the root, linked by wikilink stem or relative path)."""
    lines = []
    if rng.random() < front_matter:
        tags = rng.sample(TAGS, 2)
        lines += ["---", f"title: {title}", f"tags: [{', '.join(tags)}]", "---", ""]
    lines += [f"# {title}", ""]
    for p in range(paragraphs):
        if p > 0 and rng.random() < 0.5:
            lines += [f"## {rng.choice(CHINESE)} {p}", ""]
        text = sentence(rng, rng.randint(*words))
        if rng.random() < 0.4:
            text += f" #{rng.choice(TAGS)}"
        if link_targets and rng.random() < 0.7:
            target = rng.choice(link_targets)
            if rng.random() < 0.5:
                text += f" 见 [[{Path(target).stem}]]"
            else:
                text += f" see [{Path(target).stem}](/{target})"
        lines += [text, ""]
    return "\n".join(lines)


def generate_kb(root, count, seed, paragraphs=(2, 5), words=(5, 14), front_matter=0.6):
    """Writes `count` notes under `root`, the same every time for `seed`:
    mixed Chinese and English, with tags and links (one in ten to a note
    that does not exist), of `paragraphs` of `words` each (ranges), a share
    `front_matter` of them with YAML front matter. Returns their paths."""
    rng = random.Random(seed)
    paths = []
    for i in range(count):
        folder = FOLDERS[i % len(FOLDERS)]
        name = f"{'笔记' if i % 3 == 0 else 'note'}-{i:05d}.md"
        paths.append(f"{folder}/{name}" if folder else name)
    for i, path in enumerate(paths):
        targets = [rng.choice(paths) for _ in range(9)] + [f"missing/gone-{i % 50}.md"]
        text = note_text(rng, f"Note {i} {rng.choice(CHINESE)}", targets,
                         paragraphs=rng.randint(*paragraphs), words=words,
                         front_matter=front_matter)
        file = Path(root, path)
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, encoding="utf-8")
    return paths


def without_timing(line):
    """A JSON line with what differs between two equal indexes taken out:
    the time a command took, and float noise in scores."""
    data = line["data"]
    data.pop("elapsed_ms", None)
    if "score" in data:
        data["score"] = round(data["score"], 9)
    return line


def answer(binary, kb, args):
    """What `kbsearch --kb KB --no-refresh ARGS --json` answers: its exit
    code, stderr and JSON lines, without timing. Fails the test on an index
    error (exit 3 other than for a NOTE that is not in the knowledge base),
    which a query on a healthy index never gives."""
    run = kbsearch(binary, ["--kb", str(kb), "--no-refresh", *args, "--json"])
    check(run.code in (0, 1, 2) or "no note by that path" in run.err,
          f"a query failed on an index that should be healthy:\n{run}")
    lines = [in_kb(without_timing(json.loads(line)), kb)
             for line in run.out.splitlines() if line]
    return {"exit": run.code, "stderr": run.err, "lines": lines}


def in_kb(line, kb):
    """A JSON line with each absolute path (`abs_path`, `source_abs_path`,
    ...) written from the knowledge base's folder as "$KB/...", so that
    two copies of one knowledge base answer alike; a path outside `kb`
    fails the test."""
    root = os.path.realpath(kb)
    data = line["data"]
    for key, value in data.items():
        if key.endswith("abs_path") and isinstance(value, str):
            check(value.startswith(root + "/"), f"{key} {value} is not below {root}")
            data[key] = "$KB" + value[len(root):]
    return line


def snapshot(binary, kb, words, notes):
    """The answers of search (for each of `words`, sorted by path so that
    ties do not depend on document ids), tags, broken, and backlinks of each
    of `notes` (paths): everything an incremental index must agree on with
    a rebuilt one."""
    shot = {}
    for word in words:
        shot[f"search {word}"] = answer(binary, kb, ["search", "--sort", "path", "--limit",
                                                     "100000", word])
    shot["tags"] = answer(binary, kb, ["tags"])
    shot["broken"] = answer(binary, kb, ["broken"])
    for note in notes:
        shot[f"backlinks {note}"] = answer(binary, kb, ["backlinks", note])
    return shot


def first_difference(a, b):
    """A readable account of the first place where snapshots `a`
    (incremental) and `b` (rebuilt) differ, or "" when they are equal."""
    def show(value):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)[:3000]

    for key in sorted(set(a) | set(b)):
        x, y = a.get(key), b.get(key)
        if x == y:
            continue
        if x and y and x["lines"] != y["lines"]:
            for i, (p, q) in enumerate(zip(x["lines"], y["lines"])):
                if p != q:
                    return f"'{key}', line {i + 1}:\n  incremental: {show(p)}\n  rebuilt:     {show(q)}"
            return (f"'{key}': {len(x['lines'])} lines incremental, {len(y['lines'])} rebuilt; "
                    f"the last:\n  incremental: {show(x['lines'][-1:])}\n  rebuilt:     "
                    f"{show(y['lines'][-1:])}")
        return f"'{key}' differs:\n  incremental: {show(x)}\n  rebuilt:     {show(y)}"
    return ""


def main(test, description):
    """Runs `test(binary, fixtures)` with the kbsearch binary and the
    fixtures folder from the command line; exit 0 on success, 1 with the
    failure's message."""
    if len(sys.argv) != 3:
        print(f"usage: {sys.argv[0]} KBSEARCH_BINARY FIXTURES_DIR", file=sys.stderr)
        sys.exit(2)
    try:
        test(sys.argv[1], Path(sys.argv[2]))
    except TestFailure as failure:
        print(f"FAILED: {description}\n{failure}", file=sys.stderr)
        sys.exit(1)
    print(f"passed: {description}")
