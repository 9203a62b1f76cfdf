#!/usr/bin/env python3
"""Tests of `cmake --install`: the tree it writes, and programs outside the
project built on it (tests/consumer). ctest runs `install` first (a
FIXTURES_SETUP), then the others on the same prefix.

  install_tests.py install BUILD PREFIX FIXTURES
  install_tests.py cmake-consumer PREFIX WORK FIXTURES
  install_tests.py pkgconfig-consumer PREFIX WORK FIXTURES
  install_tests.py headers PREFIX
  install_tests.py headers-self-test PREFIX WORK
  install_tests.py symbols PREFIX

The consumers are built with the build's compiler and flags (sanitizers
too), from the environment: KB_CXX, KB_CXXFLAGS, KB_LDFLAGS.
"""
import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from installed import (PRIVATE_HEADER, PRIVATE_SYMBOL, QUERY, check, check_finds_notes,
                       check_serves, copy_kb, environment, main, needed_libraries, run)

CONSUMERS = Path(__file__).resolve().parent.parent / "consumer"
SONAME = "libkbindex.so.0"


def library_dir(prefix):
    """lib/ or lib/<multiarch>/, as GNUInstallDirs chose."""
    found = sorted(Path(prefix).glob(f"lib*/**/{SONAME}"))
    check(found, f"no {SONAME} under {prefix}")
    return found[0].parent


def install(build, prefix, fixtures):
    prefix = Path(prefix)
    shutil.rmtree(prefix, ignore_errors=True)
    run(["cmake", "--install", build, "--prefix", prefix])
    lib = library_dir(prefix)
    for path in ["bin/kbsearch", "include/kb/kb.h", "include/kb/version.h",
                 "share/doc/kbsearch/README.md", "share/doc/kbsearch/GUIDE.md",
                 lib / "libkbindex.a", lib / SONAME, lib / "libkbindex.so",
                 lib / "pkgconfig/kbindex.pc", lib / "cmake/kbindex/kbindexConfig.cmake",
                 lib / "cmake/kbindex/kbindexConfigVersion.cmake",
                 lib / "cmake/kbindex/kbindexTargets.cmake", "bin/kb-export",
                 "share/man/man1/kbsearch.1.gz", "share/bash-completion/completions/kbsearch",
                 "libexec/kbsearch/kbsearch-serve", "share/zsh/vendor-completions/_kbsearch",
                 "share/fish/vendor_completions.d/kbsearch.fish"]:
        check((prefix / path).exists(), f"cmake --install wrote no {path}")
    check(not (prefix / "include/kb/version.h.in").exists(), "the template version.h.in is installed")
    check(list(prefix.glob("lib/python3*/dist-packages/kbsearch.cpython-*.so")),
          "cmake --install wrote no Python module under lib/python3*/dist-packages")
    check(os.readlink(lib / "libkbindex.so") == SONAME, "libkbindex.so does not point at the SONAME")
    # The installed program finds the library from where it is, with no
    # LD_LIBRARY_PATH, and searches.
    with tempfile.TemporaryDirectory() as tmp:
        kb = Path(tmp, "kb")
        copy_kb(Path(fixtures) / "kb", kb)
        env = environment()
        env.pop("LD_LIBRARY_PATH", None)
        run([prefix / "bin/kbsearch", "--kb", kb, "index"], env=env)
        check_finds_notes([prefix / "bin/kbsearch", "--kb", kb, "--root-paths", "search",
                           "-l", "-n", "0", QUERY], kb, env)
        check_serves(prefix / "bin/kbsearch", kb, env)


def consumer_copy(work, fixtures):
    """A fresh copy of tests/consumer and of fixtures/kb under `work`."""
    work = Path(work)
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(CONSUMERS, work / "consumer")
    copy_kb(Path(fixtures) / "kb", work / "kb")
    return work / "consumer", work / "kb"


def check_consumers(binaries, kb, library_path=None):
    """The shared-library program loads libkbindex.so.0 (from library_path
    when given, as LD_LIBRARY_PATH), the static one does not, and both find
    the notes."""
    shared, static = binaries
    check(SONAME in needed_libraries(shared), f"{shared.name} does not load {SONAME}")
    check(not any(n.startswith("libkbindex") for n in needed_libraries(static)),
          f"{static.name} loads libkbindex.so, it should hold libkbindex.a")
    env = environment()
    if library_path:
        env["LD_LIBRARY_PATH"] = str(library_path)
    check_finds_notes([shared, kb, QUERY], kb, env)
    check_finds_notes([static, kb, QUERY], kb)


def build_flags():
    return os.environ["KB_CXX"], os.environ.get("KB_CXXFLAGS", ""), os.environ.get("KB_LDFLAGS", "")


def cmake_consumer(prefix, work, fixtures):
    cxx, cxxflags, ldflags = build_flags()
    source, kb = consumer_copy(work, fixtures)
    build = Path(work) / "build"
    run(["cmake", "-S", source / "cmake", "-B", build, "-G", "Ninja",
         f"-DCMAKE_PREFIX_PATH={prefix}", f"-DCMAKE_CXX_COMPILER={cxx}",
         f"-DCMAKE_CXX_FLAGS={cxxflags}", f"-DCMAKE_EXE_LINKER_FLAGS={ldflags}"])
    run(["cmake", "--build", build, "--parallel", "2"])
    check_consumers((build / "search_kb", build / "search_kb_static"), kb)
    check_example(build / "example", kb)


