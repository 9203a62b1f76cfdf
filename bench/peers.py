"""How each tool that bench/compare.py measures builds, refreshes and queries.

Each peer works on the same copy of a corpus (`kb`) and keeps whatever it
writes in its own folder under `work`, except kbsearch, whose index lives
in the knowledge base (`.kbsearch/`) and which the other peers skip.

A peer's methods return common.Run values for whole processes, and lists
of milliseconds for in-process queries; None where the tool has no such
thing (ripgrep has no index; FTS5 has no refresh).

The query mix is written once in kbsearch's syntax (words ANDed, "a
phrase"); each peer translates it into its own (`translated`).
"""
import os
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
import time

import common

TIMEOUT_SECONDS = 3600
HERE = os.path.dirname(os.path.abspath(__file__))


def folder_bytes(folder):
    return sum(os.path.getsize(os.path.join(f, name))
               for f, _, files in os.walk(folder) for name in files)


def checked(run, what):
    if run.returncode != 0:
        raise SystemExit(f"{what} failed with exit code {run.returncode}")
    return run


def query_parts(query):
    """The phrases and words of a query in kbsearch's syntax: ["a b", "c"]."""
    return [quoted or word for quoted, word in re.findall(r'"([^"]+)"|(\S+)', query)]


def first_page_timings(run_once, rounds):
    """Milliseconds of `rounds` calls of run_once(), after one that warms the caches."""
    run_once()
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run_once()
        times.append((time.perf_counter() - start) * 1000)
    return times


class Peer:
    name = ""
    has_index = True

    def __init__(self, kb, work):
        self.kb, self.work = kb, work

    def available(self):
        return True

    def version(self):
        return ""

    def build(self):
        """A full build from nothing: a Run."""
        raise NotImplementedError

    def refresh(self):
        """An update after the files changed (or did not): a Run, or None."""
        return None

    def refresh_note(self, note):
        """An update of the one note `note` (a path in the KB) the caller named: a Run,
        or None where the tool can only look at everything."""
        return None

    def index_bytes(self):
        return 0

    def files_command(self, query):
        """The whole-process command that prints the path of every note `query` matches."""
        raise NotImplementedError

    def text_command(self, query):
        """The whole-process command that prints every hit as a user reads it, or None."""
        return None

    def first_pages(self, queries, rounds):
        """{query: [ms, ...]}: the first page of 20 hits, ranked, in this process; or None."""
        return None

    def hits(self, query):
        """How many notes `query` matches, from files_command's output."""
        run = common.measured(self.files_command(query), timeout=TIMEOUT_SECONDS)
        return len([line for line in run.stdout.split("\n") if line.strip()])


class KbSearch(Peer):
    name = "kbsearch"

    def version(self):
        return subprocess.run(["git", "-C", common.ROOT, "describe", "--always", "--dirty"],
                              capture_output=True, text=True).stdout.strip()

    def build(self):
        shutil.rmtree(os.path.join(self.kb, ".kbsearch"), ignore_errors=True)
        return checked(common.measured([common.KBSEARCH, "index", "--kb", self.kb, "--quiet"],
                                       timeout=TIMEOUT_SECONDS), "kbsearch index")

    def refresh_note(self, note):
        return checked(common.measured([common.KBSEARCH, "index", "--kb", self.kb, "--quiet",
                                        "--", os.path.join(self.kb, note)],
                                       timeout=TIMEOUT_SECONDS), "kbsearch index NOTE")

    def refresh(self):
        return checked(common.measured([common.KBSEARCH, "index", "--kb", self.kb, "--quiet"],
                                       timeout=TIMEOUT_SECONDS), "kbsearch index")

    def refresh_note(self, note):
        return checked(common.measured([common.KBSEARCH, "index", "--kb", self.kb, "--quiet",
                                        "--", os.path.join(self.kb, note)],
                                       timeout=TIMEOUT_SECONDS), "kbsearch index NOTE")

    def index_bytes(self):
        return folder_bytes(os.path.join(self.kb, ".kbsearch"))

    def files_command(self, query):
        return [common.KBSEARCH, "--kb", self.kb, "--no-refresh", "search", "--files",
                "--limit", "0", "--", query]

    def text_command(self, query):
        return [common.KBSEARCH, "--kb", self.kb, "--no-refresh", "search", "--limit", "0",
                "--", query]

    def first_pages(self, queries, rounds):
        out = subprocess.run([os.path.join(common.BENCH_BIN, "query_latency"),
                              "--rounds", str(rounds), "--raw", self.kb, *queries],
                             capture_output=True, text=True, check=True).stdout
        times = {}
        for line in out.splitlines():
            query, *ms = line.split("\t")
            times[query] = [float(m) for m in ms]
        return times


