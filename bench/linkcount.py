#!/usr/bin/env python3
"""Independent link counter for a Markdown knowledge base (ground truth for kbsearch).

Walks a KB, extracts every internal link, resolves it with the rules below
(written from the spec, not from kbsearch's C++ resolver), prints counts, and
compares them with `kbsearch broken` / `kbsearch backlinks`.

Usage:
    bench/linkcount.py [KB_DIR] [--kbsearch PATH] [--sample N] [--no-compare]
    bench/linkcount.py --self-test

KB_DIR defaults to ../shared/corpus/en-vault next to the repo, --kbsearch to
build/bench/cli/kbsearch, --sample to 20 (extra notes, seed 42, whose
backlinks are compared besides the 10 most linked notes).

Exit code: 0 when every compared count agrees (or when the kbsearch binary is
missing, so nothing was compared); 1 when a count differs; 2 when the binary
exists but a command failed (comparison skipped).

Notes and text
  * Notes: files ending in .md / .markdown (any case); names (files or folders)
    starting with '.' are skipped. Read as UTF-8 with errors='replace'.
  * Not scanned for links: YAML front matter (first line '---' up to the next
    '---' or '...' line; unclosed = no front matter) but for wikilinks in its
    values (property links: `key: "[[x]]"`, `- "[[x]]"`, on their line), fenced code blocks (``` or
    ~~~, indent <= 3 spaces, closed by the same char repeated at least as often,
    or by the end of the file; a ``` info string may not contain '`'), inline
    code spans (a run of N backticks up to the next run of exactly N backticks
    in the same paragraph, i.e. before a blank line; unmatched = literal),
    HTML comments <!-- ... --> (an unclosed one hides the rest of the file only
    when it starts a line), backslash-escaped characters (\\` opens no code
    span; an escaped \\[ or \\] delimits no link, so \\[\\[x\\]\\] is plain text).
  * Obsidian comments %% ... %% (may span lines; unclosed = to the end of the
    file) are skipped too: the main table ignores links inside them; a separate
    line reports how many links they hold, and the kbsearch comparison says
    whether kbsearch matches the count with or without them.
  * Indented (4-space) code blocks are NOT treated as code (Obsidian lists
    indent a lot).

Link kinds
  * wikilink [[...]] and embed ![[...]]: on one line, the body ends at the first
    ']]' and may not contain '[[' nor an inline HTML tag (<x ...>). Alias: split at the first '|' ('\\|' counts
    as '|', the backslash is dropped); the target part splits at the first '#'
    into target and anchor; both trimmed. Empty target + anchor = same note;
    nothing at all = not a link.
  * mdlink [text](dest) and mdimage ![alt](dest): text may nest brackets, dest
    may be <...> and may be followed by a "title". External (a URL scheme such
    as https: / mailto: / obsidian:, or '//...') links are not counted (shown as
    'external'). Empty dest = not a link. Internal dests are split at the first
    '#' and both parts percent-decoded.
  * postlink {% post_link slug ... %} (Hexo): the slug names a note by its file
    stem; on a site only the notes below <site root>/source/_posts/.
  * The line of a link is the 1-based line of its first character ('!' or '[').

Resolution (case-insensitive: NFC + str.lower())
  * mdlink/mdimage: '/x' from the KB root, anything else from the source note's
    folder; '.' and '..' normalised; leaving the root = broken. In order: a note
    at that path, the path + '.md', + '.markdown', the folder's index.md, its
    README.md (then index.markdown, README.markdown); if no note, any other
    (non-note, non-hidden) file at that path = resolved (to a file); else broken.
    Empty path + anchor = same note. More than one case-insensitive match at
    one step: the exact-case one, else ambiguous.
  * wikilink/embed: a trailing .md/.markdown is dropped, as is a leading '/'.
    If the last path segment still has another extension (a dot followed by 1-8
    letters/digits, at least one a letter: image.png, file.pdf), it names a file
    first: resolved if a non-note file with that relative path exists, or (for a
    bare name) a file with that name anywhere, or (for 'a/b.png') a file whose
    path ends with those segments. INTERPRETATION: when no such file exists the
    note tiers are tried too, because en-vault has notes named 'scrybble.ink',
    'mailbox.org', 'OLED.Black' linked as [[scrybble.ink]]; the summary says how
    many links resolved that way.
    Note tiers, the first tier with any candidate decides (one = resolved, more =
    ambiguous): (1) path from the root without extension; (2) path suffix by
    whole segments (only for targets with '/'); (3) file stem; (4) note title
    (front-matter 'title:' else the first '# ' H1 outside code else the stem) or
    alias (front-matter aliases/alias: [a, b], '- a' lines, or one string).
    None = broken.
  * Anchors, only for links resolved to a note (the last part of 'A#B#C' is
    checked): '^id' is resolved if the target's raw text contains '^id' (case
    insensitive, and the next character must not be a letter, digit, '-' or
    '_'); a heading is resolved if an ATX heading of the target (outside front
    matter, fenced code and CommonMark HTML blocks of type 6 such as <div>,
    which run to the next blank line; trailing #s removed) equals it after lowercasing and
    collapsing whitespace runs to one space, or has the same GitHub-style slug
    (lowercase, drop everything but letters, digits, spaces, '-', '_', then
    spaces -> '-'). Otherwise broken-anchor. Headings inside HTML or %%
    comments do not count: they are not rendered, so Obsidian cannot jump to
    them; the summary says how many anchors only such a heading would satisfy.

Dialects (written from libindex/README.md "Link dialects", not from the C++)
  * A note's dialect is that of the nearest folder at or above it that holds
    a marker: a '.obsidian' folder = obsidian (vault root: that folder), else a
    '_config.yml' or 'index.html' file = site (site root: that folder); none =
    strict (root: the KB root). '.kbsearch.toml' at the root with [links]
    dialect = "obsidian" | "site" | "strict" sets it for every note, from the
    KB root ("auto" or no file: the markers).
  * '/x' (Markdown links) and '[[/x]]' are paths from the dialect's root;
    leaving that root = broken. '[[./x]]' and '[[../x]]' are paths from the
    note's folder. Paths are tried as Markdown link paths are (note, folder
    index, file).
  * obsidian, Markdown link that names nothing from the note's folder (and
    does not leave the root): the path from the vault root, else (no '..'
    part, no trailing '/') the notes in the vault whose path ends with it
    (whole segments, with '/') or whose stem is it.
  * obsidian, wikilinks: only notes inside the vault are candidates; the path
    from the vault root is a first tier.
  * obsidian tie-break for several candidates: the fewest folders from the
    source's folder up to the common folder and down to the candidate's, then
    the fewest folders, then the fewest UTF-8 bytes, then the smallest path.
    Status stays 'ambiguous', with that note as its target.

Backlinks of a note: distinct (source, line) pairs of links with status
resolved (or ambiguous with a tie-break target) whose target is the note,
links from the note to itself excluded.

Comparison with kbsearch: the KB is copied to a temp dir (without .kbsearch),
indexed with `kbsearch index --kb TMP --quiet`; the 'link' records of
`kbsearch --kb TMP broken --json` are counted by status, and for the 10 most
linked notes plus --sample others, the 'link' records with status resolved of
`kbsearch --kb TMP backlinks --json PATH` are counted. For every mismatch up to
5 differing source:line keys are shown with both sides' multiplicity and raw
link. Hint columns (not part of the verdict): the count with %% links
included, and kbsearch's distinct source:line pairs for backlinks.
"""
import argparse
import bisect
import collections
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
import urllib.parse

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_KB = os.path.join(ROOT, "..", "shared", "corpus", "en-vault")
DEFAULT_KBSEARCH = os.path.join(ROOT, "build", "bench", "cli", "kbsearch")

KINDS = ("wikilink", "embed", "mdlink", "mdimage", "postlink")
STATUSES = ("resolved", "broken", "broken-anchor", "ambiguous")
NOTE_EXTS = (".md", ".markdown")


def norm(s):
    """Key for case-insensitive comparison."""
    return unicodedata.normalize("NFC", s).lower()


def is_note_name(name):
    return name.lower().endswith(NOTE_EXTS)


def strip_note_ext(path):
    low = path.lower()
    for ext in NOTE_EXTS:
        if low.endswith(ext):
            return path[: -len(ext)]
    return path


