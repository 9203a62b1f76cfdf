// Tests for the config reader (kb/settings.h, store/kb_config.cc): what the
// user config and `.kbsearch.toml` set, how they layer, and that a bad
// file is named, with the line and key, and never stops the work.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "kb/settings.h"
#include "mem_env.h"
#include "test_util.h"

namespace {

using D = kb::LinkDialect;
using Source = kb::SettingSource;

// The settings of a knowledge base whose .kbsearch.toml holds `toml`.
kb::Settings settings_with(const std::string& toml, std::vector<kb::Diagnostic>& problems) {
  const kbtest::TempDir dir;
  kbtest::MemEnv env(dir.path());
  env.write(".kbsearch.toml", toml);
  kb::Settings settings;
  kb::apply_kb_config(env.root(), env, settings, problems);
  return settings;
}

}  // namespace

TEST_CASE("the KB config reads [links] dialect", "[kb_config]") {
  struct Row {
    const char* toml;
    D dialect;
  };
  const Row rows[] = {
      {"[links]\ndialect = \"obsidian\"\n", D::kObsidian},
      {"[links]\ndialect = \"site\"\n", D::kSite},
      {"[links]\ndialect = \"strict\"\n", D::kStrict},
      {"[links]\ndialect = \"auto\"\n", D::kAuto},
      {"[search]\nlimit = 5\n[links]\ndialect = \"site\"\n", D::kSite},
      {"", D::kAuto},
  };
  for (const Row& row : rows) {
    INFO(row.toml);
    std::vector<kb::Diagnostic> problems;
    CHECK(settings_with(row.toml, problems).link_dialect.value == row.dialect);
    CHECK(problems.empty());
  }
}

TEST_CASE("the KB config reads every key, each marked with its file", "[kb_config]") {
  std::vector<kb::Diagnostic> problems;
  const kb::Settings s = settings_with(
      "[index]\nexclude = [\"drafts/\", \"*.tmp.md\"]\n"
      "[dates]\nfile_name = [\"%d.%m.%Y\"]\n"
      "[search]\nlimit = 0\nsort = \"date\"\n"
      "[output]\ncolor = \"never\"\n",
      problems);
  CHECK(problems.empty());
  REQUIRE(s.exclude.size() == 2);
  CHECK(s.exclude[0].value == "drafts/");
  CHECK(s.exclude[1].value == "*.tmp.md");
  CHECK(s.exclude[1].source == Source::kKbConfig);
  CHECK(s.exclude[1].origin.ends_with("/.kbsearch.toml"));
  CHECK(s.file_name_dates.value == std::vector<std::string>{"%d.%m.%Y"});
  CHECK(s.search_limit.value == std::size_t{0});
  CHECK(s.search_sort.value == "date");
  CHECK(s.search_sort.source == Source::kKbConfig);
  CHECK(s.color.value == "never");
  // What the file does not set stays built-in.
  CHECK(s.link_dialect.source == Source::kBuiltIn);
  CHECK(s.link_dialect.origin.empty());
}

TEST_CASE("no config file gives the built-in settings and no problem", "[kb_config]") {
  const kbtest::TempDir dir;
  kbtest::MemEnv env(dir.path());
  std::vector<kb::Diagnostic> problems;
  const kb::Settings s = kb::read_settings(env.root() / "none.toml", env.root(), env, problems);
  CHECK(problems.empty());
  CHECK(s.link_dialect.value == D::kAuto);
  CHECK(s.exclude.empty());
  CHECK(!s.file_name_dates.value);
  CHECK(!s.search_limit.value);
  CHECK(s.search_sort.value == "relevance");
  CHECK(s.color.value == "auto");
  CHECK(s.color.source == Source::kBuiltIn);
}

