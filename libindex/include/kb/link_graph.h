// LinkGraph: how the notes of an indexed knowledge base link to each other.
//
// Links are resolved when asked for, against the index as it is: adding the
// note a link names mends the link without re-indexing its source. Each
// note's links are read in its dialect (kb/crawler.h, LinkDialect), as the
// last Index::update() found the markers. The resolution rules are
// documented in libindex/README.md ("Link resolution", "Link dialects").
#ifndef KB_LINK_GRAPH_H_
#define KB_LINK_GRAPH_H_

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kb/env.h"
#include "kb/note.h"
#include "kb/shards.h"
#include "kb/status.h"

namespace kb {

// One link of a note, resolved.
struct ResolvedLink {
  enum class Status {
    kResolved,      // names exactly one note (or a file in the knowledge base)
    kBroken,        // names nothing, or leaves the knowledge base
    kBrokenAnchor,  // names a note that has no such heading or block
    kAmbiguous,     // names several notes equally well (see `target`)
    kExternal,      // a URL
  };
  std::string source;  // the note the link is in
  Link link;           // as written
  Status status = Status::kBroken;
  // The note or file linked to when resolved or broken-anchor; for an
  // ambiguous link in the obsidian dialect, the note Obsidian's tie-break
  // chooses (it counts as linked); else "".
  std::string target;
  // The notes an ambiguous link names, without `target`, sorted.
  std::vector<std::string> candidates;
  std::string context;  // the text of the source line, markup removed
  // Filled by LinkGraph::backlinks() and mentions() only, which list the
  // notes that point at one note: the title of `source` (Note::title), for
  // a list shown by title as Obsidian's backlinks pane shows it; else "".
  std::string source_title;
  // Filled by LinkGraph::broken() only: for a broken link, the path of the
  // note whose file stem, title or alias is closest to the name written;
  // for a broken anchor, the text of the target's closest heading; "" when
  // nothing is close (within a third of the name's code points, by edit
  // distance on case-folded text: libindex/README.md, "Did you mean").
  std::string suggestion;
};

// "resolved", "broken", "broken-anchor", "ambiguous", "external".
const char* name_of(ResolvedLink::Status status);

// Which notes a drawing of the graph keeps (LinkGraph::neighbourhood(),
// LinkGraph::whole_graph()). Empty fields keep every note.
struct GraphFilter {
  // Only notes with this tag or one below it, the rule of search's `tag:`
  // ("LLM" keeps notes tagged "llm/attention").
  std::string tag;
  // Only notes under this folder, relative to the root, the rule of
  // search's `path:` ("大模型LM" keeps "大模型LM/文献精读/BERT.md"); a
  // trailing '/' is ignored.
  std::string folder;
  // Whole graph only: also the kept notes without a link to or from
  // another kept note.
  bool unlinked = false;
};

struct GraphNode {
  std::string path;
  std::string title;   // as Note::title: front matter, first H1, or file stem
  std::string folder;  // the first folder of `path`; "" for a note at the root
  // Links (either way) from the centre note; 0 for the centre itself; -1
  // in a whole graph, which has no centre.
  int distance = -1;
};

// A part of the note graph, to draw or to list.
struct NoteGraph {
  std::string centre;  // the note it is around; "" for a whole graph
  std::vector<GraphNode> nodes;  // by path
  // (source, target): every resolved link between two different notes of
  // `nodes`, once, sorted.
  std::vector<std::pair<std::string, std::string>> edges;
};

// A note related to another one (LinkGraph::related()), and why: each
// reason below adds to its score.
struct RelatedNote {
  std::string path;
  std::string title;
  // The points of the reasons: 2 for a link in each direction, 1 per
  // shared link target, 1 per shared tag, and up to 3 for similar words
  // (3 times Xapian's relevance-feedback percent). Comparable within one
  // answer only.
  double score = 0;
  bool links_to = false;     // the note asked about links to this one
  bool linked_from = false;  // this one links to the note asked about
  // Tags both notes have, spelt as the note asked about spells them; an
  // ancestor a tag implies ("a" of "a/b") counts, and shows, on its own.
  std::vector<std::string> shared_tags;
  // Notes both link to, by path, sorted.
  std::vector<std::string> shared_targets;
  // The most telling words of the note asked about (Xapian's expansion
  // set, case-folded; Chinese as character n-grams, a shorter one left out
  // when a longer one holds it) that this note has too, most telling first.
  std::vector<std::string> similar_words;
};

// Where the links of a note's HTML (LinkGraph::note_html) point: each
// prefix is followed by the target's path from the root, percent-encoded
// ("%E7%AC%94%E8%AE%B0/a%20b.md"), and for a note a heading's anchor
// after '#'. The defaults suit a page that shows notes at "#note=PATH"
// and serves the other files of the knowledge base at "file?path=PATH".
struct HtmlOptions {
  std::string note_href = "#note=";
  std::string file_href = "file?path=";
};

struct TagCount {
  std::string name;  // the spelling most notes use (ties: the smallest bytewise)
  std::size_t notes = 0;
};

// Note paths, given and returned, are relative to the root and hold the
// bytes of the file's name, which need not be valid UTF-8 (Hit::path).
// Each query below returns kNotFound when the note at `path` is not
// indexed, kCorruption when a stored record cannot be read, and Xapian's
// errors as Searcher::search() does. A LinkGraph is used by one thread at a
// time; separate LinkGraphs may run in parallel, also while one process
// writes the index.
class LinkGraph {
 public:
  // Opens the index of the knowledge base at `root` for reading; files of
  // the knowledge base (images a link names) are looked up through `env`,
  // which must outlive the LinkGraph. Errors as Searcher::open().
  static Result<LinkGraph> open(const std::filesystem::path& root,
                                const Env& env = Env::system());
  // The Env is kept by reference: a temporary one would dangle.
  static Result<LinkGraph> open(const std::filesystem::path& root, const Env&& env) = delete;