# ---------------------------------------------------------------------------
# Masking: which characters are scanned for links.

NORMAL, HIDDEN, PCT = 0, 1, 2   # PCT = inside %% comment (content only)

FENCE_OPEN = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$")
SPECIAL = re.compile(r"(?m)^ {0,3}(?:`{3,}|~{3,})|<!--|%%|`+|\\.")
BLANK_LINE = re.compile(r"\n[ \t]*\n")
ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")


def front_matter_end(text):
    """Offset just after the closing front-matter line, or 0 if none."""
    first_nl = text.find("\n")
    if first_nl < 0 or text[:first_nl].rstrip(" \t\r") != "---":
        return 0
    pos = first_nl + 1
    while pos < len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        line = text[pos:end].rstrip(" \t\r")
        if line in ("---", "..."):
            return len(text) if nl < 0 else nl + 1
        if nl < 0:
            break
        pos = nl + 1
    return 0


def mask(text):
    """Per-character classes (bytearray): NORMAL, HIDDEN (code, comments,
    front matter, the %% delimiters) or PCT (inside %% ... %%)."""
    n = len(text)
    cls = bytearray(n)
    fm = front_matter_end(text)
    cls[0:fm] = b"\x01" * fm
    pos = fm

    def hide(a, b, c=HIDDEN):
        cls[a:b] = bytes([c]) * (b - a)

    while pos < n:
        m = SPECIAL.search(text, pos)
        if not m:
            break
        s = m.start()
        tok = m.group(0)
        at_line_start = s == 0 or text[s - 1] == "\n"
        if at_line_start and (tok.lstrip(" ").startswith("```") or tok.lstrip(" ").startswith("~~~")):
            nl = text.find("\n", s)
            line_end = n if nl < 0 else nl
            fm_ = FENCE_OPEN.match(text[s:line_end].rstrip("\r"))
            if fm_ and not (fm_.group(2)[0] == "`" and "`" in fm_.group(3)):
                ch, ln = fm_.group(2)[0], len(fm_.group(2))
                close = re.compile(r"(?m)^ {0,3}" + re.escape(ch) + "{" + str(ln) + r",}[ \t]*\r?$")
                cm = close.search(text, line_end + 1) if nl >= 0 else None
                end = n if cm is None else cm.end()
                hide(s, end)
                pos = end
                continue
            # not a fence (e.g. ```a`b): treat the backtick run as inline code below
            tok = tok.lstrip(" ")
            s = s + (len(m.group(0)) - len(tok))
            if tok[0] == "~":
                pos = s + len(tok)
                continue
        if tok == "<!--":
            e = text.find("-->", s + 4)
            if e >= 0:
                hide(s, e + 3)
                pos = e + 3
            elif re.match(r" {0,3}<!--", text[text.rfind("\n", 0, s) + 1: s + 4]):
                hide(s, n)
                pos = n
            else:
                pos = s + 4
            continue
        if tok == "%%":
            e = text.find("%%", s + 2)
            end = n if e < 0 else e + 2
            hide(s, s + 2)
            hide(s + 2, e if e >= 0 else n, PCT)
            if e >= 0:
                hide(e, e + 2)
            pos = end
            continue
        if tok[0] == "\\":
            if tok[1] in "[]":
                hide(s + 1, s + 2)   # an escaped bracket delimits no link
            pos = s + 2
            continue
        if tok[0] == "`":
            run = len(tok)
            para = BLANK_LINE.search(text, s)
            limit = n if para is None else para.start()
            closer = re.compile(r"(?<!`)`{" + str(run) + r"}(?!`)")
            cm = closer.search(text, s + run, limit)
            if cm:
                hide(s, cm.end())
                pos = cm.end()
            else:
                pos = s + run
            continue
        pos = s + len(tok)  # pragma: no cover
    return cls


def fenced_mask(text):
    """Front matter + fenced code only (for heading extraction)."""
    n = len(text)
    out = bytearray(n)
    fm = front_matter_end(text)
    out[0:fm] = b"\x01" * fm
    pos = fm
    while pos < n:
        nl = text.find("\n", pos)
        line_end = n if nl < 0 else nl
        m = FENCE_OPEN.match(text[pos:line_end].rstrip("\r"))
        if m and not (m.group(2)[0] == "`" and "`" in m.group(3)):
            ch, ln = m.group(2)[0], len(m.group(2))
            close = re.compile(r"(?m)^ {0,3}" + re.escape(ch) + "{" + str(ln) + r",}[ \t]*\r?$")
            cm = close.search(text, line_end + 1) if nl >= 0 else None
            end = n if cm is None else cm.end()
            out[pos:end] = b"\x01" * (end - pos)
            pos = end + 1 if cm is not None else n
            continue
        pos = line_end + 1
    return out


# ---------------------------------------------------------------------------
# Front matter (tiny YAML subset) and headings.

def yaml_scalar(v):
    v = v.strip()
    if v.startswith("#"):
        return ""
    if len(v) >= 2 and v[0] == v[-1] and v[0] in "\"'":
        return v[1:-1]
    v = re.sub(r"\s+#.*$", "", v)
    if v in ("~", "null", "Null", "NULL"):
        return ""
    return v


def yaml_flow_list(v):
    inner = v.strip()[1:]
    if inner.endswith("]"):
        inner = inner[:-1]
    items, cur, quote = [], "", None
    for ch in inner:
        if quote:
            cur += ch
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
            cur += ch
        elif ch == ",":
            items.append(cur)
            cur = ""
        else:
            cur += ch
    items.append(cur)
    return [yaml_scalar(x) for x in items]


def parse_front_matter(text):
    """(title or None, [aliases])"""
    end = front_matter_end(text)
    if not end:
        return None, []
    lines = text[:end].split("\n")[1:-1]
    if lines and lines[-1].rstrip(" \t\r") in ("---", "..."):
        lines = lines[:-1]
    title, aliases = None, []
    i = 0
    while i < len(lines):
        line = lines[i].rstrip("\r")
        m = re.match(r"^([A-Za-z_][\w-]*)\s*:(?:\s+(.*)|\s*)$", line)
        i += 1
        if not m:
            continue
        key, val = m.group(1).lower(), (m.group(2) or "").strip()
        items = []
        if val == "" or val in ("|", ">", "|-", ">-"):
            while i < len(lines):
                li = lines[i].rstrip("\r")
                lm = re.match(r"^\s*-(?:\s+(.*)|\s*)$", li)
                if lm:
                    items.append(yaml_scalar(lm.group(1) or ""))
                    i += 1
                elif li.strip() == "" or li.startswith((" ", "\t")):
                    i += 1
                else:
                    break
        if key == "title":
            if val and val[0] not in "[|>":
                t = yaml_scalar(val)
                if t:
                    title = t
        elif key in ("aliases", "alias"):
            if val.startswith("["):
                items = yaml_flow_list(val)
            elif val:
                items = [yaml_scalar(val)]
            aliases.extend(a.strip() for a in items if a and a.strip())
    return title, aliases


# CommonMark's HTML block of type 6: a line that opens one of these tags
# starts a block that ends at a blank line; a '#' line inside is no heading.
HTML_BLOCK6 = re.compile(
    r"^ {0,3}</?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|"
    r"colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|"
    r"frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|"
    r"noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|"
    r"thead|title|tr|track|ul)(?:[ \t>]|/?>|$)", re.I)


def headings(text, skip_comments=False):
    """Heading texts (ATX, outside front matter, fenced code and HTML blocks
    of CommonMark's type 6)."""
    cls = mask(text) if skip_comments else fenced_mask(text)
    out = []
    pos = 0
    in_html = False
    for line in text.split("\n"):
        normal = not cls[pos:pos + 1] or cls[pos] == NORMAL
        if not line.strip():
            in_html = False
        elif normal and not in_html and HTML_BLOCK6.match(line):
            in_html = True
        if normal and not in_html:
            m = ATX.match(line.rstrip("\r"))
            if m:
                h = (m.group(2) or "")
                h = re.sub(r"(?:^|[ \t]+)#+[ \t]*$", "", h).strip()
                out.append(h)
        pos += len(line) + 1
    return out


def collapse(s):
    return re.sub(r"\s+", " ", norm(s)).strip()