TEST_CASE("a bad value or bad TOML is named with its file, line and key, and the rest applies",
          "[kb_config]") {
  struct Row {
    const char* toml;
    int line;
    const char* named;  // in the message
  };
  const Row rows[] = {
      {"[links]\ndialect = \"obsidan\"\n", 2, "[links] dialect = \"obsidan\""},
      {"[links]\ndialect = 3\n", 2, "[links] dialect must be a string"},
      {"[output]\n\ncolor = \"sometimes\"\n", 3, "[output] color = \"sometimes\""},
      {"[search]\nlimit = -1\n", 2, "[search] limit"},
      {"[search]\nlimit = \"ten\"\n", 2, "[search] limit"},
      {"[search]\nsort = \"newest\"\n", 2, "[search] sort = \"newest\""},
      {"[index]\nexclude = \"drafts/\"\n", 2, "[index] exclude must be an array of strings"},
      {"[dates]\nfile_name = [\"%Y-%m\"]\n", 2, "\"%Y-%m\" must have each of %Y, %m and %d"},
      {"links = 1\n", 0, "[links] must be a table"},
      {"[links]\ndialect = \"site\"\n[links\n", 3, "not valid TOML"},
      // typos: an unknown key or table
      {"[search]\nlimt = 5\n", 2, "[search] limt is not a setting"},
      {"[serch]\nlimit = 5\n", 1, "[serch] is not a table of settings"},
      // names are read from the user config only
      {"[kb.notes]\npath = \"~/notes\"\n", 0, "[kb] names knowledge bases only in the user"},
  };
  for (const Row& row : rows) {
    INFO(row.toml);
    std::vector<kb::Diagnostic> problems;
    settings_with(row.toml, problems);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].path == ".kbsearch.toml");
    CHECK(problems[0].line == row.line);
    CHECK(problems[0].message.find(row.named) != std::string::npos);
  }
}

TEST_CASE("a bad value leaves that setting as it was and the others apply", "[kb_config]") {
  std::vector<kb::Diagnostic> problems;
  const kb::Settings s = settings_with(
      "[output]\ncolor = \"always\"\n[search]\nsort = \"newest\"\nlimit = 7\n", problems);
  CHECK(problems.size() == 1);
  CHECK(s.color.value == "always");
  CHECK(s.search_limit.value == std::size_t{7});
  CHECK(s.search_sort.value == "relevance");
  CHECK(s.search_sort.source == Source::kBuiltIn);
}

TEST_CASE("a bad format of file-name dates is left out, the good ones kept", "[kb_config]") {
  std::vector<kb::Diagnostic> problems;
  const kb::Settings s =
      settings_with("[dates]\nfile_name = [\"%Y%m%d\", \"%Y-%b\", \"%d.%m.%Y\"]\n", problems);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].message.find("%b") != std::string::npos);
  CHECK(s.file_name_dates.value == std::vector<std::string>{"%Y%m%d", "%d.%m.%Y"});
  // [] is a setting of its own: no dates from file names.
  CHECK(settings_with("[dates]\nfile_name = []\n", problems).file_name_dates.value ==
        std::vector<std::string>{});
}

TEST_CASE("the KB config is laid over the user config, and excludes add up", "[kb_config]") {
  const kbtest::TempDir dir;
  kbtest::MemEnv env(dir.path());
  env.write("home/config.toml",
            "[index]\nexclude = [\"archive/\"]\n[search]\nsort = \"date\"\nlimit = 50\n"
            "[kb.notes]\npath = \"~/notes\"\n[kb.work]\npath = \"/srv/work\"\n");
  env.write("kb/.kbsearch.toml",
            "[index]\nexclude = [\"!archive/keep.md\"]\n[search]\nsort = \"title\"\n"
            "[output]\ncolor = \"nope\"\n");
  const auto user = env.root() / "home/config.toml";
  std::vector<kb::Diagnostic> problems;
  const kb::Settings s = kb::read_settings(user, env.root() / "kb", env, problems);
  // The KB's bad colour is named and leaves the user's (here built-in) one.
  REQUIRE(problems.size() == 1);
  CHECK(s.color.value == "auto");
  CHECK(s.search_sort.value == "title");
  CHECK(s.search_sort.source == Source::kKbConfig);
  CHECK(s.search_limit.value == std::size_t{50});
  CHECK(s.search_limit.source == Source::kUserConfig);
  CHECK(s.search_limit.origin == user.string());
  REQUIRE(s.exclude.size() == 2);
  CHECK(s.exclude[0].value == "archive/");
  CHECK(s.exclude[0].source == Source::kUserConfig);
  CHECK(s.exclude[1].value == "!archive/keep.md");
  REQUIRE(s.named_kbs.size() == 2);
  CHECK(s.named_kbs.at("notes").value == "~/notes");
  CHECK(s.named_kbs.at("work").value == "/srv/work");
}

