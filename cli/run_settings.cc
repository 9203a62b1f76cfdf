#include "run_settings.h"

#include <cstdlib>
#include <iostream>
#include <optional>

#include "exit_codes.h"
#include "kb_location.h"

namespace kbcli {
namespace fs = std::filesystem;

namespace {

// The value of the environment variable `name`, or "" when unset.
std::string env_value(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

// Lays the flags (--exclude, --color) and NO_COLOR over `settings`.
void with_flags(const GlobalOptions& global, kb::Settings& settings) {
  for (const std::string& glob : global.exclude) {
    settings.exclude.push_back(
        kb::Setting<std::string>{glob, kb::SettingSource::kFlag, "--exclude"});
  }
  if (settings.color.source == kb::SettingSource::kBuiltIn && !env_value("NO_COLOR").empty()) {
    settings.color.set("never", kb::SettingSource::kEnv, "NO_COLOR");
  }
  if (!global.color.empty()) settings.color.set(global.color, kb::SettingSource::kFlag, "--color");
}

// The settings for `global`, with each config problem printed.
kb::Settings read_run_settings(const GlobalOptions& global) {
  kb::Settings settings;
  std::vector<kb::Diagnostic> user_problems;
  const fs::path user = user_config_path();
  if (!user.empty()) kb::apply_user_config(user, kb::Env::system(), settings, user_problems);
  for (const kb::Diagnostic& d : user_problems) {
    report_warning(d.to_string());
  }
  // A knowledge base not found is the command's error to report, later.
  auto root = locate_kb(one_kb(global), /*for_indexing=*/true, settings.named_kbs);
  if (root) {
    std::vector<kb::Diagnostic> kb_problems;
    kb::apply_kb_config(*root, kb::Env::system(), settings, kb_problems);
    for (kb::Diagnostic d : kb_problems) {
      // From a subfolder ".kbsearch.toml" alone would not say which one.
      d.path = (*root / d.path).string();
      report_warning(d.to_string());
    }
  }
  with_flags(global, settings);
  return settings;
}

}  // namespace

fs::path user_config_path() {
  const std::string xdg = env_value("XDG_CONFIG_HOME");
  // XDG: a relative value is invalid and to be ignored.
  if (!xdg.empty() && fs::path(xdg).is_absolute()) return fs::path(xdg) / "kbsearch/config.toml";
  const std::string home = env_value("HOME");
  if (home.empty()) return {};
  return fs::path(home) / ".config/kbsearch/config.toml";
}

kb::Settings settings_for(const GlobalOptions& global, const fs::path& root) {
  std::vector<kb::Diagnostic> problems;
  kb::Settings settings = kb::read_settings(user_config_path(), root, kb::Env::system(), problems);
  with_flags(global, settings);
  return settings;
}

const kb::Settings& run_settings(const GlobalOptions& global) {
  static const kb::Settings settings = read_run_settings(global);
  return settings;
}

}  // namespace kbcli