def slug(s):
    s = norm(s)
    s = "".join(ch for ch in s if ch in "-_ " or unicodedata.category(ch)[0] in "LNM")
    return s.replace(" ", "-")


# ---------------------------------------------------------------------------
# Link extraction.

class Link:
    __slots__ = ("source", "line", "kind", "raw", "target", "anchor", "in_pct",
                 "status", "dest", "dest_is_note", "via")

    def __init__(self, source, line, kind, raw, target, anchor, in_pct):
        self.source, self.line, self.kind, self.raw = source, line, kind, raw
        self.target, self.anchor, self.in_pct = target, anchor, in_pct
        self.status = None
        self.dest = None          # resolved relative path (note or file)
        self.dest_is_note = False
        self.via = ""             # how it resolved (tier name)


WIKI = re.compile(r"(!?)\[\[((?:(?!\[\[|\]\])[^\n])*)\]\]")
# An inline HTML tag as CommonMark reads one: <name ...> or </name>.
INLINE_HTML = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
# Hexo's {% post_link slug [title] %}: the slug is the post's file stem.
POST_LINK = re.compile(r"\{%-?[ \t]*post_link[ \t]+([^\s%]+)[^%\n]*-?%\}")


def split_wikilink(body):
    """(target, anchor) or None if not a link."""
    bar = body.find("|")
    if bar >= 0:
        tpart = body[:bar]
        if tpart.endswith("\\"):
            tpart = tpart[:-1]
    else:
        tpart = body
    hashpos = tpart.find("#")
    if hashpos >= 0:
        target, anchor = tpart[:hashpos].strip(), tpart[hashpos + 1:].strip()
    else:
        target, anchor = tpart.strip(), None
    if not target and not anchor:
        return None
    return target, anchor


def parse_md_dest(text, i, n):
    """text[i] == '(' ; returns (dest, end) or None."""
    j = i + 1
    while j < n and text[j] in " \t":
        j += 1
    if j < n and text[j] == "\n":
        j += 1
        while j < n and text[j] in " \t":
            j += 1
    if j < n and text[j] == "<":
        k = j + 1
        buf = []
        while k < n and text[k] not in ">\n<":
            if text[k] == "\\" and k + 1 < n and text[k + 1] in "<>\\":
                buf.append(text[k + 1])
                k += 2
                continue
            buf.append(text[k])
            k += 1
        if k >= n or text[k] != ">":
            return None
        dest = "".join(buf)
        k += 1
    else:
        k = j
        depth = 0
        buf = []
        while k < n:
            c = text[k]
            if c == "\\" and k + 1 < n and not text[k + 1].isalnum() and text[k + 1] not in " \t\n":
                buf.append(text[k + 1])
                k += 2
                continue
            if c in " \t\n" or ord(c) < 32:
                break
            if c == "(":
                depth += 1
            elif c == ")":
                if depth == 0:
                    break
                depth -= 1
            buf.append(c)
            k += 1
        if depth != 0:
            return None
        dest = "".join(buf)
    # optional title
    t = k
    while t < n and text[t] in " \t":
        t += 1
    if t < n and text[t] == "\n":
        t += 1
        while t < n and text[t] in " \t":
            t += 1
    if t < n and text[t] in "\"'(" and t > k:
        close = {"\"": "\"", "'": "'", "(": ")"}[text[t]]
        e = text.find(close, t + 1)
        if e < 0:
            return None
        t = e + 1
        while t < n and text[t] in " \t\n":
            t += 1
    if t < n and text[t] == ")":
        return dest, t + 1
    return None


def find_md_links(text):
    """Yields (start, is_image, dest) for [text](dest) / ![alt](dest)."""
    n = len(text)
    pos = 0
    while True:
        s = text.find("[", pos)
        if s < 0:
            return
        pos = s + 1
        if s > 0 and text[s - 1] == "\\" and (s < 2 or text[s - 2] != "\\"):
            continue
        # matching ']' (nesting, escapes, no blank line)
        depth = 0
        k = s + 1
        close = -1
        while k < n:
            c = text[k]
            if c == "\\":
                k += 2
                continue
            if c == "\n" and BLANK_LINE.match(text, k):
                break
            if c == "[":
                depth += 1
            elif c == "]":
                if depth == 0:
                    close = k
                    break
                depth -= 1
            k += 1
        if close < 0 or close + 1 >= n or text[close + 1] != "(":
            continue
        r = parse_md_dest(text, close + 1, n)
        if r is None:
            continue
        dest, end = r
        is_img = s > 0 and text[s - 1] == "!"
        yield (s - 1 if is_img else s), end, is_img, dest


HIDDEN_RUN = re.compile(b"\x01+")


def blank(text, spans):
    """text with the characters of spans replaced by spaces (newlines kept)."""
    if not spans:
        return text
    out, prev = [], 0
    for a, b in spans:
        out.append(text[prev:a])
        out.append(re.sub(r"[^\n]", " ", text[a:b]))
        prev = b
    out.append(text[prev:])
    return "".join(out)


def extract(rel, text):
    """All links of one note (list of Link), plus a counter of externals."""
    cls = mask(text)
    # scanned text: hidden chars blanked (newlines kept for line numbers)
    scan = blank(text, [m.span() for m in HIDDEN_RUN.finditer(cls)])
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line_of(off):
        return bisect.bisect_right(line_starts, off)

    links = []
    externals = collections.Counter()
    spans = []
    for m in WIKI.finditer(scan):
        s = m.start()
        if scan.startswith("(", m.end()) and not m.group(1):
            # "[[x]](url)": CommonMark reads a link with text "[x]", and so
            # does kbsearch (fixtures/spec/links.md).
            continue
        spans.append((s, m.end()))
        parts = split_wikilink(m.group(2))
        if parts is None:
            continue
        if INLINE_HTML.search(m.group(2)):
            # kbsearch's rule (links.h): raw HTML inside [[...]] makes it no
            # link, like a code span does ([[<plugin-id>]] is a placeholder).
            continue
        kind = "embed" if m.group(1) else "wikilink"
        first = s + len(m.group(1))
        links.append(Link(rel, line_of(s), kind, m.group(0), parts[0], parts[1],
                          cls[first] == PCT))
    scan2 = blank(scan, spans)
    for s, e, is_img, dest in find_md_links(scan2):
        kind = "mdimage" if is_img else "mdlink"
        d = dest.strip()
        if not d:
            continue
        if SCHEME.match(d) or d.startswith("//"):
            externals[kind] += 1
            continue
        hp = d.find("#")
        if hp >= 0:
            path, anchor = d[:hp], d[hp + 1:]
        else:
            path, anchor = d, None
        path = urllib.parse.unquote(path, errors="replace")
        if anchor is not None:
            anchor = urllib.parse.unquote(anchor, errors="replace").strip()
        if not path and not anchor:
            continue
        raw = re.sub(r"\s*\n\s*", " ", text[s:e])
        links.append(Link(rel, line_of(s), kind, raw, path, anchor,
                          cls[s + (1 if is_img else 0)] == PCT))
    for m in POST_LINK.finditer(scan2):
        links.append(Link(rel, line_of(m.start()), "postlink", m.group(0), m.group(1), None,
                          cls[m.start()] == PCT))
    links[:0] = property_links(rel, text)
    return links, externals


def valid_yaml(block):
    """Whether a YAML library reads the front matter as a map (PyYAML,
    Debian's python3-yaml: an independent parser, not kbsearch's yaml-cpp)."""
    try:
        return isinstance(yaml.load(block, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)),
                          dict)
    except yaml.YAMLError:
        return False


FM_VALUE = re.compile(r"^(?:[A-Za-z_][\w-]*\s*:|\s*-)\s+(.*)$")


def property_links(rel, text):
    """Wikilinks in front-matter values (Obsidian's property links): a
    top-level `key: value` or a list item `- value`, quoted or plain. An
    unquoted value starting with '[' is a YAML list, not a link."""
    end = front_matter_end(text)
    inside = text[text.find("\n") + 1:end]
    inside = inside[:inside.rstrip("\r\n").rfind("\n") + 1]  # less the closing line
    if not end or not valid_yaml(inside):
        return []  # kbsearch reads no field of front matter that does not parse
    links = []
    for number, line in enumerate(text[:end].split("\n")[1:], start=2):
        m = FM_VALUE.match(line.rstrip("\r"))
        if not m or m.group(1).startswith("["):
            continue
        for w in WIKI.finditer(yaml_scalar(m.group(1))):
            parts = split_wikilink(w.group(2))
            if parts is not None:
                links.append(Link(rel, number, "embed" if w.group(1) else "wikilink",
                                  w.group(0), parts[0], parts[1], False))
    return links


