// The page of `kbsearch serve`: search as you type, a note with its
// backlinks, the tag tree and the local link graph. Plain DOM, no
// framework; every text from the knowledge base goes in as textContent,
// and the only HTML put in is what the server made: the note's body
// (cmark's safe mode, links resolved) and Graphviz's SVG.
"use strict";

const $ = (id) => document.getElementById(id);
const encoder = new TextEncoder();
const decoder = new TextDecoder();

// GET an API path; the JSON Lines answer as [{type, data}].
async function api(path, params, signal) {
  const url = path + "?" + new URLSearchParams(params).toString();
  const res = await fetch(url, { signal });
  const text = await res.text();
  const lines = text.split("\n").filter((l) => l).map((l) => JSON.parse(l));
  if (!res.ok) {
    const error = lines.find((l) => l.type === "error");
    throw new Error(error ? error.data.message : res.statusText);
  }
  return lines;
}

const of = (lines, type) => lines.filter((l) => l.type === type).map((l) => l.data);

function element(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "text") e.textContent = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

// The snippet with its highlights as <mark>: the ranges are UTF-8 byte
// offsets, as the library gives them.
function highlighted(snippet) {
  const bytes = encoder.encode(snippet.text);
  const out = document.createDocumentFragment();
  let at = 0;
  for (const [begin, end] of snippet.highlights) {
    out.append(decoder.decode(bytes.subarray(at, begin)));
    out.append(element("mark", { text: decoder.decode(bytes.subarray(begin, end)) }));
    at = end;
  }
  out.append(decoder.decode(bytes.subarray(at)));
  return out;
}

// ---- search as you type ----------------------------------------------------

let searching = null;  // the AbortController of the search in flight
let hits = [];
let selected = -1;

async function search() {
  const q = $("query").value.trim();
  if (searching) searching.abort();
  if (!q) { showResults([], null); return; }
  searching = new AbortController();
  try {
    const lines = await api("/api/search", { q, limit: 20 }, searching.signal);
    showResults(of(lines, "hit"), of(lines, "summary")[0]);
    $("status").textContent = "";
  } catch (e) {
    if (e.name !== "AbortError") $("status").textContent = e.message;
  }
}

function showResults(found, summary) {
  hits = found;
  selected = found.length ? 0 : -1;
  const list = $("hits");
  list.replaceChildren(...found.map((hit, i) => element("li",
    { class: "hit", "data-path": hit.path, onclick: () => openNote(hit.path), onmouseenter: () => select(i) },
    element("div", { class: "title", text: hit.title }),
    element("div", { class: "where", text: hit.path + (hit.line ? ":" + hit.line : "") }),
    element("div", { class: "snippet" }, highlighted(hit.snippet)))));
  $("summary").textContent = summary
    ? (summary.total === 0 ? "No notes match." : `${found.length} of ${summary.total} notes`) : "";
  select(selected);
  showView("results");
}

function select(i) {
  selected = i;
  [...$("hits").children].forEach((li, j) => li.classList.toggle("selected", j === i));
  const li = $("hits").children[i];
  if (li) li.scrollIntoView({ block: "nearest" });
}

$("query").addEventListener("input", search);
document.addEventListener("keydown", (e) => {
  if (e.key === "Escape") {
    if (!$("note").hidden) { location.hash = ""; }
    else { $("query").value = ""; search(); }
    $("query").focus();
    return;
  }
  if (document.activeElement !== $("query") || $("results").hidden) return;
  if (e.key === "ArrowDown" && hits.length) { e.preventDefault(); select(Math.min(selected + 1, hits.length - 1)); }
  else if (e.key === "ArrowUp" && hits.length) { e.preventDefault(); select(Math.max(selected - 1, 0)); }
  else if (e.key === "Enter" && selected >= 0) { e.preventDefault(); openNote(hits[selected].path); }
});

// ---- the note, its backlinks and its graph ------------------------------------

function showView(view) {
  $("results").hidden = view !== "results";
  $("note").hidden = view !== "note";
  $("side").hidden = view !== "note";
}

function openNote(path, anchor) {
  location.hash = "note=" + encodeURIComponent(path) + (anchor ? "#" + encodeURIComponent(anchor) : "");
}

// The note and anchor the location names: "#note=PATH" or "#note=PATH#ANCHOR".
function fromHash() {
  const hash = location.hash.slice(1);
  if (!hash.startsWith("note=")) return null;
  const [path, anchor] = hash.slice(5).split("#");
  return { path: decodeURIComponent(path), anchor: anchor ? decodeURIComponent(anchor) : "" };
}