TEST_CASE("a bad [kb.NAME] in the user config is named with the user config's path",
          "[kb_config]") {
  const kbtest::TempDir dir;
  kbtest::MemEnv env(dir.path());
  env.write("config.toml", "[kb.notes]\npth = \"~/notes\"\n[kb.ok]\npath = \"/x\"\n");
  kb::Settings s;
  std::vector<kb::Diagnostic> problems;
  kb::apply_user_config(env.root() / "config.toml", env, s, problems);
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].path == (env.root() / "config.toml").string());
  CHECK(problems[0].line == 2);
  CHECK(problems[0].message.find("[kb.notes] pth") != std::string::npos);
  CHECK(problems[1].message.find("[kb.notes] has no path") != std::string::npos);
  CHECK(s.named_kbs.size() == 1);
  CHECK(s.named_kbs.count("ok") == 1);
}

TEST_CASE("[kb.NAME] remote with timeout_ms names a remote index, and [group.NAME] a group",
          "[kb_config]") {
  const kbtest::TempDir dir;
  kbtest::MemEnv env(dir.path());
  env.write("config.toml",
            "[kb.mine]\npath = \"~/notes\"\n"
            "[kb.wiki]\nremote = \"wiki.lab:7390\"\ntimeout_ms = 2000\n"
            "[kb.archive]\nremote = \"10.0.0.9:7391\"\n"
            "[kb.both]\npath = \"/x\"\nremote = \"h:1\"\n"
            "[kb.slow]\nremote = \"h:2\"\ntimeout_ms = 0\n"
            "[group.lab]\nkbs = [\"mine\", \"wiki\"]\nlinked = true\n"
            "[group.loose]\nkbs = [\"mine\", \"archive\"]\n"
            "[group.none]\nkbs = []\n"
            "[group.odd]\nkbs = [\"mine\"]\nlinked = \"yes\"\nsize = 3\n");
  kb::Settings s;
  std::vector<kb::Diagnostic> problems;
  kb::apply_user_config(env.root() / "config.toml", env, s, problems);
  CHECK(s.named_kbs.count("mine") == 1);
  REQUIRE(s.named_remotes.count("wiki") == 1);
  CHECK(s.named_remotes.at("wiki").value.address == "wiki.lab:7390");
  CHECK(s.named_remotes.at("wiki").value.timeout == std::chrono::milliseconds(2000));
  // The built-in timeout when none is given, and when the one given is bad.
  CHECK(s.named_remotes.at("archive").value.timeout == std::chrono::milliseconds(5000));
  CHECK(s.named_remotes.at("slow").value.timeout == std::chrono::milliseconds(5000));
  // Both a path and a remote is neither.
  CHECK(s.named_kbs.count("both") == 0);
  CHECK(s.named_remotes.count("both") == 0);
  REQUIRE(s.groups.count("lab") == 1);
  CHECK(s.groups.at("lab").value.kbs == std::vector<std::string>{"mine", "wiki"});
  CHECK(s.groups.at("lab").value.linked);
  CHECK_FALSE(s.groups.at("loose").value.linked);
  CHECK(s.groups.count("none") == 0);
  REQUIRE(s.groups.count("odd") == 1);
  CHECK_FALSE(s.groups.at("odd").value.linked);
  std::vector<std::string> messages;
  for (const kb::Diagnostic& d : problems) messages.push_back(d.message);
  const auto said = [&](const std::string& text) {
    return std::any_of(messages.begin(), messages.end(),
                       [&](const std::string& m) { return m.find(text) != std::string::npos; });
  };
  CHECK(problems.size() == 5);
  CHECK(said("[kb.both] has both a path and a remote"));
  CHECK(said("[kb.slow] timeout_ms must be a whole number"));
  CHECK(said("[group.none] kbs names no knowledge base"));
  CHECK(said("[group.odd] linked must be true or false"));
  CHECK(said("[group.odd] size is not a setting"));
}

TEST_CASE("[group.NAME] in a knowledge base's own config is ignored, and said so",
          "[kb_config]") {
  const kbtest::TempDir dir;
  kbtest::MemEnv env(dir.path());
  env.write(".kbsearch.toml", "[group.lab]\nkbs = [\"a\"]\n");
  kb::Settings s;
  std::vector<kb::Diagnostic> problems;
  kb::apply_kb_config(env.root(), env, s, problems);
  CHECK(s.groups.empty());
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].message.find("only in the user config") != std::string::npos);
}
