// kb-export (tools/kb-export/) on a copy of fixtures/kb: its document holds
// what the crawl finds and what kbsearch's commands answer, bad input
// fails as kbsearch's does, and fixtures/README.md states its figures.
// The search index is checked by search_index_test.py beside this file.
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "../cli/kbsearch_run.h"
#include "kb/crawler.h"

namespace {

namespace fs = std::filesystem;
using kbtest::Run;
using nlohmann::json;

// Runs kb-export with `args` in `cwd`, in kbsearch's clean environment.
Run kb_export(const std::vector<std::string>& args, const fs::path& cwd) {
  std::string cmd = "env -u KBSEARCH_KB LANG= LC_ALL= XDG_CONFIG_HOME=/nonexistent/kbsearch-tests " +
                    kbtest::shell_quote(KB_EXPORT_BIN);
  for (const std::string& a : args) cmd += " " + kbtest::shell_quote(a);
  return kbtest::run_in(cwd, cmd);
}

// A copy of fixtures/kb, not indexed yet: kb-export builds the index.
struct KbCopy {
  kbtest::TempDir dir;
  fs::path kb = dir.path() / "kb";
  KbCopy() { kbtest::copy_fixture("kb", kb); }
};

json exported(const KbCopy& copy, const std::vector<std::string>& more = {}) {
  std::vector<std::string> args = {"--kb", copy.kb.string()};
  args.insert(args.end(), more.begin(), more.end());
  const Run run = kb_export(args, copy.dir.path());
  REQUIRE(run.exit_code == 0);
  return json::parse(run.out);
}

// The `data` of kbsearch's JSON lines of `type` for `args`.
std::vector<json> kbsearch_data(const KbCopy& copy, std::vector<std::string> args,
                                const std::string& type) {
  args.insert(args.end(), {"--kb", copy.kb.string(), "--json"});
  const Run run = kbtest::kbsearch(args, copy.dir.path());
  REQUIRE(run.exit_code == 0);
  return kbtest::data_of(run.out, type);
}

std::set<std::string> note_paths(const json& doc) {
  std::set<std::string> paths;
  for (const json& note : doc.at("notes")) paths.insert(note.at("path").get<std::string>());
  return paths;
}

const json& note_at(const json& doc, const std::string& path) {
  for (const json& note : doc.at("notes")) {
    if (note.at("path") == path) return note;
  }
  FAIL("no note " << path);
  throw;  // not reached: FAIL throws
}

// "kb-export figures: 41 notes, 41 tags, ..." in fixtures/README.md, as
// {"notes": 41, "tags": 41, ...}.
std::map<std::string, std::size_t> readme_figures() {
  std::ifstream readme(fs::path(KB_FIXTURES_DIR) / "README.md");
  const std::regex figure("([0-9]+) ([a-z]+)");
  for (std::string line; std::getline(readme, line);) {
    if (line.rfind("kb-export figures:", 0) != 0) continue;
    std::map<std::string, std::size_t> figures;
    for (auto it = std::sregex_iterator(line.begin(), line.end(), figure);
         it != std::sregex_iterator(); ++it) {
      figures[(*it)[2]] = std::stoul((*it)[1]);
    }
    return figures;
  }
  FAIL("fixtures/README.md has no line starting \"kb-export figures:\"");
  return {};
}

}  // namespace

TEST_CASE("the export holds every note the crawl finds, with the fixture's facts") {
  KbCopy copy;
  const json doc = exported(copy);
  CHECK(doc.at("format_version") == 1);
  CHECK(doc.at("generator").get<std::string>().rfind("kb-export ", 0) == 0);

  std::vector<kb::Diagnostic> problems;
  auto crawled = kb::crawl(copy.kb, problems);
  REQUIRE(crawled);
  std::set<std::string> found;
  for (const kb::NoteFile& f : crawled->notes) found.insert(f.path);
  CHECK(note_paths(doc) == found);
  CHECK(found.size() == 41);  // fixtures/README.md

  // fixtures/README.md: the central note, its 7 backlinking notes, its
  // headings and its two links out.
  const json& transformer = note_at(doc, "大模型LM/文献精读/Transformer.md");
  CHECK(transformer.at("title") == "Transformer 精读");
  CHECK(transformer.at("tags") == json({"LLM", "注意力"}));
  CHECK(transformer.at("backlinks") == 7);
  std::set<std::string> slugs;
  for (const json& h : transformer.at("headings")) slugs.insert(h.at("slug").get<std::string>());
  CHECK(slugs.count("缩放点积注意力") == 1);
  CHECK(slugs.count("多头注意力") == 1);
  std::set<std::string> targets;
  for (const json& l : transformer.at("links")) targets.insert(l.at("target").get<std::string>());
  CHECK(targets == std::set<std::string>{"大模型LM/文献精读/BERT.md", "大模型LM/文献精读/GPT.md"});
  CHECK(transformer.at("text").get<std::string>().find("多头注意力") != std::string::npos);

  // A broken link has no target; the skipped files are nowhere.
  bool broken_without_target = false;
  for (const json& l : note_at(doc, "混合/broken-links.md").at("links")) {
    if (l.at("raw") == "../不存在的笔记.md") {
      broken_without_target = l.at("status") == "broken" && l.at("target").is_null();
    }
  }
  CHECK(broken_without_target);
  CHECK(note_paths(doc).count(".hidden/secret.md") == 0);
}

