#include "search/query_parser.h"

#include <algorithm>
#include <cctype>
#include <limits>
#include <optional>
#include <set>

#include "note/dates.h"
#include "note/tags.h"
#include "search/query_syntax.h"
#include "search/relative_dates.h"
#include "text/exact_key.h"
#include "text/joined_forms.h"
#include "text/segmenter.h"
#include "store/property_term.h"
#include "store/term_prefixes.h"
#include "text/utf8.h"
#include "base/xapian_error.h"

namespace kb {

namespace {

std::vector<std::string> split_whitespace(std::string_view s) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n')) ++i;
    std::size_t start = i;
    while (i < s.size() && s[i] != ' ' && s[i] != '\t' && s[i] != '\n') ++i;
    if (i > start) words.emplace_back(s.substr(start, i - start));
  }
  return words;
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); utf8::next(s, i)) ++n;
  return n;
}

bool is_opening_context(char c) {
  return c == ' ' || c == ':' || c == '-' || c == '+' || c == '(';
}

// Quotes each CJK run of two or more characters outside quotes, so that the
// Xapian parser searches it as a phrase of its characters: an exact
// substring, rather than any note holding its characters and bigrams.
std::string quote_cjk_runs(const std::string& word, bool& in_quote) {
  std::string out;
  bool after_quoted_run = false;
  for (const ScriptRun& run : split_script_runs(word)) {
    if (run.cjk && !in_quote && code_points(run.text) >= 2) {
      if (!out.empty() && !is_opening_context(out.back())) out += ' ';
      out += '"';
      out += run.text;
      out += "\" ";
      after_quoted_run = true;
    } else {
      std::string_view text = run.text;
      // In "回顾-0" the hyphen joins the words of one query word; after the
      // quoted run and a space, Xapian would read "-0" as NOT 0.
      if (after_quoted_run) {
        while (!text.empty() && (text.front() == '-' || text.front() == '+')) text.remove_prefix(1);
      }
      after_quoted_run = false;
      for (char c : text) {
        if (c == '"') in_quote = !in_quote;
      }
      out += text;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Adds the needles of one normalised query word.
void add_needles(const std::string& word, const Xapian::Stem& stemmer,
                 std::vector<Needle>& needles) {
  std::string_view rest = word;
  std::size_t colon = rest.find(':');
  if (colon != std::string_view::npos) {
    // Filters match metadata, not words to highlight.
    const std::string_view field = rest.substr(0, colon);
    if (field == "tag" || field == "path") return;
    rest.remove_prefix(colon + 1);
  }
  for (const ScriptRun& run : split_script_runs(rest)) {
    if (run.cjk) {
      needles.push_back(Needle{std::string(run.text), "", true});
      continue;
    }
    std::string current;
    auto flush = [&] {
      if (!current.empty()) {
        needles.push_back(Needle{current, stemmer(current), false});
      }
      current.clear();
    };
    const std::string_view text = run.text;
    for (std::size_t i = 0; i < text.size(); ++i) {
      const unsigned char u = static_cast<unsigned char>(text[i]);
      if (u >= 0x80 || (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') ||
          u == '_') {
        current += text[i];
      } else if (!current.empty() && (text.substr(i, 2) == "++" || u == '#')) {
        // "c++" and "c#" are words, as in Xapian's term generator.
        const std::size_t n = u == '#' ? 1 : 2;
        current += text.substr(i, n);
        i += n - 1;
        flush();
      } else {
        flush();
      }
    }
    flush();
  }
}

// A parser of words as the index analyses text, with no fields.
Xapian::QueryParser make_text_parser(const Xapian::Database& db) {
  Xapian::QueryParser qp;
  qp.set_database(db);
  qp.set_stemmer(Xapian::Stem("english"));
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  qp.set_default_op(Xapian::Query::OP_AND);
  return qp;
}

Xapian::QueryParser make_parser(const Xapian::Database& db, const QueryLimits& limits) {
  Xapian::QueryParser qp = make_text_parser(db);
  // An error, not the most frequent words: see QueryLimits::max_expansion.
  if (limits.max_expansion > 0) {
    qp.set_max_expansion(static_cast<Xapian::termcount>(std::min<std::size_t>(
                             limits.max_expansion, std::numeric_limits<Xapian::termcount>::max())),
                         Xapian::Query::WILDCARD_LIMIT_ERROR);
  }
  qp.add_prefix("title", prefix::kTitle);
  qp.add_prefix("heading", prefix::kHeading);
  qp.add_boolean_prefix("path", prefix::kFolder);
  qp.add_boolean_prefix("tag", prefix::kTag);
  return qp;
}

// Punctuation that is query syntax, dropped for the literal fallback.
std::string without_syntax(const std::string& query) {
  std::string out;
  for (char c : query) {
    const bool syntax = c == '"' || c == '(' || c == ')' || c == '*' ||
                        c == ':' || c == '-' || c == '+';
    out += syntax ? ' ' : c;
  }
  return out;
}

// Every word of `rewritten`, syntax dropped, ANDed. Each word is parsed on
// its own, because Xapian 1.4's parser rejects some plain sequences (it
// throws on `350 期 java "三十"`); a word it still rejects is searched as a
// term as it is. So the literal search never fails.
Xapian::Query literal_query(Xapian::QueryParser& qp, const std::string& rewritten) {
  std::vector<Xapian::Query> parts;
  for (const std::string& word : split_whitespace(without_syntax(rewritten))) {
    bool in_quote = false;
    try {
      Xapian::Query part = qp.parse_query(
          quote_cjk_runs(word, in_quote),
          Xapian::QueryParser::FLAG_CJK_NGRAM | Xapian::QueryParser::FLAG_PHRASE);
      if (!part.empty()) parts.push_back(std::move(part));
    } catch (const Xapian::QueryParserError&) {
      parts.emplace_back(word);
    }
  }
  return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

// The day relative dates count from.
class Today {
 public:
  explicit Today(const std::string& given) : given_(given) {}
  // The given day, else the local date, read once; nullopt when the given
  // day is not "YYYY-MM-DD".
  std::optional<std::chrono::sys_days> get() {
    if (!day_) day_ = given_.empty() ? std::optional(local_today()) : day_of(given_);
    return *day_;
  }

 private:
  const std::string& given_;
  std::optional<std::optional<std::chrono::sys_days>> day_;
};

// The first and last day, "YYYYMMDD", of the period `text` names: a day
// "2024-10-01", a month "2024-10" or a year "2024" ('/' and '.' also
// separate), or a relative period (relative_dates.h) from `today`. False
// when it is none of these.
bool period_of(std::string_view text, Today& today, std::string& first, std::string& last) {
  if (text.size() > 1 && (std::isalpha(static_cast<unsigned char>(text[0])) ||
                          std::isalpha(static_cast<unsigned char>(text.back())))) {
    const std::optional<std::chrono::sys_days> from = today.get();
    const std::optional<DayRange> period = from ? relative_period(text, *from) : std::nullopt;
    if (!period) return false;
    first = day_key(period->first);
    last = day_key(period->last);
    return true;
  }
  const std::string day = iso_date(text);
  if (!day.empty() && day.size() == 10) {
    first = last = day.substr(0, 4) + day.substr(5, 2) + day.substr(8, 2);
    return true;
  }
  // A month or a year: complete it with the first day, then find the last.
  const bool year_only = text.size() == 4;
  const std::string start = iso_date(std::string(text) + (year_only ? "-01-01" : "-01"));
  if (start.size() != 10 || (!year_only && text.size() > 7)) return false;
  first = start.substr(0, 4) + start.substr(5, 2) + "01";
  if (year_only) {
    last = start.substr(0, 4) + "1231";
    return true;
  }
  for (const char* day_of_month : {"31", "30", "29", "28"}) {
    if (!iso_date(std::string(text) + "-" + day_of_month).empty()) {
      last = start.substr(0, 4) + start.substr(5, 2) + day_of_month;
      return true;
    }
  }
  return false;
}

// The filter for "date:A..B", "date:A..", "date:..B" or "date:A".
// The filter of the date range [from, to] (either end may be empty, not
// both), errors naming `subject`.
Result<Xapian::Query> date_range_filter(const std::string& from, const std::string& to,
                                        const std::string& subject, Today& today) {
  std::string low, high, ignored;
  const auto not_a_date = [&subject](const std::string& text) {
    return Status::parse_error(subject, "'" + text +
                                            "' is not a date (use YYYY-MM-DD, YYYY-MM, YYYY, "
                                            "today, yesterday, this-week, last-week, this-month, "
                                            "last-month, this-year, last-year or Nd)");
  };
  if (!from.empty() && !period_of(from, today, low, ignored)) return not_a_date(from);
  if (!to.empty() && !period_of(to, today, ignored, high)) return not_a_date(to);
  if (from.empty() && to.empty()) {
    return Status::parse_error(subject, "a date or a range is missing");
  }
  if (to.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot::kDate, low);
  if (from.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot::kDate, high);
  if (low > high) {
    return Status::parse_error(subject, "the range ends before it starts");
  }
  return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot::kDate, low, high);
}

// The filter of "date:A..B", "date:A.." or "date:A" (all of the period A).
Result<Xapian::Query> date_filter(const std::string& word, Today& today) {
  const std::string value = word.substr(word.find(':') + 1);
  const std::size_t dots = value.find("..");
  const std::string from = dots == std::string::npos ? value : value.substr(0, dots);
  const std::string to = dots == std::string::npos ? value : value.substr(dots + 2);
  return date_range_filter(from, to, word, today);
}

Result<Xapian::Query> language_filter(const std::string& word) {
  const std::string value = normalize(word.substr(word.find(':') + 1));
  if (value != "zh" && value != "en") {
    return Status::parse_error(word, "kbsearch tells lang:zh and lang:en apart");
  }
  return Xapian::Query(prefix::kLanguage + value);
}

// The filter for "fm.KEY:VALUE": notes whose front-matter KEY has VALUE.
Result<Xapian::Query> property_filter(const std::string& word) {
  const std::size_t colon = word.find(':');
  const std::string key = word.substr(3, colon - 3);
  std::string value = word.substr(colon + 1);
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
    value = value.substr(1, value.size() - 2);
  }
  const std::string term = property_term(key, value);
  if (term.empty()) {
    return Status::parse_error(word, key.empty() ? "a key is missing (fm.KEY:VALUE)"
                                                 : "a value is missing (fm.KEY:VALUE)");
  }
  return Xapian::Query(term);
}

// The words of the query, with a quoted value of fm.KEY:"A B" kept as one.
std::vector<std::string> query_words(std::string_view query) {
  std::vector<std::string> words;
  bool open = false;  // in a quoted fm. value
  for (std::string& word : split_whitespace(query)) {
    if (open) {
      words.back() += " " + word;
      open = word.back() != '"';
      continue;
    }
    const std::size_t sign = (word[0] == '-' || word[0] == '+') ? 1 : 0;
    const std::size_t colon = word.find(':');
    if (word.compare(sign, 3, "fm.") == 0 && colon != std::string::npos &&
        colon + 1 < word.size() && word[colon + 1] == '"') {
      open = word.size() == colon + 2 || word.back() != '"';
    }
    words.push_back(std::move(word));
  }
  return words;
}

// The exact key of the query's words as a name: "" when it has an
// operator or a word that is not plain text (a filter, a field, -word),
// since then it is not a title someone typed.
std::string whole_query_key(const std::vector<std::string>& words) {
  std::string text;
  for (const std::string& word : words) {
    const bool plain = !is_query_operator(word) && word[0] != '-' && word[0] != '+' &&
                       word.find(':') == std::string::npos;
    if (!plain) return "";
    text += word + " ";
  }
  return exact_key(text);
}

// The word as the Xapian parser gets it: a letter-digit split joined
// ("gpt-4" -> "gpt4"), as the index also holds it, so that notes writing
// "GPT4" are found too; inside a quoted phrase the words stay apart.
// Also, '&' becomes '-': the index holds "AT&T" as the words "at" "t"
// (text/analyzer.h), which a hyphen makes a phrase of.
std::string joined_unless_quoted(const std::string& word, bool in_quote) {
  std::string out = in_quote || word.find('"') != std::string::npos
                        ? word
                        : with_splits_joined(word);
  std::replace(out.begin(), out.end(), '&', '-');
  return out;
}

// "FIELD:" when `word` is a field with no value ("tag:", "-title:"),
// else "": Xapian would search the field's name as a word, or, for a
// filter, match every note that has the field at all.
std::string empty_field(const std::string& word) {
  static const std::set<std::string> kFields = {"tag",  "title", "heading", "path",
                                                "lang", "date",  "linkto",  "linkedby"};
  const std::size_t sign = (word[0] == '-' || word[0] == '+') ? 1 : 0;
  if (word.size() < sign + 2 || word.find(':') != word.size() - 1) return "";
  const std::string field = word.substr(sign, word.size() - 1 - sign);
  const bool known = kFields.count(field) != 0 || field.rfind("fm.", 0) == 0;
  return known ? field + ":" : "";
}

// The status for a query past `limit`, named `name` (kb::QueryLimits).
Status over_limit(const char* name, std::size_t size, const char* unit, std::size_t limit) {
  return Status::invalid_argument(name, "the query has " + std::to_string(size) + " " + unit +
                                            ", over the limit of " + std::to_string(limit));
}

// The query of the plain text `value` (Query::words and its kin): each of
// its words as the string query searches a word, with nothing in it read
// as syntax; `phrase` makes them one exact phrase. Needles are added for
// the words when `needles` is given. Empty when `value` has no word. `qp`
// is make_text_parser()'s, made once for all the values of a query.
Xapian::Query text_query(const std::string& value, Xapian::QueryParser& qp,
                         const Xapian::Stem& stemmer, bool phrase, std::vector<Needle>* needles) {
  // Quotes and colons are no part of a word the index holds, and here
  // they must not open a phrase or a field.
  std::string text = value;
  std::replace(text.begin(), text.end(), '"', ' ');
  std::replace(text.begin(), text.end(), ':', ' ');
  // No FLAG_BOOLEAN, FLAG_LOVEHATE or FLAG_WILDCARD: AND, -, * and
  // parentheses are text.
  constexpr unsigned kFlags = Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_CJK_NGRAM;
  std::vector<Xapian::Query> parts;
  std::string phrase_text;
  for (const std::string& raw : split_whitespace(text)) {
    const std::string word = normalize(raw);
    const std::string searched = phrase ? word : joined_unless_quoted(word, false);
    if (needles != nullptr) add_needles(searched, stemmer, *needles);
    if (phrase) {
      phrase_text += word + " ";
      continue;
    }
    bool in_quote = false;
    try {
      Xapian::Query part = qp.parse_query(quote_cjk_runs(searched, in_quote), kFlags);
      if (!part.empty()) parts.push_back(std::move(part));
    } catch (const Xapian::QueryParserError&) {
      parts.emplace_back(searched);
    }
  }
  if (phrase && !phrase_text.empty()) {
    try {
      return qp.parse_query("\"" + phrase_text + "\"", kFlags);
    } catch (const Xapian::QueryParserError&) {
      return literal_query(qp, phrase_text);
    }
  }
  return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

// The term of a Query::tags value: the tag as indexed (store/tag_terms.h).
Xapian::Query tag_query(const std::string& tag) {
  std::string name = tag;
  while (!name.empty() && name.front() == '#') name.erase(0, 1);
  while (!name.empty() && name.back() == '/') name.pop_back();
  return Xapian::Query(prefix::kTag + tag_key(name));
}

// Code points of every value of `query`, for QueryLimits::max_chars.
std::size_t query_chars(const Query& query) {
  std::size_t chars = code_points(query.text) + code_points(query.folder) +
                      code_points(query.date_from) + code_points(query.date_to) +
                      code_points(query.language) + code_points(query.links_to) +
                      code_points(query.linked_from);
  for (const auto* list : {&query.words, &query.phrases, &query.any_words, &query.without_words,
                           &query.tags, &query.without_tags}) {
    for (const std::string& value : *list) chars += code_points(value);
  }
  for (const auto& [key, value] : query.properties) chars += code_points(key) + code_points(value);
  return chars;
}

// `parsed` once its terms are counted against the limit (a Chinese word
// is a phrase of its characters, each a term), with the filters applied.
Result<ParsedQuery> filtered(ParsedQuery parsed, const std::vector<Xapian::Query>& required,
                             const std::vector<Xapian::Query>& excluded,
                             const QueryLimits& limits) {
  const std::size_t terms = parsed.query.get_length();
  if (limits.max_terms > 0 && terms > limits.max_terms) {
    return over_limit("max_query_terms", terms, "terms", limits.max_terms);
  }
  for (const Xapian::Query& filter : required) {
    parsed.query = Xapian::Query(Xapian::Query::OP_FILTER, parsed.query, filter);
  }
  for (const Xapian::Query& filter : excluded) {
    parsed.query = Xapian::Query(Xapian::Query::OP_AND_NOT, parsed.query, filter);
  }
  return parsed;
}

}  // namespace

Result<ParsedQuery> parse_query(const Query& query, const Xapian::Database& db,
                                const SearchOptions& options) {
  const QueryLimits& limits = options.limits;
  if (limits.max_chars > 0) {
    const std::size_t chars = query_chars(query);
    if (chars > limits.max_chars) {
      return over_limit("max_query_chars", chars, "characters", limits.max_chars);
    }
  }
  ParsedQuery parsed;
  std::vector<Xapian::Query> scored;    // what the note's words are weighed by
  std::vector<Xapian::Query> required;  // filters
  std::vector<Xapian::Query> excluded;
  if (!query.text.empty()) {
    Result<ParsedQuery> written = parse_query(query.text, db, options);
    if (!written) return written.error();
    parsed = std::move(*written);
    scored.push_back(parsed.query);
  }
  Xapian::QueryParser qp = make_text_parser(db);
  const Xapian::Stem stemmer("english");
  for (const std::string& word : query.words) {
    Xapian::Query part = text_query(word, qp, stemmer, false, &parsed.needles);
    if (!part.empty()) scored.push_back(std::move(part));
  }
  for (const std::string& phrase : query.phrases) {
    Xapian::Query part = text_query(phrase, qp, stemmer, true, &parsed.needles);
    if (!part.empty()) scored.push_back(std::move(part));
  }
  std::vector<Xapian::Query> any;
  for (const std::string& word : query.any_words) {
    Xapian::Query part = text_query(word, qp, stemmer, false, &parsed.needles);
    if (!part.empty()) any.push_back(std::move(part));
  }
  if (!any.empty()) scored.emplace_back(Xapian::Query::OP_OR, any.begin(), any.end());
  for (const std::string& word : query.without_words) {
    Xapian::Query part = text_query(word, qp, stemmer, false, nullptr);
    if (!part.empty()) excluded.push_back(std::move(part));
  }
  for (const std::string& tag : query.tags) required.push_back(tag_query(tag));
  for (const std::string& tag : query.without_tags) excluded.push_back(tag_query(tag));
  // "./a//" is the folder "a", and "/" or "." the whole knowledge base.
  std::string folder = query.folder;
  while (folder.starts_with("./")) folder.erase(0, 2);
  while (!folder.empty() && (folder.back() == '/' || folder == ".")) folder.pop_back();
  if (!folder.empty()) required.emplace_back(prefix::kFolder + folder);
  if (!query.date_from.empty() || !query.date_to.empty()) {
    Today today(options.today);
    // Each end is one period, never read as "A..B" syntax.
    const std::string subject = query.date_to.empty()     ? "date_from"
                                : query.date_from.empty() ? "date_to"
                                                          : "date_from..date_to";
    Result<Xapian::Query> filter =
        date_range_filter(query.date_from, query.date_to, subject, today);
    if (!filter) return filter.error();
    required.push_back(std::move(*filter));
  }
  if (!query.language.empty()) {
    Result<Xapian::Query> filter = language_filter("lang:" + query.language);
    if (!filter) return filter.error();
    required.push_back(std::move(*filter));
  }
  for (const auto& [key, value] : query.properties) {
    const std::string term = property_term(key, value);
    if (term.empty()) {
      return Status::parse_error("fm." + key + ":" + value,
                                 key.empty() ? "a key is missing" : "a value is missing");
    }
    required.emplace_back(term);
  }
  if (!query.links_to.empty()) parsed.link_filters.push_back(LinkFilter{true, query.links_to, false});
  if (!query.linked_from.empty()) {
    parsed.link_filters.push_back(LinkFilter{false, query.linked_from, false});
  }
  if (scored.empty() && required.empty() && excluded.empty() && parsed.link_filters.empty()) {
    return Status::invalid_argument("", "empty query");
  }
  if (query.text.empty() && query.phrases.empty() && query.any_words.empty()) {
    std::string words;
    for (const std::string& word : query.words) words += word + " ";
    parsed.exact_key = exact_key(words);
  }
  parsed.query = scored.empty() ? Xapian::Query::MatchAll
                                : Xapian::Query(Xapian::Query::OP_AND, scored.begin(), scored.end());
  return filtered(std::move(parsed), required, excluded, limits);
}

Result<ParsedQuery> parse_query(std::string_view query, const Xapian::Database& db,
                                const SearchOptions& options) {
  const QueryLimits& limits = options.limits;
  // Counted before anything else reads the query.
  if (limits.max_chars > 0 && query.size() > limits.max_chars) {
    const std::size_t chars = code_points(query);
    if (chars > limits.max_chars) {
      return over_limit("max_query_chars", chars, "characters", limits.max_chars);
    }
  }
  ParsedQuery parsed;
  const std::vector<std::string> words = repaired_syntax(query_words(query), parsed.warnings);
  if (words.empty() && parsed.warnings.empty()) {
    return Status::invalid_argument("", "empty query");
  }
  // Each word is a term at least: a cheap bound before the parse.
  if (limits.max_terms > 0 && words.size() > limits.max_terms) {
    return over_limit("max_query_terms", words.size(), "words", limits.max_terms);
  }
  for (const std::string& word : words) {
    const std::string field = empty_field(word);
    if (!field.empty()) {
      return Status::parse_error(word, "the field has no value; write it as " + field + "VALUE");
    }
  }
  Today today(options.today);

  parsed.exact_key = whole_query_key(words);
  std::vector<Xapian::Query> required;  // date: and lang: filters
  std::vector<Xapian::Query> excluded;  // -date:, NOT lang:
  const Xapian::Stem stemmer("english");
  std::string rewritten;
  bool in_quote = false;
  bool negate_next = false;
  for (const std::string& raw : words) {
    if (is_query_operator(raw)) {
      negate_next = raw == "NOT";
      rewritten += raw + " ";
      continue;
    }
    const std::size_t sign = (raw[0] == '-' || raw[0] == '+') ? 1 : 0;
    const bool linkto = raw.compare(sign, 7, "linkto:") == 0;
    if (linkto || raw.compare(sign, 9, "linkedby:") == 0) {
      const std::string note = raw.substr(raw.find(':') + 1);
      if (note.empty()) return Status::parse_error(raw, "a note is missing");
      parsed.link_filters.push_back(LinkFilter{linkto, note, raw[0] == '-' || negate_next});
      if (negate_next && rewritten.size() >= 4) rewritten.resize(rewritten.size() - 4);
      negate_next = false;
      continue;
    }
    const bool is_date = raw.compare(sign, 5, "date:") == 0;
    const bool is_property =
        raw.compare(sign, 3, "fm.") == 0 && raw.find(':') != std::string::npos;
    if (is_date || is_property || raw.compare(sign, 5, "lang:") == 0) {
      // Metadata filters, applied to whatever the words match.
      const std::string field = raw.substr(sign);
      Result<Xapian::Query> filter = is_date       ? date_filter(field, today)
                                     : is_property ? property_filter(field)
                                                   : language_filter(field);
      if (!filter) return filter.error();
      const bool exclude = raw[0] == '-' || negate_next;
      (exclude ? excluded : required).push_back(std::move(*filter));
      if (negate_next && rewritten.size() >= 4) rewritten.resize(rewritten.size() - 4);
      negate_next = false;
      continue;
    }
    if (raw.compare(sign, 5, "path:") == 0) {
      // A folder name is matched exactly as written, case included.
      std::string folder = raw;
      while (folder.size() > sign + 5 && folder.back() == '/') folder.pop_back();
      rewritten += folder + " ";
      negate_next = false;
      continue;
    }
    if (raw.compare(sign, 4, "tag:") == 0) {
      // The value is one term (store/tag_terms.h), whatever its scripts:
      // neither split into Chinese phrases nor joined as words are, or
      // "tag:写作/parser" would be read as tag:写作 and the word parser.
      std::string tag = normalize(raw);
      while (tag.size() > sign + 4 && tag.back() == '/') tag.pop_back();
      rewritten += tag + " ";
      negate_next = false;
      continue;
    }
    const std::string word = normalize(raw);
    // Needles as the words are searched: "GPT-4" as "gpt4", which the
    // snippet then marks in both spellings.
    const std::string searched = joined_unless_quoted(word, in_quote);
    if (!negate_next && word[0] != '-') add_needles(searched, stemmer, parsed.needles);
    negate_next = false;
    rewritten += quote_cjk_runs(searched, in_quote) + " ";
  }

  Xapian::QueryParser qp = make_parser(db, limits);
  // Xapian closes an unbalanced quote silently, turning the rest of the
  // query into an exact phrase; plain words are what the user meant.
  parsed.literal = std::count(rewritten.begin(), rewritten.end(), '"') % 2 != 0;
  constexpr unsigned kFlags =
      Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_CJK_NGRAM |
      Xapian::QueryParser::FLAG_WILDCARD | Xapian::QueryParser::FLAG_PURE_NOT;
  try {
    if (!parsed.literal) parsed.query = qp.parse_query(rewritten, kFlags);
  } catch (const Xapian::QueryParserError&) {
    parsed.literal = true;
  } catch (const Xapian::Error& e) {
    return status_from_xapian(e, std::string(query));
  }
  const bool only_filters =
      split_whitespace(rewritten).empty() &&
      !(required.empty() && excluded.empty() && parsed.link_filters.empty());
  if (only_filters) parsed.query = Xapian::Query::MatchAll;
  if (!only_filters && (parsed.literal || parsed.query.empty())) {
    parsed.literal = true;
    parsed.query = literal_query(qp, rewritten);
  }
  if (parsed.query.empty()) {
    return Status::parse_error(std::string(query), "nothing to search for");
  }
  return filtered(std::move(parsed), required, excluded, limits);
}

}  // namespace kb
