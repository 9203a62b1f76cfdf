// The reader of config files (kb/settings.h): one TOML file laid over the
// settings, key by key, with a problem for each key it cannot take.
#include <cpptoml.h>

#include <regex>
#include <sstream>

#include "kb/settings.h"
#include "note/dates.h"
#include "text/whitespace.h"

namespace kb {

const char* name_of(SettingSource source) {
  switch (source) {
    case SettingSource::kBuiltIn: return "built-in";
    case SettingSource::kUserConfig: return "user config";
    case SettingSource::kKbConfig: return "kb config";
    case SettingSource::kEnv: return "env";
    case SettingSource::kFlag: return "flag";
  }
  return "built-in";
}

namespace {

// The 1-based line of `key` in the table `table` ("" the top level) of the
// TOML `text`, or of the table's header when `key` is empty; 0 when not
// found. cpptoml keeps no lines, and a problem without one is hard to find
// in a long file.
int line_of(const std::string& text, const std::string& table, const std::string& key) {
  std::string current;
  int number = 0;
  std::istringstream in(text);
  for (std::string raw; std::getline(in, raw);) {
    ++number;
    const std::string_view line = trim_ascii_whitespace(raw);
    if (!line.empty() && line.front() == '[') {
      const std::size_t close = line.find(']');
      current = std::string(trim_ascii_whitespace(line.substr(1, close == line.npos ? line.npos : close - 1)));
      if (key.empty() && current == table) return number;
      continue;
    }
    if (key.empty() || current != table || line.rfind(key, 0) != 0) continue;
    const std::string_view rest = trim_ascii_whitespace(line.substr(key.size()));
    if (!rest.empty() && rest.front() == '=') return number;
  }
  return 0;
}

// One config file being read: where its problems go and what its values
// are marked with.
struct ConfigFile {
  std::string label;   // names the file in problems
  std::string origin;  // Setting::origin of what it sets
  SettingSource source;
  std::string text;
  std::vector<Diagnostic>& problems;

