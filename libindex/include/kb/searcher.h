// Searcher: runs queries against the index of one knowledge base.
#ifndef KB_SEARCHER_H_
#define KB_SEARCHER_H_

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kb/env.h"
#include "kb/note.h"
#include "kb/query.h"
#include "kb/shards.h"
#include "kb/status.h"

namespace kb {

// How relevance is weighed: Xapian's BM25 over all of a note's text (where
// title words count as kb::weight says), plus the title and the file stem
// as fields of their own, each a BM25 weight of the query's words in that
// field, scaled. The defaults were tuned with bench/tune_rank.py on the
// labelled set bench/rank_labels.tsv (bench/README.md says how it was
// built); other values are for that tuning.
struct Ranking {
  double k1 = 1.0;     // BM25 term-frequency saturation (Xapian's default)
  double b = 0.5;      // BM25 length normalisation (Xapian's default)
  double title = 1.0;  // scale of the title field's weight; 0 leaves it out
  double stem = 1.0;   // scale of the file stem field's weight; 0 leaves it out
};

// What one query may cost: past a limit, Searcher::search() refuses the
// query with kInvalidArgument, the limit's name below as the subject and
// the limit's value in the message, rather than spending gigabytes and
// seconds on it (a pasted page of Chinese; 1,000 words ending in '*').
// The defaults leave room for a pasted sentence or a long hand-written
// query. 0 for none of a limit.
struct QueryLimits {
  // "max_query_chars": the query's length in characters (code points).
  std::size_t max_chars = 1000;
  // "max_query_terms": the terms searched: each word, each Chinese
  // character (a Chinese word is a phrase of its characters), each
  // prefix*.
  std::size_t max_terms = 200;
  // "max_wildcard_expansion": the indexed words one prefix* may stand for.
  // A prefix that stands for more is an error, not a search of the most
  // frequent of them: that would drop the notes with the rarer words
  // without saying so.
  std::size_t max_expansion = 1000;
};

struct SearchOptions {
  enum class Sort {
    kRelevance,  // best match first
    kDate,       // newest first (front-matter date, else modification day)
    kPath,       // by path, bytewise
    kTitle,      // by title, case-insensitively
  };
  // At most this many hits. Default: 20. kNoLimit (or any number past the
  // index's size) for every hit.
  static constexpr std::size_t kNoLimit = static_cast<std::size_t>(-1);
  std::size_t limit = 20;
  std::size_t offset = 0;  // skip this many hits first. Default: 0.
  Sort sort = Sort::kRelevance;  // Default: relevance.
  // Fill Hit::lines with the lines of each note's file that hold a match,
  // at most this many per note (as ripgrep's --max-count); kNoLimit for
  // all of them, 0 for none. Reads each hit's file from disk. Default: 0.
  std::size_t matching_lines = 0;
  // Count every match, so that SearchResults::estimated_total is exact;
  // slower on a large result set. Default: false.
  bool exact_total = false;
  // Show duplicates as one hit: notes with the same text (title and
  // blocks as read, so a repaired mojibake copy and its original too).
  // The hit shown is the best-ranked of them (on equal weight, the first
  // by path), its Hit::duplicates lists the others, and the totals count
  // it once. False shows every note. Default: true.
  bool collapse = true;
  // How much of each Hit to fill. kPaths fills only path, score and
  // percent, and leaves duplicates empty: no note's record is read and no
  // snippet made, so a long list of paths costs little more than the match
  // (`kbsearch --files`). matching_lines is ignored. Default: kFull.
  enum class Detail { kFull, kPaths };
  Detail detail = Detail::kFull;
  Ranking ranking;  // Default: the tuned weights.
  QueryLimits limits;  // Default: the limits QueryLimits states.
  // The day "YYYY-MM-DD" that relative dates (date:today, date:7d) count
  // from. Default "": today in local time (TZ).
  std::string today;
};

// A half-open byte range [begin, end) of Snippet::text to highlight.
struct Highlight {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// A short extract of the best-matching block of a note. Adjacent highlights
// are merged, so a Chinese word is one highlight, not one per character.
struct Snippet {
  std::string text;
  std::vector<Highlight> highlights;
};

// A line of a note's file that holds a match: a highlight of the query as
// Snippet finds them (the index's analysis: Chinese substrings, other forms
// of a word, joined forms), in the note's text as indexed.
struct MatchingLine {
  int line = 0;  // 1-based file line
  // 1-based byte column of the first match in the line as the file stores
  // it: counted in the file's own encoding (a GBK note's GBK bytes, a
  // UTF-16 note's two bytes a unit), without a byte-order mark, as ripgrep
  // and an editor that reads the file's bytes count it. 1 when the match
  // is not in the line as written (a word that markup splits, as **大**模型).
  // A repaired mojibake note's column counts the repaired UTF-8 text.
  int column = 1;
  std::string text;  // the line as written, decoded to UTF-8, without its line end
};

struct Hit {
  // Relative to the knowledge-base root, '/'-separated: the bytes of the
  // file's name, so not valid UTF-8 when the name on disk is not (the
  // other strings of a Hit always are).
  std::string path;
  std::string title;
  // The shard the note is in (Shard::name), for a Searcher opened on a
  // ShardSet; "" for one opened on a root.
  std::string kb;
  double score = 0;   // relevance weight; only comparable within one search
  int percent = 0;    // 0-100, relative to the best possible match
  std::vector<std::string> tags;  // distinct tag names
  // ISO 8601: the front-matter date, else the modification time (UTC).
  std::string date;
  std::int64_t mtime_ns = 0;  // file modification time when indexed
  int line = 0;       // best-matching line, 1-based; 0 if unknown
  // MatchingLine::column of `line`, when SearchOptions::matching_lines
  // found it among the note's matching lines; else 1.
  int column = 1;
  // The text of the best-matching line, as indexed (markup removed).
  std::string line_text;
  // Headings above `line`, outermost first.
  std::vector<std::string> heading_path;
  Snippet snippet;
  // With SearchOptions::matching_lines: the lines of the file that hold a
  // match, in line order. Empty when the note matches by something other
  // than its text (path:, tag:, a front-matter title), or its file cannot
  // be read any more.
  std::vector<MatchingLine> lines;
  // With SearchOptions::collapse: the other matching notes with this
  // note's text, by path; empty when there are none.
  std::vector<std::string> duplicates;
};

struct SearchResults {
  std::vector<Hit> hits;          // best first
  std::size_t estimated_total = 0;  // estimate of all matching notes
  bool total_is_exact = false;      // estimated_total is the exact count
  // What of the query was dropped or read otherwise than written (a
  // dangling OR, an unclosed '('), a sentence each, in query order.
  std::vector<std::string> warnings;
};

struct BlockOptions {
  // At most this many blocks. Default: SearchOptions::kNoLimit, every one.
  std::size_t limit = SearchOptions::kNoLimit;
  // Blocks of duplicate notes (SearchOptions::collapse) once, from the
  // first of them by path. Default: true.
  bool collapse = true;
};

// A tagged block a query matched (kb::TaggedBlock), with its note: plain
// fields, one value each, for printers and templates.
struct BlockHit {
  std::string path;   // of the note, relative to the knowledge-base root
  std::string title;  // of the note
  std::string date;   // of the note, as Hit::date
  TaggedBlock::Kind kind = TaggedBlock::Kind::kParagraph;
  int line = 0;       // first file line of the block's own text, 1-based
  int last_line = 0;  // its last
  std::string text;   // as TaggedBlock::text
  std::vector<std::string> tags;  // as TaggedBlock::tags
};

struct BlockResults {
  // Newest note first (by Hit::date's day), then by path; a note's blocks
  // in file order.
  std::vector<BlockHit> blocks;
  std::size_t total = 0;  // every matching block, also those past the limit
};

// A Searcher is used by one thread at a time; separate Searchers may run in
// parallel, also while one process writes the index. Each reads the index
// as it was committed when it was opened, and moves to the latest commit
// when a busy writer has recycled that revision (Xapian's
// DatabaseModifiedError). linkto: and linkedby: ask a LinkGraph opened at
// the first query that has one, which may be a later commit.
class Searcher {
 public:
  // Opens the index of the knowledge base at `root` for reading; notes are
  // read (read_note(), SearchOptions::matching_lines) through `env`, which must
  // outlive the Searcher. Returns kNotFound when there is no index,
  // kVersionMismatch or kCorruption when it cannot be used.
  static Result<Searcher> open(const std::filesystem::path& root,
                               const Env& env = Env::system());
  // The Env is kept by reference: a temporary one would dangle.
  static Result<Searcher> open(const std::filesystem::path& root, const Env&& env) = delete;

