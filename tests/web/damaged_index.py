#!/usr/bin/python3
"""`kbsearch serve` over an index damaged while it runs: a search is
answered 500 with a JSON error line that says the index is damaged, the
server's error log (standard error) names the request that failed, other
routes go on answering, and once the index is deleted the server's own
refresh builds it again and the search finds the note.

Every wait is a poll (served_kb.poll) of at most WAIT_S seconds.

Usage: damaged_index.py KBSEARCH FIXTURES"""

import glob
import os
import shutil
import sys
import urllib.parse

from served_kb import Checks, ServedKb, answer, api, of, poll, seconds

QUERY = "注意力"
NOTE = "混合/注意力机制笔记.md"


def damage(kb):
    """Overwrites every table of the index's databases with 0xff bytes,
    keeping their sizes: what a disk that lost them would leave."""
    for table in glob.glob(os.path.join(kb, ".kbsearch", "*", "*.glass")):
        size = os.path.getsize(table)
        with open(table, "r+b") as f:
            f.write(b"\xff" * size)


def main():
    kbsearch, fixtures = sys.argv[1], sys.argv[2]
    expect = Checks()

    with ServedKb(kbsearch, fixtures) as served:
        found = {hit["path"] for hit in of(api(served.url, "/api/search", q=QUERY), "hit")}
        expect("before the damage, the search finds the note", NOTE in found)

        damage(served.kb)
        status, lines = answer(served.url, "/api/search", q=QUERY)
        errors = of(lines, "error")
        expect(f"a search over the damaged index is a server error ({status})", status == 500)
        expect("its answer is one JSON error line that says the index is damaged",
               len(lines) == 1 and errors and errors[0]["code"] == "corruption" and
               errors[0]["format_version"] == 1)
        log = served.server_log()
        expect("the server's error log names the request and says why",
               "GET /api/search?q=" + urllib.parse.quote(QUERY) in log and "damaged" in log)

        said = poll(lambda: answer(served.url, "/api/status"),
                    lambda status, lines: status == 200 and
                    "damaged" in of(lines, "status")[0]["error"])
        expect(f"/api/status still answers, and its next refresh says the index is damaged "
               f"({seconds(said)})", said is not None)

        shutil.rmtree(os.path.join(served.kb, ".kbsearch"))
        rebuilt = poll(lambda: answer(served.url, "/api/search", q=QUERY),
                       lambda status, lines: status == 200 and
                       NOTE in {hit["path"] for hit in of(lines, "hit")})
        expect(f"once the index is deleted, the server builds it again and finds the note "
               f"({seconds(rebuilt)})", rebuilt is not None)
        if expect.failed:
            print(served.server_log(), file=sys.stderr)
    expect("SIGTERM stops the server with exit code 0", served.stopped_with == 0)
    return 1 if expect.failed else 0


if __name__ == "__main__":
    sys.exit(main())