# ---------------------------------------------------------------------------
# The knowledge base.

EXT_RE = re.compile(r"\.([A-Za-z0-9]{1,8})$")


def configured_dialect(root):
    """[links] dialect of ROOT/.kbsearch.toml, or None (no file, unreadable)."""
    import tomllib
    try:
        with open(os.path.join(root, ".kbsearch.toml"), "rb") as f:
            value = tomllib.load(f).get("links", {}).get("dialect")
    except (OSError, tomllib.TOMLDecodeError, AttributeError):
        return None
    return value if value in ("auto", "obsidian", "site", "strict") else None


class KB:
    def __init__(self, root):
        self.root = os.path.abspath(root)
        self.notes = {}         # rel -> text
        self.files = []         # rel paths of non-note files
        self.markers = {}       # folder rel ("" = root) -> "obsidian" | "site"
        for dirpath, dirnames, filenames in os.walk(self.root):
            here = os.path.relpath(dirpath, self.root).replace(os.sep, "/")
            here = "" if here == "." else unicodedata.normalize("NFC", here)
            if ".obsidian" in dirnames and os.path.isdir(os.path.join(dirpath, ".obsidian")) \
                    and not os.path.islink(os.path.join(dirpath, ".obsidian")):
                self.markers[here] = "obsidian"
            elif any(f in filenames and os.path.isfile(os.path.join(dirpath, f))
                     and not os.path.islink(os.path.join(dirpath, f))
                     for f in ("_config.yml", "index.html")):
                self.markers[here] = "site"
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for f in sorted(filenames):
                if f.startswith("."):
                    continue
                full = os.path.join(dirpath, f)
                rel = os.path.relpath(full, self.root).replace(os.sep, "/")
                rel = unicodedata.normalize("NFC", rel)
                if is_note_name(f):
                    with open(full, encoding="utf-8", errors="replace") as fh:
                        self.notes[rel] = fh.read()
                else:
                    self.files.append(rel)
        configured = configured_dialect(self.root)
        if configured not in (None, "auto"):
            self.markers = {"": configured}
        self._index()

    def scope(self, rel):
        """(dialect, root) of the note at `rel`: the nearest marker above it."""
        d = rel
        while True:
            d = d.rsplit("/", 1)[0] if "/" in d else ""
            if d in self.markers:
                return self.markers[d], d
            if not d:
                return "strict", ""

    def _index(self):
        add = lambda d, k, v: d.setdefault(k, set()).add(v)
        self.by_path = {}       # norm(rel without ext) -> notes
        self.by_relpath = {}    # norm(rel) -> notes   (md links)
        self.by_stem = {}
        self.by_title = {}      # title or alias -> notes
        self.by_suffix = {}     # norm('sub/note') -> notes (all suffixes of >= 2 segments)
        self.folders = set()
        self.titles = {}
        self.aliases = {}
        for rel, text in self.notes.items():
            noext = strip_note_ext(rel)
            add(self.by_path, norm(noext), rel)
            add(self.by_relpath, norm(rel), rel)
            segs = noext.split("/")
            add(self.by_stem, norm(segs[-1]), rel)
            for i in range(1, len(segs) - 1):
                add(self.by_suffix, norm("/".join(segs[i:])), rel)
            title, aliases = parse_front_matter(text)
            if title is None:
                cls = fenced_mask(text)
                pos = 0
                for line in text.split("\n"):
                    if cls[pos:pos + 1] != b"\x01":
                        m = re.match(r"^ {0,3}#[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", line.rstrip("\r"))
                        if m and m.group(1).strip():
                            title = m.group(1).strip()
                            break
                    pos += len(line) + 1
            if title is None:
                title = segs[-1]
            self.titles[rel] = title
            self.aliases[rel] = aliases
            for t in {norm(title)} | {norm(a) for a in aliases}:
                add(self.by_title, t, rel)
            d = os.path.dirname(rel)
            while d:
                self.folders.add(norm(d))
                d = os.path.dirname(d)
        self.file_by_rel = {}
        self.file_by_name = {}
        self.file_by_suffix = {}
        for rel in self.files:
            add(self.file_by_rel, norm(rel), rel)
            segs = rel.split("/")
            add(self.file_by_name, norm(segs[-1]), rel)
            for i in range(1, len(segs) - 1):
                add(self.file_by_suffix, norm("/".join(segs[i:])), rel)
        self._heads = {}
        self._heads_nc = {}
        self._normtext = {}

    def normtext(self, rel):
        if rel not in self._normtext:
            self._normtext[rel] = norm(self.notes[rel])
        return self._normtext[rel]

    # -- anchors ---------------------------------------------------------
    def heading_keys(self, rel, skip_comments=True):
        cache = self._heads_nc if skip_comments else self._heads
        if rel not in cache:
            hs = headings(self.notes[rel], skip_comments)
            cache[rel] = ({collapse(h) for h in hs}, {slug(h) for h in hs})
        return cache[rel]

    def anchor_ok(self, rel, anchor, skip_comments=True):
        a = anchor.split("#")[-1].strip()
        if not a:
            return True
        if a.startswith("^"):
            bid = re.escape(norm(a[1:]))
            return re.search(r"\^" + bid + r"(?![\w-])", self.normtext(rel)) is not None
        col, slugs = self.heading_keys(rel, skip_comments)
        return collapse(a) in col or slug(a) in slugs

    # -- resolution -------------------------------------------------------
    @staticmethod
    def _pick(cands, want):
        """One of several case-insensitive matches: the exact-case one."""
        if len(cands) == 1:
            return next(iter(cands)), None
        exact = [c for c in cands if unicodedata.normalize("NFC", c) == want]
        if len(exact) == 1:
            return exact[0], None
        return None, "ambiguous"

    def _at_path(self, base, path, root=""):
        """The note or file `path` names from the folder `base`: (dest, is_note, via).
        Leaving the root (or the dialect's `root` folder) is broken."""
        segs = [s for s in (base.split("/") if base else [])]
        for part in path.split("/"):
            if part in ("", "."):
                continue
            if part == "..":
                if not segs:
                    return None, False, "outside root"
                segs.pop()
            else:
                segs.append(part)
        p = unicodedata.normalize("NFC", "/".join(segs))
        if root and p != root and not p.startswith(root + "/"):
            return None, False, "outside root"
        tries = [p, p + ".md", p + ".markdown"]
        if p:
            tries += [p + "/index.md", p + "/README.md", p + "/index.markdown", p + "/README.markdown"]
        else:
            tries += ["index.md", "README.md", "index.markdown", "README.markdown"]
        for t in tries:
            c = self.by_relpath.get(norm(t))
            if c:
                hit, err = self._pick(c, t)
                if err:
                    return None, False, err
                return hit, True, "path"
        c = self.file_by_rel.get(norm(p))
        if c:
            hit, err = self._pick(c, p)
            return (hit, False, "file") if not err else (None, False, err)
        return None, False, "none"

    @staticmethod
    def _closest(source, cands):
        """Obsidian's tie-break (see Dialects above)."""
        src = source.split("/")[:-1]

        def key(p):
            dst = p.split("/")[:-1]
            common = 0
            while common < min(len(src), len(dst)) and src[common] == dst[common]:
                common += 1
            return (len(src) + len(dst) - 2 * common, len(dst), len(p.encode()), p.encode())
        return min(cands, key=key)

    def _decide(self, link, cands, vault):
        """One tier's candidates (inside the vault when there is one)."""
        if vault is not None and vault:
            cands = {c for c in cands if c.startswith(vault + "/")}
        if not cands:
            return None
        if len(cands) == 1:
            return next(iter(cands)), True, "one"
        if vault is not None:
            return self._closest(link.source, cands), True, "ambiguous"
        return None, False, "ambiguous"

    def resolve_md(self, link):
        path = link.target
        if not path:
            return link.source, True, "self"
        dialect, root = self.scope(link.source)
        if path.startswith("/"):
            return self._at_path(root, path, root)
        found = self._at_path(os.path.dirname(link.source), path)
        if dialect != "obsidian" or found[2] != "none":
            return found
        from_vault = self._at_path(root, path, root)
        if from_vault[2] not in ("none", "outside root"):
            return from_vault
        if ".." in path.split("/") or path.endswith("/"):
            return found
        key = norm(strip_note_ext(unicodedata.normalize("NFC", path)))
        for table in (self.by_suffix, self.by_stem):
            hit = self._decide(link, table.get(key, set()), root)
            if hit:
                return hit[0], hit[1], "vault-name" if hit[2] == "one" else hit[2]
        return found

    def resolve_wiki(self, link):
        t = link.target
        if not t:
            return link.source, True, "self"
        dialect, root = self.scope(link.source)
        if t.startswith("/"):
            return self._at_path(root, t, root)
        if t.startswith(("./", "../")):
            return self._at_path(os.path.dirname(link.source), t)
        vault = root if dialect == "obsidian" else None
        t = strip_note_ext(t)
        key = norm(t)
        last = t.split("/")[-1]
        em = EXT_RE.search(last)
        if em and re.search(r"[A-Za-z]", em.group(1)) and em.group(1).lower() not in ("md", "markdown"):
            c = self.file_by_rel.get(key)
            if not c:
                c = self.file_by_suffix.get(key) if "/" in t else self.file_by_name.get(key)
            if c:
                return sorted(c)[0], False, "file"
            fallback = True
        else:
            fallback = False
        tiers = [(tier, table.get(key, set())) for tier, table in (
            ("path", self.by_path), ("suffix", self.by_suffix),
            ("stem", self.by_stem), ("title", self.by_title))
            if tier != "suffix" or "/" in t]
        if vault:
            tiers.insert(0, ("vault-path", self.by_path.get(norm(vault + "/" + t), set())))
        for tier, cands in tiers:
            hit = self._decide(link, cands, vault)
            if hit:
                dest, is_note, how = hit
                if how == "ambiguous":
                    return dest, is_note, "ambiguous"
                return dest, is_note, ("ext-" if fallback else "") + tier
        return None, False, "none"

    def resolve_post(self, link):
        """By file stem; on a site, only the posts (<site>/source/_posts/)."""
        dialect, root = self.scope(link.source)
        cands = self.by_stem.get(norm(link.target), set())
        if dialect == "site":
            posts = (root + "/" if root else "") + "source/_posts/"
            cands = {c for c in cands if c.startswith(posts)}
        if len(cands) > 1:
            return None, False, "ambiguous"
        return (next(iter(cands)), True, "post") if cands else (None, False, "none")

    def resolve(self, link):
        if link.kind == "postlink":
            dest, is_note, via = self.resolve_post(link)
        elif link.kind in ("mdlink", "mdimage"):
            dest, is_note, via = self.resolve_md(link)
        else:
            dest, is_note, via = self.resolve_wiki(link)
        link.via = via
        if dest is None:
            link.status = "ambiguous" if via == "ambiguous" else "broken"
            return
        link.dest, link.dest_is_note = dest, is_note
        if via == "ambiguous":  # the obsidian tie-break chose `dest`
            link.status = "ambiguous"
            return
        if is_note and link.anchor and not self.anchor_ok(dest, link.anchor):
            link.status = "broken-anchor"
        else:
            link.status = "resolved"


