// Umbrella header: the whole public C++ API of the kb::index library
// (the C API is kb/kb_c.h, on its own). libindex/README.md is the guide.
//
// Start with kb/index.h (open or create the index of a knowledge base,
// bring it up to date), then kb/searcher.h (search it, by a written query
// or a kb::Query of parts, and read notes) and kb/link_graph.h (backlinks,
// links, broken links, orphans, mentions, related notes, tags, the graph);
// kb/watcher.h keeps an index up to date with a callback per update.
//
// Rules that hold for every header:
// - Errors are values (kb/status.h): no exception leaves the library.
// - Ownership: results are returned by value and owned by the caller; an
//   object the library keeps a reference to (a kb::Env) is said to have
//   to outlive its user where it is passed; `const char*` names (name_of,
//   code_name, version) are static strings that live as long as the
//   process.
// - Threads: plain values (Note, Hit, Query, Status, ...) are safe to
//   read from many threads at once. Index, Searcher and LinkGraph objects
//   are each used by one thread at a time; separate objects run in
//   parallel, also in other processes, on the same knowledge base. Each
//   header says what differs (Graphviz's lock in kb/graph_render.h).
// - No Xapian, ICU, cmark, yaml-cpp or TOML type appears in these headers,
//   so a program builds against them with no other library's headers.
#ifndef KB_KB_H_
#define KB_KB_H_

#include "kb/crawler.h"
#include "kb/diagnostic.h"
#include "kb/env.h"
#include "kb/graph_render.h"
#include "kb/index.h"
#include "kb/link_graph.h"
#include "kb/note.h"
#include "kb/note_parser.h"
#include "kb/note_paths.h"
#include "kb/query.h"
#include "kb/searcher.h"
#include "kb/settings.h"
#include "kb/shards.h"
#include "kb/status.h"
#include "kb/vocabulary.h"
#include "kb/watcher.h"
#include "kb/version.h"

#endif  // KB_KB_H_
