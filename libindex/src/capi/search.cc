// Searching through the C API: options, kb_search(), the hits iterator
// and each hit's fields.
#include <cstdint>
#include <memory>
#include <utility>

#include "capi/c_status.h"
#include "capi/handles.h"

namespace {

using kb::capi::fail;
using kb::capi::guarded_call;
using kb::capi::null_argument;

// A string field of a hit, or NULL for no hit.
const char* field(const kb_hit_t* hit, const std::string kb::Hit::*member) {
  return hit != nullptr ? (hit->hit.*member).c_str() : nullptr;
}

const kb::SearchOptions& or_defaults(const kb_search_options_t* options) {
  static const kb::SearchOptions defaults;
  return options != nullptr ? options->options : defaults;
}

// The hits of `results` as a new iterator in *out, or its error.
kb_status_t hand_out_hits(kb::Result<kb::SearchResults> results, kb_hits_t** out) {
  if (!results) return fail(results.error());
  auto hits = std::make_unique<kb_hits_s>();  // as hand_out_list()
  hits->estimated_total = results->estimated_total;
  hits->cursor.items.reserve(results->hits.size());
  for (kb::Hit& hit : results->hits) hits->cursor.items.push_back(kb_hit_s{std::move(hit)});
  *out = hits.release();
  return KB_STATUS_SUCCESS;
}

}  // namespace

extern "C" {

kb_status_t kb_search_options_create(kb_search_options_t** out) {
  if (out != nullptr) *out = nullptr;  // what a failed call leaves (kb_c.h)
  if (out == nullptr) return null_argument("kb_search_options_create", "out");
  return guarded_call([&] {
    *out = new kb_search_options_s;
    return KB_STATUS_SUCCESS;
  });
}

void kb_search_options_destroy(kb_search_options_t* options) { delete options; }

kb_status_t kb_search_options_set_limit(kb_search_options_t* options, size_t limit) {
  if (options == nullptr) return null_argument("kb_search_options_set_limit", "options");
  // SIZE_MAX is kNoLimit: the same value, named in C's terms.
  static_assert(kb::SearchOptions::kNoLimit == SIZE_MAX);
  options->options.limit = limit;
  return KB_STATUS_SUCCESS;
}

kb_status_t kb_search_options_set_offset(kb_search_options_t* options, size_t offset) {
  if (options == nullptr) return null_argument("kb_search_options_set_offset", "options");
  options->options.offset = offset;
  return KB_STATUS_SUCCESS;
}

kb_status_t kb_search_options_set_sort(kb_search_options_t* options, kb_sort_t sort) {
  if (options == nullptr) return null_argument("kb_search_options_set_sort", "options");
  using Sort = kb::SearchOptions::Sort;
  switch (sort) {
    case KB_SORT_RELEVANCE: options->options.sort = Sort::kRelevance; break;
    case KB_SORT_DATE: options->options.sort = Sort::kDate; break;
    case KB_SORT_PATH: options->options.sort = Sort::kPath; break;
    case KB_SORT_TITLE: options->options.sort = Sort::kTitle; break;
    default:
      return fail(KB_STATUS_INVALID_ARGUMENT, "kb_search_options_set_sort: not a kb_sort_t value");
  }
  return KB_STATUS_SUCCESS;
}

kb_status_t kb_search_options_set_matching_lines(kb_search_options_t* options, size_t count) {
  if (options == nullptr) return null_argument("kb_search_options_set_matching_lines", "options");
  options->options.matching_lines = count;
  return KB_STATUS_SUCCESS;
}

kb_status_t kb_search(kb_t* kb, const char* query, const kb_search_options_t* options,
                      kb_hits_t** out) {
  if (out != nullptr) *out = nullptr;  // what a failed call leaves (kb_c.h)
  if (kb == nullptr) return null_argument("kb_search", "kb");
  if (query == nullptr) return null_argument("kb_search", "query");
  if (out == nullptr) return null_argument("kb_search", "out");
  return guarded_call(
      [&] { return hand_out_hits(kb->searcher.search(query, or_defaults(options)), out); });
}

kb_status_t kb_search_query(kb_t* kb, const kb_query_t* query, const kb_search_options_t* options,
                            kb_hits_t** out) {
  if (out != nullptr) *out = nullptr;  // what a failed call leaves (kb_c.h)
  if (kb == nullptr) return null_argument("kb_search_query", "kb");
  if (query == nullptr) return null_argument("kb_search_query", "query");
  if (out == nullptr) return null_argument("kb_search_query", "out");
  return guarded_call(
      [&] { return hand_out_hits(kb->searcher.search(query->query, or_defaults(options)), out); });
}

bool kb_hits_valid(const kb_hits_t* hits) { return kb::capi::cursor_valid(hits); }

const kb_hit_t* kb_hits_get(const kb_hits_t* hits) {
  return hits != nullptr ? hits->cursor.get() : nullptr;
}

void kb_hits_move_to_next(kb_hits_t* hits) { kb::capi::cursor_move_to_next(hits); }

size_t kb_hits_estimated_total(const kb_hits_t* hits) {
  return hits != nullptr ? hits->estimated_total : 0;
}

void kb_hits_destroy(kb_hits_t* hits) { delete hits; }

const char* kb_hit_path(const kb_hit_t* hit) { return field(hit, &kb::Hit::path); }
const char* kb_hit_title(const kb_hit_t* hit) { return field(hit, &kb::Hit::title); }
const char* kb_hit_date(const kb_hit_t* hit) { return field(hit, &kb::Hit::date); }
const char* kb_hit_line_text(const kb_hit_t* hit) { return field(hit, &kb::Hit::line_text); }
int kb_hit_line(const kb_hit_t* hit) { return hit != nullptr ? hit->hit.line : 0; }
int kb_hit_column(const kb_hit_t* hit) { return hit != nullptr ? hit->hit.column : 0; }
double kb_hit_score(const kb_hit_t* hit) { return hit != nullptr ? hit->hit.score : 0; }

const char* kb_hit_snippet(const kb_hit_t* hit) {
  return hit != nullptr ? hit->hit.snippet.text.c_str() : nullptr;
}

size_t kb_hit_highlights_count(const kb_hit_t* hit) {
  return hit != nullptr ? hit->hit.snippet.highlights.size() : 0;
}

kb_status_t kb_hit_highlight(const kb_hit_t* hit, size_t i, size_t* begin, size_t* end) {
  if (hit == nullptr) return null_argument("kb_hit_highlight", "hit");
  if (begin == nullptr) return null_argument("kb_hit_highlight", "begin");
  if (end == nullptr) return null_argument("kb_hit_highlight", "end");
  const auto& highlights = hit->hit.snippet.highlights;
  if (i >= highlights.size()) {
    return fail(KB_STATUS_INVALID_ARGUMENT, "kb_hit_highlight: i is not below the count");
  }
  *begin = highlights[i].begin;
  *end = highlights[i].end;
  return KB_STATUS_SUCCESS;
}

size_t kb_hit_tags_count(const kb_hit_t* hit) { return hit != nullptr ? hit->hit.tags.size() : 0; }

const char* kb_hit_tag(const kb_hit_t* hit, size_t i) {
  return hit != nullptr && i < hit->hit.tags.size() ? hit->hit.tags[i].c_str() : nullptr;
}

}  // extern "C"