def analyse(root):
    kb = KB(root)
    links = []
    externals = collections.Counter()
    for rel in kb.notes:
        ls, ex = extract(rel, kb.notes[rel])
        links.extend(ls)
        externals.update(ex)
    for link in links:
        kb.resolve(link)
    return kb, links, externals


def backlinks(links):
    """note -> set of (source, line) of resolved links from other notes."""
    out = collections.defaultdict(set)
    for l in links:
        if reaches(l):
            out[l.dest].add((l.source, l.line))
    return out


def reaches(l):
    """A link that counts for its target note: resolved, or ambiguous with a
    tie-break target."""
    return l.status in ("resolved", "ambiguous") and l.dest and l.dest_is_note and l.dest != l.source


# ---------------------------------------------------------------------------
# Report.

def print_table(rows, header):
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    fmt = lambda r: "  ".join((str(c).ljust(w) if i == 0 else str(c).rjust(w))
                              for i, (c, w) in enumerate(zip(r, widths)))
    print(fmt(header))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print(fmt(r))


def status_table(links):
    by = collections.Counter((l.kind, l.status) for l in links)
    rows = []
    for k in KINDS:
        rows.append([k, sum(by[(k, s)] for s in STATUSES)] + [by[(k, s)] for s in STATUSES])
    rows.append(["all", len(links)] + [sum(by[(k, s)] for k in KINDS) for s in STATUSES])
    print_table(rows, ["kind", "total"] + list(STATUSES))


def report(kb, links, externals, elapsed):
    main = [l for l in links if not l.in_pct]
    pct = [l for l in links if l.in_pct]
    print(f"KB: {kb.root}")
    print(f"notes: {len(kb.notes)}   other files: {len(kb.files)}   "
          f"parse+resolve: {elapsed:.1f}s\n")
    print("Links (outside %% comments):")
    status_table(main)
    print(f"\nexternal links (not counted): "
          + ", ".join(f"{k} {externals[k]}" for k in ("mdlink", "mdimage")))
    pc = collections.Counter(l.status for l in pct)
    pk = collections.Counter(l.kind for l in pct)
    print(f"links inside %% comments (not counted above): {len(pct)} "
          f"({', '.join(f'{k} {pk[k]}' for k in KINDS if pk[k])}; "
          f"{', '.join(f'{s} {pc[s]}' for s in STATUSES if pc[s])})")
    files = collections.Counter(l.status for l in main if l.dest and not l.dest_is_note)
    via = collections.Counter(l.via for l in main if l.status in ("resolved", "broken-anchor"))
    print("resolved by: " + ", ".join(f"{k} {v}" for k, v in sorted(via.items())))
    print(f"links to non-note files: {sum(files.values())}")
    self_links = sum(1 for l in main if l.status == "resolved" and l.dest == l.source)
    print(f"self-links (resolved, excluded from backlinks): {self_links}")
    # sensitivity of anchor rules
    alt = lambda ls: sum(1 for l in ls if l.status == "resolved" and l.dest_is_note and l.anchor
                         and not l.anchor.split("#")[-1].startswith("^")
                         and not kb.anchor_ok(l.dest, l.anchor, skip_comments=True))
    print(f"resolved heading anchors that need a heading inside an HTML/%% comment: {alt(main)}"
          f" (and {alt(pct)} among the %% links)")
    loose = sum(1 for l in main if l.status == "broken-anchor"
                and l.anchor.split("#")[-1].startswith("^")
                and norm("^" + l.anchor.split("#")[-1][1:]) in kb.normtext(l.dest))
    print(f"broken block refs that a plain substring test would accept: {loose}")
    bl = backlinks(main)
    top = sorted(bl.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:10]
    print("\nTop 10 notes by incoming resolved links (distinct source:line, no self-links):")
    print_table([[p, len(s)] for p, s in top], ["note", "backlinks"])
    return main, pct, bl, [p for p, _ in top]


# ---------------------------------------------------------------------------
# Comparison with kbsearch.

class CmdFailed(Exception):
    pass


def run(cmd, timeout=1800):
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                           encoding="utf-8", errors="replace")
    except (OSError, subprocess.TimeoutExpired) as e:
        raise CmdFailed(f"{' '.join(cmd)}: {e}")
    # kbsearch exits 1 for "nothing found" (no broken link, no backlink),
    # printing only the JSON summary then.
    if r.returncode not in (0, 1) or (r.returncode == 1 and json_links(r.stdout, "")):
        raise CmdFailed(f"{' '.join(cmd)}: exit {r.returncode}: {r.stderr.strip()[:500]}")
    return r.stdout


