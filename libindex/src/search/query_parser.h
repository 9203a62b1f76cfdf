// Query parser: user query text -> Xapian query, through the same
// normalisation and script splitting as the index.
#ifndef KB_SRC_QUERY_PARSER_H_
#define KB_SRC_QUERY_PARSER_H_

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

#include "kb/query.h"
#include "kb/searcher.h"
#include "kb/status.h"

namespace kb {

// Something to highlight in result text. A CJK needle matches as a substring
// of the normalised text; any other needle matches a whole word whose stem is
// `stem` (so "attention" highlights "attentions").
struct Needle {
  std::string text;  // normalised
  std::string stem;  // empty for CJK
  bool cjk = false;
};

// A linkto:NOTE or linkedby:NOTE filter, left for the searcher to turn into
// notes: it needs the link graph.
struct LinkFilter {
  bool linkto = true;    // linkto: notes linking to NOTE; else linked by it
  std::string note;      // NOTE as written
  bool exclude = false;  // -linkto:, NOT linkedby:
};

struct ParsedQuery {
  Xapian::Query query;
  std::vector<LinkFilter> link_filters;
  std::vector<Needle> needles;  // from the positive words of the query
  bool literal = false;  // true when the query was searched as plain words
  // The exact key (text/exact_key.h) of the whole query when it is plain
  // words, else "": a note whose title, stem or alias has it ranks first.
  std::string exact_key;
  // What was dropped or read as a word (query_syntax.h), a sentence each.
  std::vector<std::string> warnings;
};

// Parses `query` for `db` (wildcards expand against it). Words are ANDed;
// each CJK run is searched as a phrase of its characters, i.e. as an exact
// substring. `title:` and `heading:` search one field; `path:` (a folder),
// `tag:` (a tag or one below it), `lang:zh|en` and `date:A..B` (A, B: a day
// YYYY-MM-DD, a month YYYY-MM or a year; either may be left out; one period
// alone means all of it) filter, and so do `fm.KEY:VALUE` (front-matter KEY
// has VALUE, or has it among its list items; key and value compared as
// property_term.h says; `fm.status:"in progress"` quotes a value with
// spaces), `linkto:NOTE` and `linkedby:NOTE` (left in link_filters). A
// leading '-' or NOT excludes a filter. date: also takes the relative
// periods of relative_dates.h, counted from options.today (else the local
// date), alone or as either end of a range.
// Dangling operators and unpartnered parentheses are dropped first
// (query_syntax.h), each named in `warnings`. When the words are still not
// valid syntax (`"unbalanced`), they are searched literally instead.
// Returns kInvalidArgument for a blank query, and for one past
// options.limits (characters, terms; subject: the limit's name, as
// kb::QueryLimits says; wildcard expansion is limited in the query, and
// Xapian throws WildcardError when it runs); kParseError when nothing
// searchable is left, a field has no value (`tag:`) or a date:, lang: or
// fm. filter is malformed, with a message that names it. Only
// options.limits and options.today are read.
Result<ParsedQuery> parse_query(std::string_view query, const Xapian::Database& db,
                                const SearchOptions& options = {});

// Parses the parts of `query` (kb/query.h) for `db`: its text as above,
// ANDed with each word, phrase and filter, whose values are never read as
// syntax. Errors as above: kInvalidArgument when every part is empty or
// the query is past options.limits (the characters of all its values
// count); kParseError, naming the part, for a malformed date, lang or
// property.
Result<ParsedQuery> parse_query(const Query& query, const Xapian::Database& db,
                                const SearchOptions& options = {});

}  // namespace kb

#endif  // KB_SRC_QUERY_PARSER_H_
