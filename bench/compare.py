#!/usr/bin/python3
"""kbsearch against its peers, side by side in one run, on any corpus folder.

For each corpus, on one temporary copy that every tool indexes:
- full build, --builds times each, the tools alternating: wall and
  user+sys CPU seconds (median), peak RSS (the largest), index size over
  the text size (the bytes of *.md and *.markdown kbsearch reads);
- refresh with nothing changed, and after one note got a new word (a
  different note each run; each tool checked to find the word), --runs
  times each; and the update of that one note named (`kbsearch index
  NOTE`, `recollindex -i NOTE`), as an editor hook or `watch` does it;
- a fixed query mix (below), --runs rounds of whole processes, the tools
  alternating within each query: `kbsearch --files` (every path) against
  `quest`, `sqlite3`, `recollq -b` and `rg -l`, and the text output of
  each (every hit with its snippet or data) where the tool has one;
- the web API (`kbsearch serve`) under 1 and 8 clients, the mix's
  searches for 10 s each (bench/web_load.py);
- the same mix in process, --rounds times after a warm-up: the first page
  of 20 ranked hits with snippets (kbsearch via bench/query_latency;
  Xapian via python3-xapian on omindex's database; FTS5 via sqlite3).
Prints Markdown tables with the ratios to kbsearch, and the targets of
issue #13, each met or MISSED. With several --synthetic sizes it also
prints how kbsearch grows with the number of notes.

The tools, each only when installed (`tools/setup.sh --bench` installs
them): Xapian omindex with XAPIAN_CJK_NGRAM=1; SQLite FTS5 with the
unicode61 and trigram tokenizers, loaded by bench/fts5_index.py; Recoll;
ripgrep. Whole-process kbsearch queries use --no-refresh, as the peers'
query tools check nothing; the refresh table shows what a refresh costs.

The query mix, from the corpus with a fixed seed (sample_words, ICU word
breaks): --words Chinese and --words English words, the Chinese and the
English sampled word with the most hits, pairs of English words, English
phrases found in the text, and a word that is nowhere.

Corpora: folders given, or --synthetic N (tools/gen_corpus, seed
--seed, cached in build/bench/corpora/); by default zh-notes and all of
../shared/corpus when it is there, else 10,000 synthetic notes.

Runs on /usr/bin/python3: python3-xapian is Debian's, for its python.

Usage: bench/compare.py [CORPUS...] [--synthetic N]... [--peers a,b]
       [--builds 2] [--runs 3] [--rounds 20] [--words 6] [--keep]
"""
import argparse
import math
import os
import shutil
import statistics
import string
import subprocess
import sys
import tempfile
import time

import common
import peers as peer_tools
import web_load

SHARED_CORPUS = os.path.dirname(common.DEFAULT_CORPUS)
CORPUS_CACHE = os.path.join(common.ROOT, "build", "bench", "corpora")
NO_HIT_WORD = "kbnohitzq"