  // Opens the linked shards `shards` (kb/shards.h) as one knowledge base:
  // a link in one resolves to a note of another as within one tree, and
  // backlinks, broken links, orphans, tags and the graph cover them all. A
  // note's HTML of a remote shard is built from its indexed text (its file
  // is not here); a file (not a note) of a remote shard counts as
  // existing. kInvalidArgument when there are several shards and they are
  // not ShardSet::linked; else as Searcher::open(const ShardSet&).
  static Result<LinkGraph> open(const ShardSet& shards, const Env& env = Env::system());
  static Result<LinkGraph> open(const ShardSet& shards, const Env&& env) = delete;

  // The shards the last answer left out (down, or slower than their
  // timeout), each with why; empty when every shard answered.
  std::vector<ShardError> unavailable_shards() const;

  LinkGraph(LinkGraph&&) noexcept;
  LinkGraph& operator=(LinkGraph&&) noexcept;
  ~LinkGraph();

  // The notes `spec` names: a path relative to the root (the extension may
  // be left out), else a file stem, else a title or alias, compared
  // case-insensitively. Empty when none; more than one when ambiguous.
  Result<std::vector<std::string>> find_notes(std::string_view spec) const;

  // Every line of another note with a link that resolves to the note at
  // `path` (the first such link of the line), in source path and line
  // order, each with its source_title. One index query finds the candidate
  // sources; only their links are resolved.
  Result<std::vector<ResolvedLink>> backlinks(const std::string& path) const;

  // Every link of the note at `path`, in line order, resolved.
  Result<std::vector<ResolvedLink>> links(const std::string& path) const;

  // Every broken, broken-anchor and ambiguous link of the knowledge base
  // (ambiguous ones also when a tie-break chose their target), broken and
  // broken-anchor ones with their `suggestion`.
  Result<std::vector<ResolvedLink>> broken() const;

  // Notes no other note links to, by path (an ambiguous link counts for
  // the note its tie-break chose).
  Result<std::vector<std::string>> orphans() const;

  // Every resolved link between two different notes, as (source, target)
  // pairs, sorted: the edges of the note graph.
  Result<std::vector<std::pair<std::string, std::string>>> edges() const;

  // The notes within `depth` links of the note at `path`, following links
  // both ways, as Obsidian's local graph does: depth 1 is the note, the
  // notes it links to and the notes linking to it. A note `filter` does not
  // keep is left out and not walked through, so every node is reached
  // through kept notes; the note at `path` is always kept. The edges are
  // every link among the nodes, also between two at distance `depth`.
  // Costs one index query per node closer than `depth`, not a pass over
  // the knowledge base. `filter.unlinked` is ignored: every node is linked
  // or the centre. Errors as backlinks().
  Result<NoteGraph> neighbourhood(const std::string& path, int depth,
                                  const GraphFilter& filter = {}) const;

  // The graph of the whole knowledge base: the notes `filter` keeps that
  // link to or from another kept note (with `filter.unlinked`, every kept
  // note), and the links among them. Resolves every link, as edges().
  Result<NoteGraph> whole_graph(const GraphFilter& filter = {}) const;

  // Unlinked mentions of the note at `path`: lines of other notes that hold
  // its file stem, its title or one of its aliases (Chinese too, as a substring; other
  // words as whole words, case-insensitively) but do not link to it. Each
  // comes as a ResolvedLink with status kResolved, the mention in
  // link.text, its line, context and source_title.
  Result<std::vector<ResolvedLink>> mentions(const std::string& path) const;

  // Notes related to the note at `path`, at most `limit`, by score (see
  // RelatedNote), ties by path; each with its reasons. Notes with no
  // reason are not related.
  Result<std::vector<RelatedNote>> related(const std::string& path,
                                           std::size_t limit = 10) const;

  // Each tag whose name is `prefix` or below it (all when empty), with the
  // number of notes that have it or a tag below it, by name.
  Result<std::vector<TagCount>> tags(std::string_view prefix = {}) const;

  // The note at `path` as an HTML fragment for a page: its body rendered
  // by cmark-gfm, with GitHub's tables, strikethrough and task lists, as
  // safely as its safe mode (no raw HTML, no script URLs), as the index reads
  // it (front matter and template tags left out, but Hexo's post_link and
  // asset_link shown as the links they are), each link resolved as
  // links() resolves it: <a class="note"> to a note, class="file" to
  // another file of the knowledge base, class="external" to a web address
  // (other schemes are not linked), class="broken" with no href, and each
  // heading with its slug as id. Images of the knowledge base are <img>
  // at options.file_href; images outside it are links, never loaded.
  // kNotFound when `path` is not an indexed note; read errors as
  // kb::read_note().
  Result<std::string> note_html(const std::string& path, const HtmlOptions& options = {}) const;

  // The bytes of the file at `path` (relative to the root), for a page
  // that shows the images notes embed. Only a regular file inside the
  // knowledge base is read: kInvalidArgument, naming `path`, for an
  // absolute path, a ".." part, a part that starts with '.' (hidden files,
  // the index folder, .git), a symbolic link that leads outside the root,
  // or a FIFO or folder; kNotFound when there is no such file; kIOError
  // when it cannot be read or is larger than `max_bytes`.
  Result<std::string> read_file(const std::string& path, std::size_t max_bytes) const;

 private:
  struct Impl;
  explicit LinkGraph(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kb

#endif  // KB_LINK_GRAPH_H_
