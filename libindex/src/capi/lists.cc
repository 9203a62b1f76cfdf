// Lists through the C API: orphans and note names (kb_strings_t), tags with
// their counts (kb_tags_t).
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "capi/c_status.h"
#include "capi/handles.h"

namespace {

using kb::capi::null_argument;

}  // namespace

extern "C" {

kb_status_t kb_orphans(kb_t* kb, kb_strings_t** out) {
  if (out != nullptr) *out = nullptr;  // what a failed call leaves (kb_c.h)
  if (kb == nullptr) return null_argument("kb_orphans", "kb");
  if (out == nullptr) return null_argument("kb_orphans", "out");
  return kb::capi::hand_out_list([&] { return kb->graph.orphans(); }, out);
}

kb_status_t kb_find_notes(kb_t* kb, const char* spec, kb_strings_t** out) {
  if (out != nullptr) *out = nullptr;  // what a failed call leaves (kb_c.h)
  if (kb == nullptr) return null_argument("kb_find_notes", "kb");
  if (spec == nullptr) return null_argument("kb_find_notes", "spec");
  if (out == nullptr) return null_argument("kb_find_notes", "out");
  return kb::capi::hand_out_list([&] { return kb->graph.find_notes(spec); }, out);
}

bool kb_strings_valid(const kb_strings_t* strings) { return kb::capi::cursor_valid(strings); }

const char* kb_strings_get(const kb_strings_t* strings) {
  const std::string* s = strings != nullptr ? strings->cursor.get() : nullptr;
  return s != nullptr ? s->c_str() : nullptr;
}

void kb_strings_move_to_next(kb_strings_t* strings) { kb::capi::cursor_move_to_next(strings); }

void kb_strings_destroy(kb_strings_t* strings) { delete strings; }

kb_status_t kb_tags(kb_t* kb, const char* prefix, kb_tags_t** out) {
  if (out != nullptr) *out = nullptr;  // what a failed call leaves (kb_c.h)
  if (kb == nullptr) return null_argument("kb_tags", "kb");
  if (out == nullptr) return null_argument("kb_tags", "out");
  return kb::capi::hand_out_list(
      [&] { return kb->graph.tags(prefix != nullptr ? std::string_view(prefix) : std::string_view()); },
      out);
}

bool kb_tags_valid(const kb_tags_t* tags) { return kb::capi::cursor_valid(tags); }

const char* kb_tags_get_name(const kb_tags_t* tags) {
  const kb::TagCount* tag = tags != nullptr ? tags->cursor.get() : nullptr;
  return tag != nullptr ? tag->name.c_str() : nullptr;
}

size_t kb_tags_get_notes(const kb_tags_t* tags) {
  const kb::TagCount* tag = tags != nullptr ? tags->cursor.get() : nullptr;
  return tag != nullptr ? tag->notes : 0;
}

void kb_tags_move_to_next(kb_tags_t* tags) { kb::capi::cursor_move_to_next(tags); }

void kb_tags_destroy(kb_tags_t* tags) { delete tags; }

}  // extern "C"
