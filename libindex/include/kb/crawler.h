// Crawler: finds the notes of a knowledge base.
#ifndef KB_CRAWLER_H_
#define KB_CRAWLER_H_

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "kb/diagnostic.h"
#include "kb/env.h"
#include "kb/status.h"

namespace kb {

// A Markdown file found under the knowledge-base root.
struct NoteFile {
  std::string path;  // relative to the root, '/'-separated, NFC as on disk
  std::int64_t mtime_ns = 0;
  std::uint64_t size = 0;
};

// Walks `root` through `env` and returns every note (*.md and *.markdown,
// any case), sorted by path. Folders and files whose name starts with '.'
// are skipped, and so is the index folder. Symbolic links are read, never
// followed by the operating system, and taken only while they stay inside
// `root`; each folder is visited once, so link loops end. Nothing outside
// `root` is ever stat'ed.
//
// A folder or file that cannot be read is reported in `problems` and skipped;
// the walk goes on. Returns kNotFound when `root` does not exist and
// kInvalidArgument when it is not a folder.
Result<std::vector<NoteFile>> crawl(const std::filesystem::path& root,
                                    std::vector<Diagnostic>& problems,
                                    const Env& env = Env::system());

// True when `name` (a file name, not a path) names a note.
bool is_note_file_name(const std::string& name);

}  // namespace kb

#endif  // KB_CRAWLER_H_
