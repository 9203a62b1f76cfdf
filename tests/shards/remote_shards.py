"""fixtures/kb split into two halves, each served by `kbsearch serve-index`
on 127.0.0.1 at a port the kernel picks, and searched through Xapian's
remote backend (--remote, and a linked [group.NAME] of two remote
[kb.NAME]): the hits, their order, weights, titles and snippets, and the
backlinks, equal those of one index over the whole knowledge base. Then
one server is stopped, and then one is frozen: each time the answer names
that shard with its error, still gives the other shard's hits, exits 3,
and comes within the shard's timeout.

Usage: remote_shards.py KBSEARCH FIXTURES"""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "web"))
import served_kb  # noqa: E402

RUN_TIMEOUT_S = 120  # one kbsearch run, a first build under ASan included
START_TIMEOUT_S = 60
SHARD_TIMEOUT_MS = 1500  # [kb.NAME] timeout_ms of the frozen shard

# Twenty queries with hits in the fixture, of every kind: English (stemmed
# and exact), Chinese substrings, phrases, prefixes, fields and filters.
QUERIES = [
    "attention", "注意力", "softmax", "Transformer", "BERT", "GPT", "模型", "tag:LLM",
    "attention softmax", '"attention is all"', "RAG", "分子动力学", "周报", "path:English",
    "learning", "训练", "token*", "lang:en", "date:2024-01-01..2024-12-31", "论文",
]
# Notes linked to from both halves, whose backlinks cross between them.
LINKED_NOTES = ["注意力机制笔记", "Transformer", "GPT", "BERT"]


def split(fixtures, work):
    """Copies of fixtures/kb: `whole`, and halves `a` and `b`, each with
    every other note (by path) and every file that is not a note, so that
    ignore rules, dialect markers and images are the same in both. The
    notes of posts/ stay together in `a`: one is a mojibake copy of the
    other, repaired with the vocabulary of the knowledge base it is in."""
    source = os.path.join(fixtures, "kb")
    whole = os.path.join(work, "whole")
    shutil.copytree(source, whole, symlinks=True)
    shutil.rmtree(os.path.join(whole, ".kbsearch"), ignore_errors=True)
    files = []
    for folder, dirs, names in os.walk(whole):
        dirs[:] = [d for d in dirs if d != ".kbsearch"]
        files += [os.path.relpath(os.path.join(folder, n), whole) for n in names]
    notes = sorted(f for f in files if f.endswith((".md", ".markdown")))
    half_of = {}
    for i, note in enumerate(n for n in notes if not n.startswith("posts/")):
        half_of[note] = "ab"[i % 2]
    for note in notes:
        half_of.setdefault(note, "a")
    for path in files:
        for half in half_of.get(path, "ab"):
            target = os.path.join(work, half, path)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copy2(os.path.join(whole, path), target, follow_symlinks=False)
    return half_of


