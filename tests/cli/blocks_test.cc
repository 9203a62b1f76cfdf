// `kbsearch blocks tag:X [QUERY]`: the blocks a tag covers, on fixtures/kb.
// Expected lines come from the fixture files, not from earlier output.
#include <string>
#include <vector>

#include "kbsearch_run.h"

namespace {

using kbtest::IndexedKb;
using kbtest::Run;
using nlohmann::json;

const char* kJournal = "posts/000_7de7bcde4ef4daba.md";  // seed 000, a weekly journal
const char* kEnglish = "English/attention-notes.md";

// The 1-based line of the note at `path` (in fixtures/kb) that starts with
// `start`, or 0.
int line_starting(const std::string& path, const std::string& start) {
  const std::string text = kbtest::read_file(std::string(KB_FIXTURES_DIR) + "/kb/" + path);
  int line = 1;
  for (const std::string& l : kbtest::split(text, '\n')) {
    if (l.rfind(start, 0) == 0) return line;
    ++line;
  }
  return 0;
}

// The blocks of `path` in the JSON Lines `out`.
std::vector<json> blocks_of(const std::string& out, const std::string& path) {
  std::vector<json> found;
  for (const json& block : kbtest::data_of(out, "block")) {
    if (block.at("path") == path) found.push_back(block);
  }
  return found;
}

}  // namespace

TEST_CASE("blocks tag:attention lists the journal's tagged bullet and not its other bullets",
          "[cli][blocks]") {
  IndexedKb fixture;
  const int bullet = line_starting(kJournal, "- #LLM #attention ");
  REQUIRE(bullet > 0);
  // From the root and from a subfolder of the knowledge base.
  for (const auto& cwd : {fixture.kb, fixture.kb / "posts"}) {
    INFO("in " << cwd);
    const Run run = kbtest::kbsearch({"blocks", "tag:attention", "--json"}, cwd);
    REQUIRE(run.exit_code == 0);
    const std::vector<json> journal = blocks_of(run.out, kJournal);
    REQUIRE(journal.size() == 1);
    CHECK(journal[0].at("line") == bullet);
    CHECK(journal[0].at("kind") == "item");
    CHECK(journal[0].at("text").get<std::string>().find("decoder-only") != std::string::npos);
    CHECK(journal[0].at("tags") == json::array({"LLM", "attention"}));
    // The English note's tagged bullet is listed too; the journal's
    // mojibake copy is the same text, shown once.
    const std::vector<json> english = blocks_of(run.out, kEnglish);
    REQUIRE(english.size() == 1);
    CHECK(english[0].at("line") == line_starting(kEnglish, "- #attention "));
    CHECK(blocks_of(run.out, "posts/001_55c4e469920f7bc4.md").empty());
  }
  const Run text = kbtest::kbsearch({"blocks", "tag:attention"}, fixture.kb);
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find(std::string(kJournal) + ":" + std::to_string(bullet) + "  2024-10-20  ") !=
        std::string::npos);
  CHECK(text.out.find("  #LLM #attention 在 ") != std::string::npos);
  // The journal's other bullets (#research, a plain one) are not printed.
  CHECK(text.out.find("#research") == std::string::npos);
  CHECK(text.out.find("LeCun") == std::string::npos);
}

TEST_CASE("blocks lists the newest note first", "[cli][blocks]") {
  IndexedKb fixture;
  const Run run = kbtest::kbsearch({"blocks", "tag:attention", "--json"}, fixture.kb);
  REQUIRE(run.exit_code == 0);
  const std::vector<json> blocks = kbtest::data_of(run.out, "block");
  REQUIRE(blocks.size() >= 2);
  for (std::size_t i = 1; i < blocks.size(); ++i) {
    CHECK(blocks[i - 1].at("date").get<std::string>().substr(0, 10) >=
          blocks[i].at("date").get<std::string>().substr(0, 10));
  }
  // The journal is dated 2024-10-20 in its front matter, the English note
  // 2024-09-02.
  CHECK(blocks.front().at("path") == kJournal);
}

TEST_CASE("blocks tag:LLM QUERY keeps the blocks whose own text matches", "[cli][blocks]") {
  IndexedKb fixture;
  const Run all = kbtest::kbsearch({"blocks", "tag:LLM", "--json"}, fixture.kb);
  REQUIRE(all.exit_code == 0);
  const std::size_t tagged = kbtest::data_of(all.out, "block").size();
  // GPT.md's bullet is tagged #LLM too, and does not say softmax.
  REQUIRE(blocks_of(all.out, "大模型LM/文献精读/GPT.md").size() == 1);
  for (const std::string word : {"softmax", "满秩", "matrices"}) {
    INFO(word);
    // "满秩" is a substring of the bullet's Chinese; "matrices" is not in
    // it, nor is its stem: that finds nothing.
    const Run run = kbtest::kbsearch({"blocks", "tag:LLM", word, "--json"}, fixture.kb);
    if (word == "matrices") {
      CHECK(run.exit_code == 1);
      continue;
    }
    REQUIRE(run.exit_code == 0);
    const std::vector<json> blocks = kbtest::data_of(run.out, "block");
    CHECK(blocks.size() < tagged);
    REQUIRE(blocks_of(run.out, kJournal).size() == 1);
    CHECK(blocks_of(run.out, "大模型LM/文献精读/GPT.md").empty());
    for (const json& block : blocks) {
      CHECK(block.at("text").get<std::string>().find(word) != std::string::npos);
    }
  }
}

