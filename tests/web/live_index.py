#!/usr/bin/python3
"""`kbsearch serve` answers from the notes as they are now: a note saved
while the server runs is found by a later search, an edited one is found
by its new words, and a deleted one is gone. Both ways the server keeps
the index fresh are checked: refreshed before an answer (the default), and
the watch (`--watch`), which refreshes nothing before an answer, so that
what its searches find the watch alone has indexed.

Every wait is a poll of at most WAIT_S seconds; a change must show within
it (the watch waits 200 ms for a burst of changes to end).

Usage: live_index.py KBSEARCH FIXTURES"""

import os
import sys

from served_kb import WAIT_S, Checks, ServedKb, api, of, poll

NOTE = "日记/实时笔记.md"


def paths_found(url, query):
    return {hit["path"] for hit in of(api(url, "/api/search", q=query), "hit")}


def shows_within(url, query, wanted):
    """Whether the search for `query` comes to find NOTE (`wanted`) or not
    within WAIT_S (a poll); the seconds it took."""
    took = poll(lambda: (paths_found(url, query),), lambda paths: (NOTE in paths) == wanted)
    return took is not None, took if took is not None else WAIT_S


def save(kb, text):
    """Saves NOTE as editors do: a temporary file renamed over the note."""
    path = os.path.join(kb, NOTE)
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(path + ".tmp", path)


def main():
    kbsearch, fixtures = sys.argv[1], sys.argv[2]
    expect = Checks()

    for args, mode in (((), "refreshed before an answer"), (("--watch",), "--watch")):
        with ServedKb(kbsearch, fixtures, args=args) as served:
            status = of(api(served.url, "/api/status"), "status")[0]
            expect(f"{mode}: /api/status says watching is {bool(args)}",
                   status["watching"] is bool(args))
            expect(f"{mode}: the word is in no note yet", not paths_found(served.url, "kbliveqx"))

            save(served.kb, "# 实时笔记\n\n今天写下 kbliveqx 这个词。\n")
            found, took = shows_within(served.url, "kbliveqx", True)
            expect(f"{mode}: a new note is found ({took:.1f} s)", found)

            save(served.kb, "# 实时笔记\n\n改成了 kbliveqy。\n")
            found, took = shows_within(served.url, "kbliveqy", True)
            expect(f"{mode}: an edited note is found by its new word ({took:.1f} s)", found)
            expect(f"{mode}: and no longer by its old one",
                   NOTE not in paths_found(served.url, "kbliveqx"))

            os.remove(os.path.join(served.kb, NOTE))
            gone, took = shows_within(served.url, "kbliveqy", False)
            expect(f"{mode}: a deleted note is gone ({took:.1f} s)", gone)

            status = of(api(served.url, "/api/status"), "status")[0]
            expect(f"{mode}: /api/status counts the updates and says no error",
                   status["refreshes"] >= 3 and status["error"] == "")
            if expect.failed:
                print(served.server_log(), file=sys.stderr)
        expect(f"{mode}: SIGTERM stops the server with exit code 0", served.stopped_with == 0)
        if expect.failed:
            break
    return 1 if expect.failed else 0


if __name__ == "__main__":
    sys.exit(main())