class IndexServer:
    """`kbsearch --kb KB serve-index --port 0`, its port read from the line
    it prints once it answers; stopped with SIGTERM when done."""

    def __init__(self, kbsearch, kb, env):
        self.proc = subprocess.Popen([kbsearch, "--kb", kb, "serve-index", "--port", "0"],
                                     env=env, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     start_new_session=True)
        found = served_kb.first_match(self.proc, r" at 127\.0\.0\.1:(\d+),", START_TIMEOUT_S)
        if not found:
            self.stop()
            raise RuntimeError(f"serve-index did not start: {self.proc.stderr.read()}")
        self.port = int(found.group(1))

    def server_group(self):
        """The process group of its xapian-tcpsrv (the child's pid)."""
        with open(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children") as f:
            return int(f.read().split()[0])

    def stop(self):
        return served_kb.stop(self.proc)


class WebServer:
    """`kbsearch --kb GROUP serve --port 0`, its URL read from the line it
    prints once it listens; stopped with SIGTERM when done."""

    def __init__(self, kbsearch, group, env, cwd):
        self.proc = subprocess.Popen([kbsearch, "--kb", group, "serve", "--port", "0"], env=env,
                                     cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, start_new_session=True)
        found = served_kb.first_match(self.proc, r"http://127\.0\.0\.1:\d+/", START_TIMEOUT_S)
        if not found:
            self.stop()
            raise RuntimeError("kbsearch serve did not start")
        self.url = found.group(0)

    def stop(self):
        return served_kb.stop(self.proc)


def main():
    kbsearch, fixtures = sys.argv[1], sys.argv[2]
    check = served_kb.Checks()
    work = tempfile.mkdtemp(prefix="kbshards-")
    servers = []
    env = {k: v for k, v in os.environ.items() if k not in ("KBSEARCH_KB", "NO_COLOR")}
    env.update(LANG="", LC_ALL="", ASAN_OPTIONS="detect_leaks=0",
               XDG_CONFIG_HOME=os.path.join(work, "config"))

    def run(*args):
        done = subprocess.run([kbsearch, *args], env=env, capture_output=True,
                              timeout=RUN_TIMEOUT_S, cwd=work)
        return done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")

    def lines(*args):
        code, out, err = run(*args, "--json")
        return code, [json.loads(line) for line in out.splitlines()], err

    def hits(*args):
        """(exit code, [(path, weight, title, snippet, kb)], stderr)."""
        code, found, err = lines(*args)
        return code, [(h["path"], round(h["score"], 9), h["title"], h["snippet"]["text"],
                       h.get("kb")) for h in served_kb.of(found, "hit")], err

    try:
        half_of = split(fixtures, work)
        for kb in ("whole", "a", "b"):
            code, _, err = run("--kb", os.path.join(work, kb), "index")
            check(f"index {kb}", code == 0)
        servers = [IndexServer(kbsearch, os.path.join(work, h), env) for h in ("a", "b")]
        a, b = (f"127.0.0.1:{s.port}" for s in servers)
        os.makedirs(os.path.join(work, "config", "kbsearch"))
        with open(os.path.join(work, "config", "kbsearch", "config.toml"), "w") as config:
            config.write(f'[kb.a]\nremote = "{a}"\n[kb.b]\nremote = "{b}"\n'
                         f'timeout_ms = {SHARD_TIMEOUT_MS}\n'
                         '[group.halves]\nkbs = ["a", "b"]\nlinked = true\n'
                         f'[kb.la]\npath = "{work}/a"\n[kb.lb]\npath = "{work}/b"\n'
                         '[group.local]\nkbs = ["la", "lb"]\nlinked = true\n')

        # Equivalence: the ranking is the whole index's.
        both_halves = 0
        for query in QUERIES:
            _, whole, _ = hits("--kb", os.path.join(work, "whole"), "--no-refresh", query)
            code, remote, err = hits("--remote", a, "--remote", b, query)
            # Xapian expands a prefix* in each shard and weighs the synonym
            # of its words with that shard's estimate of how many notes
            # have one of them: the order is the whole index's, the weight
            # is not (libindex/README.md, "Shards").
            fields = slice(0, 4) if not query.endswith("*") else slice(0, 1)
            same = [h[fields] for h in whole] == [h[fields] for h in remote]
            shard_right = all(h[4] == (a if half_of[h[0]] == "a" else b) for h in remote)
            check(f"{query!r}: {len(whole)} hits through 2 remote shards, in the whole "
                  f"index's order with its weights, titles and snippets, each from its shard",
                  len(whole) > 0 and same and shard_right and code == 0 and not err)
            if not same:
                print("  whole: ", [h[:2] for h in whole], "\n  remote:", [h[:2] for h in remote])
            both_halves += len({half_of[h[0]] for h in remote}) == 2
            _, local, _ = hits("--kb", os.path.join(work, "a"), "--kb", os.path.join(work, "b"),
                               "--no-refresh", query)
            check(f"{query!r}: the same through 2 local knowledge bases",
                  [h[fields] for h in local] == [h[fields] for h in whole])
        check(f"{both_halves} of {len(QUERIES)} queries have hits in both halves",
              both_halves >= len(QUERIES) // 2)

        # Backlinks across the halves, through the linked group.
        def backlinks(*args):
            _, found, _ = lines(*args)
            return sorted((link["source"], link["line"]) for link in served_kb.of(found, "link"))

        for note in LINKED_NOTES:
            whole = backlinks("--kb", os.path.join(work, "whole"), "--no-refresh",
                              "backlinks", note)
            grouped = backlinks("--kb", "halves", "backlinks", note)
            crossing = {half_of[source] for source, _ in grouped}
            check(f"backlinks {note}: the whole index's {len(whole)}, from "
                  f"{'both halves' if len(crossing) == 2 else 'one half'}",
                  len(whole) > 0 and grouped == whole)
        _, whole_broken, _ = lines("--kb", os.path.join(work, "whole"), "--no-refresh", "broken")
        _, group_broken, _ = lines("--kb", "halves", "broken")
        def problems(found):
            return sorted((l["source"], l["line"], l["raw"], l["status"], l["target"],
                           l["suggestion"]) for l in served_kb.of(found, "link"))

        _, local_broken, _ = lines("--kb", "local", "broken")
        whole_problems = problems(whole_broken)
        check(f"broken, 2 local linked knowledge bases: the whole index's {len(whole_problems)}",
              len(whole_problems) > 0 and problems(local_broken) == whole_problems)
        # A remote shard's files that are not notes cannot be seen: a link
        # to one counts as resolved (libindex/README.md, "Shards").
        to_notes = [p for p in whole_problems if p[2].split("#")[0].endswith(".md") or
                    "." not in os.path.basename(p[2].split("#")[0])]
        check(f"broken, 2 remote linked shards: the {len(to_notes)} to notes, not the "
              f"{len(whole_problems) - len(to_notes)} to other files",
              problems(group_broken) == to_notes and len(to_notes) < len(whole_problems))
        for note in LINKED_NOTES[:2]:
            check(f"backlinks {note}: the same through 2 local linked knowledge bases",
                  backlinks("--kb", "local", "backlinks", note) ==
                  backlinks("--kb", os.path.join(work, "whole"), "--no-refresh",
                            "backlinks", note))

        # The page opens notes by path: knowledge bases that are not one tree
        # are refused, naming the way to say they are.
        code, _, err = run("--kb", "a", "--kb", "b", "serve", "--port", "0")
        check(f"serve over unlinked shards: exit 2 ({code}), naming linked = true",
              code == 2 and "linked = true" in err)

        # The web page's API over the remote shards.
        servers.append(WebServer(kbsearch, "halves", env, work))
        web = servers[-1].url
        for query in QUERIES[:4]:
            _, whole, _ = hits("--kb", os.path.join(work, "whole"), "--no-refresh", query)
            page = served_kb.of(served_kb.api(web, "/api/search", q=query, limit=50), "hit")
            check(f"web {query!r}: the whole index's {len(whole)} hits, in order, with titles, "
                  "snippets and shards",
                  [(h["path"], h["title"], h["snippet"]["text"]) for h in page] ==
                  [(h[0], h[2], h[3]) for h in whole] and all(h.get("kb") for h in page))
        for note in ("混合/注意力机制笔记.md", "大模型LM/文献精读/Transformer.md"):
            page = served_kb.of(served_kb.api(web, "/api/backlinks", path=note), "link")
            whole = backlinks("--kb", os.path.join(work, "whole"), "--no-refresh",
                              "backlinks", note)
            check(f"web backlinks of {note}: the whole index's {len(whole)}",
                  sorted((l["source"], l["line"]) for l in page) == whole)
        html = served_kb.of(served_kb.api(web, "/api/html", path="混合/注意力机制笔记.md"),
                            "html")
        check("web: a remote shard's note is shown from its indexed text",
              len(html) == 1 and "注意力" in html[0]["html"])

        # Faults: a dead shard, then a frozen one.
        _, only_a, _ = hits("--remote", a, "attention")
        check("shard a alone has hits of attention", len(only_a) > 0)
        stopped = servers[1].stop()
        check(f"serve-index ends with 0 on SIGTERM ({stopped})", stopped == 0)
        start = time.monotonic()
        code, found, err = lines("--kb", "halves", "attention")
        took = time.monotonic() - start
        errors = served_kb.of(found, "shard_error")
        got = [(h["path"], round(h["score"], 9)) for h in served_kb.of(found, "hit")]
        check(f"a dead shard: exit 3 ({code}), its error named ({err.strip()!r}), in "
              f"{took:.2f} s", code == 3 and "kbsearch: error: b: " in err and took < 10)
        check("a dead shard: a shard_error line for b", [e["kb"] for e in errors] == ["b"])
        check("a dead shard: the live shard's hits, as it answers alone",
              got == [h[:2] for h in only_a])
        page = served_kb.api(web, "/api/search", q="attention", limit=50)
        check("web, a dead shard: a shard_error line for b, and the live shard's hits",
              [e["kb"] for e in served_kb.of(page, "shard_error")] == ["b"] and
              [h["path"] for h in served_kb.of(page, "hit")] == [h[0] for h in only_a])

        servers[1] = IndexServer(kbsearch, os.path.join(work, "b"), env)
        with open(os.path.join(work, "config", "kbsearch", "config.toml")) as f:
            config = f.read().replace(b, f"127.0.0.1:{servers[1].port}")
        with open(os.path.join(work, "config", "kbsearch", "config.toml"), "w") as f:
            f.write(config)
        code, _, _ = lines("--kb", "halves", "attention")
        check(f"b served again: both answer ({code})", code == 0)
        group = servers[1].server_group()
        os.killpg(group, signal.SIGSTOP)
        try:
            start = time.monotonic()
            code, found, err = lines("--kb", "halves", "attention")
            took = time.monotonic() - start
        finally:
            os.killpg(group, signal.SIGCONT)
        got = [(h["path"], round(h["score"], 9)) for h in served_kb.of(found, "hit")]
        check(f"a frozen shard: exit 3 ({code}), named ({err.strip()!r}), in {took:.2f} s, "
              f"within its timeout of {SHARD_TIMEOUT_MS} ms and a margin",
              code == 3 and "kbsearch: error: b: " in err and
              took < SHARD_TIMEOUT_MS / 1000 + 5)
        check("a frozen shard: the live shard's hits", got == [h[:2] for h in only_a])
    finally:
        for server in servers:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)
    if check.failed:
        print(f"{len(check.failed)} check(s) failed")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