  // Opens the shards `shards` (kb/shards.h) as one index: hits are ranked
  // with the statistics of all their notes together, each Hit::kb says
  // whose it is, and a remote shard's records (titles, snippets) come from
  // its server. A shard that cannot be opened, or that stops answering, is
  // left out of the answers (unavailable_shards()) while the others still
  // answer; when none opens, the first one's error (kNotFound,
  // kVersionMismatch, kIOError for a server that does not answer). A hit of
  // a remote shard has no SearchOptions::matching_lines, and read_note()
  // of its note gives its record (no file is read). linkto: and linkedby:
  // need ShardSet::linked. kInvalidArgument for no shards or two of one
  // name.
  static Result<Searcher> open(const ShardSet& shards, const Env& env = Env::system());
  static Result<Searcher> open(const ShardSet& shards, const Env&& env) = delete;

  // The shards the last call left out (down, or slower than their
  // timeout), each with why; empty when every shard answered. A caller
  // that prints hits says so, as a search that misses part of the
  // knowledge base is not the whole answer.
  std::vector<ShardError> unavailable_shards() const;

  Searcher(Searcher&&) noexcept;
  Searcher& operator=(Searcher&&) noexcept;
  ~Searcher();

  // Runs `query`: notes whose title, file stem or alias is the whole query
  // (compared without case, spaces or punctuation) come first; then words
  // are ANDed, Chinese text matches as a substring,
  // English words match their other forms (attention ~ attentions), and
  // AND, OR, NOT, "phrases" and prefix* work as in Xapian's query parser.
  // Punctuation that does not parse as query syntax is searched literally.
  // `linkto:NOTE` and `linkedby:NOTE` keep the notes that link to NOTE or
  // that NOTE links to, as LinkGraph resolves links.
  // An operator with nothing on one side (`attention OR`), a second
  // operator in a row, or a parenthesis without its partner is dropped,
  // and SearchResults::warnings says so; a query of nothing but operators
  // searches them as words. `date:` also takes today, yesterday,
  // this-week, last-week, this-month, last-month, this-year, last-year and
  // Nd (the last N days), counted from SearchOptions::today.
  // Returns kParseError, with the query as subject, when the query cannot
  // be understood at all, a field has no value (`tag:`, `title:`), or a
  // linkto: note is unknown or ambiguous; kInvalidArgument for an empty
  // query or one past SearchOptions::limits (subject: the limit's name);
  // and kCorruption when a stored record cannot be read.
  Result<SearchResults> search(std::string_view query,
                               const SearchOptions& options = {}) const;