def check_example(example, kb):
    """libindex/README.md's C++ example prints hits, each a note that holds
    the query's words, and the backlinks of the first, each from a note."""
    out = run([example, kb, "attention softmax"], env=environment()).stdout.splitlines()
    hits = [line for line in out if not line.startswith("  linked from ")]
    check(hits, "the example found nothing for attention softmax")
    for line in hits:
        text = (Path(kb) / line.split(":")[0]).read_text(encoding="utf-8", errors="replace").lower()
        check("attention" in text and "softmax" in text, f"the example's hit {line} lacks a word")
    for line in out[len(hits):]:
        source = line.removeprefix("  linked from ").rsplit(":", 1)[0]
        check((Path(kb) / source).is_file(), f"the example's backlink {line} names no note")


def pkgconfig_consumer(prefix, work, fixtures):
    cxx, cxxflags, ldflags = build_flags()
    source, kb = consumer_copy(work, fixtures)
    env = dict(os.environ, PKG_CONFIG_PATH=str(library_dir(prefix) / "pkgconfig"),
               CXX=cxx, CXXFLAGS=cxxflags, LDFLAGS=ldflags)
    run(["make", "-C", source / "pkgconfig", "-j2"], env=env)
    # kbindex.pc sets no RPATH: the library is found as a user's would be,
    # by LD_LIBRARY_PATH (or ld.so.conf for /usr/local).
    check_consumers((source / "pkgconfig/search_kb", source / "pkgconfig/search_kb_static"), kb,
                    library_dir(prefix))


def header_problems(include_dir, only=None):
    """What is wrong with the headers under include_dir/kb (or those of
    them named in `only`): a private dependency's header included, or a
    header that does not compile alone (kb_c.h also as C11), one sentence
    each. Two compilers at a time."""
    headers = sorted(Path(include_dir, "kb").glob("*.h"))
    if only:
        headers = [h for h in headers if h.name in only]
    if not headers:
        return [f"no headers in {include_dir}/kb"]
    problems = []
    compiles = []
    for header in headers:
        name = f"kb/{header.name}"
        for match in PRIVATE_HEADER.finditer(header.read_text(encoding="utf-8")):
            problems.append(f"{name} includes {match.group(1)}")
        compiles.append((name, "g++", "-std=c++20", "c++"))
        if header.name == "kb_c.h":
            compiles.append((name, "gcc", "-std=c11", "c"))

    def compile_alone(job):
        name, compiler, standard, language = job
        proc = subprocess.run([compiler, standard, "-Wall", "-Wextra", "-Werror", "-fsyntax-only",
                               f"-I{include_dir}", "-include", name, "-x", language, "/dev/null"],
                              capture_output=True, text=True, timeout=120)
        if proc.returncode == 0:
            return None
        first = (proc.stderr.strip().splitlines() or [""])[0]
        return f"{name} does not compile on its own ({standard}): {first}"

    with ThreadPoolExecutor(max_workers=2) as pool:
        problems += [p for p in pool.map(compile_alone, compiles) if p]
    return problems


def headers(prefix):
    problems = header_problems(Path(prefix) / "include")
    check(not problems, "installed headers:\n  " + "\n  ".join(problems))


def headers_self_test(prefix, work):
    """The header check flags each kind of fault: a copy of the installed
    headers with one private include, and one with a header that needs
    another it does not include."""
    for fault, text in [("includes xapian.h", "#include <xapian.h>\n"),
                        ("does not compile", "inline kb::Status missing_include();\n")]:
        copy = Path(work) / "include"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(Path(prefix) / "include", copy)
        (copy / "kb/bad.h").write_text(text, encoding="utf-8")
        problems = header_problems(copy, only=["bad.h", "status.h"])
        check(any(p.startswith("kb/bad.h") and fault in p for p in problems),
              f"a header that {fault} was not flagged: {problems}")
        check(all(p.startswith("kb/bad.h") for p in problems),
              f"headers other than the faulty one flagged: {problems}")


def symbols(prefix):
    lib = library_dir(prefix) / SONAME
    out = run(["nm", "-D", "-C", "--defined-only", lib]).stdout
    names = [line.split(" ", 2)[2] for line in out.splitlines() if line.count(" ") >= 2]
    check(any(n.startswith("kb::Searcher::search(") for n in names), f"{lib.name} does not export kb::Searcher::search")
    foreign = [n for n in names if not n.startswith(("kb::", "kb_", "typeinfo for kb::",
               "typeinfo name for kb::", "vtable for kb::", "VTT for kb::", "KBINDEX_0"))]
    check(not foreign, f"{lib.name} exports what is not kb's: {foreign[:10]}")
    private = [n for n in names if PRIVATE_SYMBOL.search(n)]
    check(not private, f"{lib.name} exports private dependencies' symbols: {private[:10]}")


if __name__ == "__main__":
    main({"install": install, "cmake-consumer": cmake_consumer,
          "pkgconfig-consumer": pkgconfig_consumer, "headers": headers,
          "headers-self-test": headers_self_test, "symbols": symbols})
