// Helpers shared by the tests: temporary folders and file writing.
#ifndef KB_TESTS_TEST_UTIL_H_
#define KB_TESTS_TEST_UTIL_H_

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "kb/index.h"

namespace kbtest {

// A fresh folder under the system temp folder, removed with its contents
// when the object goes out of scope.
class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "kbtest-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) std::abort();
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::add, ec);
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Writes `content` to `path`, creating parent folders.
inline void write_file(const std::filesystem::path& path,
                       std::string_view content) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
}

// Index options for tests: no fsync on commit.
// Every path below `dir`, relative to it, with each file's content: what a
// test compares to show nothing was written there.
inline std::vector<std::string> list_tree(const std::filesystem::path& dir) {
  std::vector<std::string> entries;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    std::string line = std::filesystem::relative(entry.path(), dir).string();
    if (entry.is_regular_file()) {
      std::ifstream in(entry.path(), std::ios::binary);
      std::ostringstream content;
      content << in.rdbuf();
      line += " = " + content.str();
    }
    entries.push_back(line);
  }
  std::sort(entries.begin(), entries.end());
  return entries;
}

inline kb::IndexOptions fast_index_options() {
  kb::IndexOptions options;
  options.durable = false;
  return options;
}

// The lines of `text`, split at '\n'; "a\n" gives "a" and "".
inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return lines;
}

// The space-separated words of `s`, sorted and joined by one space, so that
// term lists compare regardless of order.
inline std::string sorted_words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  std::sort(words.begin(), words.end());
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

// Bytes from lower-case hex digits ("e4b8ad" -> "中").
inline std::string from_hex(std::string_view hex) {
  const auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out += static_cast<char>(nibble(hex[i]) * 16 + nibble(hex[i + 1]));
  }
  return out;
}

// A Chinese sentence and its GBK bytes, made with
// `printf '%s' SENTENCE | iconv -f UTF-8 -t GBK | xxd -p` (102 bytes).
inline constexpr std::string_view kChineseSentence =
    "今天我们在组会上讨论了注意力机制和变换器模型的基本原理，"
    "并且复习了上周的实验结果。下周要完成消融实验。";
inline constexpr std::string_view kChineseSentenceGbkHex =
    "bdf1ccecced2c3c7d4dad7e9bbe1c9cfccd6c2dbc1cbd7a2d2e2c1a6bbfad6c6bacdb1e4"
    "bbbbc6f7c4a3d0cdb5c4bbf9b1bed4adc0eda3acb2a2c7d2b8b4cfb0c1cbc9cfd6dcb5c4"
    "cab5d1e9bde1b9fba1a3cfc2d6dcd2aacdeab3c9cffbc8dacab5d1e9a1a3";

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in),
                     std::istreambuf_iterator<char>());
}

}  // namespace kbtest

#endif  // KB_TESTS_TEST_UTIL_H_
