#include "search/query_syntax.h"

#include <algorithm>

namespace kb {

namespace {

struct Token {
  enum class Kind { kOpen, kClose, kOperator, kWord };
  Kind kind;
  std::string text;
};

bool is_binary(const Token& t) { return t.kind == Token::Kind::kOperator && t.text != "NOT"; }

// The words as tokens, a word's leading '(' and trailing ')' split off.
std::vector<Token> tokens_of(const std::vector<std::string>& words) {
  std::vector<Token> tokens;
  bool in_quote = false;
  for (const std::string& word : words) {
    const bool quoted = in_quote || word.find('"') != std::string::npos;
    if (std::count(word.begin(), word.end(), '"') % 2 != 0) in_quote = !in_quote;
    if (quoted) {
      tokens.push_back({Token::Kind::kWord, word});
      continue;
    }
    const std::size_t begin = word.find_first_not_of('(');
    if (begin == std::string::npos) {  // only '('
      tokens.insert(tokens.end(), word.size(), {Token::Kind::kOpen, "("});
      continue;
    }
    const std::size_t end = word.find_last_not_of(')') + 1;
    tokens.insert(tokens.end(), begin, {Token::Kind::kOpen, "("});
    if (end > begin) {
      std::string core = word.substr(begin, end - begin);
      const bool op = is_query_operator(core);
      tokens.push_back({op ? Token::Kind::kOperator : Token::Kind::kWord, std::move(core)});
    }
    tokens.insert(tokens.end(), word.size() - end, {Token::Kind::kClose, ")"});
  }
  return tokens;
}

// `tokens` without the parentheses that have no partner.
std::vector<Token> balanced(std::vector<Token> tokens, std::vector<std::string>& warnings) {
  std::vector<bool> keep(tokens.size(), true);
  std::vector<std::size_t> open;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].kind == Token::Kind::kOpen) open.push_back(i);
    if (tokens[i].kind != Token::Kind::kClose) continue;
    if (open.empty()) {
      keep[i] = false;
      warnings.push_back("dropped a ')' that closes no '('");
    } else {
      open.pop_back();
    }
  }
  for (std::size_t i : open) {
    keep[i] = false;
    warnings.push_back("dropped a '(' that is never closed");
  }
  std::vector<Token> out;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (keep[i]) out.push_back(std::move(tokens[i]));
  }
  return out;
}

// Drops the operators at the end of `out` (before a ')' or the end).
void drop_trailing_operators(std::vector<Token>& out, std::vector<std::string>& warnings) {
  while (!out.empty() && out.back().kind == Token::Kind::kOperator) {
    warnings.push_back("dropped the " + out.back().text + " with nothing after it");
    out.pop_back();
  }
}

}  // namespace

bool is_query_operator(const std::string& word) {
  for (const char* op : {"AND", "OR", "NOT", "XOR"}) {
    if (word == op) return true;
  }
  for (const std::string op : {"NEAR", "ADJ"}) {
    if (word == op || word.rfind(op + "/", 0) == 0) return true;
  }
  return false;
}

std::vector<std::string> repaired_syntax(const std::vector<std::string>& words,
                                         std::vector<std::string>& warnings) {
  std::vector<std::string> found;
  const std::vector<Token> tokens = balanced(tokens_of(words), found);
  // One pass, as on a stack: what is dropped at a ')' or the end may leave
  // an empty "()" or another operator at the end, which is dropped next.
  std::vector<Token> out;
  for (const Token& t : tokens) {
    const Token* before = out.empty() ? nullptr : &out.back();
    const bool nothing_before = before == nullptr || before->kind == Token::Kind::kOpen ||
                                before->kind == Token::Kind::kOperator;
    if (is_binary(t) && nothing_before) {
      const bool after_operator = before != nullptr && before->kind == Token::Kind::kOperator;
      found.push_back("dropped the " + t.text +
                      (after_operator ? " right after " + before->text : " with nothing before it"));
      continue;
    }
    if (t.text == "NOT" && t.kind == Token::Kind::kOperator && before != nullptr &&
        before->text == "NOT" && before->kind == Token::Kind::kOperator) {
      found.push_back("dropped a second NOT");
      continue;
    }
    if (t.kind == Token::Kind::kClose) {
      drop_trailing_operators(out, found);
      if (!out.empty() && out.back().kind == Token::Kind::kOpen) {
        found.push_back("dropped an empty ()");
        out.pop_back();
        continue;
      }
    }
    out.push_back(t);
  }
  drop_trailing_operators(out, found);

  const bool only_operators =
      !tokens.empty() && std::all_of(tokens.begin(), tokens.end(), [](const Token& t) {
        return t.kind == Token::Kind::kOperator;
      });
  std::vector<std::string> repaired;
  if (only_operators) {
    // Lower case, so that the parser reads them as words.
    for (const Token& t : tokens) {
      std::string word = t.text;
      std::transform(word.begin(), word.end(), word.begin(), [](char c) {
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
      });
      repaired.push_back(std::move(word));
      warnings.push_back("searched " + t.text + " as a word: the query has nothing else");
    }
    return repaired;
  }
  warnings.insert(warnings.end(), found.begin(), found.end());
  for (const Token& t : out) repaired.push_back(t.text);
  return repaired;
}

}  // namespace kb
