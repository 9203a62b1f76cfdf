#!/usr/bin/env python3
"""Checks that the built programs and libraries do not link the libraries
that are loaded only where they are used: those libkbindex opens when it
needs them (libgit2, Graphviz: see libindex/CMakeLists.txt), and the HTTP
library that only kbsearch-serve links (cli/serve_command.h). So nobody
links them again by accident: each one linked costs every start of
kbsearch the loading of it and of all it needs, whether the command uses it
or not.

Usage: linked_libraries.py SONAME... -- ELF...
  fails when `readelf -d` of an ELF file shows a NEEDED entry of one of the
  SONAMEs, of any version (libgit2.so.1.5 stands for every libgit2.so.*),
  or no NEEDED entry at all, or when no SONAME is given (then the check
  would see nothing)
"""
import re
import subprocess
import sys


def needed(path):
    out = subprocess.run(["readelf", "-d", path], capture_output=True, text=True,
                         check=True).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)


def stem(soname):
    """libgit2.so.1.5 -> libgit2"""
    return soname.split(".so")[0]


def main(argv):
    if "--" not in argv:
        print(__doc__)
        return 2
    split = argv.index("--")
    opened = {stem(s): s for s in argv[:split]}
    if not opened:
        print("linked libraries: no SONAME to look for (KB_OPENED_LIBRARIES is empty)")
        return 1
    problems = []
    for path in argv[split + 1:]:
        libraries = needed(path)
        if not libraries:
            problems.append(f"{path}: readelf -d shows no NEEDED entry")
        for library in libraries:
            if stem(library) in opened:
                problems.append(f"{path} links {library}: {opened[stem(library)]} is loaded "
                                f"only where it is used, and must not be linked here")
        print(f"{path}: {', '.join(libraries)}")
    for problem in problems:
        print(problem)
    print(f"linked libraries: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
