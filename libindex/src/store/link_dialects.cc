#include "store/link_dialects.h"

#include <algorithm>

namespace kb {

namespace {

bool by_folder(const DialectMarker& a, const DialectMarker& b) { return a.folder < b.folder; }

}  // namespace

std::vector<DialectMarker> effective_markers(LinkDialect configured,
                                             std::vector<DialectMarker> found) {
  if (configured != LinkDialect::kAuto) return {DialectMarker{"", configured}};
  std::sort(found.begin(), found.end(), by_folder);
  return found;
}

std::string encode_markers(const std::vector<DialectMarker>& markers) {
  std::string out;
  for (const DialectMarker& m : markers) {
    out += name_of(m.dialect);
    out += '\t';
    out += m.folder;
    out += '\n';
  }
  return out;
}

std::vector<DialectMarker> decode_markers(const std::string& text) {
  std::vector<DialectMarker> out;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    start = end + 1;
    const std::size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    const std::string name = line.substr(0, tab);
    for (LinkDialect d : {LinkDialect::kStrict, LinkDialect::kObsidian, LinkDialect::kSite}) {
      if (name == name_of(d)) out.push_back(DialectMarker{line.substr(tab + 1), d});
    }
  }
  std::sort(out.begin(), out.end(), by_folder);
  return out;
}

DialectScope scope_of(const std::vector<DialectMarker>& markers, const std::string& path) {
  if (markers.empty()) return {};
  std::string folder = path;
  while (true) {
    const std::size_t slash = folder.rfind('/');
    folder = slash == std::string::npos ? std::string() : folder.substr(0, slash);
    const auto it = std::lower_bound(markers.begin(), markers.end(),
                                     DialectMarker{folder, LinkDialect::kStrict}, by_folder);
    if (it != markers.end() && it->folder == folder) return DialectScope{it->dialect, folder};
    if (folder.empty()) return {};
  }
}

}  // namespace kb