let showing = "";  // the note shown, so that a move to an anchor does not reload it

async function showNote({ path, anchor }) {
  showView("note");
  if (path !== showing) {
    showing = path;
    try {
      const [note, html, backlinks, mentions] = await Promise.all([
        api("/api/note", { path }), api("/api/html", { path }),
        api("/api/backlinks", { path }), api("/api/mentions", { path })]);
      if (showing !== path) return;  // another note was opened meanwhile
      const n = of(note, "note")[0];
      document.title = n.title + " - kbsearch";
      $("note-title").textContent = n.title;
      $("note-path").textContent = n.path + (n.date ? " · " + n.date : "");
      const names = [...new Set(n.tags.map((t) => t.name))];
      $("note-tags").replaceChildren(...names.map((name) =>
        element("li", {}, element("button", { class: "tag", text: "#" + name, onclick: () => filterByTag(name) }))));
      // The server's HTML: cmark in safe mode, every link resolved there.
      $("note-body").innerHTML = of(html, "html")[0].html;
      showLinks($("backlinks"), of(backlinks, "link"), (l) => l.source);
      $("backlink-count").textContent = "(" + of(backlinks, "link").length + ")";
      showLinks($("mentions"), of(mentions, "link"), (l) => l.source);
      await showGraph(path);
    } catch (e) {
      $("note-title").textContent = "";
      $("note-body").replaceChildren(element("p", { class: "broken", text: e.message }));
    }
  }
  const target = anchor && document.getElementById(anchor);
  if (target) target.scrollIntoView(); else window.scrollTo(0, 0);
}

function showLinks(list, links, sourceOf) {
  list.replaceChildren(...links.map((l) => element("li", {},
    element("a", { href: "#note=" + encodeURIComponent(sourceOf(l)), text: l.source_title || sourceOf(l) }),
    element("span", { class: "context", text: l.context || "" }))));
}

async function showGraph(path) {
  const depth = $("depth").value;
  const res = await fetch("/api/graph.svg?" + new URLSearchParams({ path, depth }));
  const graph = $("graph");
  if (showing !== path) return;
  if (!res.ok) { graph.textContent = "No graph: " + res.statusText; return; }
  const svg = await res.text();
  if (showing !== path) return;
  // Graphviz's SVG: each note a <g class="node"> whose <title> is its path.
  graph.innerHTML = svg;
  graph.querySelectorAll("g.node").forEach((node) => {
    const title = node.querySelector("title");
    if (title) node.addEventListener("click", () => openNote(title.textContent));
  });
}

$("depth").addEventListener("change", () => { if (showing) showGraph(showing); });

// ---- tags --------------------------------------------------------------------

function filterByTag(name) {
  const words = $("query").value.split(/\s+/).filter((w) => w && !w.startsWith("tag:"));
  $("query").value = [...words, "tag:" + (/\s/.test(name) ? '"' + name + '"' : name)].join(" ");
  location.hash = "";
  search();
  $("query").focus();
}

// The tags as a tree by their '/' parts, each with its count of notes.
async function showTags() {
  const tags = of(await api("/api/tags", {}), "tag");
  const root = { children: new Map() };
  for (const tag of tags) {
    let node = root;
    for (const part of tag.name.split("/")) {
      if (!node.children.has(part)) node.children.set(part, { children: new Map() });
      node = node.children.get(part);
    }
    node.tag = tag;
  }
  const render = (node) => [...node.children.entries()].map(([part, child]) => element("li", {},
    child.tag ? element("button", { class: "tag", text: "#" + part, title: child.tag.name, onclick: () => filterByTag(child.tag.name) })
              : element("span", { text: part }),
    child.tag ? element("span", { class: "count", text: String(child.tag.notes) }) : "",
    child.children.size ? element("ul", {}, ...render(child)) : ""));
  $("tag-tree").replaceChildren(...render(root));
}

// ---- the page ----------------------------------------------------------------

function route() {
  const target = fromHash();
  if (target) showNote(target);
  else { showing = ""; document.title = "kbsearch"; showView("results"); }
}

window.addEventListener("hashchange", route);
$("home").addEventListener("click", (e) => { e.preventDefault(); location.hash = ""; $("query").focus(); });
showTags().catch((e) => { $("status").textContent = e.message; });
route();
