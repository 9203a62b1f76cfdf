// Exact key: what a whole title, file stem or alias and a whole query are
// compared by, so that the note named as the query ranks first.
#ifndef KB_SRC_EXACT_KEY_H_
#define KB_SRC_EXACT_KEY_H_

#include <string>
#include <string_view>

namespace kb {

// `text` normalised (NFKC case folding) with every character that is not a
// word character dropped: spaces, punctuation (`_` too) and symbols. "Java 基础",
// "java基础" and "Java：基础" share the key "java基础", since how a title
// spaces Chinese and English, or punctuates, is not something a user
// remembers or types. "" when `text` has no word characters. Linear.
std::string exact_key(std::string_view text);

}  // namespace kb

#endif  // KB_SRC_EXACT_KEY_H_
