// Query: a search built from parts, for programs.
//
// A person types a query as a string (Searcher::search(std::string_view)),
// with its syntax: `attention tag:LLM -draft`. A program that takes a tag,
// a folder or a word from its own data should not have to quote it into
// that syntax, nor worry that a value holding "OR", a quote or a colon
// changes the query's meaning. A Query holds each part as a value: every
// part is searched as the string query searches its field, but nothing in
// a value is syntax. The parts are ANDed; empty parts are left out.
//
// A plain value, copied freely; no call of its own, so nothing to make
// thread-safe.
#ifndef KB_QUERY_H_
#define KB_QUERY_H_

#include <string>
#include <utility>
#include <vector>

namespace kb {

struct Query {
  // Written query syntax, read as Searcher::search(std::string_view)
  // reads it (its warnings too), ANDed with the parts below. "" for none.
  std::string text{};

  // Words the note must each have, searched as the string query searches
  // a plain word (other forms of an English word, a Chinese word as a
  // substring), but as text only: "OR" is a word, '*' and '"' are no
  // syntax. A value with spaces is several words, each required.
  std::vector<std::string> words{};
  // Each an exact phrase the note must have: "scaled dot product".
  std::vector<std::string> phrases{};
  // Words of which the note must have at least one (when not empty).
  std::vector<std::string> any_words{};
  // Words the note must not have.
  std::vector<std::string> without_words{};

  // Tags the note must each have, a tag or one below it, as `tag:`
  // ("LLM" keeps notes tagged "llm/attention"); a leading '#' is ignored.
  std::vector<std::string> tags{};
  // Tags the note must not have (nor one below them).
  std::vector<std::string> without_tags{};
  // Only notes under this folder, relative to the root, as `path:`; a
  // trailing '/' is ignored. "" for the whole knowledge base.
  std::string folder{};
  // Only notes dated in [date_from, date_to], as `date:FROM..TO`: each end
  // "YYYY-MM-DD", "YYYY-MM", "YYYY", or a relative period (today, 7d,
  // last-month, ...: Searcher::search()); "" leaves that end open.
  std::string date_from{};
  std::string date_to{};
  // "zh" or "en", as `lang:`; "" for both.
  std::string language{};
  // (KEY, VALUE): the front-matter KEY has VALUE, or has it among its
  // list items, as `fm.KEY:VALUE`. Spaces in VALUE need no quoting.
  std::vector<std::pair<std::string, std::string>> properties{};
  // Only notes that link to this note, as `linkto:` (a path, stem or title).
  std::string links_to{};
  // Only notes this note links to, as `linkedby:`.
  std::string linked_from{};

  bool operator==(const Query&) const = default;
};

}  // namespace kb

#endif  // KB_QUERY_H_
