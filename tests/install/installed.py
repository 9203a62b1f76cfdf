"""What the tests of an installed kbsearch share: the fixture's expected
hits, a run of a command that shows its output when it fails, and the
private dependencies no installed file may expose."""
import os
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "durability"))
from kbrun import check, copy_kb, environment, note_paths, TestFailure  # noqa: E402,F401

# The query every installed program runs on a copy of fixtures/kb.
QUERY = "注意力"

# Headers of the libraries inside libkbindex; no installed header includes
# one, so that a program needs none of their -dev packages.
PRIVATE_HEADER = re.compile(
    r'^\s*#\s*include\s*[<"](xapian\.h|xapian/|unicode/|cmark(-gfm)?\.h|yaml-cpp/|cpptoml\.h|'
    r'git2\.h|git2/|graphviz/|gvc\.h|cgraph\.h|nlohmann/|zstd\.h)', re.M)

# Demangled names of their types and functions, which libkbindex.so must
# not export.
PRIVATE_SYMBOL = re.compile(r"Xapian::|icu_\d+::|YAML::|\bcmark_|\bgit_|Agraph|GVC_t|nlohmann::|ZSTD_")


def notes_containing(kb, word):
    """The notes of `kb` whose text holds `word`: what a search for it finds."""
    return sorted(p for p in note_paths(kb)
                  if word in (Path(kb) / p).read_bytes().decode("utf-8", "replace"))


def run(args, timeout=600, **kwargs):
    """Runs `args`; a failure raises TestFailure with the command's output."""
    proc = subprocess.run([str(a) for a in args], capture_output=True, text=True,
                          timeout=timeout, **kwargs)
    if proc.returncode != 0:
        raise TestFailure(f"{' '.join(map(str, args))}: exit {proc.returncode}\n"
                          f"{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return proc


def check_finds_notes(command, kb, env=None):
    """Runs `command` (a program searching `kb` for QUERY, printing one
    path a line) and checks that it prints the notes that hold QUERY."""
    expected = notes_containing(kb, QUERY)
    check(len(expected) >= 2, f"fixture: fewer than two notes hold {QUERY}")
    out = run(command, env=env or environment()).stdout
    found = sorted(line for line in out.splitlines() if line)
    check(found == expected, f"{command[0]} found {found}, the notes holding {QUERY} are {expected}")


def needed_libraries(binary):
    out = run(["readelf", "-d", binary]).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)


def main(commands):
    """Runs the sub-command named by argv[1] with the other arguments."""
    name, args = sys.argv[1], sys.argv[2:]
    try:
        commands[name](*args)
    except TestFailure as failure:
        print(f"FAIL: {failure}", file=sys.stderr)
        sys.exit(1)
    print(f"ok: {name}")


def check_serves(kbsearch, kb, env, timeout=120):
    """`kbsearch serve` as installed hands over to kbsearch-serve, which
    answers the API on a free port of 127.0.0.1, and stops on SIGTERM."""
    import signal
    import urllib.request
    proc = subprocess.Popen([str(kbsearch), "--kb", str(kb), "serve", "--port", "0"], env=env,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    try:
        line = proc.stdout.readline().decode("utf-8", "replace")  # ends when it exits
        url = re.search(r"http://127\.0\.0\.1:\d+/", line)
        check(url, f"{kbsearch} serve printed no URL: {line!r} "
                   f"{proc.stderr.read().decode('utf-8', 'replace') if proc.poll() is not None else ''}")
        with urllib.request.urlopen(url.group(0) + "api/status", timeout=timeout) as res:
            body = res.read().decode("utf-8")
        check('"type":"status"' in body, f"{url.group(0)}api/status answered {body[:500]}")
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout)
    check(proc.returncode == 0, f"{kbsearch} serve ended with {proc.returncode} on SIGTERM")

