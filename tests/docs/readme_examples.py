#!/usr/bin/env python3
"""Checks that each example of libindex/README.md is, line for line, in the
program ctest builds and runs from it, so that the README cannot show code
that does not build or does not run:

  ```c       the body of main() in tests/c/example.c (indented two spaces)
  ```cpp     the body of main() in tests/consumer/example.cc (two spaces)
  ```python  tests/python/example.py

Usage: readme_examples.py REPO_ROOT"""
import re
import sys

# Language of the fence -> (program, indent of the README's lines in it).
PROGRAMS = {
    "c": ("tests/c/example.c", "  "),
    "cpp": ("tests/consumer/example.cc", "  "),
    "python": ("tests/python/example.py", ""),
}


def indented(block, indent):
    return "".join(indent + line if line.strip() else line for line in block.splitlines(True))


def main():
    root = sys.argv[1]
    with open(f"{root}/libindex/README.md", encoding="utf-8") as f:
        readme = f.read()
    problems = []
    for language, (program_path, indent) in PROGRAMS.items():
        blocks = re.findall(rf"^```{language}\n(.*?)^```$", readme, re.S | re.M)
        with open(f"{root}/{program_path}", encoding="utf-8") as f:
            program = f.read()
        if not blocks:
            problems.append(f"libindex/README.md has no ```{language} example")
        for block in blocks:
            if indented(block, indent) not in program:
                problems.append(f"libindex/README.md: this {language} example is not in "
                                f"{program_path}:\n{block}")
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
