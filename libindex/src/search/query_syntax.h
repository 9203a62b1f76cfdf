// Query syntax repair: the operators and parentheses of a query that has
// one too many or one too few, as a half-typed query in a live search has,
// made into a query that parses, so that it never finds nothing for a
// reason the user cannot see.
#ifndef KB_SRC_QUERY_SYNTAX_H_
#define KB_SRC_QUERY_SYNTAX_H_

#include <string>
#include <vector>

namespace kb {

// Whether `word` is one of the Xapian parser's operators: AND, OR, NOT,
// XOR, NEAR, ADJ (and NEAR/n, ADJ/n), in capitals.
bool is_query_operator(const std::string& word);

// `words` (a query split at white space, quoted values of fm. joined) with
// these dropped, each with a sentence in `warnings` that names it:
// - a ')' that closes no '(' and a '(' that is never closed; an empty "()";
// - AND, OR, XOR, NEAR, ADJ with nothing before them (at the start, after
//   '(' or after another operator), a NOT right after a NOT, and any
//   operator with nothing after it (at the end, before ')').
// A '(' at the start of a word and a ')' at its end become words of their
// own; text inside quotes is left as it is. When only operators are left,
// none is dropped: they are searched as the words they are ("or"), since
// that is the one thing the query can mean.
std::vector<std::string> repaired_syntax(const std::vector<std::string>& words,
                                         std::vector<std::string>& warnings);

}  // namespace kb

#endif  // KB_SRC_QUERY_SYNTAX_H_