class Omindex(Peer):
    """Xapian's omindex and quest, with Xapian's CJK n-grams, Markdown read as text."""
    name = "omindex"
    env = dict(os.environ, XAPIAN_CJK_NGRAM="1")

    def __init__(self, kb, work):
        super().__init__(kb, work)
        self.db = os.path.join(work, "omindex")

    def available(self):
        return shutil.which("omindex") is not None and shutil.which("quest") is not None

    def version(self):
        return subprocess.run(["omindex", "--version"], capture_output=True,
                              text=True).stdout.split()[-1] + " (XAPIAN_CJK_NGRAM=1)"

    def command(self, overwrite):
        # --empty-docs=index: a note with no text is still a note.
        return (["omindex", "--db", self.db, "--url", "/", "--empty-docs=index",
                 "--mime-type", "md:text/plain", "--mime-type", "markdown:text/plain"] +
                (["--overwrite"] if overwrite else []) + [self.kb])

    def build(self):
        shutil.rmtree(self.db, ignore_errors=True)
        return checked(common.measured(self.command(True), env=self.env,
                                       timeout=TIMEOUT_SECONDS), "omindex")

    def refresh(self):
        return checked(common.measured(self.command(False), env=self.env,
                                       timeout=TIMEOUT_SECONDS), "omindex")

    def index_bytes(self):
        return folder_bytes(self.db)

    def quest(self, query, flags="default,cjk_ngram"):
        return ["quest", "-d", self.db, "-o", "and", "-f", flags, "-m", "10000000", query]

    def files_command(self, query):
        return self.quest(query)

    def hits(self, query):
        # quest prints each match as "RANK: [WEIGHT]" and then its data.
        run = common.measured(self.files_command(query), env=self.env, timeout=TIMEOUT_SECONDS)
        return len(re.findall(r"^\d+: \[", run.stdout, re.M))

    def first_pages(self, queries, rounds):
        try:
            import xapian  # Debian's python3-xapian, for /usr/bin/python3
        except ImportError:
            return None
        db = xapian.Database(self.db)
        parser = xapian.QueryParser()
        parser.set_database(db)
        parser.set_stemmer(xapian.Stem("english"))
        parser.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
        parser.set_default_op(xapian.Query.OP_AND)
        flags = xapian.QueryParser.FLAG_DEFAULT | xapian.QueryParser.FLAG_CJK_NGRAM
        times = {}
        for query in queries:
            def page():
                enquire = xapian.Enquire(db)
                enquire.set_query(parser.parse_query(query, flags))
                for match in enquire.get_mset(0, 20):
                    match.document.get_data()
            times[query] = first_page_timings(page, rounds)
        return times


class Fts5(Peer):
    """SQLite FTS5 with the unicode61 or the trigram tokenizer (zk uses FTS5)."""

    def __init__(self, kb, work, tokenizer):
        super().__init__(kb, work)
        self.tokenizer = tokenizer
        self.name = f"fts5-{tokenizer}"
        self.db = os.path.join(work, f"{self.name}.sqlite")

    def version(self):
        return sqlite3.sqlite_version

    def available(self):
        return shutil.which("sqlite3") is not None

    def build(self):
        if os.path.exists(self.db):
            os.remove(self.db)
        return checked(common.measured([sys.executable, os.path.join(HERE, "fts5_index.py"),
                                        self.db, self.tokenizer, self.kb],
                                       timeout=TIMEOUT_SECONDS), f"{self.name} build")

    def index_bytes(self):
        return os.path.getsize(self.db)

    def match(self, query):
        """The FTS5 MATCH expression: each word or phrase a quoted string, ANDed."""
        return " ".join('"' + part.replace('"', '""') + '"' for part in query_parts(query))

    def files_command(self, query):
        literal = self.match(query).replace("'", "''")
        return ["sqlite3", self.db, f"SELECT path FROM notes WHERE notes MATCH '{literal}';"]

    def text_command(self, query):
        literal = self.match(query).replace("'", "''")
        return ["sqlite3", self.db,
                f"SELECT path, snippet(notes, 1, '[', ']', '…', 16) FROM notes "
                f"WHERE notes MATCH '{literal}' ORDER BY rank;"]

    def first_pages(self, queries, rounds):
        connection = sqlite3.connect(self.db)
        times = {}
        for query in queries:
            match = self.match(query)
            def page():
                connection.execute(
                    "SELECT path, snippet(notes, 1, '[', ']', '…', 16) FROM notes "
                    "WHERE notes MATCH ? ORDER BY rank LIMIT 20", (match,)).fetchall()
            times[query] = first_page_timings(page, rounds)
        connection.close()
        return times


