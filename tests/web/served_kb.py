"""Shared by the web tests: a copy of fixtures/kb served by the built
kbsearch on 127.0.0.1, on a port the kernel picks.

The server is started with `--port 0` and its URL read from the line it
prints once it listens; everything it does is bounded in time, and it is
stopped with SIGTERM (then killed) when the test ends, pass or fail."""

import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

START_TIMEOUT_S = 120  # a first build of the fixture index, under ASan
STOP_TIMEOUT_S = 10
REQUEST_TIMEOUT_S = 30


WAIT_S = 20  # the longest a poll() waits
POLL_S = 0.1


def answer(url, route, **params):
    """(HTTP status, JSON Lines answer as [{type, data}]) of a GET of an API
    route, an error answer included."""
    try:
        with urllib.request.urlopen(url.rstrip("/") + route + "?" +
                                    urllib.parse.urlencode(params),
                                    timeout=REQUEST_TIMEOUT_S) as res:
            status, body = res.status, res.read()
    except urllib.error.HTTPError as e:
        status, body = e.code, e.read()
    return status, [json.loads(line) for line in body.decode("utf-8").splitlines() if line]


def api(url, route, **params):
    """The JSON Lines answer of an API route, as [{type, data}]; an error
    answer raises."""
    status, lines = answer(url, route, **params)
    if status != 200:
        raise RuntimeError(f"{route} {params}: HTTP {status}: {lines}")
    return lines


def poll(ask, good):
    """The seconds until `good(*ask())` held, asked every POLL_S for WAIT_S
    at most; None when it never did."""
    start = time.monotonic()
    while time.monotonic() - start < WAIT_S:
        if good(*ask()):
            return time.monotonic() - start
        time.sleep(POLL_S)
    return None


def seconds(took):
    """A poll()'s result, for a check's message."""
    return f"{took:.1f} s" if took is not None else f"not within {WAIT_S} s"


def of(lines, kind):
    """The data of the lines of type `kind`."""
    return [line["data"] for line in lines if line["type"] == kind]


def first_match(proc, pattern, timeout_s):
    """The first match of `pattern` in the lines `proc` prints on stdout,
    within `timeout_s`; None when it exits or prints none. readline()
    blocks, so this is bounded by the process: one that dies ends it."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        line = line.decode("utf-8", "replace") if isinstance(line, bytes) else line
        if not line:
            return None
        found = re.search(pattern, line)
        if found:
            return found
    return None


def stop(proc):
    """SIGTERM to `proc`, then SIGKILL after STOP_TIMEOUT_S; its exit code."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(STOP_TIMEOUT_S)
    return proc.returncode


class Checks:
    """expect(what, condition): prints the check as ok or FAIL; `failed`
    lists what failed."""

    def __init__(self):
        self.failed = []

    def __call__(self, what, condition):
        print(("ok   " if condition else "FAIL ") + what)
        if not condition:
            self.failed.append(what)


class ServedKb:
    """`args`: more arguments of `kbsearch serve`."""

    def __init__(self, kbsearch, fixtures, prepare=None, args=()):
        self.kbsearch, self.fixtures, self.prepare, self.args = kbsearch, fixtures, prepare, args

    def __enter__(self):
        self.work = tempfile.mkdtemp(prefix="kbweb-")
        self.kb = os.path.join(self.work, "kb")
        shutil.copytree(os.path.join(self.fixtures, "kb"), self.kb, symlinks=True)
        shutil.rmtree(os.path.join(self.kb, ".kbsearch"), ignore_errors=True)
        if self.prepare:
            self.prepare(self.kb)
        env = {k: v for k, v in os.environ.items() if k not in ("KBSEARCH_KB", "NO_COLOR")}
        env.update(LANG="", LC_ALL="", ASAN_OPTIONS="detect_leaks=0")
        self.log = open(os.path.join(self.work, "server.log"), "w+b")
        self.proc = subprocess.Popen(
            [self.kbsearch, "--kb", self.kb, "serve", "--port", "0", *self.args], env=env,
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=self.log)
        self.url = self._read_url()
        return self

    def _read_url(self):
        found = first_match(self.proc, r"http://127\.0\.0\.1:\d+/", START_TIMEOUT_S)
        if found:
            return found.group(0)
        self.__exit__(None, None, None)
        raise RuntimeError(f"kbsearch serve did not start: {self.server_log()}")

    def server_log(self):
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")[-4000:]

    def __exit__(self, *exc):
        self.stopped_with = stop(self.proc)
        self.log.close()
        shutil.rmtree(self.work, ignore_errors=True)
        return False