  // Runs the query built from parts (kb/query.h), ranked and shown as the
  // string query's hits are: the same notes as the string query that
  // writes each part in its syntax, when the values need no quoting.
  // Returns kInvalidArgument when every part is empty or the query is
  // past SearchOptions::limits (the characters of all its values count),
  // kParseError for a malformed Query::text, date, language or property
  // (the subject names the part), or an unknown links_to/linked_from
  // note, and kCorruption as above.
  Result<SearchResults> search(const Query& query, const SearchOptions& options = {}) const;

  // The indexed note at `path` (relative to the root) as a hit shows it
  // without a query: path, title, tags, date and mtime_ns; no line, no
  // snippet. For programs that print a list of notes with their titles.
  // kNotFound when it is not indexed, kCorruption when its record cannot
  // be read.
  Result<Hit> describe(const std::string& path) const;

  // The tagged blocks (kb::TaggedBlock) that `query` matches, as search()
  // reads it but with each block in place of a note: `tag:X` keeps the
  // blocks a tag X (or one below it) covers, words must be in the block's
  // own text (with the tags that cover it), and the other filters (path:,
  // date:, lang:, fm., title:, linkto:) are the note's. The query must name
  // a tag with tag:: kInvalidArgument, naming it, when it does not; errors
  // as search() otherwise. An unknown tag is no error: no blocks.
  Result<BlockResults> blocks(std::string_view query, const BlockOptions& options = {}) const;

  // Reads and parses the indexed note at `path` (relative to the root) as
  // the index does: the damaged characters of a mojibake note are chosen
  // with the indexed notes' vocabulary. kNotFound, naming `path`, when the
  // index holds no note there (a hidden or ignored file, one added since
  // the last update), so that no other file of the root is read; else
  // errors as kb::read_note().
  Result<Note> read_note(const std::string& path) const;

 private:
  struct Impl;
  explicit Searcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kb

#endif  // KB_SEARCHER_H_
