// Structured queries through the C API: kb_query_t, a kb::Query built by
// setter functions (kb/kb_c.h says why setters).
#include <string>
#include <vector>

#include "capi/c_status.h"
#include "capi/handles.h"

namespace {

using kb::capi::fail;
using kb::capi::guarded_call;
using kb::capi::null_argument;

// The list of kb::Query that `part` names, or nullptr for no such part.
std::vector<std::string>* list_of(kb::Query& query, kb_query_list_t part) {
  switch (part) {
    case KB_QUERY_WORD: return &query.words;
    case KB_QUERY_PHRASE: return &query.phrases;
    case KB_QUERY_ANY_WORD: return &query.any_words;
    case KB_QUERY_WITHOUT_WORD: return &query.without_words;
    case KB_QUERY_TAG: return &query.tags;
    case KB_QUERY_WITHOUT_TAG: return &query.without_tags;
  }
  return nullptr;
}

// The one-valued field of kb::Query that `field` names, or nullptr.
std::string* field_of(kb::Query& query, kb_query_field_t field) {
  switch (field) {
    case KB_QUERY_TEXT: return &query.text;
    case KB_QUERY_FOLDER: return &query.folder;
    case KB_QUERY_DATE_FROM: return &query.date_from;
    case KB_QUERY_DATE_TO: return &query.date_to;
    case KB_QUERY_LANGUAGE: return &query.language;
    case KB_QUERY_LINKS_TO: return &query.links_to;
    case KB_QUERY_LINKED_FROM: return &query.linked_from;
  }
  return nullptr;
}

}  // namespace

extern "C" {

kb_status_t kb_query_create(kb_query_t** out) {
  if (out != nullptr) *out = nullptr;  // what a failed call leaves (kb_c.h)
  if (out == nullptr) return null_argument("kb_query_create", "out");
  return guarded_call([&] {
    *out = new kb_query_s;
    return KB_STATUS_SUCCESS;
  });
}

void kb_query_destroy(kb_query_t* query) { delete query; }

kb_status_t kb_query_add(kb_query_t* query, kb_query_list_t part, const char* value) {
  if (query == nullptr) return null_argument("kb_query_add", "query");
  if (value == nullptr) return null_argument("kb_query_add", "value");
  // Looked up here, from the argument itself: a lambda reading a
  // reference to an enum outside its values would be undefined behaviour.
  std::vector<std::string>* list = list_of(query->query, part);
  if (list == nullptr) {
    return fail(KB_STATUS_INVALID_ARGUMENT, "kb_query_add: not a kb_query_list_t value");
  }
  return guarded_call([&] {
    list->emplace_back(value);
    return KB_STATUS_SUCCESS;
  });
}

kb_status_t kb_query_set(kb_query_t* query, kb_query_field_t field, const char* value) {
  if (query == nullptr) return null_argument("kb_query_set", "query");
  if (value == nullptr) return null_argument("kb_query_set", "value");
  std::string* target = field_of(query->query, field);  // as in kb_query_add()
  if (target == nullptr) {
    return fail(KB_STATUS_INVALID_ARGUMENT, "kb_query_set: not a kb_query_field_t value");
  }
  return guarded_call([&] {
    *target = value;
    return KB_STATUS_SUCCESS;
  });
}

kb_status_t kb_query_add_property(kb_query_t* query, const char* key, const char* value) {
  if (query == nullptr) return null_argument("kb_query_add_property", "query");
  if (key == nullptr) return null_argument("kb_query_add_property", "key");
  if (value == nullptr) return null_argument("kb_query_add_property", "value");
  return guarded_call([&] {
    query->query.properties.emplace_back(key, value);
    return KB_STATUS_SUCCESS;
  });
}

}  // extern "C"
