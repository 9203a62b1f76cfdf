#!/usr/bin/env python3
"""Checks the include rule of libindex/README.md ("Folders and their order").

libindex/src/ has one folder per stage: base, text, note, store, then search
and graph side by side. A file may include headers of its own folder and of
the folders before it, never of a later one, and search and graph never each
other. Every private include names its folder ("store/catalog.h"). Tests in
tests/unit/STAGE/ follow the rule of STAGE. Public headers (include/kb/)
include only public headers and no Xapian, ICU, cmark or yaml-cpp header,
and the programs on top (cli/, bench/, tools/, the Python module in
libindex/python/) see only kb/, but for bench/stage_benchmarks.cc, which
times the private stages (decoding, analysis, snippet folding, records) as
a unit test sees them. capi/, the C API, is a
stage on top of all of them that sees only the public headers (kb/) and
itself, never a stage's private headers; its header kb/kb_c.h is C, so it
includes only <stddef.h>, <stdint.h> and <stdbool.h>.

Usage: include_order.py REPO_ROOT    prints each violation, exits 1 if any
       include_order.py --self-test  checks the checker on a made-up tree
"""
import os
import re
import sys
import tempfile

STAGES = ["base", "text", "note", "store", "search", "graph", "capi"]
# The one program that may include private headers: it benchmarks them.
STAGE_BENCHMARKS = os.path.join("bench", "stage_benchmarks.cc")
# The folders each stage may include, itself first.
ALLOWED = {
    "base": {"base"},
    "text": {"text", "base"},
    "note": {"note", "text", "base"},
    "store": {"store", "note", "text", "base"},
    "search": {"search", "store", "note", "text", "base"},
    "graph": {"graph", "store", "note", "text", "base"},
    "capi": {"capi"},
}
# Stages that may include every public header, but of the private ones only
# their own: the C API wraps the C++ API as any caller would.
PUBLIC_API_ONLY = {"capi"}
# The stage that implements each public header: a library file including
# kb/X.h depends on that stage as if it included its private headers.
PUBLIC_STAGE = {
    "status.h": "base", "diagnostic.h": "base", "env.h": "base", "version.h": "base",
    "note.h": "note", "note_parser.h": "note", "vocabulary.h": "note",
    "crawler.h": "store", "index.h": "store", "watcher.h": "store", "settings.h": "store",
    "note_paths.h": "store", "shards.h": "store",
    "searcher.h": "search", "query.h": "search",
    "link_graph.h": "graph", "graph_render.h": "graph",
    "kb.h": "graph",  # all of the above
    "kb_c.h": "capi",
}
# What the C header may include: C's own headers, nothing of C++.
C_HEADER = "kb_c.h"
C_HEADER_INCLUDES = {"stddef.h", "stdint.h", "stdbool.h"}
# The one planned exception, in libindex/README.md: the searcher's linkto:
# and linkedby: filters ask the link graph through its public header, as
# any caller would, so search/ may include kb/link_graph.h.
PUBLIC_EXCEPTIONS = {("search", "kb/link_graph.h")}
# Third-party headers whose types callers must never see.
HIDDEN_LIBRARIES = re.compile(r"<(xapian|unicode/|cmark|yaml-cpp/|cpptoml|nlohmann/|git2|graphviz/)")
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
SOURCE = (".h", ".cc")


def includes(path):
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            m = INCLUDE.match(line)
            if m:
                yield number, m.group(1), m.group(2)


def files_under(folder):
    for dirpath, _, names in os.walk(folder):
        for name in sorted(names):
            if name.endswith(SOURCE):
                yield os.path.join(dirpath, name)


def check_stage_file(path, stage, problems, is_test=False):
    for number, kind, header in includes(path):
        header = os.path.normpath(header) if "/" in header else header
        if header.startswith("kb/"):
            # Tests may use any public header to check their results.
            owner = PUBLIC_STAGE.get(header[3:])
            if is_test or (stage, header) in PUBLIC_EXCEPTIONS:
                continue
            if stage in PUBLIC_API_ONLY and owner is not None:
                continue
            if owner is None:
                problems.append(f"{path}:{number}: unknown public header \"{header}\"")
            elif owner not in ALLOWED[stage]:
                problems.append(f"{path}:{number}: {stage}/ includes \"{header}\": "
                                f"it is {owner}/'s, which is not before {stage}/")
            continue
        if kind == "<" and header.split("/")[0] not in STAGES:
            continue
        folder = header.split("/")[0] if "/" in header else None
        where = f"{path}:{number}: {stage}/ includes \"{header}\""
        if folder is None:
            # Test helpers (tests/support) are the only unprefixed headers.
            if not path.endswith("_test.cc") or header in PRIVATE_HEADERS_SEEN:
                problems.append(where + ": name the folder of a private header")
        elif folder not in STAGES:
            problems.append(where + ": no such stage folder")
        elif folder not in ALLOWED[stage] and stage in PUBLIC_API_ONLY:
            problems.append(where + f": {stage}/ sees only the public headers (kb/)")
        elif folder not in ALLOWED[stage]:
            problems.append(where + f": {folder}/ is not before {stage}/")


PRIVATE_HEADERS_SEEN = set()


