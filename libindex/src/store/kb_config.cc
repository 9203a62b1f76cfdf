#include "store/kb_config.h"

#include <cpptoml.h>

#include <sstream>

namespace kb {

namespace {

// The dialect `text` names, or kAuto with a problem for anything else.
LinkDialect dialect_named(const std::string& text, std::vector<Diagnostic>& problems) {
  for (LinkDialect d :
       {LinkDialect::kAuto, LinkDialect::kStrict, LinkDialect::kObsidian, LinkDialect::kSite}) {
    if (text == name_of(d)) return d;
  }
  problems.push_back(Diagnostic{kConfigFileName, 0,
                                "[links] dialect = \"" + text +
                                    "\" is not one of auto, obsidian, site, strict: using auto"});
  return LinkDialect::kAuto;
}

void read_links(const cpptoml::table& links, KbConfig& config, std::vector<Diagnostic>& problems) {
  if (!links.contains("dialect")) return;
  const auto dialect = links.get_as<std::string>("dialect");
  if (!dialect) {
    problems.push_back(
        Diagnostic{kConfigFileName, 0, "[links] dialect must be a string: using auto"});
    return;
  }
  config.link_dialect = dialect_named(*dialect, problems);
}

}  // namespace

KbConfig read_kb_config(const std::filesystem::path& root, const Env& env,
                        std::vector<Diagnostic>& problems) {
  KbConfig config;
  Result<std::string> text = env.read_file(root / kConfigFileName);
  if (!text) {
    if (text.error().code() != Code::kNotFound) {
      problems.push_back(Diagnostic{kConfigFileName, 0,
                                    "cannot read: " + text.error().message() + "; using defaults"});
    }
    return config;
  }
  std::shared_ptr<cpptoml::table> table;
  try {
    std::istringstream in(*text);
    table = cpptoml::parser(in).parse();
  } catch (const cpptoml::parse_exception& e) {
    problems.push_back(Diagnostic{kConfigFileName, 0,
                                  std::string("not valid TOML (") + e.what() + "); using defaults"});
    return config;
  }
  if (table->contains("links")) {
    const auto links = table->get_table("links");
    if (links) {
      read_links(*links, config, problems);
    } else {
      problems.push_back(Diagnostic{kConfigFileName, 0, "links must be a table: ignored"});
    }
  }
  return config;
}

}  // namespace kb