TEST_CASE("A word to exclude is looked for in the block, not in the note", "[cli][blocks]") {
  IndexedKb fixture;
  // The English note says softmax many times, but not in its tagged bullet.
  const Run run = kbtest::kbsearch({"blocks", "tag:attention", "-softmax", "--json"}, fixture.kb);
  REQUIRE(run.exit_code == 0);
  CHECK(blocks_of(run.out, kEnglish).size() == 1);
  CHECK(blocks_of(run.out, kJournal).empty());
}

TEST_CASE("blocks --json: each line has the format version, and a summary comes last",
          "[cli][blocks]") {
  IndexedKb fixture;
  const Run run = kbtest::kbsearch({"blocks", "tag:attention", "--json"}, fixture.kb);
  REQUIRE(run.exit_code == 0);
  const std::vector<std::string> lines = kbtest::printed_lines(run.out);
  REQUIRE(lines.size() >= 2);
  for (const std::string& line : lines) {
    const json parsed = json::parse(line);
    CHECK(parsed.at("data").at("format_version") == 1);
  }
  const json summary = json::parse(lines.back());
  CHECK(summary.at("type") == "summary");
  CHECK(summary.at("data").at("command") == "blocks");
  CHECK(summary.at("data").at("count") == lines.size() - 1);
  CHECK(summary.at("data").at("total") == lines.size() - 1);
  CHECK(summary.at("data").at("query") == "tag:attention");
  const json block = kbtest::data_of(run.out, "block").front();
  for (const char* key : {"path", "title", "date", "kind", "line", "last_line", "text", "tags"}) {
    CHECK(block.contains(key));
  }
}

TEST_CASE("blocks --limit shows the first blocks and says how many there are", "[cli][blocks]") {
  IndexedKb fixture;
  const Run run = kbtest::kbsearch({"blocks", "tag:attention", "-n", "1"}, fixture.kb);
  REQUIRE(run.exit_code == 0);
  CHECK(run.out.find(kJournal) != std::string::npos);
  CHECK(run.out.find(kEnglish) == std::string::npos);
  CHECK(run.out.find("(1 of 2 blocks") != std::string::npos);
}

TEST_CASE("blocks with an unknown tag finds nothing: exit 1", "[cli][blocks]") {
  IndexedKb fixture;
  const Run run = kbtest::kbsearch({"blocks", "tag:no-such-tag"}, fixture.kb);
  CHECK(run.exit_code == 1);
  CHECK(run.out.empty());
}

TEST_CASE("A tag from the front matter only covers no block: exit 1", "[cli][blocks]") {
  IndexedKb fixture;
  // The journal's front matter says `tags: 反思与总结`; `tag:` finds the note.
  REQUIRE(kbtest::kbsearch({"--files", "tag:反思与总结"}, fixture.kb).out.find(kJournal) !=
          std::string::npos);
  const Run run = kbtest::kbsearch({"blocks", "tag:反思与总结"}, fixture.kb);
  CHECK(run.exit_code == 1);
  CHECK(run.out.empty());
}

TEST_CASE("blocks without tag: is a usage error that names it", "[cli][blocks]") {
  IndexedKb fixture;
  for (const auto& cwd : {fixture.kb, fixture.kb / "posts"}) {
    const Run run = kbtest::kbsearch({"blocks", "softmax"}, cwd);
    CHECK(run.exit_code == 2);
    CHECK(run.err.find("tag:") != std::string::npos);
    CHECK(run.out.empty());
  }
}

TEST_CASE("blocks --format prints each block's fields, paths from the current folder",
          "[cli][blocks]") {
  IndexedKb fixture;
  const int bullet = line_starting(kJournal, "- #LLM #attention ");
  REQUIRE(bullet > 0);
  for (const auto& [cwd, shown] :
       {std::pair{fixture.kb, std::string(kJournal)},
        std::pair{fixture.kb / "English", "../" + std::string(kJournal)}}) {
    INFO("in " << cwd);
    const Run run = kbtest::kbsearch(
        {"blocks", "tag:attention", "--format", "{path}:{line}\\t{kind}\\t{tags}\\t{text}"}, cwd);
    REQUIRE(run.exit_code == 0);
    const std::string expected = shown + ":" + std::to_string(bullet) + "\titem\tLLM, attention\t#LLM #attention 在 ";
    CHECK(("\n" + run.out).find("\n" + expected) != std::string::npos);
    // One line a block, as many as --json lists.
    const Run json_run = kbtest::kbsearch({"blocks", "tag:attention", "--json"}, cwd);
    CHECK(kbtest::printed_lines(run.out).size() == kbtest::data_of(json_run.out, "block").size());
  }
  const Run bad = kbtest::kbsearch({"blocks", "tag:attention", "--format", "{snippet}"}, fixture.kb);
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("{snippet}") != std::string::npos);
}

TEST_CASE("blocks: a wildcard past the expansion limit is a query error (exit 2)",
          "[cli][blocks]") {
  kbtest::TempDir dir;
  const std::filesystem::path kb = dir.path() / "kb";
  std::string words;
  for (int i = 0; i < 1100; ++i) words += " wide" + std::to_string(i);
  kbtest::write_file(kb / "many.md", "# many\n\n- #big" + words + "\n");
  REQUIRE(kbtest::kbsearch({"index", "--kb", kb.string()}, dir.path()).exit_code == 0);
  CHECK(kbtest::kbsearch({"--kb", kb.string(), "blocks", "tag:big", "wide1*"}, dir.path())
            .exit_code == 0);
  const Run run = kbtest::kbsearch({"--kb", kb.string(), "blocks", "tag:big", "wide*"}, dir.path());
  CHECK(run.exit_code == 2);
  CHECK(run.err.find("max_wildcard_expansion") != std::string::npos);
}