def json_links(out, kb_copy):
    """Link records of a JSON Lines output: list of dicts (source normalised)."""
    recs = []
    for line in out.splitlines():
        line = line.strip()
        if not line.startswith("{"):
            continue
        try:
            obj = json.loads(line)
        except ValueError:
            continue
        if not isinstance(obj, dict) or obj.get("type") != "link":
            continue
        d = obj.get("data")
        if not isinstance(d, dict):
            continue
        src = str(d.get("source", ""))
        if os.path.isabs(src):
            src = os.path.relpath(src, kb_copy)
        src = unicodedata.normalize("NFC", src.replace(os.sep, "/"))
        if src.startswith("./"):
            src = src[2:]
        d = dict(d)
        d["source"] = src
        try:
            d["line"] = int(d.get("line", 0))
        except (TypeError, ValueError):
            d["line"] = 0
        recs.append(d)
    return recs


def link_diff(mine, theirs):
    """Examples (up to 5) of (source, line) keys counted by one side only."""
    a = collections.Counter((l.source, l.line) for l in mine)
    b = collections.Counter((d["source"], d["line"]) for d in theirs)
    raw_a = {(l.source, l.line): l.raw for l in mine}
    raw_b = {(d["source"], d["line"]): str(d.get("raw", d.get("target", ""))) for d in theirs}
    ex = []
    for k in sorted(set(a) | set(b)):
        if a[k] != b[k]:
            ex.append(f"    {k[0]}:{k[1]}  linkcount x{a[k]} {raw_a.get(k, '-')!s}"
                      f"  |  kbsearch x{b[k]} {raw_b.get(k, '-')!s}")
            if len(ex) == 5:
                break
    return ex


def compare(kb, main, pct, bl, top, kbsearch, sample):
    """Returns 0 (all agree), 1 (differences) or 2 (kbsearch failed)."""
    bl_all = backlinks(main + pct)
    if not (os.path.isfile(kbsearch) and os.access(kbsearch, os.X_OK)):
        print(f"\nComparison skipped: no kbsearch binary at {kbsearch}")
        return 0
    work = tempfile.mkdtemp(prefix="linkcount-")
    try:
        tmp = os.path.join(work, "kb")
        shutil.copytree(kb.root, tmp, ignore=shutil.ignore_patterns(".kbsearch"))
        try:
            t0 = time.time()
            run([kbsearch, "index", "--kb", tmp, "--quiet"])
            t1 = time.time()
            theirs = json_links(run([kbsearch, "--kb", tmp, "broken", "--json"]), tmp)
        except CmdFailed as e:
            print(f"\nComparison skipped: kbsearch failed: {e}")
            return 2
        print(f"\nkbsearch comparison ({kbsearch}; index {t1 - t0:.1f}s)")
        ok = True
        both = main + pct
        rows = []
        examples = []
        for s in ("broken", "broken-anchor", "ambiguous"):
            m = [l for l in main if l.status == s]
            m2 = [l for l in both if l.status == s]
            t = [d for d in theirs if d.get("status") == s]
            good = len(m) == len(t)
            note = "" if good else ("(matches with %% links)" if len(m2) == len(t) else "")
            rows.append([s, len(m), len(t), "✓" if good else "✗", len(m2), note])
            if not good:
                ok = False
                examples.append((s, link_diff(m, t)))
        other = collections.Counter(d.get("status") for d in theirs
                                    if d.get("status") not in ("broken", "broken-anchor", "ambiguous"))
        tm = sum(r[1] for r in rows)
        tt = sum(r[2] for r in rows)
        rows.append(["total", tm, tt, "✓" if tm == tt else "✗", sum(r[4] for r in rows), ""])
        print_table(rows, ["status", "linkcount", "kbsearch", "", "incl. %%", ""])
        if other:
            print("  kbsearch also reported: " + ", ".join(f"{k} {v}" for k, v in other.items()))
        for s, ex in examples:
            print(f"  {s}: examples of differing links")
            for e in ex:
                print(e)

        # backlinks
        rng = random.Random(42)
        rest = sorted(p for p in kb.notes if p not in top)
        picks = list(top) + rng.sample(rest, min(sample, len(rest)))
        by_dest = collections.defaultdict(list)
        for l in main:
            if reaches(l):
                by_dest[l.dest].append(l)
        rows = []
        examples = []
        failures = 0
        for p in picks:
            mine = len(bl.get(p, ()))
            mine_pct = len(bl_all.get(p, ()))
            try:
                out = run([kbsearch, "--kb", tmp, "backlinks", "--json", p], timeout=600)
            except CmdFailed as e:
                rows.append([p, mine, mine_pct, "error", "", "✗"])
                examples.append((p, [f"    {e}"]))
                failures += 1
                continue
            recs = [d for d in json_links(out, tmp) if d.get("status", "resolved") == "resolved"
                    or (d.get("status") == "ambiguous" and d.get("target"))]
            n = len(recs)
            good = n == mine
            distinct = len({(d["source"], d["line"]) for d in recs})
            rows.append([p, mine, mine_pct, n, distinct, "✓" if good else "✗"])
            if not good:
                ok = False
                # compare distinct (source, line) pairs
                mine_links = {}
                for l in by_dest.get(p, ()):
                    mine_links.setdefault((l.source, l.line), l)
                examples.append((p, link_diff(list(mine_links.values()), recs)))
        tot = lambda i: sum(r[i] for r in rows if isinstance(r[i], int))
        rows.append(["total", tot(1), tot(2), tot(3), tot(4),
                     "✓" if all(r[5] == "✓" for r in rows) else "✗"])
        print("\nBacklinks: linkcount (distinct source:line, no %% links, no self-links) vs the"
              "\nnumber of kbsearch 'link' lines with status resolved (or ambiguous with a"
              "\ntarget); 'incl. %%' and"
              "\n'kbsearch distinct' (its distinct source:line pairs) are hints, not compared:")
        print_table(rows, ["note", "linkcount", "incl. %%", "kbsearch", "kbsearch distinct", ""])
        for p, ex in examples:
            print(f"  {p}:")
            for e in ex:
                print(e)
        if failures:
            print(f"\n{failures} backlinks command(s) failed")
            return 2 if ok else 1
        print("\nALL COUNTS AGREE" if ok else "\nCOUNTS DIFFER")
        return 0 if ok else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


# ---------------------------------------------------------------------------
# Self-test.

SELF_TEST_FILES = {
    "index.md": """---
title: Home Page
aliases: [Start, Landing]
---
# Heading One

Intro ^intro-block

## Second Heading: Details!
""",
    "a/note.md": """---
aliases:
  - Alpha Alias
  - "Quoted Alias"
---
# Note Title

## Setup & Install
text ^blk1
""",
    "a/sub/deep.md": "# Deep\n",
    "b/sub/deep.md": "# Deep two\n",
    "b/dup.md": "dup one\n",
    "c/dup.md": "dup two\n",
    "c/other.markdown": "# Other Doc\n",
    "docs/README.md": "# Docs readme\n",
    "guide/index.md": "# Guide\n\n<div>\n## In HTML\n</div>\n\n## After\n",
    "img/pic.png": "not really a png",
    "files/report.pdf": "pdf",
    "x/scrybble.ink.md": "# Scrybble\n",
    ".hidden/secret.md": "# Secret\n",
    "a/.hidden.md": "# Hidden\n",
    "src.md": """---
title: Source
links: "[[index]]"
---
# Source
[rel](a/note.md)
[rel-noext](a/note)
[root](/index.md)
[up-out](../outside.md)
[up-in](a/../index.md)
[folder](docs)
[folder2](guide/)
[pct](c/other%2Emarkdown)
[md-anchor](a/note.md#setup--install)
[md-bad-anchor](a/note.md#nope)
[md-self](#source)
[file](img/pic.png)
![img](img/pic.png)
![img-missing](img/none.png)
[ext](https://example.com/a.md)
[mail](mailto:a@b.c)
[proto](//example.com/x)
[angle](<a/note.md> "title")
[[index]]
[[a/note]]
[[a/note.md]]
[[sub/deep]]
[[deep]]
[[dup]]
[[note]]
[[Home Page]]
[[Landing]]
[[alpha alias]]
[[Quoted Alias]]
[[missing note]]
[[note#^blk1]]
[[note#^blk]]
[[index#^intro-block]]
[[note#Setup & Install]]
[[note#setup-install]]
[[note#setup--install]]
[[note#  setup   &  INSTALL ]]
[[index#Second Heading Details]]
[[index#Heading One#Second Heading: Details!]]
[[note#No Such Heading]]
[[guide/index#In HTML]]
[[guide/index#After]]
[[#Source]]
[[#Nope]]
![[pic.png]]
![[img/pic.png]]
![[nothere.png]]
[[report.pdf|the report]]
[[scrybble.ink]]
| [[a/note\\|Alias in table]] |
[[  ]]
\\[[escaped]] and \\[\\[also escaped\\]\\] and [esc\\]aped](a/note.md)
[[Other Doc]]
[[secret]]
`[[in code]]` and ``[[also `code`]]``
<!-- [[in html comment]] -->
%% [[in pct comment]] %%
%%
[[in multi-line pct]]
%%
\\`[[after escaped backtick]]
```
[[in fence]]
```
  ~~~~ python
[[in tilde fence]]
~~~
~~~~
[[index]] after fence
""",
}

