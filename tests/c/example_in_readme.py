#!/usr/bin/env python3
"""Checks that each C example of libindex/README.md (a ```c block) is, line
for line, in tests/c/example.c (indented by two spaces there), the program
ctest compiles and runs, so that the README cannot show code that does not
build. Usage: example_in_readme.py REPO_ROOT"""
import re
import sys


def main():
    root = sys.argv[1]
    with open(f"{root}/libindex/README.md", encoding="utf-8") as f:
        blocks = re.findall(r"^```c\n(.*?)^```$", f.read(), re.S | re.M)
    with open(f"{root}/tests/c/example.c", encoding="utf-8") as f:
        program = f.read()
    if not blocks:
        print("libindex/README.md has no ```c example")
        return 1
    stale = [b for b in blocks
             if "".join("  " + line if line else line for line in b.splitlines(True)) not in program]
    for block in stale:
        print("libindex/README.md: this C example is not the body of tests/c/example.c:\n" + block)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
