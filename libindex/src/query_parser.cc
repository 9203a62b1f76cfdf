#include "query_parser.h"

#include <algorithm>
#include <set>

#include "segmenter.h"
#include "term_prefixes.h"
#include "utf8.h"
#include "xapian_error.h"

namespace kb {

namespace {

const std::set<std::string>& operators() {
  static const std::set<std::string> ops = {"AND", "OR", "NOT", "XOR",
                                            "NEAR", "ADJ"};
  return ops;
}

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
  for (const ScriptRun& run : split_script_runs(word)) {
    if (run.cjk && !in_quote && code_points(run.text) >= 2) {
      if (!out.empty() && !is_opening_context(out.back())) out += ' ';
      out += '"';
      out += run.text;
      out += "\" ";
    } else {
      for (char c : run.text) {
        if (c == '"') in_quote = !in_quote;
      }
      out += run.text;
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

Xapian::QueryParser make_parser(const Xapian::Database& db) {
  Xapian::QueryParser qp;
  qp.set_database(db);
  qp.set_stemmer(Xapian::Stem("english"));
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  qp.set_default_op(Xapian::Query::OP_AND);
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

}  // namespace

Result<ParsedQuery> parse_query(std::string_view query,
                                const Xapian::Database& db) {
  const std::vector<std::string> words = split_whitespace(query);
  if (words.empty()) return Status::invalid_argument("", "empty query");

  ParsedQuery parsed;
  const Xapian::Stem stemmer("english");
  std::string rewritten;
  bool in_quote = false;
  bool negate_next = false;
  for (const std::string& raw : words) {
    if (operators().count(raw) != 0) {
      negate_next = raw == "NOT";
      rewritten += raw + " ";
      continue;
    }
    const std::size_t sign = (raw[0] == '-' || raw[0] == '+') ? 1 : 0;
    if (raw.compare(sign, 5, "path:") == 0) {
      // A folder name is matched exactly as written, case included.
      std::string folder = raw;
      while (folder.size() > sign + 5 && folder.back() == '/') folder.pop_back();
      rewritten += folder + " ";
      negate_next = false;
      continue;
    }
    const std::string word = normalize(raw);
    if (!negate_next && word[0] != '-') add_needles(word, stemmer, parsed.needles);
    negate_next = false;
    rewritten += quote_cjk_runs(word, in_quote) + " ";
  }

  Xapian::QueryParser qp = make_parser(db);
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
  if (parsed.literal || parsed.query.empty()) {
    parsed.literal = true;
    try {
      bool literal_quote = false;
      std::string literal;
      for (const std::string& w : split_whitespace(without_syntax(rewritten))) {
        literal += quote_cjk_runs(w, literal_quote) + " ";
      }
      parsed.query = qp.parse_query(
          literal, Xapian::QueryParser::FLAG_CJK_NGRAM |
                       Xapian::QueryParser::FLAG_PHRASE);
    } catch (const Xapian::Error& e) {
      return status_from_xapian(e, std::string(query));
    }
  }
  if (parsed.query.empty()) {
    return Status::parse_error(std::string(query), "nothing to search for");
  }
  return parsed;
}

}  // namespace kb