SELF_TEST_EXPECT = [
    # (line text fragment, kind, status, dest or None)
    ("[rel](", "mdlink", "resolved", "a/note.md"),
    ("[rel-noext]", "mdlink", "resolved", "a/note.md"),
    ("[root]", "mdlink", "resolved", "index.md"),
    ("[up-out]", "mdlink", "broken", None),
    ("[up-in]", "mdlink", "resolved", "index.md"),
    ("[folder]", "mdlink", "resolved", "docs/README.md"),
    ("[folder2]", "mdlink", "resolved", "guide/index.md"),
    ("[pct]", "mdlink", "resolved", "c/other.markdown"),
    ("[md-anchor]", "mdlink", "resolved", "a/note.md"),
    ("[md-bad-anchor]", "mdlink", "broken-anchor", "a/note.md"),
    ("[md-self]", "mdlink", "resolved", "src.md"),
    ("[file]", "mdlink", "resolved", "img/pic.png"),
    ("![img]", "mdimage", "resolved", "img/pic.png"),
    ("![img-missing]", "mdimage", "broken", None),
    ("[angle]", "mdlink", "resolved", "a/note.md"),
    ('links: "[[index]]"', "wikilink", "resolved", "index.md"),
    ("[[index]]", "wikilink", "resolved", "index.md"),
    ("[[a/note]]", "wikilink", "resolved", "a/note.md"),
    ("[[a/note.md]]", "wikilink", "resolved", "a/note.md"),
    ("[[sub/deep]]", "wikilink", "ambiguous", None),
    ("[[deep]]", "wikilink", "ambiguous", None),
    ("[[dup]]", "wikilink", "ambiguous", None),
    ("[[note]]", "wikilink", "resolved", "a/note.md"),
    ("[[Home Page]]", "wikilink", "resolved", "index.md"),
    ("[[Landing]]", "wikilink", "resolved", "index.md"),
    ("[[alpha alias]]", "wikilink", "resolved", "a/note.md"),
    ("[[Quoted Alias]]", "wikilink", "resolved", "a/note.md"),
    ("[[missing note]]", "wikilink", "broken", None),
    ("[[note#^blk1]]", "wikilink", "resolved", "a/note.md"),
    ("[[note#^blk]]", "wikilink", "broken-anchor", "a/note.md"),
    ("[[index#^intro-block]]", "wikilink", "resolved", "index.md"),
    ("[[note#Setup & Install]]", "wikilink", "resolved", "a/note.md"),
    ("[[note#setup-install]]", "wikilink", "broken-anchor", "a/note.md"),  # slug is setup--install
    ("[[note#setup--install]]", "wikilink", "resolved", "a/note.md"),
    ("[[note#  setup   &", "wikilink", "resolved", "a/note.md"),
    ("[[index#Second Heading Details]]", "wikilink", "resolved", "index.md"),
    ("[[index#Heading One#Second", "wikilink", "resolved", "index.md"),
    ("[[note#No Such Heading]]", "wikilink", "broken-anchor", "a/note.md"),
    ("[[guide/index#In HTML]]", "wikilink", "broken-anchor", "guide/index.md"),
    ("[[guide/index#After]]", "wikilink", "resolved", "guide/index.md"),
    ("[[#Source]]", "wikilink", "resolved", "src.md"),
    ("[[#Nope]]", "wikilink", "broken-anchor", "src.md"),
    ("![[pic.png]]", "embed", "resolved", "img/pic.png"),
    ("![[img/pic.png]]", "embed", "resolved", "img/pic.png"),
    ("![[nothere.png]]", "embed", "broken", None),
    ("[[report.pdf|", "wikilink", "resolved", "files/report.pdf"),
    ("[[scrybble.ink]]", "wikilink", "resolved", "x/scrybble.ink.md"),
    ("| [[a/note\\|Alias", "wikilink", "resolved", "a/note.md"),
    ("\\[[escaped]]", "mdlink", "resolved", "a/note.md"),  # only [esc\]aped](...) is a link
    ("[[Other Doc]]", "wikilink", "resolved", "c/other.markdown"),
    ("[[secret]]", "wikilink", "broken", None),
    ("\\`[[after escaped", "wikilink", "broken", None),  # '\`' opens no code span
    ("[[index]] after fence", "wikilink", "resolved", "index.md"),
]


DIALECT_FILES = {
    "vault/.obsidian/app.json": "{}",
    "vault/Three laws of motion.md": "# Three laws\n",
    "vault/Projects/plan.md": "# plan\n[[Newton]]\n",
    "vault/Projects/sub/progress.md": "[[../plan]]\n",
    "vault/Plugins/Graph view.md": "# Graph view\n",
    "vault/Show/Deep/Graph view.md": "# Graph view\n",
    "vault/Physics/Newton.md": ("[a](Three%20laws%20of%20motion.md)\n[b](Projects/plan.md)\n"
                                "[[/Projects/plan]]\n[[Graph view]]\n[c](/Projects/plan.md)\n"
                                "[d](Kepler.md)\n"),
    "other/Newton.md": "[e](Projects/plan.md)\n",
    "site/_config.yml": "title: x\n",
    "site/source/_posts/hello.md": "[f](/source/about/index.md)\n[g](/../root.md)\n",
    "site/source/about/index.md": "[h](hello.md)\n{% post_link hello %}\n",
    "root.md": "[[Newton]]\n[[/other/Newton]]\n[[/Newton]]\n{% post_link hello %}\n",
}

DIALECT_EXPECT = [
    # (source, raw, status, dest or None)
    ("vault/Physics/Newton.md", "Three%20laws%20of%20motion.md", "resolved",
     "vault/Three laws of motion.md"),
    ("vault/Physics/Newton.md", "Projects/plan.md", "resolved", "vault/Projects/plan.md"),
    ("vault/Physics/Newton.md", "[[/Projects/plan]]", "resolved", "vault/Projects/plan.md"),
    ("vault/Physics/Newton.md", "[[Graph view]]", "ambiguous", "vault/Plugins/Graph view.md"),
    ("vault/Physics/Newton.md", "/Projects/plan.md", "resolved", "vault/Projects/plan.md"),
    ("vault/Physics/Newton.md", "Kepler.md", "broken", None),
    ("vault/Projects/plan.md", "[[Newton]]", "resolved", "vault/Physics/Newton.md"),
    ("vault/Projects/sub/progress.md", "[[../plan]]", "resolved", "vault/Projects/plan.md"),
    ("other/Newton.md", "Projects/plan.md", "broken", None),
    ("site/source/_posts/hello.md", "/source/about/index.md", "resolved",
     "site/source/about/index.md"),
    ("site/source/_posts/hello.md", "/../root.md", "broken", None),
    ("site/source/about/index.md", "hello.md", "broken", None),
    ("site/source/about/index.md", "post_link hello", "resolved", "site/source/_posts/hello.md"),
    ("root.md", "post_link hello", "resolved", "site/source/_posts/hello.md"),
    ("root.md", "[[Newton]]", "ambiguous", None),
    ("root.md", "[[/other/Newton]]", "resolved", "other/Newton.md"),
    ("root.md", "[[/Newton]]", "broken", None),
]


