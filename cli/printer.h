// Printer: how the subcommands print what the library answered, as text
// for people or as JSON Lines for programs. (`index`, with one report line
// and no --json, writes it to standard_output() itself.)
//
// A subcommand makes one printer with make_printer() when it starts and
// calls one of its print methods once, with the library's whole answer.
// That call prints every item and, in JSON Lines, then one "summary" line.
// Each JSON line is {"type": TYPE, "data": {"format_version":
// kJsonFormatVersion, ...}}, as cli/README.md specifies (the contract:
// change both together). The views choose among text forms; JSON lines are
// the same whatever the view. A printer writes only to the OutputSink it
// was made with, which checks each write.
#ifndef KB_CLI_PRINTER_H_
#define KB_CLI_PRINTER_H_

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "display_path.h"
#include "kb/link_graph.h"
#include "kb/note.h"
#include "kb/searcher.h"
#include "output_sink.h"

namespace kbcli {

struct GlobalOptions;

// Version of every JSON line kbsearch prints; bumped on incompatible
// changes (removed or renamed keys, changed meanings), not on added keys.
inline constexpr int kJsonFormatVersion = 1;

// The text forms of search results.
enum class HitView {
  kBlocks,    // title, path:line, headings, snippet; a last line when more match
  kPaths,     // one path per line
  kNulPaths,  // each path followed by NUL, for xargs -0
  kVimgrep,   // path:line:column:text, for editors' quickfix lists
  kCount,     // only the number of matching notes
};

// The text forms of resolved links.
enum class LinkView {
  kIncoming,  // backlinks, mentions: where the link is, and its line
  kOutgoing,  // links: what each link names and its status
  kProblems,  // broken: where, what was written, and what is wrong
};

// The text forms of tags; the order of the list is the caller's.
enum class TagView {
  kFlat,  // COUNT<TAB>NAME
  kTree,  // the last name part, indented two spaces a level, then the count
};

// What was asked of a search, for its summary.
struct SearchEcho {
  std::string query;
  kb::SearchOptions options;
  const char* sort = "relevance";
  double elapsed_ms = 0;  // time the search took
  // The shards the search left out (kb::Searcher::unavailable_shards()):
  // JSON gives a "shard_error" line each; text leaves them to stderr.
  std::vector<kb::ShardError> unavailable;
};

class Printer {
 public:
  virtual ~Printer() = default;

  virtual void search_results(const kb::SearchResults& results, const SearchEcho& echo,
                              HitView view) = 0;
  virtual void note(const kb::Note& note) = 0;
  // The note at `path` rendered as HTML (kb::LinkGraph::note_html): text
  // is the HTML fragment itself, JSON one "html" line.
  virtual void note_html(const std::string& path, const std::string& html) = 0;
  virtual void links(const std::vector<kb::ResolvedLink>& links, LinkView view) = 0;
  virtual void note_paths(const std::vector<std::string>& paths) = 0;
  // Text: "PATH  TITLE", then one indented line per kind of reason.
  virtual void related_notes(const std::vector<kb::RelatedNote>& notes) = 0;
  virtual void tags(const std::vector<kb::TagCount>& tags, TagView view) = 0;
  // Text is Graphviz DOT; JSON a "node" line a note, then an "edge" line
  // a link.
  virtual void note_graph(const kb::NoteGraph& graph) = 0;
  // Tagged blocks (`blocks`); `query` as asked, for the summary. Each
  // block's fields are plain values (kb::BlockHit), for templates too.
  virtual void blocks(const kb::BlockResults& results, const std::string& query) = 0;
};

// Text, coloured when `color`, on `out`; each note path printed as
// `paths` shows it, and every string from a note made safe to print
// (cli/safe_text.h), but in the NUL-separated form, which is exact.
std::unique_ptr<Printer> make_text_printer(OutputSink& out, bool color,
                                           PathDisplay paths = {});

// JSON Lines on `out`; the summary names `command` and, but for search,
// the milliseconds since the printer was made. Each note path is given
// from the root, with its absolute form from `paths` beside it (README,
// "JSON output").
std::unique_ptr<Printer> make_json_printer(OutputSink& out, std::string command,
                                           PathDisplay paths = {});

// How paths of the knowledge base at `root` are shown from the current
// folder, as --root-paths says; the printers and --format templates use it.
PathDisplay path_display(const GlobalOptions& global, const std::filesystem::path& root);

// The printer subcommand `command` asked for: JSON Lines with --json, else
// text coloured as --color says; both on standard_output(), with paths
// shown from the current folder in the knowledge base locate_kb() finds
// (unless --root-paths; cli/display_path.h).
std::unique_ptr<Printer> make_printer(const GlobalOptions& global, bool json,
                                      std::string command);

// The printer of a command that reads shards (query_shards.h): paths are
// printed from the root of the knowledge base each note is in.
std::unique_ptr<Printer> make_shard_printer(const GlobalOptions& global, bool json,
                                            std::string command);

// The same, for the notes of the knowledge base at `root`.
std::unique_ptr<Printer> make_printer(const GlobalOptions& global, bool json,
                                      std::string command,
                                      const std::filesystem::path& root);

}  // namespace kbcli

#endif  // KB_CLI_PRINTER_H_
