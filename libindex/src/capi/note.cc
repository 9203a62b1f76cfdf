// kb_note_t: a note read from disk through the C API, and its fields.
#include <utility>

#include "capi/c_status.h"
#include "capi/handles.h"

namespace {

// The heading `i` of `note`, or NULL past them.
const kb::Heading* heading(const kb_note_t* note, size_t i) {
  if (note == nullptr || i >= note->note.headings.size()) return nullptr;
  return &note->note.headings[i];
}

}  // namespace

extern "C" {

kb_status_t kb_read_note(kb_t* kb, const char* path, kb_note_t** out) {
  if (out != nullptr) *out = nullptr;  // what a failed call leaves (kb_c.h)
  if (kb == nullptr) return kb::capi::null_argument("kb_read_note", "kb");
  if (path == nullptr) return kb::capi::null_argument("kb_read_note", "path");
  if (out == nullptr) return kb::capi::null_argument("kb_read_note", "out");
  return kb::capi::guarded_call([&] {
    kb::Result<kb::Note> note = kb->searcher.read_note(path);
    if (!note) return kb::capi::fail(note.error());
    std::vector<std::string> tag_names = note->tag_names();
    *out = new kb_note_s{std::move(note).value(), std::move(tag_names)};
    return KB_STATUS_SUCCESS;
  });
}

void kb_note_destroy(kb_note_t* note) { delete note; }

const char* kb_note_path(const kb_note_t* note) {
  return note != nullptr ? note->note.path.c_str() : nullptr;
}
const char* kb_note_title(const kb_note_t* note) {
  return note != nullptr ? note->note.title.c_str() : nullptr;
}
const char* kb_note_date(const kb_note_t* note) {
  return note != nullptr ? note->note.date.c_str() : nullptr;
}

size_t kb_note_tags_count(const kb_note_t* note) {
  return note != nullptr ? note->tag_names.size() : 0;
}
const char* kb_note_tag(const kb_note_t* note, size_t i) {
  return note != nullptr && i < note->tag_names.size() ? note->tag_names[i].c_str() : nullptr;
}

size_t kb_note_headings_count(const kb_note_t* note) {
  return note != nullptr ? note->note.headings.size() : 0;
}
const char* kb_note_heading_text(const kb_note_t* note, size_t i) {
  const kb::Heading* h = heading(note, i);
  return h != nullptr ? h->text.c_str() : nullptr;
}
int kb_note_heading_level(const kb_note_t* note, size_t i) {
  const kb::Heading* h = heading(note, i);
  return h != nullptr ? h->level : 0;
}
int kb_note_heading_line(const kb_note_t* note, size_t i) {
  const kb::Heading* h = heading(note, i);
  return h != nullptr ? h->line : 0;
}

size_t kb_note_links_count(const kb_note_t* note) {
  return note != nullptr ? note->note.links.size() : 0;
}

}  // extern "C"
