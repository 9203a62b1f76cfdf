// The JSON document kb-export writes: every indexed note with its headings,
// properties and resolved links, the tags, the link graph and a search
// index for the browser (README.md beside this file has the schema).
#ifndef KB_EXPORT_EXPORT_DOCUMENT_H_
#define KB_EXPORT_EXPORT_DOCUMENT_H_

#include <filesystem>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "kb/status.h"

namespace kbexport {

// Changes only when a key is removed or changes meaning (README.md).
inline constexpr int kFormatVersion = 1;

struct ExportOptions {
  // Each note's plain text ("text"), which the browser's lookup also uses
  // to confirm a Chinese substring. Default: true.
  bool text = true;
  // Called with each problem that does not stop the export (a note that
  // can no longer be read), naming the file. Default: none.
  std::function<void(const std::string&)> on_warning;
};

// The document of the index at `root` as its last commit holds it (the
// caller refreshes it first). Errors: those of kb::Searcher::open() and
// kb::LinkGraph::open() (kNotFound when there is no index), and
// kCorruption when a stored record cannot be read.
kb::Result<nlohmann::ordered_json> export_document(const std::filesystem::path& root,
                                           const ExportOptions& options);

}  // namespace kbexport

#endif  // KB_EXPORT_EXPORT_DOCUMENT_H_
