"""Shared set-up for the Python benchmarks: build, copy a corpus, index it."""
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_CORPUS = os.path.normpath(os.path.join(ROOT, "..", "shared", "corpus", "zh-notes"))
KBSEARCH = os.path.join(ROOT, "build", "bench", "cli", "kbsearch")
BENCH_BIN = os.path.join(ROOT, "build", "bench", "bench")


def build():
    """Release build with the benchmark programs, in build/bench."""
    subprocess.run([os.path.join(ROOT, "tools", "setup.sh")], check=True)
    subprocess.run(["cmake", "-S", ROOT, "-B", os.path.join(ROOT, "build", "bench"),
                    "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release",
                    "-DKB_BUILD_TESTS=OFF", "-DKB_BUILD_BENCH=ON"],
                   check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["cmake", "--build", os.path.join(ROOT, "build", "bench"),
                    "--parallel", "2"], check=True, stdout=subprocess.DEVNULL)


def indexed_copy(corpus):
    """A temporary copy of `corpus` with a fresh index; the caller removes it."""
    if not os.path.isdir(corpus):
        sys.exit(f"no corpus at {corpus}")
    work = tempfile.mkdtemp(prefix="kbbench-")
    kb = os.path.join(work, "kb")
    shutil.copytree(corpus, kb, ignore=shutil.ignore_patterns(".kbsearch"))
    subprocess.run([KBSEARCH, "index", "--kb", kb, "--quiet"], check=True,
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


def kbsearch_files(kb, query, limit=100000):
    """Paths kbsearch returns for `query`, best first."""
    out = subprocess.run([KBSEARCH, "--kb", kb, "search", "--files", "--limit", str(limit),
                          "--", query], capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit(f"kbsearch failed on {query!r}: {out.stderr.strip()}")
    return [line for line in out.stdout.split("\n") if line]
