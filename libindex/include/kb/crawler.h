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

// What crawl() found.
struct CrawlResult {
  std::vector<NoteFile> notes;  // sorted by path, each once
  // Folders and entries that could not be read (each also reported in
  // `problems`), relative to the root; "" is the root itself. What an index
  // holds below them is not known to be gone.
  std::vector<std::string> unreadable;
  // Every folder walked, relative to the root, without links, each once;
  // "" is the root. These are the folders whose changes can change
  // `notes` (kb::watch() watches them).
  std::vector<std::string> folders;
};

// Walks `root` through `env` and returns every note (*.md and *.markdown,
// any case). Folders and files whose name starts with '.' are skipped, and
// so is the index folder. A symbolic link stands for what it points to
// while that stays inside `root`: its notes are listed once, under their
// real paths (without links), whatever the links are called. Links are
// read, never followed by the operating system, so nothing outside `root`
// is ever stat'ed, and each folder is visited once, so link loops end.
//
// A folder or file that cannot be read is reported in `problems`, listed
// in `unreadable` and skipped; the walk goes on. Returns kNotFound when
// `root` does not exist and kInvalidArgument when it is not a folder.
// `root` must be a folder on disk (it is made canonical with the operating
// system), even when `env` holds the files.
Result<CrawlResult> crawl(const std::filesystem::path& root,
                          std::vector<Diagnostic>& problems,
                          const Env& env = Env::system());

// True when `name` (a file name, not a path) names a note.
bool is_note_file_name(const std::string& name);

}  // namespace kb

#endif  // KB_CRAWLER_H_
