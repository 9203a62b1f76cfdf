// Tests for store/kb_config.h: what `.kbsearch.toml` sets, and that a bad
// file is named and never stops the work.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "mem_env.h"
#include "store/kb_config.h"
#include "test_util.h"

namespace {

using D = kb::LinkDialect;

// The config of a knowledge base whose .kbsearch.toml holds `toml`.
kb::KbConfig config_with(const std::string& toml, std::vector<kb::Diagnostic>& problems) {
  const kbtest::TempDir dir;
  kbtest::MemEnv env(dir.path());
  env.write(".kbsearch.toml", toml);
  return kb::read_kb_config(env.root(), env, problems);
}

}  // namespace

TEST_CASE("read_kb_config reads [links] dialect", "[kb_config]") {
  struct Row {
    const char* toml;
    D dialect;
  };
  const Row rows[] = {
      {"[links]\ndialect = \"obsidian\"\n", D::kObsidian},
      {"[links]\ndialect = \"site\"\n", D::kSite},
      {"[links]\ndialect = \"strict\"\n", D::kStrict},
      {"[links]\ndialect = \"auto\"\n", D::kAuto},
      // Other settings, and tables of later versions, are left alone.
      {"[search]\nlimit = 5\n[links]\ndialect = \"site\"\nother = 1\n", D::kSite},
      {"", D::kAuto},
  };
  for (const Row& row : rows) {
    INFO(row.toml);
    std::vector<kb::Diagnostic> problems;
    CHECK(config_with(row.toml, problems).link_dialect == row.dialect);
    CHECK(problems.empty());
  }
}

TEST_CASE("read_kb_config without a file gives the defaults and no problem", "[kb_config]") {
  const kbtest::TempDir dir;
  kbtest::MemEnv env(dir.path());
  std::vector<kb::Diagnostic> problems;
  CHECK(kb::read_kb_config(env.root(), env, problems).link_dialect == D::kAuto);
  CHECK(problems.empty());
}

TEST_CASE("read_kb_config names the file for a bad value or bad TOML and keeps the default",
          "[kb_config]") {
  for (const char* toml : {"[links]\ndialect = \"obsidan\"\n", "[links]\ndialect = 3\n",
                           "[links\ndialect = \"site\"\n", "links = 1\n"}) {
    INFO(toml);
    std::vector<kb::Diagnostic> problems;
    CHECK(config_with(toml, problems).link_dialect == D::kAuto);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].path == ".kbsearch.toml");
  }
  std::vector<kb::Diagnostic> problems;
  config_with("[links]\ndialect = \"obsidan\"\n", problems);
  CHECK(problems[0].message.find("obsidan") != std::string::npos);
}