class Recoll(Peer):
    """Recoll's recollindex and recollq, Markdown read as text, its CJK n-grams on."""
    name = "recoll"

    def __init__(self, kb, work):
        super().__init__(kb, work)
        self.config = os.path.join(work, "recoll")

    def available(self):
        return shutil.which("recollindex") is not None and shutil.which("recollq") is not None

    def version(self):
        out = subprocess.run(["recollq", "-v"], capture_output=True, text=True)
        return " ".join((out.stdout + out.stderr).split()[1:2])  # "Recoll 1.34.3 + Xapian ..."

    def write_config(self):
        os.makedirs(self.config, exist_ok=True)
        with open(os.path.join(self.config, "recoll.conf"), "w", encoding="utf-8") as f:
            f.write(f"topdirs = {self.kb}\n"
                    f"dbdir = {os.path.join(self.config, 'xapiandb')}\n"
                    "skippedNames+ = .kbsearch\n"
                    "noaspell = 1\n"
                    "loglevel = 1\n")
        with open(os.path.join(self.config, "mimemap"), "w", encoding="utf-8") as f:
            f.write(".md = text/plain\n.markdown = text/plain\n")

    def build(self):
        shutil.rmtree(self.config, ignore_errors=True)
        self.write_config()
        return checked(common.measured(["recollindex", "-c", self.config, "-z"],
                                       timeout=TIMEOUT_SECONDS), "recollindex")

    def refresh(self):
        return checked(common.measured(["recollindex", "-c", self.config],
                                       timeout=TIMEOUT_SECONDS), "recollindex")

    def refresh_note(self, note):
        return checked(common.measured(["recollindex", "-c", self.config, "-i",
                                        os.path.join(self.kb, note)],
                                       timeout=TIMEOUT_SECONDS), "recollindex -i")

    def index_bytes(self):
        return folder_bytes(os.path.join(self.config, "xapiandb"))

    def files_command(self, query):
        return ["recollq", "-c", self.config, "-b", "-n", "0-10000000", query]

    def text_command(self, query):
        return ["recollq", "-c", self.config, "-A", "-n", "0-10000000", query]


class Ripgrep(Peer):
    """ripgrep with no index: every word a pass over the files that hold the ones before."""
    name = "ripgrep"
    has_index = False

    def available(self):
        return shutil.which("rg") is not None

    def version(self):
        return subprocess.run(["rg", "--version"], capture_output=True,
                              text=True).stdout.split()[1]

    def build(self):
        return None

    def files_command(self, query):
        parts = query_parts(query)
        # -i for English as kbsearch folds case; -F: the words as text.
        first = f"rg -l0 -i -F -- {shlex.quote(parts[0])} {shlex.quote(self.kb)}"
        rest = "".join(f" | xargs -0r rg -l0 -i -F -- {shlex.quote(p)}" for p in parts[1:])
        return ["sh", "-c", first + rest + " | tr '\\0' '\\n'"]


def every_peer(kb, work):
    """kbsearch first, then each peer this machine has."""
    peers = [KbSearch(kb, work), Omindex(kb, work), Fts5(kb, work, "unicode61"),
             Fts5(kb, work, "trigram"), Recoll(kb, work), Ripgrep(kb, work)]
    return [peer for peer in peers if peer.available()]
