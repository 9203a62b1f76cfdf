#include "store/file_name_dates_key.h"

namespace kb {

namespace {

constexpr std::string_view kFormatsTag = "formats:";

}  // namespace

std::string encode_file_name_dates(const std::optional<std::vector<std::string>>& formats) {
  if (!formats) return "";
  std::string out(kFormatsTag);
  for (const std::string& format : *formats) out += format + "\n";
  return out;
}

std::optional<std::vector<std::string>> decode_file_name_dates(const std::string& text) {
  if (text.rfind(kFormatsTag, 0) != 0) return std::nullopt;
  std::vector<std::string> formats;
  for (std::size_t start = kFormatsTag.size(); start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    formats.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return formats;
}

}  // namespace kb
