#!/usr/bin/env python3
"""The Debian package: `cpack -G DEB` from the build folder BUILD into WORK
(zstd: the sanitizer build's files are large, and xz, the release's
compression, takes long on them), then what `dpkg-deb` says of it, and the
kbsearch in it, unpacked with `dpkg -x`, searching a copy of fixtures/kb.

  deb_test.py deb BUILD WORK FIXTURES
"""
import fnmatch
import re
import shutil
import subprocess
import time
from pathlib import Path

from installed import QUERY, check, check_finds_notes, check_serves, copy_kb, environment, main, run

# What the package must hold, as `dpkg-deb -c` lists it (shell patterns).
EXPECTED = [
    "./usr/bin/kbsearch",
    "./usr/bin/kb-export",
    "./usr/libexec/kbsearch/kbsearch-serve",
    "./usr/lib/python3*/dist-packages/kbsearch.cpython-*.so",
    "./usr/lib/*libkbindex.so.0",
    "./usr/lib/*libkbindex.so.0.*",
    "./usr/lib/*libkbindex.a",
    "./usr/include/kb/kb.h",
    "./usr/include/kb/version.h",
    "./usr/lib/*pkgconfig/kbindex.pc",
    "./usr/lib/*cmake/kbindex/kbindexConfig.cmake",
    "./usr/share/doc/kbsearch/README.md",
]
# Installed by the man page and completions' rules (cli/CMakeLists.txt).
EXPECTED_FROM_MAN_PART = [
    "./usr/share/man/man1/kbsearch.1.gz",
    "./usr/share/bash-completion/completions/kbsearch",
    "./usr/share/zsh/vendor-completions/_kbsearch",
    "./usr/share/fish/vendor_completions.d/kbsearch.fish",
]
# Packages the Depends line must name: the libraries kbsearch loads, those
# it is linked with (found by dpkg-shlibdeps) and those libkbindex opens
# when it needs them (libgit2, Graphviz's libgvc and libcgraph: added by
# tools/deb_package.cmake).
DEPENDS = ["libxapian30", "libicu72", "libcmark-gfm0.29.0.gfm.6", "libcmark-gfm-extensions0.29.0.gfm.6", "libyaml-cpp0.7", "libstdc++6",
           "libgit2-1.5", "libgvc6", "libcgraph6", "libcpp-httplib0.11"]


def missing(patterns, listed):
    """The patterns no listed path matches; '*' may stand for folders too
    (./usr/lib/*libkbindex.so.0 is also ./usr/lib/x86_64-linux-gnu/...)."""
    return [p for p in patterns if not any(fnmatch.fnmatchcase(f, p) for f in listed)]


def deb(build, work, fixtures):
    work = Path(work)
    shutil.rmtree(work, ignore_errors=True)
    started = time.monotonic()
    run(["cpack", "-G", "DEB", "--config", Path(build) / "CPackConfig.cmake", "-B", work / "pack",
         "-D", "CPACK_DEBIAN_COMPRESSION_TYPE=zstd"])
    print(f"cpack: {time.monotonic() - started:.1f} s")
    packages = sorted((work / "pack").glob("kbsearch_*.deb"))
    check(len(packages) == 1, f"cpack wrote {packages}, not one kbsearch_*.deb")
    package = packages[0]

    info = run(["dpkg-deb", "-f", package, "Package", "Version", "Depends", "Recommends"]).stdout
    check("Package: kbsearch" in info, f"not named kbsearch:\n{info}")
    depends = next((l for l in info.splitlines() if l.startswith("Depends:")), "")
    absent = [d for d in DEPENDS if d not in depends]
    check(not absent, f"Depends names none of {absent}: {depends or 'no Depends line'}")

    # "-rw-r--r-- root/root 885 2026-12-01 18:11 ./usr/bin/kbsearch", a
    # link followed by " -> target".
    listed = [line.split(None, 5)[5].split(" -> ")[0]
              for line in run(["dpkg-deb", "-c", package]).stdout.splitlines() if line.strip()]
    # The Python module loads only into the python3 it was built for, which
    # shlibdeps cannot see: the package must say which.
    module = [f for f in listed if "/dist-packages/kbsearch.cpython-" in f]
    if module:
        tag = re.search(r"cpython-3(\d+)-", module[0]).group(1)
        check(f"python3 (>= 3.{tag})" in info and f"python3 (<< 3.{int(tag) + 1})" in info,
              f"{module[0]} is in the package, but no Recommends names python3 3.{tag}:\n{info}")

    absent = missing(EXPECTED, listed)
    check(not absent, f"{package.name} lacks {absent}")

    root = work / "root"
    run(["dpkg", "-x", package, root])
    kb = work / "kb"
    copy_kb(Path(fixtures) / "kb", kb)
    env = environment()
    env["LD_LIBRARY_PATH"] = ":".join(str(p.parent) for p in root.glob("usr/lib/**/libkbindex.so.0"))
    kbsearch = root / "usr/bin/kbsearch"
    run([kbsearch, "--kb", kb, "index"], env=env)
    check_finds_notes([kbsearch, "--kb", kb, "--root-paths", "search", "-l", "-n", "0", QUERY],
                      kb, env)
    check_serves(kbsearch, kb, env)

    absent = missing(EXPECTED_FROM_MAN_PART, listed)
    check(not absent, f"{package.name} lacks {absent}")
    # The page as installed renders without a warning: what `man kbsearch`
    # shows once the package is installed.
    page = root / "usr/share/man/man1/kbsearch.1.gz"
    shown = subprocess.run(["man", "--warnings", "-l", page], capture_output=True, text=True,
                           env=dict(environment(), MANWIDTH="80"), timeout=60)
    check(shown.returncode == 0 and not shown.stderr and "EXIT STATUS" in shown.stdout,
          f"man -l {page}: exit {shown.returncode}, warnings: {shown.stderr[:2000]}")


if __name__ == "__main__":
    main({"deb": deb})
