"""Shared set-up for the Python benchmarks: build, copy a corpus, index it."""
import collections
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_CORPUS = os.path.normpath(os.path.join(ROOT, "..", "shared", "corpus", "zh-notes"))
KBSEARCH = os.path.join(ROOT, "build", "bench", "cli", "kbsearch")
BENCH_BIN = os.path.join(ROOT, "build", "bench", "bench")


def build(bench_tools=False):
    """Release build with the benchmark programs, in build/bench; with
    `bench_tools`, the peers bench/compare.py measures are installed too."""
    subprocess.run([os.path.join(ROOT, "tools", "setup.sh")] + (["--bench"] if bench_tools else []),
                   check=True)
    subprocess.run(["cmake", "-S", ROOT, "-B", os.path.join(ROOT, "build", "bench"),
                    "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release",
                    "-DKB_BUILD_TESTS=OFF", "-DKB_BUILD_BENCH=ON"],
                   check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["cmake", "--build", os.path.join(ROOT, "build", "bench"),
                    "--parallel", "2"], check=True, stdout=subprocess.DEVNULL)


def note_paths(kb):
    """The paths, relative to `kb` and sorted, of the files kbsearch reads as
    notes (*.md and *.markdown, no dot-files or dot-folders)."""
    paths = []
    for folder, dirs, files in os.walk(kb):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        paths += [os.path.relpath(os.path.join(folder, name), kb) for name in files
                  if not name.startswith(".") and name.lower().endswith((".md", ".markdown"))]
    return sorted(paths)


def fresh_copy(corpus, kb):
    """Replaces the folder `kb` with a copy of `corpus` without its index."""
    if not os.path.isdir(corpus):
        sys.exit(f"no corpus at {corpus}")
    shutil.rmtree(kb, ignore_errors=True)
    shutil.copytree(corpus, kb, ignore=shutil.ignore_patterns(".kbsearch"))


# One finished process: wall and user+sys CPU seconds, peak RSS in MB
# (10^6 bytes, the unit the targets are stated in), exit code, stdout.
Run = collections.namedtuple("Run", "wall cpu peak_mb returncode stdout")


def measured(command, env=None, timeout=None):
    """Runs `command` (stderr dropped; killed after `timeout` seconds) and returns its Run."""
    start = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True, errors="replace")
    killer = threading.Timer(timeout, child.kill) if timeout else None
    if killer:
        killer.start()
    stdout = child.stdout.read()
    # wait4 gives this one process's own usage: peak memory (KiB on Linux)
    # and CPU, not that of earlier children of this script.
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if killer:
        killer.cancel()
    child.stdout.close()
    child.returncode = os.waitstatus_to_exitcode(status)
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024 / 1e6,
               child.returncode, stdout)


def indexed_copy(corpus, kbsearch=KBSEARCH):
    """A temporary copy of `corpus` indexed afresh by `kbsearch`; the caller removes it."""
    work = tempfile.mkdtemp(prefix="kbbench-")
    kb = os.path.join(work, "kb")
    fresh_copy(corpus, kb)
    subprocess.run([kbsearch, "index", "--kb", kb, "--quiet"], check=True,
                   stderr=subprocess.DEVNULL)
    return work, kb


def sample_words(kb, count, seed, language):
    """`count` words of `language` ("zh" or "en") sampled from `kb` (sample_words)."""
    out = subprocess.run([os.path.join(BENCH_BIN, "sample_words"), kb, str(count), str(seed),
                          language], capture_output=True, text=True, check=True)
    return out.stdout.split()


def word_sample_arguments(parser):
    """The corpus, --words and --seed arguments the word benchmarks share."""
    parser.add_argument("corpus", nargs="?", default=DEFAULT_CORPUS)
    parser.add_argument("--words", type=int, default=30)
    parser.add_argument("--seed", type=int, default=20241020)


def kbsearch_files(kb, query, limit=100000, collapse=True):
    """Paths kbsearch returns for `query`, best first; duplicates once unless not `collapse`."""
    extra = [] if collapse else ["--no-collapse"]
    out = subprocess.run([KBSEARCH, "--kb", kb, "search", "--files", "--limit", str(limit),
                          *extra, "--", query], capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit(f"kbsearch failed on {query!r}: {out.stderr.strip()}")
    return [line for line in out.stdout.split("\n") if line]