TEST_CASE("the export's tags, links, broken links and orphans are kbsearch's") {
  KbCopy copy;
  const json doc = exported(copy);

  std::map<std::string, std::size_t> exported_tags, listed_tags;
  for (const json& t : doc.at("tags")) exported_tags[t.at("name")] = t.at("notes");
  for (const json& t : kbsearch_data(copy, {"tags"}, "tag")) listed_tags[t.at("name")] = t.at("notes");
  CHECK(exported_tags == listed_tags);
  CHECK_FALSE(listed_tags.empty());

  std::set<std::pair<std::string, std::string>> exported_edges, drawn_edges;
  for (const json& e : doc.at("links")) exported_edges.emplace(e.at("source"), e.at("target"));
  for (const json& e : kbsearch_data(copy, {"graph", "--all"}, "edge")) {
    drawn_edges.emplace(e.at("source"), e.at("target"));
  }
  CHECK(exported_edges == drawn_edges);
  CHECK(exported_edges.count({"大模型LM/文献精读/BERT.md", "大模型LM/文献精读/Transformer.md"}) == 1);

  using BrokenLink = std::tuple<std::string, int, std::string, std::string>;
  std::multiset<BrokenLink> exported_broken, listed_broken;
  for (const json& l : doc.at("broken")) {
    exported_broken.emplace(l.at("source"), l.at("line"), l.at("raw"), l.at("status"));
  }
  for (const json& l : kbsearch_data(copy, {"broken"}, "link")) {
    listed_broken.emplace(l.at("source"), l.at("line"), l.at("raw"), l.at("status"));
  }
  CHECK(exported_broken == listed_broken);
  CHECK(exported_broken.size() == 7);  // fixtures/README.md

  std::set<std::string> exported_orphans, listed_orphans;
  for (const json& p : doc.at("orphans")) exported_orphans.insert(p.get<std::string>());
  for (const json& n : kbsearch_data(copy, {"orphans"}, "note")) listed_orphans.insert(n.at("path"));
  CHECK(exported_orphans == listed_orphans);
  CHECK(exported_orphans.size() == 14);  // fixtures/README.md
}

TEST_CASE("fixtures/README.md states the figures kb-export prints") {
  KbCopy copy;
  const json doc = exported(copy);
  const std::map<std::string, std::size_t> printed = {
      {"notes", doc.at("notes").size()},   {"tags", doc.at("tags").size()},
      {"links", doc.at("links").size()},   {"broken", doc.at("broken").size()},
      {"orphans", doc.at("orphans").size()}};
  CHECK(readme_figures() == printed);
}

TEST_CASE("kb-export writes to a file, indents, and leaves out the text when asked") {
  KbCopy copy;
  const fs::path file = copy.dir.path() / "kb.json";
  const Run to_file = kb_export({"--kb", copy.kb.string(), "-o", file.string(), "--pretty"},
                                copy.dir.path());
  REQUIRE(to_file.exit_code == 0);
  CHECK(to_file.out.empty());
  const std::string written = kbtest::read_file(file);
  CHECK(written.find("\n  \"notes\": [") != std::string::npos);
  CHECK(json::parse(written) == exported(copy));

  const json without_text = exported(copy, {"--no-text"});
  for (const json& note : without_text.at("notes")) CHECK_FALSE(note.contains("text"));
}

TEST_CASE("a note that cannot be read is named on stderr and the export goes on") {
  KbCopy copy;
  const std::string binary("abc\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0def\0\0\0\0\0\0\0\0", 28);

  SECTION("a note never indexed is left out") {
    kbtest::write_file(copy.kb / "binary.md", binary);
    const Run run = kb_export({"--kb", copy.kb.string()}, copy.dir.path());
    REQUIRE(run.exit_code == 0);
    CHECK(run.err.find("binary.md") != std::string::npos);
    const json doc = json::parse(run.out);
    CHECK(note_paths(doc).count("binary.md") == 0);
    CHECK(doc.at("notes").size() == 41);
  }
  SECTION("an indexed note is exported as the index holds it") {
    REQUIRE(kb_export({"--kb", copy.kb.string()}, copy.dir.path()).exit_code == 0);
    kbtest::write_file(copy.kb / "大模型LM/文献精读/GPT.md", binary);
    const Run run = kb_export({"--kb", copy.kb.string()}, copy.dir.path());
    REQUIRE(run.exit_code == 0);
    CHECK(run.err.find("大模型LM/文献精读/GPT.md") != std::string::npos);
    const json doc = json::parse(run.out);
    const json& gpt = note_at(doc, "大模型LM/文献精读/GPT.md");
    CHECK(gpt.at("title") == "GPT 系列精读");
    CHECK(gpt.at("text") == "");
    CHECK(doc.at("notes").size() == 41);
  }
}

TEST_CASE("kb-export fails as kbsearch does: 3 for a missing KB, 2 for usage") {
  kbtest::TempDir dir;
  const fs::path missing = dir.path() / "no-such-kb";
  const Run gone = kb_export({"--kb", missing.string()}, dir.path());
  CHECK(gone.exit_code == 3);
  CHECK(gone.err.find(missing.string()) != std::string::npos);
  CHECK(gone.out.empty());

  const Run none = kb_export({}, dir.path());  // no --kb, no index above
  CHECK(none.exit_code == 2);
  CHECK(none.err.find("knowledge base") != std::string::npos);

  CHECK(kb_export({"--no-such-option"}, dir.path()).exit_code == 2);

  KbCopy copy;
  const fs::path unwritable = dir.path() / "no-such-folder" / "kb.json";
  const Run unwritten = kb_export({"--kb", copy.kb.string(), "-o", unwritable.string()}, dir.path());
  CHECK(unwritten.exit_code == 3);
  CHECK(unwritten.err.find(unwritable.string()) != std::string::npos);
}
