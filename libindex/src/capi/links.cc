// Links through the C API: backlinks, outgoing, broken and mentions, the
// kb_links_t iterator and each link's fields.
#include <string>
#include <utility>
#include <vector>

#include "capi/c_status.h"
#include "capi/handles.h"

namespace {

using kb::capi::null_argument;

// The links of the note at `path` that `member` of LinkGraph lists.
kb_status_t links_of_note(const char* function, kb_t* kb, const char* path, kb_links_t** out,
                          kb::Result<std::vector<kb::ResolvedLink>> (kb::LinkGraph::*member)(
                              const std::string&) const) {
  if (kb == nullptr) return null_argument(function, "kb");
  if (path == nullptr) return null_argument(function, "path");
  if (out == nullptr) return null_argument(function, "out");
  return kb::capi::hand_out_list([&] { return (kb->graph.*member)(path); }, out);
}

}  // namespace

extern "C" {

kb_status_t kb_backlinks(kb_t* kb, const char* path, kb_links_t** out) {
  if (out != nullptr) *out = nullptr;  // what a failed call leaves (kb_c.h)
  return links_of_note("kb_backlinks", kb, path, out, &kb::LinkGraph::backlinks);
}

kb_status_t kb_outgoing_links(kb_t* kb, const char* path, kb_links_t** out) {
  if (out != nullptr) *out = nullptr;  // what a failed call leaves (kb_c.h)
  return links_of_note("kb_outgoing_links", kb, path, out, &kb::LinkGraph::links);
}

kb_status_t kb_mentions(kb_t* kb, const char* path, kb_links_t** out) {
  if (out != nullptr) *out = nullptr;  // what a failed call leaves (kb_c.h)
  return links_of_note("kb_mentions", kb, path, out, &kb::LinkGraph::mentions);
}

kb_status_t kb_broken_links(kb_t* kb, kb_links_t** out) {
  if (out != nullptr) *out = nullptr;  // what a failed call leaves (kb_c.h)
  if (kb == nullptr) return null_argument("kb_broken_links", "kb");
  if (out == nullptr) return null_argument("kb_broken_links", "out");
  return kb::capi::hand_out_list([&] { return kb->graph.broken(); }, out);
}

bool kb_links_valid(const kb_links_t* links) { return kb::capi::cursor_valid(links); }

const kb_link_t* kb_links_get(const kb_links_t* links) {
  return links != nullptr ? links->cursor.get() : nullptr;
}

void kb_links_move_to_next(kb_links_t* links) { kb::capi::cursor_move_to_next(links); }

void kb_links_destroy(kb_links_t* links) { delete links; }

const char* kb_link_source(const kb_link_t* link) {
  return link != nullptr ? link->link.source.c_str() : nullptr;
}
const char* kb_link_target(const kb_link_t* link) {
  return link != nullptr ? link->link.target.c_str() : nullptr;
}
const char* kb_link_raw(const kb_link_t* link) {
  return link != nullptr ? link->link.link.raw.c_str() : nullptr;
}
const char* kb_link_text(const kb_link_t* link) {
  return link != nullptr ? link->link.link.text.c_str() : nullptr;
}
const char* kb_link_context(const kb_link_t* link) {
  return link != nullptr ? link->link.context.c_str() : nullptr;
}

const char* kb_link_status(const kb_link_t* link) {
  return link != nullptr ? kb::name_of(link->link.status) : nullptr;
}

int kb_link_line(const kb_link_t* link) { return link != nullptr ? link->link.link.line : 0; }

}  // extern "C"