def check(root):
    problems = []
    src = os.path.join(root, "libindex", "src")
    PRIVATE_HEADERS_SEEN.clear()
    for stage in STAGES:
        for path in files_under(os.path.join(src, stage)):
            PRIVATE_HEADERS_SEEN.add(os.path.basename(path))
    for entry in sorted(os.listdir(src)):
        full = os.path.join(src, entry)
        if os.path.isdir(full) and entry not in STAGES:
            problems.append(f"{full}: not a stage folder ({', '.join(STAGES)})")
        elif os.path.isfile(full):
            problems.append(f"{full}: a source belongs in a stage folder")
    for stage in STAGES:
        for path in files_under(os.path.join(src, stage)):
            check_stage_file(path, stage, problems)
        unit = os.path.join(root, "tests", "unit", stage)
        if os.path.isdir(unit):
            for path in files_under(unit):
                check_stage_file(path, stage, problems, is_test=True)
    unit_root = os.path.join(root, "tests", "unit")
    if os.path.isdir(unit_root):
        for entry in sorted(os.listdir(unit_root)):
            if os.path.isdir(os.path.join(unit_root, entry)) and entry not in STAGES:
                problems.append(f"{os.path.join(unit_root, entry)}: not a stage folder")
            elif os.path.isfile(os.path.join(unit_root, entry)):
                problems.append(f"{os.path.join(unit_root, entry)}: a unit test belongs in "
                                "the folder of its stage")
    for path in files_under(os.path.join(root, "libindex", "include")):
        for number, kind, header in includes(path):
            if kind == '"' and not header.startswith("kb/"):
                problems.append(f"{path}:{number}: public header includes \"{header}\"")
            if kind == "<" and HIDDEN_LIBRARIES.match("<" + header):
                problems.append(f"{path}:{number}: public header includes <{header}>")
            elif os.path.basename(path) == C_HEADER and header not in C_HEADER_INCLUDES:
                problems.append(f"{path}:{number}: the C header includes \"{header}\": "
                                f"only {', '.join(sorted(C_HEADER_INCLUDES))}")
    for program in ("cli", "bench", "tools", os.path.join("tests", "cli"),
                    os.path.join("tests", "spec"), os.path.join("tests", "fuzz"),
                    os.path.join("tests", "tools"), os.path.join("libindex", "python")):
        for path in files_under(os.path.join(root, program)):
            if os.path.relpath(path, root) == STAGE_BENCHMARKS:
                continue
            for number, kind, header in includes(path):
                if kind == '"' and header.split("/")[0] in STAGES:
                    problems.append(f"{path}:{number}: {program}/ includes \"{header}\": "
                                    "programs see only kb/")
    return problems


def self_test():
    """The checker must flag each kind of violation and pass a clean tree."""
    files = {
        "libindex/src/base/status.cc": '#include "kb/status.h"\n',
        "libindex/src/text/utf8.h": '#include "base/xapian_error.h"\n#include <string>\n',
        "libindex/src/store/index.cc": '#include "note/links.h"\n#include "text/utf8.h"\n',
        "libindex/src/search/searcher.cc": '#include "store/catalog.h"\n#include "kb/link_graph.h"\n',
        "libindex/src/graph/link_graph.cc": '#include "store/catalog.h"\n',
        "libindex/include/kb/index.h": '#include "kb/status.h"\n#include <string>\n',
        "libindex/include/kb/kb_c.h": "#include <stddef.h>\n#include <stdbool.h>\n",
        "libindex/src/capi/search.cc": '#include "capi/c_status.h"\n#include "kb/searcher.h"\n'
                                       '#include "kb/link_graph.h"\n#include <string>\n',
        "cli/main.cc": '#include "commands.h"\n#include "kb/kb.h"\n',
        "tests/unit/store/index_test.cc": '#include "store/index.h"\n#include "test_util.h"\n'
                                          '#include "kb/searcher.h"\n',
    }
    bad = {
        "libindex/src/note/links.cc": '#include "store/link_keys.h"\n',
        "libindex/src/search/query.cc": '#include "graph/link_resolver.h"\n',
        "libindex/src/graph/mentions.cc": '#include "search/query_parser.h"\n',
        "libindex/src/store/index2.cc": '#include "utf8.h"\n',
        "libindex/include/kb/searcher.h": "#include <xapian.h>\n",
        "cli/cmd_search.cc": '#include "search/snippet.h"\n',
        "tools/kb-export/main.cc": '#include "store/catalog.h"\n',
        "tests/unit/text/utf8_test.cc": '#include "note/links.h"\n',
        "libindex/src/text/lang.cc": '#include "kb/note.h"\n',
        "libindex/src/note/sneaky.cc": '#include "note/../store/index_schema.h"\n',
        "libindex/src/store/angle.cc": "#include <graph/link_resolver.h>\n",
        "tests/cli/x_test.cc": '#include "store/catalog.h"\n',
        "tests/unit/misc_test.cc": "\n",
        "libindex/src/misc.cc": "\n",
        "libindex/src/capi/links.cc": '#include "graph/link_resolver.h"\n',
        "libindex/src/graph/c_wrapper.cc": '#include "kb/kb_c.h"\n',
        "libindex/include/kb/kb_c.h": '#include "kb/status.h"\n',
    }
    with tempfile.TemporaryDirectory() as tmp:
        def write(tree):
            for rel, text in tree.items():
                os.makedirs(os.path.dirname(os.path.join(tmp, rel)), exist_ok=True)
                with open(os.path.join(tmp, rel), "w", encoding="utf-8") as f:
                    f.write(text)
        write(files)
        clean = check(tmp)
        if clean:
            print("self-test: a clean tree was flagged:\n  " + "\n  ".join(clean))
            return 1
        write(bad)
        flagged = check(tmp)
        missed = [rel for rel in bad if not any(rel in p for p in flagged)]
        if missed or len(flagged) != len(bad):
            print(f"self-test: {len(flagged)} problems for {len(bad)} bad files; missed {missed}")
            print("  " + "\n  ".join(flagged))
            return 1
    print(f"self-test: {len(bad)} violations flagged, clean tree passed")
    return 0


def main():
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    problems = check(sys.argv[1])
    for p in problems:
        print(p)
    print(f"include order: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