# The targets of issue #13.
BUILD_RATIO_MAX = 0.5          # kbsearch / omindex full build wall time
NO_OP_SECONDS_MAX = 0.2
ONE_CHANGE_SECONDS_MAX = 0.05
RG_SPEEDUP_MIN = 100           # rg -l p50 / kbsearch --files p50
WORST_RATIO_MAX = 2.0          # kbsearch / quest slowest query
IN_PROCESS_P50_MAX = 1.0       # ms
IN_PROCESS_P99_MAX = 10.0      # ms
PEAK_MB_MAX = 300
SIZE_RATIO_MAX = 3.0
SYNTHETIC_P50_MAX = 5.0        # ms, in process, at the largest synthetic size
GROWTH_SLACK = 1.15            # per-note cost at the largest size over the smallest
WEB_CLIENTS = (1, 8)           # concurrent clients of `kbsearch serve`
WEB_SECONDS = 10


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def synthetic_corpus(notes, seed):
    """The folder of tools/gen_corpus's corpus of `notes` notes, made once."""
    folder = os.path.join(CORPUS_CACHE, f"gen-{notes}-{seed}")
    if not os.path.exists(os.path.join(folder, "MANIFEST.json")):
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(CORPUS_CACHE, exist_ok=True)
        start = time.perf_counter()
        subprocess.run([os.path.join(common.ROOT, "tools", "gen_corpus"), folder,
                        "--notes", str(notes), "--seed", str(seed)], check=True)
        print(f"generated {notes} notes in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    return folder


def label(corpus):
    if os.path.isdir(SHARED_CORPUS) and os.path.samefile(corpus, SHARED_CORPUS):
        return "all"
    return os.path.basename(os.path.normpath(corpus))


def notes_of(kb):
    """Relative paths and total bytes of the files kbsearch reads as notes."""
    paths = common.note_paths(kb)
    return paths, sum(os.path.getsize(os.path.join(kb, path)) for path in paths)


def kbsearch_count(kb, query):
    out = subprocess.run([common.KBSEARCH, "--kb", kb, "--no-refresh", "search", "--count",
                          "--", query], capture_output=True, text=True)
    return int(out.stdout.split()[0]) if out.stdout.split() else 0


def phrase_after(kb, word):
    """`word` and the English word that follows it somewhere in the text, or None.
    ripgrep stops at its first line: -m1 counts per file, and a million
    notes would all be read."""
    with subprocess.Popen(["rg", "-o", "-i", "-N", "--no-filename", "-m1",
                           rf"\b{word}\s+[a-z]{{3,}}\b", kb],
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) as rg:
        first = rg.stdout.readline().split()
        rg.kill()
    return f'"{first[0].lower()} {first[1].lower()}"' if len(first) == 2 else None


def query_mix(kb, words, seed):
    """[(query, class)]: the fixed mix every tool runs, from the corpus with `seed`."""
    zh = common.sample_words(kb, 3 * words, seed, "zh")
    en = common.sample_words(kb, 3 * words, seed, "en")
    counts = {w: kbsearch_count(kb, w) for w in zh + en}
    mix = [(w, f"zh {len(w)} chars") for w in zh[:words]]
    mix += [(w, "en word") for w in en[:words]]
    for language in (zh, en):
        most = max(language, key=lambda w: counts[w])
        if most not in language[:words]:
            mix.append((most, "many hits"))
    mix += [(f"{en[i]} {en[i + 1]}", "two words") for i in range(0, min(6, len(en) - 1), 2)]
    phrases = list(dict.fromkeys(p for p in (phrase_after(kb, w) for w in en) if p))
    mix += [(p, "phrase") for p in phrases[:3]]
    mix.append((NO_HIT_WORD, "no hit"))
    unique = {}  # a query once, in its first class
    for query, kind in mix:
        unique.setdefault(query, kind)
    return list(unique.items())


def measure(corpus, args):
    work = tempfile.mkdtemp(prefix="kbcompare-")
    kb = os.path.join(work, "kb")
    try:
        common.fresh_copy(corpus, kb)
        notes, text_bytes = notes_of(kb)
        tools = [p for p in peer_tools.every_peer(kb, work)
                 if not args.peers or p.name in args.peers]
        indexed = [p for p in tools if p.has_index]
        result = {"name": label(corpus), "files": len(notes), "text": text_bytes,
                  "versions": {p.name: p.version() for p in tools},
                  "builds": {p.name: [] for p in indexed}}
        for b in range(args.builds):
            for peer in rotated(indexed, b):
                result["builds"][peer.name].append(peer.build())
                print(f"{result['name']}: {peer.name} built in "
                      f"{result['builds'][peer.name][-1].wall:.1f} s", file=sys.stderr)
        result["sizes"] = {p.name: p.index_bytes() for p in indexed}

        mix = query_mix(kb, args.words, args.seed)
        queries = [q for q, _ in mix]
        result["mix"] = mix
        result["hits"] = {p.name: {q: p.hits(q) for q in queries} for p in tools}
        result["files runs"] = {p.name: {q: [] for q in queries} for p in tools}
        result["text runs"] = {p.name: {q: [] for q in queries} for p in tools
                               if p.text_command(queries[0])}
        for r in range(args.runs):
            for i, query in enumerate(queries):
                for peer in rotated(tools, r + i):
                    result["files runs"][peer.name][query].append(
                        common.measured(peer.files_command(query), env=peer_env(peer)).wall)
                    if peer.name in result["text runs"]:
                        result["text runs"][peer.name][query].append(
                            common.measured(peer.text_command(query), env=peer_env(peer)).wall)
        # The web API: every query of the mix, in turn, from 1 and from 8
        # clients for WEB_SECONDS each.
        result["web"] = {clients: web_load.load(kb, queries, clients, WEB_SECONDS)
                         for clients in WEB_CLIENTS}
        result["in process"] = {}
        for peer in tools:
            pages = peer.first_pages(queries, args.rounds)
            if pages is not None:
                result["in process"][peer.name] = pages

        refreshing = [p for p in indexed if p.refresh() is not None]
        result["no-op"] = {p.name: [] for p in refreshing}
        result["query with refresh"] = []
        for r in range(args.runs):
            for peer in rotated(refreshing, r):
                result["no-op"][peer.name].append(peer.refresh())
            result["query with refresh"].append(common.measured(
                [common.KBSEARCH, "--kb", kb, "search", "--files", "--", queries[0]]).wall)
        result["one change"] = {p.name: [] for p in refreshing}
        result["found"] = {p.name: 0 for p in refreshing}
        for r in range(args.runs):
            # A different note each run: omindex compares whole-second mtimes.
            note = notes[(r + 1) * len(notes) // (args.runs + 1)]
            word = "kbchangemark" + string.ascii_lowercase[r % 26] * (1 + r // 26)
            with open(os.path.join(kb, note), "a", encoding="utf-8") as f:
                f.write(f"\n\n{word}\n")
            for peer in rotated(refreshing, r):
                result["one change"][peer.name].append(peer.refresh())
                result["found"][peer.name] += peer.hits(word) == 1
        naming = [p for p in refreshing if p.refresh_note(notes[0]) is not None]
        result["named note"] = {p.name: [] for p in naming}
        for r in range(args.runs):
            note = notes[(2 * r + 1) * len(notes) // (2 * args.runs + 2)]
            word = "kbnamedmark" + string.ascii_lowercase[r % 26] * (1 + r // 26)
            with open(os.path.join(kb, note), "a", encoding="utf-8") as f:
                f.write(f"\n\n{word}\n")
            for peer in rotated(naming, r):
                result["named note"][peer.name].append(peer.refresh_note(note))
                result["found"][peer.name] += peer.hits(word) == 1
        return result
    finally:
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


def peer_env(peer):
    return getattr(peer, "env", None)


def rotated(items, by):
    """`items` starting at a different one each time, so that no tool always runs first."""
    by %= max(1, len(items))
    return items[by:] + items[:by]


def median_wall(runs, field="wall"):
    return statistics.median(getattr(r, field) for r in runs)


def pooled(per_query):
    return [t for times in per_query.values() for t in times]


def worst(per_query):
    """The slowest query's median, and the query."""
    return max((statistics.median(t), q) for q, t in per_query.items() if t)


def ratio(a, b):
    return f"{a / b:.2f}x" if b else "-"


def print_corpus(res, args):
    name, text_mb = res["name"], res["text"] / 1e6
    print(f"\n## {name}: {res['files']:,} note files, {text_mb:.1f} MB of text\n")
    print(f"Full build: median of {args.builds}, alternating; peak RSS: the largest; "
          f"MB = 10^6 bytes.\n")
    print("| tool | wall s | CPU s | peak RSS MB | index MB | index / text | wall vs kbsearch |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    ours = median_wall(res["builds"]["kbsearch"]) if "kbsearch" in res["builds"] else 0
    for tool, runs in res["builds"].items():
        wall = median_wall(runs)
        print(f"| {tool} | {wall:.2f} | {median_wall(runs, 'cpu'):.2f} | "
              f"{max(r.peak_mb for r in runs):.0f} | {res['sizes'][tool] / 1e6:.1f} | "
              f"{res['sizes'][tool] / res['text']:.2f} | {ratio(wall, ours)} |")

    print(f"\nRefresh: median of {args.runs}; one change: a new word appended to one note, "
          f"then the refresh, then a search for the word; named: the same, the refresh "
          f"given that note.\n")
    print("| tool | nothing changed s | one changed note s | the note named s "
          "| found the new word |")
    print("|---|---:|---:|---:|---:|")
    for tool in res["no-op"]:
        named = res["named note"].get(tool)
        named_cell = f"{median_wall(named):.3f}" if named else "-"
        print(f"| {tool} | {median_wall(res['no-op'][tool]):.3f} | "
              f"{median_wall(res['one change'][tool]):.3f} | {named_cell} | "
              f"{res['found'][tool]} of {args.runs * (2 if named else 1)} |")
    with_refresh = statistics.median(res["query with refresh"])
    print(f"\n`kbsearch --files` with its refresh (no --no-refresh): "
          f"{with_refresh * 1000:.1f} ms (median of {args.runs})")

    mix = res["mix"]
    print(f"\nWhole-process queries: {len(mix)} queries x {args.runs} rounds, alternating; "
          f"every hit printed; ms.\n")
    print("| tool | paths p50 | p99 | slowest query | vs kbsearch p50 | text p50 | p99 "
          "| hits over the mix |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    ours_p50 = statistics.median(pooled(res["files runs"]["kbsearch"]))
    for tool, per_query in res["files runs"].items():
        times = pooled(per_query)
        slow, slow_query = worst(per_query)
        text = pooled(res["text runs"][tool]) if tool in res["text runs"] else []
        text_cells = (f"{statistics.median(text) * 1000:.1f} | "
                      f"{percentile(text, 0.99) * 1000:.1f}") if text else "- | -"
        print(f"| {tool} | {statistics.median(times) * 1000:.1f} | "
              f"{percentile(times, 0.99) * 1000:.1f} | {slow * 1000:.1f} (`{slow_query}`) | "
              f"{ratio(statistics.median(times), ours_p50)} | {text_cells} | "
              f"{sum(res['hits'][tool].values()):,} |")

    if res["in process"]:
        print(f"\nIn process: the first page of 20 ranked hits with snippets, "
              f"{args.rounds} rounds a query after a warm-up; ms.\n")
        print("| tool | p50 | p99 | max |")
        print("|---|---:|---:|---:|")
        for tool, per_query in res["in process"].items():
            times = pooled(per_query)
            print(f"| {tool} | {statistics.median(times):.3f} | "
                  f"{percentile(times, 0.99):.3f} | {max(times):.3f} |")

    print(f"\nThe web API (`kbsearch serve`, bench/web_load.py): the mix's searches and "
          f"/api/tags from N clients for {WEB_SECONDS} s, one connection a request; ms.\n")
    print("| clients | requests | per second | p50 | p99 | max | errors |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for clients, (times_by_route, errors, _) in res["web"].items():
        times = pooled(times_by_route)
        cells = (f"{statistics.median(times):.1f} | {percentile(times, 0.99):.1f} | "
                 f"{max(times):.1f}") if times else "- | - | -"
        print(f"| {clients} | {len(times):,} | {len(times) / WEB_SECONDS:.0f} | {cells} | "
              f"{len(errors)} |")
    for clients, (_, errors, log) in res["web"].items():
        for line in (errors[:5] + log[:5]) if errors else []:
            print(f"- {clients} clients: {line}")

    tools = list(res["hits"])
    print("\nThe mix: hits per tool (kbsearch shows duplicates once), and whole-process "
          "`--files` medians, ms.\n")
    print("| query | class | " + " | ".join(tools) + " | " +
          " | ".join(f"{t} ms" for t in tools) + " |")
    print("|---|---|" + "---:|" * (2 * len(tools)))
    for query, kind in mix:
        hits = [str(res["hits"][t][query]) for t in tools]
        times = [f"{statistics.median(res['files runs'][t][query]) * 1000:.1f}" for t in tools]
        print(f"| `{query}` | {kind} | " + " | ".join(hits) + " | " + " | ".join(times) + " |")


def targets(res):
    """(met, text) for each of the issue's targets this corpus's run can check."""
    name, checks = res["name"], []
    builds = res["builds"]
    ours = builds.get("kbsearch")
    if not ours:
        return checks
    if "omindex" in builds:
        r = median_wall(ours) / median_wall(builds["omindex"])
        checks.append((r <= BUILD_RATIO_MAX,
                       f"{name}: full build {r:.2f}x omindex's time (target <= {BUILD_RATIO_MAX}x)"))
    if "fts5-trigram" in builds:
        r = median_wall(ours) / median_wall(builds["fts5-trigram"])
        checks.append((r <= 1.0, f"{name}: full build {r:.2f}x FTS5 trigram's time "
                                 f"(stretch goal <= 1x)"))
    peak = max(r.peak_mb for r in ours)
    checks.append((peak <= PEAK_MB_MAX, f"{name}: peak RSS {peak:.0f} MB (target <= {PEAK_MB_MAX})"))
    size = res["sizes"]["kbsearch"] / res["text"]
    checks.append((size <= SIZE_RATIO_MAX,
                   f"{name}: index {size:.2f}x the text (target <= {SIZE_RATIO_MAX}x)"))
    if "kbsearch" in res["no-op"]:
        no_op = median_wall(res["no-op"]["kbsearch"])
        one = median_wall(res["one change"]["kbsearch"])
        checks.append((no_op <= NO_OP_SECONDS_MAX,
                       f"{name}: no-op refresh {no_op:.3f} s (target <= {NO_OP_SECONDS_MAX})"))
        checks.append((one <= ONE_CHANGE_SECONDS_MAX,
                       f"{name}: one-change refresh {one * 1000:.0f} ms "
                       f"(target <= {ONE_CHANGE_SECONDS_MAX * 1000:.0f})"))
    if "kbsearch" in res.get("named note", {}):
        named = median_wall(res["named note"]["kbsearch"])
        checks.append((named <= ONE_CHANGE_SECONDS_MAX,
                       f"{name}: one change, the note named (kbsearch index NOTE) "
                       f"{named * 1000:.0f} ms (target <= {ONE_CHANGE_SECONDS_MAX * 1000:.0f})"))
    files = res["files runs"]
    p50 = statistics.median(pooled(files["kbsearch"]))
    if "omindex" in files:
        theirs = statistics.median(pooled(files["omindex"]))
        checks.append((p50 <= theirs, f"{name}: --files p50 {p50 * 1000:.1f} ms, quest's "
                                      f"{theirs * 1000:.1f} ms (target: at or below)"))
        ours_worst, theirs_worst = worst(files["kbsearch"])[0], worst(files["omindex"])[0]
        checks.append((ours_worst <= WORST_RATIO_MAX * theirs_worst,
                       f"{name}: slowest query {ours_worst * 1000:.1f} ms, quest's "
                       f"{theirs_worst * 1000:.1f} ms (target <= {WORST_RATIO_MAX}x)"))
    if "ripgrep" in files:
        speedup = statistics.median(pooled(files["ripgrep"])) / p50
        checks.append((speedup >= RG_SPEEDUP_MIN,
                       f"{name}: --files p50 {speedup:.0f}x faster than rg -l "
                       f"(target >= {RG_SPEEDUP_MIN}x on the scale corpus)"))
    for clients, (_, errors, _) in res.get("web", {}).items():
        checks.append((not errors, f"{name}: web API under {clients} client(s): "
                                   f"{len(errors)} failed requests (target: none)"))
    pages = res["in process"].get("kbsearch")
    if pages:
        times = pooled(pages)
        p50, p99 = statistics.median(times), percentile(times, 0.99)
        checks.append((p50 <= IN_PROCESS_P50_MAX and p99 <= IN_PROCESS_P99_MAX,
                       f"{name}: in process p50 {p50:.3f} ms, p99 {p99:.3f} ms "
                       f"(target <= {IN_PROCESS_P50_MAX} and {IN_PROCESS_P99_MAX})"))
    return checks


def print_scaling(results):
    """How kbsearch's build, index and queries grow over the synthetic sizes."""
    sized = sorted((r for r in results if r.get("notes")), key=lambda r: r["notes"])
    if len(sized) < 2:
        return []
    print("\n## Scaling (synthetic corpora)\n")
    print("| notes | text MB | build s | ms per note | index MB | index / text "
          "| in-process p50 ms | p99 | --files p50 ms |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    rows = []
    for res in sized:
        build = median_wall(res["builds"]["kbsearch"])
        pages = pooled(res["in process"]["kbsearch"])
        rows.append((res["notes"], build / res["notes"], res["sizes"]["kbsearch"] / res["text"],
                     statistics.median(pages)))
        print(f"| {res['notes']:,} | {res['text'] / 1e6:.0f} | {build:.1f} | "
              f"{build / res['notes'] * 1000:.2f} | {res['sizes']['kbsearch'] / 1e6:.0f} | "
              f"{rows[-1][2]:.2f} | {rows[-1][3]:.3f} | {percentile(pages, 0.99):.3f} | "
              f"{statistics.median(pooled(res['files runs']['kbsearch'])) * 1000:.1f} |")
    small, large = rows[0], rows[-1]
    return [(large[1] <= GROWTH_SLACK * small[1],
             f"scaling: build time per note {large[1] * 1000:.2f} ms at {large[0]:,} notes, "
             f"{small[1] * 1000:.2f} ms at {small[0]:,} (target: linear, <= {GROWTH_SLACK}x)"),
            (large[2] <= GROWTH_SLACK * small[2],
             f"scaling: index / text {large[2]:.2f} at {large[0]:,} notes, {small[2]:.2f} at "
             f"{small[0]:,} (target: linear, <= {GROWTH_SLACK}x)"),
            (large[3] <= SYNTHETIC_P50_MAX,
             f"scaling: in-process p50 {large[3]:.3f} ms at {large[0]:,} notes "
             f"(target <= {SYNTHETIC_P50_MAX})")]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", nargs="*", help="corpus folders")
    parser.add_argument("--synthetic", type=int, action="append", default=[], metavar="N",
                        help="a tools/gen_corpus corpus of N notes (repeatable)")
    parser.add_argument("--seed", type=int, default=20261201, help="gen_corpus and word seed")
    parser.add_argument("--peers", type=lambda s: s.split(","), default=None,
                        help="only these tools, comma-separated (kbsearch,omindex,"
                             "fts5-unicode61,fts5-trigram,recoll,ripgrep)")
    parser.add_argument("--builds", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--words", type=int, default=6, help="words per language in the mix")
    parser.add_argument("--keep", action="store_true", help="keep the temporary copies")
    args = parser.parse_args()
    if min(args.builds, args.runs, args.rounds, args.words) < 1:
        parser.error("--builds, --runs, --rounds and --words must be at least 1")
    if args.peers and "kbsearch" not in args.peers:
        parser.error("--peers must include kbsearch: every ratio is to it")

    common.build(bench_tools=True)
    corpora = [(c, None) for c in args.corpus]
    corpora += [(synthetic_corpus(n, args.seed), n) for n in args.synthetic]
    if not corpora:
        corpora = ([(common.DEFAULT_CORPUS, None), (SHARED_CORPUS, None)]
                   if os.path.isdir(SHARED_CORPUS) else [(synthetic_corpus(10000, args.seed), 10000)])
    results = []
    for corpus, notes in corpora:
        start = time.perf_counter()
        res = measure(corpus, args)
        res["notes"] = notes
        results.append(res)
        print(f"measured {res['name']} in {time.perf_counter() - start:.0f} s", file=sys.stderr)

    uname = os.uname()
    print(f"# kbsearch and its peers\n\n{os.cpu_count()} cores, {uname.sysname} "
          f"{uname.release}, load average {os.getloadavg()[0]:.2f} at the end; versions: " +
          ", ".join(f"{t} {v}" for t, v in results[0]["versions"].items()))
    checks = []
    for res in results:
        print_corpus(res, args)
        checks += targets(res)
    checks += print_scaling(results)
    print("\n## Targets\n")
    for met, text in checks:
        print(("- met: " if met else "- MISSED: ") + text)


if __name__ == "__main__":
    main()
