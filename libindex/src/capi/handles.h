// What the C API's opaque handles hold. Each result object owns a copy of
// its answer, so that it may outlive the kb_t that made it.
#ifndef KB_SRC_CAPI_HANDLES_H_
#define KB_SRC_CAPI_HANDLES_H_

#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "capi/c_status.h"
#include "kb/index.h"
#include "kb/kb_c.h"
#include "kb/link_graph.h"
#include "kb/note.h"
#include "kb/query.h"
#include "kb/searcher.h"

namespace kb::capi {

// A notmuch-style iterator over an answer held whole: valid / get /
// move_to_next.
template <typename T>
struct Cursor {
  using Item = T;
  std::vector<T> items;
  std::size_t at = 0;

  bool valid() const { return at < items.size(); }
  const T* get() const { return valid() ? &items[at] : nullptr; }
  void move_to_next() {
    if (valid()) ++at;
  }
};

// The C functions an iterator type needs, one line per type: they only
// forward to its Cursor, so they are written once, here.
template <typename Handle>
bool cursor_valid(const Handle* h) {
  return h != nullptr && h->cursor.valid();
}
template <typename Handle>
void cursor_move_to_next(Handle* h) {
  if (h != nullptr) h->cursor.move_to_next();
}

// Runs `query` (returning a Result of a vector) and hands out its answer as
// a new iterator `Handle` in *out, each element made an item of its Cursor,
// or fails with its status.
template <typename Handle, typename Query>
kb_status_t hand_out_list(Query&& query, Handle** out) {
  return guarded_call([&] {
    auto found = query();
    if (!found) return fail(found.error());
    // Owned here until it is whole: out of memory half way leaks nothing.
    auto handle = std::make_unique<Handle>();
    handle->cursor.items.reserve(found->size());
    for (auto& element : *found) {
      handle->cursor.items.push_back(typename decltype(handle->cursor)::Item{std::move(element)});
    }
    *out = handle.release();
    return KB_STATUS_SUCCESS;
  });
}

}  // namespace kb::capi

struct kb_index_options_s {
  kb::IndexOptions options;
  bool dialect_set = false;
  kb::LinkDialect dialect = kb::LinkDialect::kAuto;
  std::string config_file;  // "" for none
};

struct kb_index_s {
  kb::Index index;
};

struct kb_s {
  kb::Searcher searcher;
  kb::LinkGraph graph;
};

struct kb_search_options_s {
  kb::SearchOptions options;
};

struct kb_query_s {
  kb::Query query;
};

struct kb_hit_s {
  kb::Hit hit;
};

struct kb_hits_s {
  kb::capi::Cursor<kb_hit_s> cursor;
  std::size_t estimated_total = 0;
};

struct kb_note_s {
  kb::Note note;
  std::vector<std::string> tag_names;  // note.tag_names(), computed once
};

struct kb_link_s {
  kb::ResolvedLink link;
};

struct kb_links_s {
  kb::capi::Cursor<kb_link_s> cursor;
};

struct kb_strings_s {
  kb::capi::Cursor<std::string> cursor;
};

struct kb_tags_s {
  kb::capi::Cursor<kb::TagCount> cursor;
};

#endif  // KB_SRC_CAPI_HANDLES_H_