def dialect_self_test(work):
    """Failures of the dialect rules on DIALECT_FILES, and of the config override."""
    kbdir = os.path.join(work, "dialects")
    for rel, text in DIALECT_FILES.items():
        p = os.path.join(kbdir, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w", encoding="utf-8") as f:
            f.write(text)
    failures = []

    def check(expect):
        kb, links, _ = analyse(kbdir)
        for source, raw, status, dest in expect:
            l = next((x for x in links if x.source == source and raw in x.raw), None)
            if l is None or l.status != status or l.dest != dest:
                failures.append(f"{source} {raw}: want {status} {dest}, got "
                                f"{(l.status, l.dest, l.via) if l else 'no link'}")
        return kb
    kb = check(DIALECT_EXPECT)
    if kb.markers != {"vault": "obsidian", "site": "site"}:
        failures.append(f"markers: {kb.markers}")
    bl = backlinks(analyse(kbdir)[1])
    if {s for s, _ in bl.get("vault/Plugins/Graph view.md", ())} != {"vault/Physics/Newton.md"}:
        failures.append("the tie-break's choice must count as a backlink")
    with open(os.path.join(kbdir, ".kbsearch.toml"), "w") as f:
        f.write('[links]\ndialect = "strict"\n')
    check([("vault/Physics/Newton.md", "Three%20laws%20of%20motion.md", "broken", None),
           ("vault/Physics/Newton.md", "[[Graph view]]", "ambiguous", None)])
    return failures


def self_test():
    work = tempfile.mkdtemp(prefix="linkcount-selftest-")
    try:
        kbdir = os.path.join(work, "kb")
        for rel, text in SELF_TEST_FILES.items():
            p = os.path.join(kbdir, rel)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "w", encoding="utf-8") as f:
                f.write(text)
        kb, links, externals = analyse(kbdir)
        assert set(kb.notes) == {r for r in SELF_TEST_FILES if r.endswith((".md", ".markdown"))
                                 and not any(s.startswith(".") for s in r.split("/"))}, kb.notes
        assert kb.titles["a/note.md"] == "Note Title" and kb.titles["index.md"] == "Home Page"
        assert kb.aliases["a/note.md"] == ["Alpha Alias", "Quoted Alias"], kb.aliases["a/note.md"]
        src = SELF_TEST_FILES["src.md"]
        src_lines = src.split("\n")
        got = {}
        for l in links:
            if l.source == "src.md" and not l.in_pct:
                got.setdefault(l.line, []).append(l)
        failures = []
        checked = set()
        for frag, kind, status, dest in SELF_TEST_EXPECT:
            cand = ([i + 1 for i, t in enumerate(src_lines) if t == frag]
                    or [i + 1 for i, t in enumerate(src_lines) if t.startswith(frag)])
            assert len(cand) == 1, (frag, cand)
            line = cand[0]
            ls = got.get(line, [])
            ok = (len(ls) == 1 and ls[0].kind == kind and ls[0].status == status
                  and (dest is None or ls[0].dest == dest))
            if not ok:
                failures.append(f"line {line} {frag!r}: want {kind} {status} {dest}, got "
                                f"{[(x.kind, x.status, x.dest, x.via) for x in ls]}")
            checked.add(line)
        # nothing else on other lines of src.md
        for line, ls in got.items():
            if line not in checked:
                failures.append(f"unexpected link(s) on line {line}: {[x.raw for x in ls]}")
        pct = [l.raw for l in links if l.in_pct]
        if pct != ["[[in pct comment]]", "[[in multi-line pct]]"]:
            failures.append(f"%% links: {pct}")
        if externals != collections.Counter({"mdlink": 3}):
            failures.append(f"externals: {externals}")
        # backlinks: index.md gets (src.md, line) pairs, no self links
        bl = backlinks([l for l in links if not l.in_pct])
        want_index = {i + 1 for i, t in enumerate(src_lines)
                      if t.startswith(("[root]", "[up-in]", "[[index]]", 'links: "[[index]]"', "[[Home Page]]",
                                       "[[Landing]]", "[[index#"))}
        if {ln for s, ln in bl["index.md"]} != want_index:
            failures.append(f"backlinks index.md: {sorted(bl['index.md'])} want {sorted(want_index)}")
        if "src.md" in bl:
            failures.append(f"self links counted: {bl['src.md']}")
        # small unit checks
        assert split_wikilink("a\\|b") == ("a", None)
        assert split_wikilink("#h") == ("", "h")
        assert split_wikilink(" | x") is None
        assert slug("Setup & Install") == "setup--install"
        assert collapse("  A \t B ") == "a b"
        assert front_matter_end("---\na: 1\n...\nx") == 13
        assert front_matter_end("---\na: 1\n") == 0
        failures += dialect_self_test(work)
        # comparison machinery against a fake kbsearch built from this very analysis
        failures += self_test_compare(work, kbdir)
        if failures:
            print("SELF-TEST FAILED:")
            for f in failures:
                print("  " + f)
            return 1
        print(f"self-test passed ({len(SELF_TEST_EXPECT)} + {len(DIALECT_EXPECT)} link "
              f"expectations, {len(links)} links extracted)")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


FAKE_KBSEARCH = r'''#!/usr/bin/env python3
import json, os, sys
sys.path.insert(0, %(dir)r)
import linkcount
args = sys.argv[1:]
if args[0] == "index":
    sys.exit(0)
kb = args[args.index("--kb") + 1]
k, links, _ = linkcount.analyse(kb)
links = [l for l in links if not l.in_pct]
skew = os.environ.get("FAKE_SKEW") == "1"
def emit(l, status):
    print(json.dumps({"type": "link", "data": {"source": l.source, "target": l.target,
          "status": status, "line": l.line, "anchor": l.anchor, "context": "", "raw": l.raw}}))
if "broken" in args:
    print(json.dumps({"type": "summary", "data": {}}))
    for l in links:
        if l.status != "resolved":
            emit(l, l.status)
    if skew:
        emit(links[0], "broken")
elif "backlinks" in args:
    path = args[-1]
    seen = set()
    for l in links:
        if l.status == "resolved" and l.dest == path and l.source != path and (l.source, l.line) not in seen:
            seen.add((l.source, l.line))
            emit(l, "resolved")
    if skew and path == "index.md":
        emit(links[0], "resolved")
else:
    sys.exit(3)
'''


def self_test_compare(work, kbdir):
    import contextlib
    import io
    fake = os.path.join(work, "fake-kbsearch")
    with open(fake, "w") as f:
        f.write(FAKE_KBSEARCH % {"dir": os.path.dirname(os.path.abspath(__file__))})
    os.chmod(fake, 0o755)
    failures = []
    kb, links, ex = analyse(kbdir)
    for skew, want in (("0", 0), ("1", 1)):
        os.environ["FAKE_SKEW"] = skew
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            main, pct, bl, top = report(kb, links, ex, 0.0)
            rc = compare(kb, main, pct, bl, top, fake, 3)
        if rc != want:
            failures.append(f"compare with FAKE_SKEW={skew}: exit {rc}, want {want}\n{buf.getvalue()}")
    os.environ.pop("FAKE_SKEW", None)
    with contextlib.redirect_stdout(io.StringIO()):
        if compare(kb, main, pct, bl, top, os.path.join(work, "no-such-binary"), 3) != 0:
            failures.append("missing binary should skip with exit 0")
        failing = os.path.join(work, "failing-kbsearch")
        with open(failing, "w") as f:
            f.write("#!/bin/sh\nexit 3\n")  # 1 is kbsearch's "nothing found"
        os.chmod(failing, 0o755)
        if compare(kb, main, pct, bl, top, failing, 3) != 2:
            failures.append("failing binary should skip with exit 2")
    return failures


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("kb", nargs="?", default=DEFAULT_KB)
    ap.add_argument("--kbsearch", default=DEFAULT_KBSEARCH)
    ap.add_argument("--sample", type=int, default=20)
    ap.add_argument("--no-compare", action="store_true", help="only count, do not run kbsearch")
    ap.add_argument("--self-test", action="store_true")
    a = ap.parse_args()
    if a.self_test:
        return self_test()
    kbdir = os.path.normpath(a.kb)
    if not os.path.isdir(kbdir):
        print(f"no KB directory at {kbdir}", file=sys.stderr)
        return 2
    t0 = time.time()
    kb, links, externals = analyse(kbdir)
    main_links, pct, bl, top = report(kb, links, externals, time.time() - t0)
    if a.no_compare:
        return 0
    return compare(kb, main_links, pct, bl, top, a.kbsearch, a.sample)


if __name__ == "__main__":
    sys.exit(main())
