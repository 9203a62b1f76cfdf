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

// How the links of a note are read (libindex/README.md, "Link dialects"):
// as Obsidian resolves them, as a published Hexo, Jekyll or docsify site
// does, or by the strict rules (relative paths, wikilinks by name).
// kAuto is only a setting: "take it from the markers".
enum class LinkDialect { kAuto, kStrict, kObsidian, kSite };

// "auto", "strict", "obsidian", "site".
const char* name_of(LinkDialect dialect);

// A folder whose notes (those below it, up to a nearer marker) are read in
// one dialect, and its root for links: Obsidian's vault root, a site's root.
struct DialectMarker {
  std::string folder;  // relative to the root, "" is the root itself
  LinkDialect dialect = LinkDialect::kStrict;  // kObsidian or kSite

  bool operator==(const DialectMarker&) const = default;
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
  // The walked folders that hold a dialect marker, by folder: `.obsidian/`
  // (a folder) makes kObsidian; else `_config.yml` (Hexo, Jekyll) or
  // `index.html` (docsify) makes kSite. Hidden folders are not walked, but
  // `.obsidian` is seen in the folder that holds it.
  std::vector<DialectMarker> markers;
  // The paths whose notes `notes` lists in full, relative to the root,
  // sorted: "" alone for a whole crawl. With CrawlOptions::scope, each
  // scope entry as given, and the real path (without links) it leads to,
  // whether it exists, is ignored or leads outside: what an index holds at
  // or below one of these and is not in `notes` is gone (unless it is below
  // `unreadable`); what it holds elsewhere was not looked at.
  std::vector<std::string> covered;
};

// What crawl() skips besides hidden files and what the ignore files say.
struct CrawlOptions {
  // More patterns to skip, in gitignore syntax (gitignore(5)), as lines of
  // a `.kbignore` at the root but of lower precedence than any ignore
  // file, as git's core.excludesFile: "drafts/", "*.draft.md", "/inbox".
  // A negation ("!public/") brings back a folder of default_excludes().
  // Default: none.
  std::vector<std::string> exclude;
  // Only these paths and what is below them: '/'-separated, relative to
  // the root, each a note file or a folder ("" is the root; a trailing '/'
  // is allowed). Nothing else is listed or stat'ed but the folders on the
  // way down, whose ignore files are read, so that the same rules decide
  // what is a note as in a whole crawl; `folders` and `markers` then hold
  // only what was walked below a folder of the scope. An entry that names
  // a hidden or ignored file or folder, something that is not a note, or a
  // symbolic link that leads outside the root or loops, is reported in
  // `problems`, crawls nothing and is `covered` (a note indexed there is
  // gone). An entry that does not exist crawls nothing and is `covered`. kInvalidArgument,
  // naming the entry, for one that is absolute or has an empty, "." or
  // ".." part. Default: empty, the whole knowledge base.
  std::vector<std::string> scope;
};

// The folders skipped by default, at any depth, in gitignore syntax (each
// a folder's name and '/', no wildcards):
// `node_modules/` (npm packages: other people's READMEs and changelogs),
// `_site/` (Jekyll's output, which copies Markdown without front matter)
// and `public/` (Hexo's and Hugo's output). Their rules have the lowest
// precedence, so a negation in any ignore file (`!public/` in a
// `.kbignore`) or in CrawlOptions::exclude brings a folder back.
// `.obsidian/` and other hidden folders are always skipped.
const std::vector<std::string>& default_excludes();

// Walks `root` through `env` and returns every note (*.md and *.markdown,
// any case) that is not ignored, or with `options.scope` every such note
// at or below one of its paths. Folders and files whose name starts with
// '.' are skipped, and so is the index folder.
//
// Ignored, as git ignores them (gitignore(5); matched by libgit2): what the
// `.gitignore` files at any level say, and the `.kbignore` files (same
// syntax, read after the `.gitignore` of their folder, so that they can
// bring back what it ignores: `!notes.md`); when `root` is inside a git
// work tree, also what `.git/info/exclude` and the `.gitignore` files
// above `root` say, for paths as the work tree sees them (`.kbignore`
// files count only inside `root`); and, below all of these in precedence
// (a negation in any of them overrides them), default_excludes() and then
// `options.exclude`. An ignored folder is not entered, so that nothing
// below it comes back, as in git. `root` itself is never ignored. A user's
// global git excludes (core.excludesFile) are not read. An ignore file
// that cannot be read, or is a symbolic link (git does not follow those
// either), is reported in `problems` and its rules are not applied. Rules
// apply to a note's real path (below). Calls may run at once on several
// threads, each with its own `problems`.
//
// A symbolic link stands for what it points to while that stays inside
// `root`: its notes are listed once, under their real paths (without
// links), whatever the links are called. Links are
// read, never followed by the operating system, so nothing outside `root`
// is ever stat'ed, and each folder is visited once, so link loops end.
//
// A folder or file that cannot be read is reported in `problems`, listed
// in `unreadable` and skipped; the walk goes on. Returns kNotFound when
// `root` does not exist, kInvalidArgument when it is not a folder or when
// an entry of `options.scope` is not a path relative to it.
// `root` must be a folder on disk (it is made canonical with the operating
// system), even when `env` holds the files; the ignore files around it
// (outside `root`) are read from disk.
Result<CrawlResult> crawl(const std::filesystem::path& root,
                          std::vector<Diagnostic>& problems,
                          const Env& env = Env::system(),
                          const CrawlOptions& options = {});

// True when `name` (a file name, not a path) names a note. Thread-safe.
bool is_note_file_name(const std::string& name);

}  // namespace kb

#endif  // KB_CRAWLER_H_
