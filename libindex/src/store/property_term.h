// Property terms: how fm.KEY:VALUE finds the notes whose front matter has
// KEY with VALUE. The index and the query parser both use property_term(),
// so they always agree.
#ifndef KB_SRC_PROPERTY_TERM_H_
#define KB_SRC_PROPERTY_TERM_H_

#include <string>
#include <string_view>

namespace kb {

// The boolean term for front-matter key `key` having the value `value` (a
// scalar, or one item of a list): prefix::kProperty, the key, ':' and the
// value, both trimmed of Unicode whitespace with each run of it inside made
// one space, NFKC-normalised and case-folded as every word of the index is
// ("Status: In  Progress" and "status: in progress" agree),
// shortened with a hash when too long for the index (link_keys.h,
// key_term). "" when the key or the value is empty.
std::string property_term(std::string_view key, std::string_view value);

}  // namespace kb

#endif  // KB_SRC_PROPERTY_TERM_H_
