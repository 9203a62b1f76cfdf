// `kbsearch config`: the merged settings and where each came from.
#include <nlohmann/json.hpp>

#include <chrono>
#include <system_error>

#include "commands.h"
#include "exit_codes.h"
#include "json_line.h"
#include "kb_location.h"
#include "output_sink.h"
#include "printer.h"
#include "run_settings.h"
#include "safe_text.h"

namespace kbcli {

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// One setting as printed: its key as the config file writes it
// ("search.sort" is `sort` in `[search]`), its value (null: the program's
// own default, said in `built_in`), and where it came from.
struct Row {
  std::string key;
  json value;
  kb::SettingSource source;
  std::string origin;
  const char* built_in = "";
};

template <typename T>
Row row(std::string key, const kb::Setting<T>& setting, json value, const char* built_in = "") {
  return Row{std::move(key), std::move(value), setting.source, setting.origin, built_in};
}

std::vector<Row> rows_of(const kb::Settings& s) {
  std::vector<Row> rows;
  for (const kb::Setting<std::string>& glob : s.exclude) rows.push_back(row("index.exclude", glob, glob.value));
  if (s.exclude.empty()) rows.push_back(Row{"index.exclude", json::array(), kb::SettingSource::kBuiltIn, ""});
  rows.push_back(row("links.dialect", s.link_dialect, kb::name_of(s.link_dialect.value)));
  const auto& dates = s.file_name_dates.value;
  rows.push_back(row("dates.file_name", s.file_name_dates, dates ? json(*dates) : json(nullptr),
                     "the built-in rule: 2024-10-21, 20241021, 2024年10月21日, 2023-05-06-title"));
  const auto& limit = s.search_limit.value;
  rows.push_back(row("search.limit", s.search_limit, limit ? json(*limit) : json(nullptr),
                     "20 on a terminal"));
  rows.push_back(row("search.sort", s.search_sort, s.search_sort.value));
  rows.push_back(row("output.color", s.color, s.color.value));
  for (const auto& [name, path] : s.named_kbs) rows.push_back(row("kb." + name + ".path", path, path.value));
  return rows;
}

// "PATH" when the file exists, else "PATH (none)".
std::string file_state(const fs::path& file) {
  std::error_code ec;
  return safe_path(file.string()) + (fs::exists(file, ec) ? "" : " (none)");
}

void print_text(const std::vector<Row>& rows, const fs::path& root, const fs::path& user) {
  std::string out = "# kb: " + safe_path(root.string()) + "\n";
  out += "# user config: " + (user.empty() ? std::string("(none: neither XDG_CONFIG_HOME nor HOME is set)") : file_state(user)) + "\n";
  out += "# kb config: " + file_state(root / kb::kKbConfigFileName) + "\n";
  for (const Row& r : rows) {
    const std::string value = r.value.is_null() ? std::string("(") + r.built_in + ")"
                                                : r.value.dump(-1, ' ', false,
                                                               json::error_handler_t::replace);
    out += safe_text(r.key) + " = " + safe_text(value) + "  # " + kb::name_of(r.source) +
           (r.origin.empty() ? "" : " " + safe_path(r.origin)) + "\n";
  }
  standard_output().write(out);
}

void print_json(const std::vector<Row>& rows, json summary, double elapsed_ms) {
  const auto line = [](const char* type, json data) {
    write_json_line(standard_output(), type, std::move(data));
  };
  for (const Row& r : rows) {
    line("setting",
         {{"key", r.key}, {"value", r.value}, {"source", kb::name_of(r.source)}, {"origin", r.origin}});
  }
  summary["command"] = "config";
  summary["count"] = rows.size();
  summary["elapsed_ms"] = elapsed_ms;
  line("summary", std::move(summary));
}

int run_config(const GlobalOptions& global, bool as_json) {
  const auto start = std::chrono::steady_clock::now();
  const kb::Settings& settings = run_settings(global);
  // As run_settings() found it: outside a knowledge base, the current
  // folder, as for `index`. A --kb that names nothing is an error.
  auto root = locate_kb(one_kb(global), /*for_indexing=*/true, settings.named_kbs);
  if (!root) return report_error(root.error());
  const fs::path user = user_config_path();
  const fs::path kb_file = *root / kb::kKbConfigFileName;
  const std::vector<Row> rows = rows_of(settings);
  if (!as_json) {
    print_text(rows, *root, user);
    return kExitFound;
  }
  print_json(rows,
             {{"kb", root->string()},
              {"user_config", user.empty() ? json(nullptr) : json(user.string())},
              {"kb_config", kb_file.string()}},
             std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                 .count());
  return kExitFound;
}

}  // namespace

void setup_config(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto json_flag = std::make_shared<bool>(false);
  CLI::App* sub = app.add_subcommand(
      "config",
      "Print the settings in effect and where each came from: built-in, the user config "
      "($XDG_CONFIG_HOME/kbsearch/config.toml), the knowledge base's .kbsearch.toml, the "
      "environment or a flag (cli/README.md, \"Configuration\", lists the keys)");
  sub->add_flag("--json", *json_flag,
                "JSON Lines: a \"setting\" per setting, then a summary naming the files");
  sub->callback([&global, &exit_code, json_flag] { exit_code = run_config(global, *json_flag); });
}

}  // namespace kbcli
