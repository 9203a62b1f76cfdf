// The file-name date formats an index's notes were read with, as the index
// keeps them: update() reads every note again when they change, and the
// Searcher reads a note from disk with the same ones.
#ifndef KB_SRC_STORE_FILE_NAME_DATES_KEY_H_
#define KB_SRC_STORE_FILE_NAME_DATES_KEY_H_

#include <optional>
#include <string>
#include <vector>

namespace kb {

// The metadata key under which the index keeps encode_file_name_dates().
inline constexpr const char* kFileNameDatesKey = "kbsearch.file_name_dates";

// "" for nullopt (the built-in rule, as an index of an older version
// without the key), else "formats:" and each format and a newline.
std::string encode_file_name_dates(const std::optional<std::vector<std::string>>& formats);

// What encode_file_name_dates() wrote.
std::optional<std::vector<std::string>> decode_file_name_dates(const std::string& text);

}  // namespace kb

#endif  // KB_SRC_STORE_FILE_NAME_DATES_KEY_H_
