#!/usr/bin/python3
"""`kbsearch serve` refuses what it must: paths that lead outside the
knowledge base (plain, percent-encoded, absolute, through a symbolic link
to /etc), hidden files inside it, a foreign Host header (DNS rebinding),
any method but GET, and it sends its security headers on every answer.

Each request is sent raw (http.client, the path as written, not
normalised), with a timeout.

Usage: serve_security.py KBSEARCH FIXTURES"""

import http.client
import os
import sys
import urllib.parse

from served_kb import Checks, ServedKb

TIMEOUT_S = 30
NOTE = "混合/注意力机制笔记.md"
# Bytes that no answer may hold: the first line of /etc/passwd.
SECRET = b"root:"


def prepare(kb):
    os.symlink("/etc", os.path.join(kb, "etc-link"))
    os.symlink("/etc/passwd", os.path.join(kb, "passwd.png"))
    with open(os.path.join(kb, "assets", "pixel.png"), "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + b"\0" * 16)
    os.makedirs(os.path.join(kb, ".git"), exist_ok=True)
    with open(os.path.join(kb, ".git", "config.png"), "wb") as f:
        f.write(b"hidden")
    with open(os.path.join(kb, ".git", "notes.md"), "w", encoding="utf-8") as f:
        f.write("# root: hidden\n")
    # Inside the root but ignored: no note of the knowledge base.
    with open(os.path.join(kb, ".kbignore"), "a", encoding="utf-8") as f:
        f.write("\nprivate/\n")
    os.makedirs(os.path.join(kb, "private"), exist_ok=True)
    with open(os.path.join(kb, "private", "secret.md"), "w", encoding="utf-8") as f:
        f.write("# root: ignored\n")


def request(url, path, method="GET", host=None):
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=TIMEOUT_S)
    headers = {"Host": host} if host else {}
    conn.putrequest(method, path, skip_host=bool(host), skip_accept_encoding=True)
    for k, v in headers.items():
        conn.putheader(k, v)
    conn.endheaders()
    res = conn.getresponse()
    body = res.read()
    conn.close()
    return res.status, dict(res.getheaders()), body


def main():
    kbsearch, fixtures = sys.argv[1], sys.argv[2]
    expect = Checks()

    q = urllib.parse.quote
    with ServedKb(kbsearch, fixtures, prepare) as served:
        ok, headers, _ = request(served.url, "/api/note?path=" + q(NOTE))
        expect("a note inside is served", ok == 200)
        expect("Content-Security-Policy is sent",
               "script-src 'self'" in headers.get("Content-Security-Policy", ""))
        expect("X-Content-Type-Options is nosniff",
               headers.get("X-Content-Type-Options") == "nosniff")
        expect("no CORS header is sent",
               not any(h.lower().startswith("access-control-") for h in headers))

        refused = [
            "/api/note?path=../../etc/passwd",
            "/api/note?path=%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            "/api/note?path=%2e%2e/%2e%2e/%2e%2e/etc/passwd",
            "/api/note?path=/etc/passwd",
            "/api/html?path=etc-link/passwd",
            "/api/html?path=../../../../etc/passwd",
            "/api/backlinks?path=../../etc/passwd",
            "/api/note?path=.git/notes.md",
            "/api/note?path=private/secret.md",
            "/api/html?path=private/secret.md",
            "/file?path=../../etc/passwd",
            "/file?path=%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            "/file?path=/etc/passwd",
            "/file?path=etc-link/passwd",
            "/file?path=etc-link/../../etc/passwd",
            "/file?path=passwd.png",
            "/file?path=.git/config.png",
            "/file?path=.kbsearch/stub.png",
            "/../../etc/passwd",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/etc/passwd",
        ]
        for path in refused:
            status, _, body = request(served.url, path)
            expect(f"{path} is 404 and shows nothing of it", status == 404 and SECRET not in body)

        status, headers, body = request(served.url, "/file?path=assets/pixel.png")
        expect("an image inside is served as one",
               status == 200 and headers.get("Content-Type") == "image/png" and
               body.startswith(b"\x89PNG"))

        port = urllib.parse.urlsplit(served.url).port
        for host in ("evil.example", f"evil.example:{port}", "127.0.0.1.evil.example"):
            status, _, _ = request(served.url, "/api/status", host=host)
            expect(f"Host {host} is refused", status == 421)
        status, _, _ = request(served.url, "/api/status", host=f"localhost:{port}")
        expect("Host localhost is served", status == 200)

        for method in ("POST", "PUT", "DELETE"):
            status, _, _ = request(served.url, "/api/status", method=method)
            expect(f"{method} is refused: the API is read-only", status == 405)
    expect("the server stops on SIGTERM with exit code 0", served.stopped_with == 0)

    if expect.failed:
        print(f"{len(expect.failed)} check(s) failed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
