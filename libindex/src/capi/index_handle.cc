// kb_index_t and its options: writing the index (kb::Index).
#include <optional>
#include <utility>
#include <vector>

#include "capi/c_status.h"
#include "capi/handles.h"
#include "kb/diagnostic.h"
#include "kb/settings.h"

namespace {

using kb::capi::fail;
using kb::capi::guarded_call;
using kb::capi::null_argument;

// The settings the options name (user config, dialect), read now; nullopt
// when they name none, so that kb::Index reads `.kbsearch.toml` at each
// update itself.
std::optional<kb::Settings> settings_of(const kb_index_options_s& o, const char* root) {
  if (o.config_file.empty() && !o.dialect_set) return std::nullopt;
  std::vector<kb::Diagnostic> problems;
  kb::Settings settings = kb::read_settings(o.config_file, root, *o.options.env, problems);
  if (o.options.on_diagnostic) {
    for (const kb::Diagnostic& problem : problems) o.options.on_diagnostic(problem);
  }
  if (o.dialect_set) {
    settings.link_dialect.set(o.dialect, kb::SettingSource::kFlag, "kb_index_options_set_link_dialect");
  }
  return settings;
}

}  // namespace

extern "C" {

kb_status_t kb_index_options_create(kb_index_options_t** out) {
  if (out != nullptr) *out = nullptr;  // what a failed call leaves (kb_c.h)
  if (out == nullptr) return null_argument("kb_index_options_create", "out");
  return guarded_call([&] {
    *out = new kb_index_options_s;
    return KB_STATUS_SUCCESS;
  });
}

void kb_index_options_destroy(kb_index_options_t* options) { delete options; }

kb_status_t kb_index_options_set_durable(kb_index_options_t* options, bool durable) {
  if (options == nullptr) return null_argument("kb_index_options_set_durable", "options");
  options->options.durable = durable;
  return KB_STATUS_SUCCESS;
}

kb_status_t kb_index_options_set_rebuild(kb_index_options_t* options, bool rebuild) {
  if (options == nullptr) return null_argument("kb_index_options_set_rebuild", "options");
  options->options.rebuild = rebuild;
  return KB_STATUS_SUCCESS;
}

kb_status_t kb_index_options_add_exclude(kb_index_options_t* options, const char* pattern) {
  if (options == nullptr) return null_argument("kb_index_options_add_exclude", "options");
  if (pattern == nullptr) return null_argument("kb_index_options_add_exclude", "pattern");
  return guarded_call([&] {
    options->options.exclude.emplace_back(pattern);
    return KB_STATUS_SUCCESS;
  });
}

kb_status_t kb_index_options_set_link_dialect(kb_index_options_t* options,
                                              kb_link_dialect_t dialect) {
  if (options == nullptr) return null_argument("kb_index_options_set_link_dialect", "options");
  switch (dialect) {
    case KB_LINK_DIALECT_AUTO: options->dialect = kb::LinkDialect::kAuto; break;
    case KB_LINK_DIALECT_STRICT: options->dialect = kb::LinkDialect::kStrict; break;
    case KB_LINK_DIALECT_OBSIDIAN: options->dialect = kb::LinkDialect::kObsidian; break;
    case KB_LINK_DIALECT_SITE: options->dialect = kb::LinkDialect::kSite; break;
    default:
      return fail(KB_STATUS_INVALID_ARGUMENT,
                  "kb_index_options_set_link_dialect: not a kb_link_dialect_t value");
  }
  options->dialect_set = true;
  return KB_STATUS_SUCCESS;
}

kb_status_t kb_index_options_set_config_file(kb_index_options_t* options, const char* path) {
  if (options == nullptr) return null_argument("kb_index_options_set_config_file", "options");
  if (path == nullptr) return null_argument("kb_index_options_set_config_file", "path");
  return guarded_call([&] {
    options->config_file = path;
    return KB_STATUS_SUCCESS;
  });
}

kb_status_t kb_index_options_set_diagnostic_callback(kb_index_options_t* options,
                                                     kb_diagnostic_fn fn, void* data) {
  if (options == nullptr) {
    return null_argument("kb_index_options_set_diagnostic_callback", "options");
  }
  return guarded_call([&] {
    if (fn == nullptr) {
      options->options.on_diagnostic = nullptr;
    } else {
      options->options.on_diagnostic = [fn, data](const kb::Diagnostic& d) {
        fn(d.path.c_str(), d.line, d.message.c_str(), data);
      };
    }
    return KB_STATUS_SUCCESS;
  });
}

kb_status_t kb_index_open(const char* root, const kb_index_options_t* options,
                          kb_index_t** out) {
  if (out != nullptr) *out = nullptr;  // what a failed call leaves (kb_c.h)
  if (root == nullptr) return null_argument("kb_index_open", "root");
  if (out == nullptr) return null_argument("kb_index_open", "out");
  return guarded_call([&] {
    const kb_index_options_s defaults;
    const kb_index_options_s& o = options != nullptr ? *options : defaults;
    kb::IndexOptions index_options = o.options;
    index_options.settings = settings_of(o, root);
    kb::Result<kb::Index> index = kb::Index::open(root, std::move(index_options));
    if (!index) return fail(index.error());
    *out = new kb_index_s{std::move(index).value()};
    return KB_STATUS_SUCCESS;
  });
}

kb_status_t kb_index_update(kb_index_t* index) {
  if (index == nullptr) return null_argument("kb_index_update", "index");
  return guarded_call([&] {
    kb::Result<kb::IndexReport> report = index->index.update();
    return report ? KB_STATUS_SUCCESS : fail(report.error());
  });
}

kb_status_t kb_index_note_count(kb_index_t* index, size_t* count) {
  if (index == nullptr) return null_argument("kb_index_note_count", "index");
  if (count == nullptr) return null_argument("kb_index_note_count", "count");
  return guarded_call([&] {
    kb::Result<std::size_t> notes = index->index.note_count();
    if (!notes) return fail(notes.error());
    *count = *notes;
    return KB_STATUS_SUCCESS;
  });
}

void kb_index_close(kb_index_t* index) { delete index; }

}  // extern "C"