  void warn(const std::string& table, const std::string& key, const std::string& message) {
    const std::string name = key.empty() ? "[" + table + "]" : "[" + table + "] " + key;
    problems.push_back(Diagnostic{label, line_of(text, table, key), name + " " + message});
  }
};

// The string at `value`, or nullopt with a problem.
std::optional<std::string> string_of(const std::shared_ptr<cpptoml::base>& value, ConfigFile& file,
                                     const std::string& table, const std::string& key) {
  if (const auto s = value->as<std::string>()) return s->get();
  file.warn(table, key, "must be a string: ignored");
  return std::nullopt;
}

// The strings of the array at `value`, or nullopt with a problem.
std::optional<std::vector<std::string>> strings_of(const std::shared_ptr<cpptoml::base>& value, ConfigFile& file,
                                                   const std::string& table,
                                                   const std::string& key) {
  const auto array = value->as_array();
  if (array) {
    if (auto strings = array->get_array_of<std::string>()) return *strings;
  }
  file.warn(table, key, "must be an array of strings: ignored");
  return std::nullopt;
}

// `text` when it is one of `allowed`, else nullopt with a problem.
std::optional<std::string> one_of(const std::string& text, std::initializer_list<const char*> allowed,
                                  ConfigFile& file, const std::string& table,
                                  const std::string& key) {
  std::string list;
  for (const char* name : allowed) {
    if (text == name) return text;
    list += (list.empty() ? "" : ", ") + std::string(name);
  }
  file.warn(table, key, "= \"" + text + "\" is not one of " + list + ": ignored");
  return std::nullopt;
}

using KeyReader = void (*)(const std::shared_ptr<cpptoml::base>& value, ConfigFile& file, Settings& settings);

void read_exclude(const std::shared_ptr<cpptoml::base>& value, ConfigFile& file, Settings& settings) {
  const auto globs = strings_of(value, file, "index", "exclude");
  if (!globs) return;
  for (const std::string& glob : *globs) {
    settings.exclude.push_back(Setting<std::string>{glob, file.source, file.origin});
  }
}

void read_dialect(const std::shared_ptr<cpptoml::base>& value, ConfigFile& file, Settings& settings) {
  const auto text = string_of(value, file, "links", "dialect");
  if (!text) return;
  for (LinkDialect d :
       {LinkDialect::kAuto, LinkDialect::kStrict, LinkDialect::kObsidian, LinkDialect::kSite}) {
    if (*text == name_of(d)) return settings.link_dialect.set(d, file.source, file.origin);
  }
  one_of(*text, {"auto", "obsidian", "site", "strict"}, file, "links", "dialect");
}

void read_file_name_dates(const std::shared_ptr<cpptoml::base>& value, ConfigFile& file, Settings& settings) {
  auto formats = strings_of(value, file, "dates", "file_name");
  if (!formats) return;
  std::vector<std::string> usable;
  for (const std::string& format : *formats) {
    const std::string problem = file_name_date_format_problem(format);
    if (problem.empty()) {
      usable.push_back(format);
    } else {
      file.warn("dates", "file_name", "\"" + format + "\" " + problem + ": left out");
    }
  }
  settings.file_name_dates.set(std::move(usable), file.source, file.origin);
}

void read_limit(const std::shared_ptr<cpptoml::base>& value, ConfigFile& file, Settings& settings) {
  const auto number = value->as<std::int64_t>();
  if (!number || number->get() < 0) {
    file.warn("search", "limit", "must be a whole number, 0 or more (0: no limit): ignored");
    return;
  }
  settings.search_limit.set(static_cast<std::size_t>(number->get()), file.source, file.origin);
}

void read_sort(const std::shared_ptr<cpptoml::base>& value, ConfigFile& file, Settings& settings) {
  const auto text = string_of(value, file, "search", "sort");
  if (!text) return;
  if (auto sort = one_of(*text, {"relevance", "date", "path", "title"}, file, "search", "sort")) {
    settings.search_sort.set(*sort, file.source, file.origin);
  }
}

void read_color(const std::shared_ptr<cpptoml::base>& value, ConfigFile& file, Settings& settings) {
  const auto text = string_of(value, file, "output", "color");
  if (!text) return;
  if (auto color = one_of(*text, {"auto", "always", "never"}, file, "output", "color")) {
    settings.color.set(*color, file.source, file.origin);
  }
}

// Every key but [kb.NAME]'s, by table: cli/README.md ("Configuration")
// lists the same.
struct Key {
  const char* table;
  const char* key;
  KeyReader read;
};
constexpr Key kKeys[] = {
    {"index", "exclude", read_exclude},    {"links", "dialect", read_dialect},
    {"dates", "file_name", read_file_name_dates},
    {"search", "limit", read_limit},       {"search", "sort", read_sort},
    {"output", "color", read_color},
};

const Key* key_named(const std::string& table, const std::string& key) {
  for (const Key& k : kKeys) {
    if (table == k.table && key == k.key) return &k;
  }
  return nullptr;
}

bool is_table_name(const std::string& table) {
  for (const Key& k : kKeys) {
    if (table == k.table) return true;
  }
  return false;
}

// [kb.NAME] path = "...", or remote = "HOST:PORT" with timeout_ms: the
// named knowledge bases.
void read_named_kbs(const cpptoml::table& kbs, ConfigFile& file, Settings& settings) {
  for (const auto& [name, entry] : kbs) {
    const std::string table = "kb." + name;
    const auto kb = entry->as_table();
    if (!kb) {
      file.warn(table, "", "must be a table with a path or a remote: ignored");
      continue;
    }
    RemoteIndex remote;
    std::optional<std::string> path;
    bool timeout_given = false;
    for (const auto& [key, value] : *kb) {
      if (key == "path") {
        path = string_of(value, file, table, key);
      } else if (key == "remote") {
        if (auto address = string_of(value, file, table, key)) remote.address = *address;
      } else if (key == "timeout_ms") {
        timeout_given = true;
        const auto number = value->as<std::int64_t>();
        if (!number || number->get() <= 0) {
          file.warn(table, key, "must be a whole number of milliseconds, 1 or more: ignored");
        } else {
          remote.timeout = std::chrono::milliseconds(number->get());
        }
      } else {
        file.warn(table, key,
                  "is not a setting (a knowledge base has a path, or a remote and its "
                  "timeout_ms): ignored");
      }
    }
    if (path && !remote.address.empty()) {
      file.warn(table, "", "has both a path and a remote: ignored");
    } else if (path) {
      settings.named_kbs[name] = Setting<std::string>{*path, file.source, file.origin};
      if (timeout_given) file.warn(table, "timeout_ms", "is for a remote: ignored");
    } else if (!remote.address.empty()) {
      settings.named_remotes[name] = Setting<RemoteIndex>{remote, file.source, file.origin};
    } else if (!kb->contains("path") && !kb->contains("remote")) {
      file.warn(table, "", "has no path nor remote: ignored");
    }
  }
}

// [group.NAME] kbs = [...], linked = BOOL: knowledge bases searched as one.
void read_groups(const cpptoml::table& groups, ConfigFile& file, Settings& settings) {
  for (const auto& [name, entry] : groups) {
    const std::string table = "group." + name;
    const auto group = entry->as_table();
    if (!group || !group->contains("kbs")) {
      file.warn(table, "", "must be a table with kbs = [NAMES]: ignored");
      continue;
    }
    KbGroup read;
    bool usable = true;
    for (const auto& [key, value] : *group) {
      if (key == "kbs") {
        const auto names = strings_of(value, file, table, key);
        usable = names && !names->empty();
        if (names) read.kbs = *names;
        if (names && names->empty()) file.warn(table, key, "names no knowledge base: ignored");
      } else if (key == "linked") {
        const auto linked = value->as<bool>();
        if (linked) {
          read.linked = linked->get();
        } else {
          file.warn(table, key, "must be true or false: taken as false");
        }
      } else {
        file.warn(table, key, "is not a setting (a group has kbs and linked): ignored");
      }
    }
    if (usable) settings.groups[name] = Setting<KbGroup>{read, file.source, file.origin};
  }
}

void apply_config_file(const std::filesystem::path& path, ConfigFile file, const Env& env,
                       Settings& settings) {
  Result<std::string> text = env.read_file(path);
  if (!text) {
    if (text.error().code() != Code::kNotFound) {
      file.problems.push_back(Diagnostic{
          file.label, 0, "cannot read: " + text.error().message() + "; its settings are ignored"});
    }
    return;
  }
  file.text = std::move(*text);
  std::shared_ptr<cpptoml::table> top;
  try {
    std::istringstream in(file.text);
    top = cpptoml::parser(in).parse();
  } catch (const cpptoml::parse_exception& e) {
    std::smatch at;
    const std::string what = e.what();
    const int line =
        std::regex_search(what, at, std::regex(" at line ([0-9]+)$")) ? std::stoi(at[1]) : 0;
    file.problems.push_back(Diagnostic{
        file.label, line,
        "not valid TOML (" + what.substr(0, at.empty() ? what.size() : at.position(0)) +
            "): its settings are ignored"});
    return;
  }
  for (const auto& [table_name, entry] : *top) {
    if (table_name == "kb" || table_name == "group") {
      const auto tables = entry->as_table();
      if (file.source != SettingSource::kUserConfig) {
        file.warn(table_name, "", "names knowledge bases only in the user config: ignored");
      } else if (!tables) {
        file.warn(table_name, "", "must be a table: ignored");
      } else if (table_name == "kb") {
        read_named_kbs(*tables, file, settings);
      } else {
        read_groups(*tables, file, settings);
      }
      continue;
    }
    if (!is_table_name(table_name)) {
      file.warn(table_name, "", "is not a table of settings (a typo?): ignored");
      continue;
    }
    const auto table = entry->as_table();
    if (!table) {
      file.warn(table_name, "", "must be a table: ignored");
      continue;
    }
    for (const auto& [key, value] : *table) {
      if (const Key* known = key_named(table_name, key)) {
        known->read(value, file, settings);
      } else {
        file.warn(table_name, key, "is not a setting (a typo?): ignored");
      }
    }
  }
}

}  // namespace

void apply_user_config(const std::filesystem::path& file, const Env& env, Settings& settings,
                       std::vector<Diagnostic>& problems) {
  apply_config_file(file,
                    ConfigFile{file.string(), file.string(), SettingSource::kUserConfig, "", problems},
                    env, settings);
}

void apply_kb_config(const std::filesystem::path& root, const Env& env, Settings& settings,
                     std::vector<Diagnostic>& problems) {
  const std::filesystem::path file = root / kKbConfigFileName;
  apply_config_file(
      file, ConfigFile{kKbConfigFileName, file.string(), SettingSource::kKbConfig, "", problems},
      env, settings);
}

Settings read_settings(const std::filesystem::path& user_file, const std::filesystem::path& root,
                       const Env& env, std::vector<Diagnostic>& problems) {
  Settings settings;
  if (!user_file.empty()) apply_user_config(user_file, env, settings, problems);
  apply_kb_config(root, env, settings, problems);
  return settings;
}

}  // namespace kb
