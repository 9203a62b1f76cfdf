// End-to-end tests: the built `kbsearch` on a temporary copy of fixtures/kb.
// Expected values come from the fixture's content (see fixtures/README.md),
// computed here by scanning the files, not from the program's output.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "indexed_fixture.h"
#include "kb/index.h"
#include "kbsearch_run.h"
#include "test_util.h"

namespace fs = std::filesystem;

using namespace kbtest;  // NOLINT: the runner and readers of kbsearch_run.h

TEST_CASE("index reports every note of the knowledge base", "[cli]") {
  kbtest::TempDir dir;
  const fs::path kb = dir.path() / "kb";
  kbtest::copy_fixture("kb", kb);
  const std::string total = std::to_string(count_notes(kb));

  Run first = kbsearch({"index", "--kb", kb.string()}, dir.path());
  CHECK(first.exit_code == 0);
  CHECK(first.out.find(": " + total + " notes (" + total + " added, 0 updated") !=
        std::string::npos);
  CHECK(fs::is_directory(kb / ".kbsearch"));
  // The fixture's broken front matter is named in a warning, not fatal,
  // and the summary counts the warnings printed.
  CHECK(first.err.find("edge/broken-frontmatter.md:") != std::string::npos);
  const auto warnings = static_cast<std::size_t>(
      std::count(first.err.begin(), first.err.end(), '\n'));
  CHECK(warnings >= 2);
  CHECK(first.out.find(", " + std::to_string(warnings) + " warnings) in ") != std::string::npos);

  Run second = kbsearch({"index", "--kb", kb.string()}, dir.path());
  CHECK(second.exit_code == 0);
  CHECK(second.out.find("0 added, 0 updated, 0 removed, " + total +
                        " unchanged") != std::string::npos);
}

TEST_CASE("attention softmax finds the seed weekly summary with a snippet",
          "[cli]") {
  IndexedKb fx;
  Run run = kbsearch({"--kb", fx.kb.string(), "attention softmax"},
                     fx.dir.path());
  REQUIRE(run.exit_code == 0);
  const std::vector<std::string> lines = printed_lines(run.out);
  // Seed 001, the repaired mojibake copy, has the same title; 000 must be
  // there with it.
  bool found = false;
  for (std::size_t i = 0; i + 2 < lines.size(); ++i) {
    if (lines[i] != "一周总结与回顾-0" ||
        lines[i + 1].find("posts/000_7de7bcde4ef4daba.md:") ==
            std::string::npos) {
      continue;
    }
    found = true;
    CHECK(lines[i + 2].find("【softmax】") != std::string::npos);
  }
  CHECK(found);
}

TEST_CASE("a Chinese word finds exactly the notes that contain it", "[cli]") {
  IndexedKb fx;
  for (const std::string word : {"注意力", "满秩", "径向分布函数", "量子化学"}) {
    INFO(word);
    Run run = kbsearch({"--kb", fx.kb.string(), "--limit", "1000", word},
                       fx.dir.path());
    const std::set<std::string> expected = notes_containing(fx.kb, word);
    REQUIRE_FALSE(expected.empty());
    CHECK(run.exit_code == 0);
    std::set<std::string> got;
    for (const std::string& line : printed_lines(run.out)) {
      // Hit location lines look like "  PATH:LINE  § headings".
      if (line.rfind("  ", 0) != 0) continue;
      const std::size_t colon = line.find(':');
      const std::size_t space = line.find(' ', 2);
      if (colon == std::string::npos || colon > space) continue;
      const std::string path = line.substr(2, colon - 2);
      if (fs::exists(fx.kb / path)) got.insert(path);
    }
    // Beyond the files holding the bytes, only seed 001 may match: it is
    // 000 after a trip through Windows-1254, repaired when indexed.
    std::set<std::string> extra;
    for (const std::string& path : got) {
      if (expected.count(path) == 0) extra.insert(path);
    }
    for (const std::string& path : expected) CHECK(got.count(path) == 1);
    CHECK((extra.empty() ||
           extra == std::set<std::string>{"posts/001_55c4e469920f7bc4.md"}));
  }
}

TEST_CASE("the shorthand and the search subcommand agree", "[cli]") {
  IndexedKb fx;
  Run shorthand = kbsearch({"--kb", fx.kb.string(), "softmax"}, fx.dir.path());
  Run explicit_ = kbsearch({"search", "--kb", fx.kb.string(), "softmax"},
                           fx.dir.path());
  CHECK(shorthand.exit_code == 0);
  CHECK(shorthand.out == explicit_.out);
}

TEST_CASE("the knowledge base is found from --kb, KBSEARCH_KB or above",
          "[cli]") {
  IndexedKb fx;
  SECTION("a folder inside the knowledge base") {
    Run run = kbsearch({"softmax"}, fx.kb / "English");
    CHECK(run.exit_code == 0);
  }
  SECTION("the environment variable") {
    Run run = kbsearch({"softmax"}, fx.dir.path(),
                       {"KBSEARCH_KB=" + fx.kb.string()});
    CHECK(run.exit_code == 0);
  }
  SECTION("nowhere: a usage error that says what to do") {
    kbtest::TempDir elsewhere;
    Run run = kbsearch({"softmax"}, elsewhere.path());
    CHECK(run.exit_code == 2);
    CHECK(run.err.find("--kb") != std::string::npos);
  }
}

TEST_CASE("exit codes follow the documented contract", "[cli]") {
  IndexedKb fx;
  const std::string kb = fx.kb.string();
  CHECK(kbsearch({"--kb", kb, "qwertyuiopasdf"}, fx.dir.path()).exit_code == 1);
  CHECK(kbsearch({"--kb", kb, "+++"}, fx.dir.path()).exit_code == 2);
  CHECK(kbsearch({"--kb", kb, "search", "--no-such-option", "x"},
                 fx.dir.path())
            .exit_code == 2);
  CHECK(kbsearch({"--kb", (fx.dir.path() / "missing").string(), "x"},
                 fx.dir.path())
            .exit_code == 2);
  // An unknown note is a bad argument, not an index error.
  CHECK(kbsearch({"--kb", kb, "backlinks", "JVM"}, fx.dir.path()).exit_code == 2);
  CHECK(kbsearch({"--kb", kb, "tag:"}, fx.dir.path()).exit_code == 2);
  kbtest::TempDir unindexed;
  Run no_index = kbsearch({"--kb", unindexed.path().string(), "--no-refresh", "x"},
                          fx.dir.path());
  CHECK(no_index.exit_code == 3);
  CHECK(no_index.err.find("kbsearch index") != std::string::npos);
}

TEST_CASE("a query first refreshes the index: edits, deletes and adds show at once",
          "[cli]") {
  IndexedKb fx;
  const std::string kb = fx.kb.string();
  const fs::path edited = fx.kb / "日记" / "2024-10-21.md";
  const fs::path deleted = fx.kb / "孤立笔记" / "orphan.md";
  REQUIRE(kbsearch({"--kb", kb, "-l", "孤立"}, fx.dir.path()).out.find("orphan.md") !=
          std::string::npos);
  {
    std::ofstream append(edited, std::ios::app);
    append << "\n新加的词：zyxwvut\n";
  }
  fs::remove(deleted);
  kbtest::write_file(fx.kb / "新笔记.md", "# 新笔记\n\nqponmlk 在这里。\n");

  // --no-refresh answers from the index as it was.
  CHECK(kbsearch({"--kb", kb, "--no-refresh", "zyxwvut"}, fx.dir.path()).exit_code == 1);

  Run added = kbsearch({"--kb", kb, "-l", "qponmlk"}, fx.dir.path());
  CHECK(added.exit_code == 0);
  CHECK(added.out == "新笔记.md\n");
  CHECK(added.err.empty());
  CHECK(kbsearch({"--kb", kb, "-l", "zyxwvut"}, fx.dir.path()).out == "日记/2024-10-21.md\n");
  CHECK(kbsearch({"--kb", kb, "-l", "孤立"}, fx.dir.path()).out.find("orphan.md") ==
        std::string::npos);
  // The link graph commands refresh too.
  Run orphans = kbsearch({"--kb", kb, "orphans"}, fx.dir.path());
  CHECK(orphans.out.find("孤立笔记/orphan.md") == std::string::npos);
  CHECK(orphans.out.find("新笔记.md") != std::string::npos);
}

TEST_CASE("exclude patterns leave notes out of index and of a query's refresh", "[cli]") {
  IndexedKb fx;
  const std::string kb = fx.kb.string();
  const std::string diary = "日记/2024-10-21.md";
  REQUIRE(kbsearch({"--kb", kb, "-l", "组会"}, fx.dir.path()).out.find(diary) !=
          std::string::npos);
  Run index = kbsearch({"--kb", kb, "index", "--exclude", "日记/", "--exclude", "*.markdown"},
                       fx.dir.path());
  CHECK(index.exit_code == 0);
  CHECK(index.out.find(std::to_string(count_notes(fx.kb) - count_notes(fx.kb / "日记") - 1) +
                       " notes") != std::string::npos);
  // The refresh of a query excludes them too, or it would add them back.
  Run search = kbsearch({"--exclude", "日记/", "--kb", kb, "-l", "组会"}, fx.dir.path());
  CHECK(search.out.find("日记/") == std::string::npos);
  CHECK(kbsearch({"--kb", kb, "--exclude", "*.markdown", "-l", "softmax"}, fx.dir.path())
            .out.find(".markdown") == std::string::npos);
  // Without it, the next refresh brings them back.
  CHECK(kbsearch({"--kb", kb, "-l", "组会"}, fx.dir.path()).out.find(diary) != std::string::npos);
}

TEST_CASE("a query whose index cannot be refreshed runs on it as it is, with a warning",
          "[cli]") {
  IndexedKb fx;
  const std::string kb = fx.kb.string();
  kbtest::write_file(fx.kb / "新笔记.md", "# 新笔记\n\nqponmlk\n");
  // This test process holds the write lock, as a running `index` would.
  auto writer = kb::Index::open(fx.kb, kbtest::fast_index_options());
  REQUIRE(writer.has_value());
  Run run = kbsearch({"--kb", kb, "-l", "注意力"}, fx.dir.path());
  CHECK(run.exit_code == 0);
  CHECK_FALSE(run.out.empty());
  CHECK(printed_lines(run.err).size() == 1);
  CHECK(run.err.find("not refreshed") != std::string::npos);
  CHECK(run.err.find("another process") != std::string::npos);
  // And the note the writer has not indexed yet is not there.
  CHECK(kbsearch({"--kb", kb, "qponmlk"}, fx.dir.path()).exit_code == 1);
}

TEST_CASE("stray punctuation in a query never fails", "[cli]") {
  IndexedKb fx;
  for (const std::string query : {"C++", "\"unbalanced", "node.js", "a AND",
                                  "(attention", "decoder-only"}) {
    INFO(query);
    const int code =
        kbsearch({"--kb", fx.kb.string(), query}, fx.dir.path()).exit_code;
    CHECK((code == 0 || code == 1));
  }
  CHECK(kbsearch({"--kb", fx.kb.string(), "C++"}, fx.dir.path()).out.find(
            "注意力机制笔记") != std::string::npos);
}

TEST_CASE("colour only when asked for or on a terminal", "[cli]") {
  IndexedKb fx;
  Run plain = kbsearch({"--kb", fx.kb.string(), "softmax"}, fx.dir.path());
  CHECK(plain.out.find("\033[") == std::string::npos);
  Run forced = kbsearch({"--kb", fx.kb.string(), "--color", "always", "softmax"},
                        fx.dir.path());
  CHECK(forced.out.find("\033[1;31m") != std::string::npos);
}

TEST_CASE("bad files are named in a warning and the rest is indexed",
          "[cli]") {
  IndexedKb fx;
  kbtest::write_file(fx.kb / "bad/binary.md", std::string("\x7f" "ELF\0\0\0\0\0\0\0\0", 12));
  kbtest::write_file(fx.kb / "bad/latin1.md",
                     "# Caf\xe9 cr\xe8me\n\nun texte pas en UTF-8: \xff\xfe\n");
  Run run = kbsearch({"index", "--kb", fx.kb.string()}, fx.dir.path());
  CHECK(run.exit_code == 0);
  CHECK(run.err.find("bad/binary.md") != std::string::npos);
  CHECK(run.err.find("bad/latin1.md") != std::string::npos);
  CHECK(kbsearch({"--kb", fx.kb.string(), "texte"}, fx.dir.path()).exit_code ==
        0);
  CHECK(kbsearch({"--kb", fx.kb.string(), "注意力"}, fx.dir.path()).exit_code ==
        0);
}

TEST_CASE("a deleted note disappears from results after index", "[cli]") {
  IndexedKb fx;
  const std::string kb = fx.kb.string();
  REQUIRE(kbsearch({"--kb", kb, "损坏的元数据"}, fx.dir.path()).exit_code == 0);
  fs::remove(fx.kb / "edge/broken-frontmatter.md");
  Run reindex = kbsearch({"index", "--kb", kb}, fx.dir.path());
  CHECK(reindex.out.find("1 removed") != std::string::npos);
  CHECK(kbsearch({"--kb", kb, "损坏的元数据"}, fx.dir.path()).exit_code == 1);
}

TEST_CASE("index PATH refreshes only the notes it names, from the current folder", "[cli]") {
  IndexedKb fx;
  const fs::path diary = fx.kb / "日记";
  const auto append = [](const fs::path& note, const std::string& word) {
    std::ofstream out(note, std::ios::app);
    out << "\n" << word << "\n";
  };
  append(diary / "2024-10-21.md", "zyxwvut");
  append(diary / "2024-11-17.md", "zyxwvut");
  fs::remove(fx.kb / "孤立笔记" / "orphan.md");
  REQUIRE(notes_containing(fx.kb, "孤立") == std::set<std::string>{});

  // Paths as typed in a subfolder: a note beside, one up and over.
  Run index = kbsearch({"index", "2024-10-21.md", "../孤立笔记/orphan.md"}, diary);
  CHECK(index.exit_code == 0);
  INFO(index.err);
  CHECK(index.err.empty());
  CHECK(index.out.find("1 updated, 1 removed") != std::string::npos);
  // Without the refresh a query makes: what `index` wrote, and only that.
  const std::vector<std::string> as_indexed = {"--kb", fx.kb.string(), "--no-refresh",
                                               "--root-paths", "-l"};
  const auto listed = [&](const std::string& word) {
    std::vector<std::string> args = as_indexed;
    args.push_back(word);
    return as_set(printed_lines(kbsearch(args, fx.dir.path()).out));
  };
  CHECK(listed("zyxwvut") == std::set<std::string>{"日记/2024-10-21.md"});
  CHECK(listed("孤立").empty());

  // A folder takes in what is below it.
  CHECK(kbsearch({"index", "."}, diary).exit_code == 0);
  CHECK(listed("zyxwvut") == notes_containing(fx.kb, "zyxwvut"));
}

TEST_CASE("index PATH outside the knowledge base is a usage error naming it", "[cli]") {
  IndexedKb fx;
  const kbtest::TempDir elsewhere;
  kbtest::write_file(elsewhere.path() / "stray.md", "# stray\n");
  for (const std::string& path : {(elsewhere.path() / "stray.md").string(), std::string("../..")}) {
    INFO(path);
    Run run = kbsearch({"index", path}, fx.kb / "日记");
    CHECK(run.exit_code == 2);
    CHECK(run.err.find(path) != std::string::npos);
    CHECK(run.out.empty());
  }
}

TEST_CASE("index PATH that is not a note is a warning and changes nothing", "[cli]") {
  IndexedKb fx;
  Run run = kbsearch({"index", "--kb", fx.kb.string(), fx.kb.string() + "/assets/not-a-note.txt"},
                     fx.dir.path());
  CHECK(run.exit_code == 0);
  CHECK(run.err.find("warning: assets/not-a-note.txt: not a note") != std::string::npos);
  CHECK(run.out.find(": 0 notes (0 added, 0 updated, 0 removed") != std::string::npos);
}

// ---------------------------------------------------------------- kbsearch note

namespace {

nlohmann::json note_json(const IndexedKb& fx, const std::string& path) {
  Run run = kbsearch({"--kb", fx.kb.string(), "note", "--json", path},
                     fx.dir.path());
  REQUIRE(run.exit_code == 0);
  const std::vector<nlohmann::json> notes = data_of(run.out, "note");
  REQUIRE(notes.size() == 1);
  return notes.front();
}

}  // namespace

TEST_CASE("note --json shows seed 000's title, tags and external links",
          "[cli]") {
  IndexedKb fx;
  const nlohmann::json note = note_json(fx, "posts/000_7de7bcde4ef4daba.md");
  CHECK(note.at("format_version") == 1);
  CHECK(note.at("title") == "一周总结与回顾-0");
  CHECK(note.at("date") == "2024-10-20T21:40:17");
  CHECK(note.at("encoding") == "utf-8");
  CHECK(note.at("tag_names") ==
        nlohmann::json::array({"反思与总结", "LLM", "attention", "research",
                               "diffusion-model", "multimodal", "CV-video"}));
  bool kexue = false;
  for (const nlohmann::json& link : note.at("links")) {
    if (link.at("target").get<std::string>().find("kexue.fm") !=
        std::string::npos) {
      kexue = true;
      CHECK(link.at("external") == true);
    }
  }
  CHECK(kexue);
}

TEST_CASE("note repairs the mojibake seed with the knowledge base's words",
          "[cli]") {
  IndexedKb fx;
  const nlohmann::json original = note_json(fx, "posts/000_7de7bcde4ef4daba.md");
  const nlohmann::json damaged = note_json(fx, "posts/001_55c4e469920f7bc4.md");
  CHECK(damaged.at("repaired") == "mojibake");
  CHECK(damaged.at("tag_names") == original.at("tag_names"));
  CHECK(damaged.at("title") == original.at("title"));
}

TEST_CASE("note shows seed 004's links with their anchors", "[cli]") {
  IndexedKb fx;
  // A path relative to the current folder works as well.
  Run run = kbsearch({"note", "项目进展记录/004_3c8a9c320538d5dc.md"}, fx.kb);
  REQUIRE(run.exit_code == 0);
  CHECK(run.out.find("/大模型LM/文献精读/Transformer.md") != std::string::npos);
  CHECK(run.out.find("../分子动力学机器学习/文献精读/DeepMD.md") !=
        std::string::npos);
  CHECK(run.out.find("../项目进展记录/MolecularD.md #文献收集总结") !=
        std::string::npos);
}

TEST_CASE("note names broken front matter in its warnings", "[cli]") {
  IndexedKb fx;
  Run run = kbsearch({"--kb", fx.kb.string(), "note",
                      "edge/broken-frontmatter.md"},
                     fx.dir.path());
  CHECK(run.exit_code == 0);
  CHECK(run.out.find("warnings\n  edge/broken-frontmatter.md:2: front matter "
                     "is not valid YAML") != std::string::npos);
  CHECK(kbsearch({"--kb", fx.kb.string(), "note", "no/such.md"}, fx.dir.path())
            .exit_code == 2);
}

TEST_CASE("a GBK note is indexed, found and shown as gb18030", "[cli]") {
  IndexedKb fx;
  fs::copy_file(fs::path(KB_FIXTURES_DIR) / "encodings" / "transformer-gbk.md",
                fx.kb / "gbk.md");
  Run index = kbsearch({"index", "--kb", fx.kb.string()}, fx.dir.path());
  CHECK(index.err.find("gbk.md: not UTF-8: decoded as gb18030") !=
        std::string::npos);
  Run found = kbsearch({"--kb", fx.kb.string(), "--limit", "100", "缩放点积注意力"},
                       fx.dir.path());
  CHECK(found.out.find("\n  gbk.md:") != std::string::npos);
  CHECK(note_json(fx, "gbk.md").at("encoding") == "gb18030");
}

// ------------------------------------------------------- search output formats


TEST_CASE("search --files and -0 list the matching notes' paths", "[cli]") {
  IndexedKb fx;
  const std::set<std::string> expected = notes_containing(fx.kb, "径向分布函数");
  Run lines = kbsearch({"--kb", fx.kb.string(), "--files", "径向分布函数"},
                       fx.dir.path());
  CHECK(lines.exit_code == 0);
  CHECK(as_set(split(lines.out, '\n')) == expected);
  Run nul = kbsearch({"--kb", fx.kb.string(), "-0", "径向分布函数"}, fx.dir.path());
  CHECK(nul.out.find('\n') == std::string::npos);
  CHECK(as_set(split(nul.out, '\0')) == expected);
}

TEST_CASE("search --count prints the exact number of matching notes", "[cli]") {
  IndexedKb fx;
  Run run = kbsearch({"--kb", fx.kb.string(), "--count", "注意力"}, fx.dir.path());
  CHECK(run.exit_code == 0);
  CHECK(run.out == std::to_string(notes_containing(fx.kb, "注意力").size()) + "\n");
  Run none = kbsearch({"--kb", fx.kb.string(), "--count", "qwertyuiop"},
                      fx.dir.path());
  CHECK(none.exit_code == 1);
  CHECK(none.out == "0\n");
}

TEST_CASE("search --vimgrep gives path:line:column:text that point at the match",
          "[cli]") {
  IndexedKb fx;
  Run run = kbsearch({"--kb", fx.kb.string(), "--vimgrep", "径向分布函数"},
                     fx.dir.path());
  REQUIRE(run.exit_code == 0);
  for (const std::string& line : split(run.out, '\n')) {
    INFO(line);
    const std::vector<std::string> fields = split(line, ':');
    REQUIRE(fields.size() >= 4);
    const std::vector<std::string> file_lines =
        split(kbtest::read_file(fx.kb / fields[0]), '\n');
    const std::size_t number = std::stoul(fields[1]);
    const std::size_t column = std::stoul(fields[2]);
    REQUIRE(number >= 1);
    REQUIRE(number <= file_lines.size());
    CHECK(file_lines[number - 1].compare(column - 1, std::string("径向分布函数").size(),
                                         "径向分布函数") == 0);
  }
}

TEST_CASE("search --json prints one hit per note and a versioned summary", "[cli]") {
  IndexedKb fx;
  Run run = kbsearch({"--kb", fx.kb.string(), "--json", "--limit", "3", "注意力"},
                     fx.dir.path());
  REQUIRE(run.exit_code == 0);
  std::vector<nlohmann::json> lines;
  for (const std::string& line : split(run.out, '\n')) {
    lines.push_back(nlohmann::json::parse(line));
  }
  REQUIRE(lines.size() == 4);
  for (std::size_t i = 0; i < 3; ++i) {
    const nlohmann::json& hit = lines[i];
    CHECK(hit.at("type") == "hit");
    const nlohmann::json& data = hit.at("data");
    const std::string text = data.at("snippet").at("text");
    for (const nlohmann::json& range : data.at("snippet").at("highlights")) {
      const std::size_t begin = range.at(0), end = range.at(1);
      CHECK(text.substr(begin, end - begin) == "注意力");
    }
    CHECK(fs::exists(fx.kb / data.at("path").get<std::string>()));
    CHECK(data.at("line").get<int>() >= 1);
  }
  const nlohmann::json& summary = lines[3];
  CHECK(summary.at("type") == "summary");
  CHECK(summary.at("data").at("format_version") == 1);
  CHECK(summary.at("data").at("total") == notes_containing(fx.kb, "注意力").size());
  CHECK(summary.at("data").at("hits") == 3);
}

TEST_CASE("search --sort orders by date, path or title", "[cli]") {
  IndexedKb fx;
  const auto paths = [&](const std::string& sort) {
    Run run = kbsearch({"--kb", fx.kb.string(), "--files", "--sort", sort, "softmax"},
                       fx.dir.path());
    return split(run.out, '\n');
  };
  std::vector<std::string> by_path = paths("path");
  REQUIRE(by_path.size() >= 3);
  CHECK(std::is_sorted(by_path.begin(), by_path.end()));
  // By date, newest first: seed 000 (2024-10-20) before Transformer
  // (2024-04-03) before old-style.markdown (2022-03-10).
  std::vector<std::string> by_date = paths("date");
  const auto at = [&](const std::string& p) {
    return std::find(by_date.begin(), by_date.end(), p) - by_date.begin();
  };
  CHECK(at("posts/000_7de7bcde4ef4daba.md") < at("大模型LM/文献精读/Transformer.md"));
  CHECK(at("大模型LM/文献精读/Transformer.md") < at("English/old-style.markdown"));
  CHECK(kbsearch({"--kb", fx.kb.string(), "--sort", "size", "softmax"}, fx.dir.path())
            .exit_code == 2);
}

TEST_CASE("date:, lang: and tag: filter the results", "[cli]") {
  IndexedKb fx;
  const auto files = [&](const std::string& query) {
    Run run = kbsearch({"--kb", fx.kb.string(), "--files", "--limit", "100", query},
                       fx.dir.path());
    return as_set(split(run.out, '\n'));
  };
  // The front-matter dates in October 2024: seed 000 (and its copy 001),
  // the 10-21 journal, and the diffusion note.
  for (const std::string& path : files("date:2024-10")) {
    INFO(path);
    auto note = kbsearch({"--kb", fx.kb.string(), "note", "--json", path}, fx.dir.path());
    const std::string date = data_of(note.out, "note").at(0).at("date");
    CHECK(date.rfind("2024-10", 0) == 0);
  }
  CHECK(files("date:2024-10").count("日记/2024-10-21.md") == 1);
  CHECK(files("date:2024-10-22..2024-10-31").count("日记/2024-10-21.md") == 0);
  CHECK(files("softmax lang:en").count("English/old-style.markdown") == 1);
  CHECK(files("softmax lang:en").count("大模型LM/文献精读/Transformer.md") == 0);
  CHECK(files("softmax lang:zh").count("大模型LM/文献精读/Transformer.md") == 1);
  CHECK(files("tag:项目") == std::set<std::string>{"项目进展记录/MolecularD.md",
                                                   "项目进展记录/每周计划.md"});
  Run bad = kbsearch({"--kb", fx.kb.string(), "注意力", "date:2024-13-01.."},
                     fx.dir.path());
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("'2024-13-01' is not a date") != std::string::npos);
}

TEST_CASE("a query word may start with a dash and options may follow it",
          "[cli]") {
  IndexedKb fx;
  const std::set<std::string> with_softmax = notes_containing(fx.kb, "softmax");
  Run run = kbsearch({"--kb", fx.kb.string(), "attention", "-softmax", "--files",
                      "--limit", "100"},
                     fx.dir.path());
  REQUIRE(run.exit_code == 0);
  for (const std::string& path : split(run.out, '\n')) {
    INFO(path);
    CHECK(with_softmax.count(path) == 0);
    CHECK(kbtest::read_file(fx.kb / path).find("Softmax") == std::string::npos);
  }
}

// ------------------------------------------------------------------ link graph
// Expected values are fixtures/README.md's "Facts the tests rely on".

TEST_CASE("backlinks lists every note linking to Transformer, by any kind",
          "[cli]") {
  IndexedKb fx;
  Run run = kbsearch({"--kb", fx.kb.string(), "backlinks", "--json",
                      "大模型LM/文献精读/Transformer.md"},
                     fx.dir.path());
  REQUIRE(run.exit_code == 0);
  std::multiset<std::string> sources;
  for (const nlohmann::json& data : data_of(run.out, "link")) {
    CHECK(data.at("status") == "resolved");
    CHECK(data.at("target") == "大模型LM/文献精读/Transformer.md");
    CHECK_FALSE(data.at("context").get<std::string>().empty());
    sources.insert(data.at("source").get<std::string>());
  }
  // Seven notes, eight links: BERT links twice (relative and wikilink).
  CHECK(sources == std::multiset<std::string>{
                       "项目进展记录/004_3c8a9c320538d5dc.md",  // site-root link
                       "大模型LM/文献精读/BERT.md", "大模型LM/文献精读/BERT.md",
                       "大模型LM/文献精读/GPT.md",              // with an anchor
                       "大模型LM/README.md",                    // from the folder
                       "大模型LM/Diffusion扩散模型.md",
                       "混合/注意力机制笔记.md",                // [[by title]]
                       "混合/待读论文.md"});                    // post_link
}

TEST_CASE("backlinks takes a stem or a title, and an ambiguous NOTE exits 2",
          "[cli]") {
  IndexedKb fx;
  const std::string kb = fx.kb.string();
  Run by_path = kbsearch({"--kb", kb, "backlinks", "大模型LM/文献精读/Transformer.md"},
                         fx.dir.path());
  CHECK(kbsearch({"--kb", kb, "backlinks", "Transformer"}, fx.dir.path()).out ==
        by_path.out);
  CHECK(kbsearch({"--kb", kb, "backlinks", "Transformer 精读"}, fx.dir.path()).out ==
        by_path.out);
  kbtest::write_file(fx.kb / "其他/Transformer.md", "# Another Transformer\n");
  REQUIRE(kbsearch({"index", "--kb", kb}, fx.dir.path()).exit_code == 0);
  Run ambiguous = kbsearch({"--kb", kb, "backlinks", "Transformer"}, fx.dir.path());
  CHECK(ambiguous.exit_code == 2);
  CHECK(ambiguous.err.find("其他/Transformer.md") != std::string::npos);
  CHECK(ambiguous.err.find("大模型LM/文献精读/Transformer.md") != std::string::npos);
}

TEST_CASE("broken lists the fixture's broken links with their status", "[cli]") {
  IndexedKb fx;
  Run run = kbsearch({"--kb", fx.kb.string(), "broken", "--json"}, fx.dir.path());
  REQUIRE(run.exit_code == 0);
  std::set<std::string> found;
  for (const nlohmann::json& data : data_of(run.out, "link")) {
    found.insert(data.at("source").get<std::string>() + " " +
                 data.at("raw").get<std::string>() + " " +
                 data.at("status").get<std::string>());
  }
  CHECK(found == std::set<std::string>{
                     "混合/broken-links.md ../不存在的笔记.md broken",
                     "混合/broken-links.md ../项目进展记录/MolecularD.md#没有这个标题 "
                     "broken-anchor",
                     "混合/broken-links.md Nonexistent Note broken",
                     "混合/broken-links.md ../../../etc/passwd broken",
                     "English/reading-list.md ../assets/diagram.png broken",
                     "Obsidian库/物理/Newton.md Graph view ambiguous",
                     "hexo-blog/source/about/index.md hello-world.md broken"});
  // The summary counts them by status (the five broken, the one
  // broken-anchor and the one ambiguous above), the statuses absent as 0.
  const std::vector<nlohmann::json> summary = data_of(run.out, "summary");
  REQUIRE(summary.size() == 1);
  CHECK(summary[0].at("by_status") == nlohmann::json({{"resolved", 0},
                                                       {"broken", 5},
                                                       {"broken-anchor", 1},
                                                       {"ambiguous", 1},
                                                       {"external", 0}}));
}

TEST_CASE("broken shows an ambiguous wikilink with the vault's choice and the other candidate",
          "[cli]") {
  // fixtures/README.md: two notes of the vault are called "Graph view";
  // Obsidian's tie-break takes the one closer to Newton.md.
  IndexedKb fx;
  Run json = kbsearch({"--kb", fx.kb.string(), "broken", "--json"}, fx.dir.path());
  REQUIRE(json.exit_code == 0);
  int ambiguous = 0;
  for (const std::string& line : printed_lines(json.out)) {
    const nlohmann::json parsed = nlohmann::json::parse(line);
    if (parsed.at("type") != "link" || parsed.at("data").at("status") != "ambiguous") continue;
    ++ambiguous;
    const nlohmann::json& data = parsed.at("data");
    CHECK(data.at("format_version") == 1);
    CHECK(data.at("source") == "Obsidian库/物理/Newton.md");
    CHECK(data.at("target") == "Obsidian库/插件/Graph view.md");
    CHECK(data.at("candidates") == nlohmann::json::array({"Obsidian库/展示/深层/Graph view.md"}));
  }
  CHECK(ambiguous == 1);
  Run text = kbsearch({"--kb", fx.kb.string(), "broken"}, fx.dir.path());
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("ambiguous [[Graph view]]  → Obsidian库/插件/Graph view.md (also: "
                      "Obsidian库/展示/深层/Graph view.md)") != std::string::npos);
  // The choice counts as a link: backlinks show it, orphans leave it out.
  Run back = kbsearch({"--kb", fx.kb.string(), "backlinks", "Obsidian库/插件/Graph view.md"},
                      fx.dir.path());
  CHECK(back.exit_code == 0);
  CHECK(back.out.find("Obsidian库/物理/Newton.md:") != std::string::npos);
  Run orphans = kbsearch({"--kb", fx.kb.string(), "orphans"}, fx.dir.path());
  CHECK(orphans.out.find("Obsidian库/插件/Graph view.md") == std::string::npos);
  CHECK(orphans.out.find("Obsidian库/展示/深层/Graph view.md") != std::string::npos);
}

TEST_CASE("a dialect marker or setting added reaches the next query's broken links", "[cli]") {
  // A folder becomes a vault: its shortest-path Markdown link, broken by
  // the strict rules, resolves at the next refresh though no note changed.
  kbtest::TempDir dir;
  const fs::path kb = dir.path() / "kb";
  kbtest::write_file(kb / "notes/a.md", "# a\n\n[b](b.md)\n");
  kbtest::write_file(kb / "b.md", "# b\n");
  REQUIRE(kbsearch({"index", "--kb", kb.string()}, dir.path()).exit_code == 0);
  const auto broken_count = [&] {
    Run run = kbsearch({"--kb", kb.string(), "broken"}, dir.path());
    return printed_lines(run.out).size();
  };
  CHECK(broken_count() == 1);
  fs::create_directories(kb / ".obsidian");
  CHECK(broken_count() == 0);
  // The config file overrides the marker for the whole knowledge base.
  kbtest::write_file(kb / ".kbsearch.toml", "[links]\ndialect = \"strict\"\n");
  CHECK(broken_count() == 1);
  kbtest::write_file(kb / ".kbsearch.toml", "[links]\ndialect = \"obsidan\"\n");
  // A bad value is named (by `index`, as every problem file), and the run
  // goes on with auto: the .obsidian/ marker again.
  Run typo = kbsearch({"index", "--kb", kb.string()}, dir.path());
  CHECK(typo.exit_code == 0);
  CHECK(typo.err.find(".kbsearch.toml:2: [links] dialect = \"obsidan\"") != std::string::npos);
  CHECK(broken_count() == 0);
  fs::remove(kb / ".kbsearch.toml");
  fs::remove(kb / ".obsidian");
  CHECK(broken_count() == 1);
}

TEST_CASE("orphans are the notes nothing links to", "[cli]") {
  IndexedKb fx;
  Run run = kbsearch({"--kb", fx.kb.string(), "orphans"}, fx.dir.path());
  REQUIRE(run.exit_code == 0);
  CHECK(as_set(split(run.out, '\n')) ==
        std::set<std::string>{"孤立笔记/orphan.md", "posts/001_55c4e469920f7bc4.md",
                              "Obsidian库/展示/深层/Graph view.md",
                              "Obsidian库/Projects/子项目/进度.md",
                              "posts/002_7d284882a2bce6d3.md", "大模型LM/README.md",
                              "English/toml-frontmatter.md", "混合/broken-links.md",
                              "日记/2024-11-17.md", "edge/broken-frontmatter.md",
                              "edge/code-only.md", "edge/crlf-bom.md",
                              "edge/deep-nesting.md", "edge/empty.md"});
}

TEST_CASE("links shows each link of a note with its status", "[cli]") {
  IndexedKb fx;
  Run run = kbsearch({"--kb", fx.kb.string(), "links", "--json", "broken-links"},
                     fx.dir.path());
  REQUIRE(run.exit_code == 0);
  std::map<std::string, std::string> status;
  for (const nlohmann::json& data : data_of(run.out, "link")) {
    status[data.at("raw").get<std::string>()] = data.at("status").get<std::string>();
  }
  CHECK(status.at("../不存在的笔记.md") == "broken");
  CHECK(status.at("../../../etc/passwd") == "broken");
  CHECK(status.at("Nonexistent Note") == "broken");
}

TEST_CASE("an anchor to a repeated heading resolves, as GitHub and docsify number it",
          "[cli]") {
  // fixtures/anchors: tools.md has two "## Usage" headings, so its second is
  // "usage-1"; cheatsheet.md links both and a third that does not exist.
  IndexedKb fx("anchors");
  Run run = kbsearch({"--kb", fx.kb.string(), "links", "--json", "cheatsheet"}, fx.dir.path());
  REQUIRE(run.exit_code == 0);
  std::map<std::string, std::string> status;
  for (const nlohmann::json& data : data_of(run.out, "link")) {
    const std::string written = data.at("kind").get<std::string>() + " " +
                                data.at("raw").get<std::string>();
    status[written] = data.at("status").get<std::string>() + " " +
                      data.at("target").get<std::string>();
  }
  CHECK(status == std::map<std::string, std::string>{
                      {"markdown tools.md#usage", "resolved tools.md"},
                      {"markdown tools.md#usage-1", "resolved tools.md"},
                      {"wikilink tools#usage-1", "resolved tools.md"},
                      {"markdown tools.md#usage-2", "broken-anchor tools.md"}});
  Run broken = kbsearch({"--kb", fx.kb.string(), "broken"}, fx.dir.path());
  CHECK(broken.exit_code == 0);
  CHECK(printed_lines(broken.out).size() == 1);
  CHECK(broken.out.find("#usage-2") != std::string::npos);
}

TEST_CASE("tags counts notes per tag, nested tags under their parent", "[cli]") {
  IndexedKb fx;
  Run run = kbsearch({"--kb", fx.kb.string(), "tags", "--json", "项目"}, fx.dir.path());
  REQUIRE(run.exit_code == 0);
  std::map<std::string, int> counts;
  for (const nlohmann::json& data : data_of(run.out, "tag")) {
    counts[data.at("name").get<std::string>()] = data.at("notes").get<int>();
  }
  // MolecularD.md has the tag 项目; 每周计划.md has #项目/分子动力学.
  CHECK(counts == std::map<std::string, int>{{"项目", 2}, {"项目/分子动力学", 1}});
}

TEST_CASE("linkto: and linkedby: combine with words", "[cli]") {
  IndexedKb fx;
  Run to = kbsearch({"--kb", fx.kb.string(), "--files", "注意力", "linkto:Transformer"},
                    fx.dir.path());
  for (const std::string& path : split(to.out, '\n')) {
    INFO(path);
    CHECK(kbtest::read_file(fx.kb / path).find("注意力") != std::string::npos);
  }
  CHECK(as_set(split(to.out, '\n')).count("大模型LM/文献精读/BERT.md") == 1);
  CHECK(as_set(split(to.out, '\n')).count("大模型LM/文献精读/Transformer.md") == 0);
  Run by = kbsearch({"--kb", fx.kb.string(), "--files", "linkedby:004_3c8a9c320538d5dc"},
                    fx.dir.path());
  CHECK(as_set(split(by.out, '\n')) ==
        std::set<std::string>{"大模型LM/文献精读/Transformer.md",
                              "分子动力学机器学习/文献精读/DeepMD.md",
                              "分子动力学机器学习/文献精读/SchNet.md",
                              "项目进展记录/MolecularD.md"});
  CHECK(kbsearch({"--kb", fx.kb.string(), "linkto:no-such-note"}, fx.dir.path())
            .exit_code == 2);
}

TEST_CASE("mentions finds lines naming a note that do not link to it", "[cli]") {
  IndexedKb fx;
  Run run = kbsearch({"--kb", fx.kb.string(), "mentions", "--json", "DeepMD"},
                     fx.dir.path());
  REQUIRE(run.exit_code == 0);
  std::set<std::string> sources;
  for (const nlohmann::json& data : data_of(run.out, "link")) {
    const std::string source = data.at("source");
    sources.insert(source);
    // The line holds the name (case aside: "DeePMD-kit" counts)...
    std::string context = data.at("context");
    std::transform(context.begin(), context.end(), context.begin(), ::tolower);
    CHECK(context.find("deepmd") != std::string::npos);
    // ...and its note does not link to DeepMD.md.
    Run links = kbsearch({"--kb", fx.kb.string(), "links", "--json", source}, fx.dir.path());
    CHECK(links.out.find("\"target\":\"分子动力学机器学习/文献精读/DeepMD.md\"") ==
          std::string::npos);
  }
  // orphan.md mentions DeepMD in its text; SchNet.md links to it instead.
  CHECK(sources.count("孤立笔记/orphan.md") == 1);
  CHECK(sources.count("分子动力学机器学习/文献精读/SchNet.md") == 0);
}

TEST_CASE("related puts a note's neighbours first", "[cli]") {
  IndexedKb fx;
  Run run = kbsearch({"--kb", fx.kb.string(), "related", "--limit", "3",
                      "大模型LM/文献精读/BERT.md"},
                     fx.dir.path());
  REQUIRE(run.exit_code == 0);
  // "PATH  TITLE" lines, each followed by indented reasons.
  std::vector<std::string> related;
  for (const std::string& line : printed_lines(run.out)) {
    if (line.rfind("  ", 0) != 0) related.push_back(line.substr(0, line.find("  ")));
  }
  CHECK(related.size() == 3);
  // BERT links to Transformer, and GPT links to BERT.
  CHECK(as_set(related).count("大模型LM/文献精读/Transformer.md") == 1);
  CHECK(as_set(related).count("大模型LM/文献精读/GPT.md") == 1);
  CHECK(as_set(related).count("大模型LM/文献精读/BERT.md") == 0);
}

TEST_CASE("graph prints every note-to-note link once", "[cli]") {
  IndexedKb fx;
  Run dot = kbsearch({"--kb", fx.kb.string(), "graph"}, fx.dir.path());
  REQUIRE(dot.exit_code == 0);
  CHECK(dot.out.rfind("digraph kb {\n", 0) == 0);
  CHECK(dot.out.find("\"大模型LM/文献精读/BERT.md\" -> \"大模型LM/文献精读/Transformer.md\";") !=
        std::string::npos);
  Run json = kbsearch({"--kb", fx.kb.string(), "graph", "--format", "json"}, fx.dir.path());
  std::set<std::pair<std::string, std::string>> edges;
  for (const nlohmann::json& data : data_of(json.out, "edge")) {
    CHECK(edges.emplace(data.at("source"), data.at("target")).second);  // once each
    CHECK(data.at("source") != data.at("target"));
  }
  // The broken links of broken-links.md make no edge.
  for (const auto& [from, to] : edges) CHECK(fs::exists(fx.kb / to));
}

TEST_CASE("tags --tree puts each tag under its parent", "[cli]") {
  IndexedKb fx;
  kbtest::write_file(fx.kb / "t.md", "#a #a/b #a-c #a/b/d\n");
  REQUIRE(kbsearch({"index", "--kb", fx.kb.string()}, fx.dir.path()).exit_code == 0);
  Run run = kbsearch({"--kb", fx.kb.string(), "tags", "--tree", "a"}, fx.dir.path());
  CHECK(run.out == "a  1\n  b  1\n    d  1\n");
  Run all = kbsearch({"--kb", fx.kb.string(), "tags", "--tree"}, fx.dir.path());
  const std::size_t a = all.out.find("\na  1\n");
  REQUIRE(a != std::string::npos);
  CHECK(all.out.find("a  1\n  b  1\n    d  1\n", a) == a + 1);
  CHECK(all.out.find("a-c  1\n") != std::string::npos);
}

// ------------------------------------------------------------ output contract

TEST_CASE("every --json line is versioned and a last summary counts them", "[cli]") {
  IndexedKb fx;
  // One run of each subcommand that takes --json, on notes the fixture has,
  // each with something to print.
  const std::map<std::string, std::vector<std::string>> runs = {
      {"search", {"search", "--json", "注意力"}},
      {"note", {"note", "--json", "大模型LM/文献精读/BERT.md"}},
      {"backlinks", {"backlinks", "--json", "Transformer"}},
      {"links", {"links", "--json", "broken-links"}},
      {"broken", {"broken", "--json"}},
      {"orphans", {"orphans", "--json"}},
      {"tags", {"tags", "--json"}},
      {"mentions", {"mentions", "--json", "DeepMD"}},
      {"related", {"related", "--json", "BERT"}},
      {"graph", {"graph", "--json"}},
      {"blocks", {"blocks", "--json", "tag:attention"}},
      {"config", {"config", "--json"}},
  };
  // They are all there is: every subcommand whose help offers --json.
  const std::vector<std::string> help = printed_lines(kbsearch({"--help"}, fx.dir.path()).out);
  auto listed = std::find(help.begin(), help.end(), "Subcommands:");
  REQUIRE(listed != help.end());
  std::set<std::string> with_json;
  for (++listed; listed != help.end() && listed->rfind("  ", 0) == 0; ++listed) {
    const std::string name = listed->substr(2, listed->find(' ', 2) - 2);
    if (kbsearch({name, "--help"}, fx.dir.path()).out.find("  --json") != std::string::npos) {
      with_json.insert(name);
    }
  }
  std::set<std::string> run_names;
  for (const auto& [name, args] : runs) run_names.insert(name);
  CHECK(with_json == run_names);

  for (const auto& [name, args] : runs) {
    INFO(name);
    std::vector<std::string> argv = {"--kb", fx.kb.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    Run run = kbsearch(argv, fx.dir.path());
    CHECK(run.exit_code == 0);
    const std::vector<std::string> lines = printed_lines(run.out);
    REQUIRE(lines.size() >= 2);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      INFO(lines[i]);
      const nlohmann::json line = nlohmann::json::parse(lines[i]);
      CHECK(line.at("type").is_string());
      CHECK(line.at("data").at("format_version") == 1);
      CHECK((line.at("type") == "summary") == (i + 1 == lines.size()));
    }
    const nlohmann::json summary = nlohmann::json::parse(lines.back()).at("data");
    CHECK(summary.at("command") == name);
    CHECK(summary.at("count") == lines.size() - 1);
    CHECK(summary.at("elapsed_ms").get<double>() >= 0);
  }
}

TEST_CASE("graph --json is graph --format json", "[cli]") {
  IndexedKb fx;
  // The same lines but for the summary's time.
  const auto lines_but_time = [&](const std::string& flag, const std::string& value) {
    std::vector<std::string> args = {"--kb", fx.kb.string(), "graph", flag};
    if (!value.empty()) args.push_back(value);
    Run run = kbsearch(args, fx.dir.path());
    CHECK(run.exit_code == 0);
    std::vector<nlohmann::json> lines;
    for (const std::string& line : printed_lines(run.out)) {
      lines.push_back(nlohmann::json::parse(line));
      lines.back().at("data").erase("elapsed_ms");
    }
    return lines;
  };
  const std::vector<nlohmann::json> json_flag = lines_but_time("--json", "");
  CHECK(json_flag.size() > 1);
  CHECK(json_flag == lines_but_time("--format", "json"));
  CHECK(kbsearch({"--kb", fx.kb.string(), "graph", "--json", "--format", "dot"}, fx.dir.path())
            .exit_code == 2);
}

TEST_CASE("output to a pipe whose reader has gone ends quietly with exit 0", "[cli]") {
  kbtest::TempDir dir;
  const fs::path kb = dir.path() / "kb";
  // Long paths, so that the path list is far larger than a pipe holds
  // (64 KiB): kbsearch must still be writing when `head -1` has gone.
  constexpr int kNotes = 1000;
  const std::string long_name(150, 'n');
  for (int i = 0; i < kNotes; ++i) {
    kbtest::write_file(kb / "many" / (long_name + std::to_string(i) + ".md"),
                       "# Note " + std::to_string(i) + "\n\nEach note names the zebrafish.\n");
  }
  REQUIRE(kbsearch({"index", "--quiet", "--kb", kb.string()}, dir.path()).exit_code == 0);

  for (const std::string form : {"--files", "--json"}) {
    INFO(form);
    const std::vector<std::string> args = {"--kb", kb.string(), "search", form,
                                           "--limit", "100000", "zebrafish"};
    Run whole = kbsearch(args, dir.path());
    REQUIRE(whole.exit_code == 0);
    REQUIRE(whole.out.size() > 2 * 65536);

    // kbsearch's own exit status, which the pipe's would hide, goes to a file.
    const fs::path out = dir.path() / "out", err = dir.path() / "err",
                   status = dir.path() / "status";
    const std::string cmd = "{ " + kbsearch_command(args) + " 2>" + shell_quote(err.string()) +
                            "; echo $? >" + shell_quote(status.string()) + "; } | head -1 >" +
                            shell_quote(out.string());
    REQUIRE(std::system(cmd.c_str()) == 0);
    CHECK(kbtest::read_file(out) == whole.out.substr(0, whole.out.find('\n') + 1));
    CHECK(kbtest::read_file(status) == "0\n");
    CHECK(kbtest::read_file(err).empty());
  }
}

TEST_CASE("a failed write is reported once, with exit code 3", "[cli]") {
  IndexedKb fx;
  // /dev/full fails every write with ENOSPC.
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"graph"}, {"search", "--json", "注意力"}}) {
    INFO(args.front());
    std::vector<std::string> argv = {"--kb", fx.kb.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    const fs::path err = fx.dir.path() / "err";
    const std::string cmd = kbsearch_command(argv) + " >/dev/full 2>" + shell_quote(err.string());
    const int status = std::system(cmd.c_str());
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 3);
    CHECK(kbtest::read_file(err) == "kbsearch: cannot write output: No space left on device\n");
  }
}

TEST_CASE("Ctrl-C during index keeps what was indexed and exits 130", "[cli]") {
  // Enough notes that indexing takes a while; the signal may still come
  // after the end on a fast machine, when the exit is 0. Either way the
  // index opens and a second run completes it.
  kbtest::TempDir dir;
  const fs::path kb = dir.path() / "kb";
  for (int i = 0; i < 3000; ++i) {
    kbtest::write_file(kb / ("n" + std::to_string(i) + ".md"),
                       "# Note " + std::to_string(i) + "\n\ninterrupted indexing test\n");
  }
  const std::string script = "cd " + shell_quote(dir.path().string()) + " || exit 1; " +
                             shell_quote(KBSEARCH_BIN) + " index -q --kb kb 2>err & pid=$!; " +
                             "sleep 0.2; kill -INT $pid 2>/dev/null; wait $pid; echo $? >status";
  REQUIRE(std::system(("sh -c " + shell_quote(script)).c_str()) == 0);
  const std::string status = kbtest::read_file(dir.path() / "status");
  INFO("exit " << status << ", stderr " << kbtest::read_file(dir.path() / "err"));
  CHECK((status == "130\n" || status == "0\n"));
  if (status == "130\n") {
    CHECK(kbtest::read_file(dir.path() / "err").find("interrupted") != std::string::npos);
  }
  Run again = kbsearch({"--kb", kb.string(), "index"}, dir.path());
  CHECK(again.exit_code == 0);
  CHECK(kbsearch({"--kb", kb.string(), "-c", "interrupted"}, dir.path()).out == "3000\n");
}

TEST_CASE("index shows a progress bar on a terminal and nothing on a pipe", "[cli]") {
  kbtest::TempDir dir;
  const fs::path kb = dir.path() / "kb";
  for (int i = 0; i < 300; ++i) {
    kbtest::write_file(kb / ("n" + std::to_string(i) + ".md"), "# n\n\nword\n");
  }
  // script(1) gives the program a terminal and copies what it writes.
  const fs::path typescript = dir.path() / "tty";
  const std::string command = shell_quote(KBSEARCH_BIN) + " index --kb " +
                              shell_quote(kb.string());
  REQUIRE(std::system(("script -qec " + shell_quote(command) + " /dev/null >" +
                       shell_quote(typescript.string()) + " </dev/null")
                          .c_str()) == 0);
  const std::string tty = kbtest::read_file(typescript);
  CHECK(tty.find("\rindexing [") != std::string::npos);
  CHECK(tty.find("/300 notes") != std::string::npos);
  CHECK(tty.find("300 notes (300 added") != std::string::npos);  // the summary after it
  // On a pipe: the summary only.
  fs::remove_all(kb / ".kbsearch");
  Run piped = kbsearch({"--kb", kb.string(), "index"}, dir.path());
  CHECK(piped.exit_code == 0);
  CHECK(piped.err.empty());
  CHECK(piped.out.find('\r') == std::string::npos);
}

TEST_CASE("colour is on for a terminal unless NO_COLOR or TERM=dumb says no", "[cli]") {
  IndexedKb fx;
  kbtest::TempDir dir;
  // script(1) gives the program a terminal and copies what it writes.
  const auto on_terminal = [&](const std::string& env) {
    const fs::path typescript = dir.path() / "tty";
    const std::string command = "env -u NO_COLOR " + env + " " + shell_quote(KBSEARCH_BIN) +
                                " --kb " + shell_quote(fx.kb.string()) + " softmax";
    REQUIRE(std::system(("script -qec " + shell_quote(command) + " /dev/null >" +
                         shell_quote(typescript.string()) + " </dev/null")
                            .c_str()) == 0);
    return kbtest::read_file(typescript);
  };
  CHECK(on_terminal("TERM=xterm").find("\033[") != std::string::npos);
  const std::string dumb = on_terminal("TERM=dumb");
  CHECK(dumb.find("\033[") == std::string::npos);
  CHECK(dumb.find("【") != std::string::npos);  // matches still marked, as on a pipe
  CHECK(on_terminal("TERM=xterm NO_COLOR=1").find("\033[") == std::string::npos);
}

// Issue #11: `kbsearch -l WORD | xargs` silently got the first 20 notes.
TEST_CASE("a program gets every hit and a terminal a page of 20 unless --limit says", "[cli]") {
  kbtest::TempDir dir;
  const fs::path kb = dir.path() / "kb";
  constexpr int kNotes = 45;
  for (int i = 0; i < kNotes; ++i) {
    const std::string n = std::to_string(i);  // distinct: copies would collapse
    kbtest::write_file(kb / ("n" + n + ".md"), "# n" + n + "\n\nabundant word " + n + "\n");
  }
  const auto line_count = [](const std::string& out) {
    return static_cast<int>(std::count(out.begin(), out.end(), '\n'));
  };
  const std::string root = kb.string();
  for (const char* format : {"-l", "--vimgrep"}) {
    INFO(format);
    CHECK(line_count(kbsearch({"--kb", root, format, "abundant"}, dir.path()).out) == kNotes);
  }
  const Run nul = kbsearch({"--kb", root, "-0", "abundant"}, dir.path());
  CHECK(std::count(nul.out.begin(), nul.out.end(), '\0') == kNotes);
  const Run json = kbsearch({"--kb", root, "--json", "abundant"}, dir.path());
  CHECK(line_count(json.out) == kNotes + 1);
  CHECK(nlohmann::json::parse(split(json.out, '\n').back()).at("data").at("limit").is_null());
  // Text on a pipe: every hit, no footer to page on.
  const Run text = kbsearch({"--kb", root, "abundant"}, dir.path());
  CHECK(text.out.find("see more with") == std::string::npos);
  CHECK(line_count(text.out) >= 2 * kNotes);
  // --limit wins either way; 0 means none.
  CHECK(line_count(kbsearch({"--kb", root, "-l", "-n", "7", "abundant"}, dir.path()).out) == 7);
  const Run zero = kbsearch({"--kb", root, "-l", "-n", "0", "abundant"}, dir.path());
  CHECK(zero.exit_code == 0);
  CHECK(line_count(zero.out) == kNotes);
  // On a terminal (script(1)): the first 20 and the footer.
  const fs::path typescript = dir.path() / "tty";
  const std::string command = shell_quote(KBSEARCH_BIN) + " --kb " + shell_quote(root) +
                              " --color never abundant";
  REQUIRE(std::system(("script -qec " + shell_quote(command) + " /dev/null >" +
                       shell_quote(typescript.string()) + " </dev/null")
                          .c_str()) == 0);
  const std::string tty = kbtest::read_file(typescript);
  CHECK(tty.find("(20 of 45 notes; see more with --offset 20)") != std::string::npos);
}

TEST_CASE("the version is printed by -V as by --version", "[cli]") {
  kbtest::TempDir dir;
  const Run short_flag = kbsearch({"-V"}, dir.path());
  const Run long_flag = kbsearch({"--version"}, dir.path());
  CHECK(short_flag.exit_code == 0);
  CHECK(short_flag.out.rfind("kbsearch ", 0) == 0);
  CHECK(short_flag.out == long_flag.out);
}

namespace {

using namespace std::chrono_literals;

// The acceptance bound of issue #9: a change shows in search this soon.
constexpr std::chrono::milliseconds kWatchSeenWithin = 2s;

// `kbsearch watch --kb KB` as a child process; killed if a test leaves it
// running.
class WatchProcess {
 public:
  WatchProcess(const fs::path& kb, const fs::path& err,
               const std::vector<std::string>& options = {})
      : err_(err) {
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&files, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&files, STDERR_FILENO, err.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    std::vector<std::string> args = {"env", "-u", "KBSEARCH_KB", "-u", "NO_COLOR", "LANG=",
                                     "LC_ALL=", KBSEARCH_BIN, "watch", "--kb", kb.string()};
    args.insert(args.end(), options.begin(), options.end());
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawnp(&pid_, "env", &files, nullptr, argv.data(), environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&files);
  }
  ~WatchProcess() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }

  // True once the first update is done, within `bound`.
  bool started(std::chrono::milliseconds bound) const {
    const auto deadline = std::chrono::steady_clock::now() + bound;
    while (std::chrono::steady_clock::now() < deadline) {
      if (err().find("kbsearch: watching ") != std::string::npos) return true;
      std::this_thread::sleep_for(50ms);
    }
    return false;
  }

  // Sends `signal` and returns the exit code, or -1 when the process did
  // not exit by itself within `bound` (it is killed then).
  int stop(int signal, std::chrono::milliseconds bound) {
    ::kill(pid_, signal);
    const auto deadline = std::chrono::steady_clock::now() + bound;
    int status = 0;
    while (std::chrono::steady_clock::now() < deadline) {
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      }
      std::this_thread::sleep_for(20ms);
    }
    return -1;
  }

  std::string err() const { return kbtest::read_file(err_); }
  bool running() const { return pid_ > 0; }

 private:
  fs::path err_;
  pid_t pid_ = -1;
};

// The notes `kbsearch --no-refresh -l WORD` lists: what the index holds,
// without the query's own refresh doing the watch's work.
std::set<std::string> listed(const fs::path& kb, const std::string& word) {
  const Run run = kbsearch({"--kb", kb.string(), "--no-refresh", "-l", word}, kb);
  const std::vector<std::string> lines = printed_lines(run.out);
  return {lines.begin(), lines.end()};
}

// True once listed(kb, word) is `expected`, asked at most 40 times over
// kWatchSeenWithin.
bool listed_soon(const fs::path& kb, const std::string& word,
                 const std::set<std::string>& expected) {
  const auto deadline = std::chrono::steady_clock::now() + kWatchSeenWithin;
  for (int i = 0; i < 40 && std::chrono::steady_clock::now() < deadline; ++i) {
    if (listed(kb, word) == expected) return true;
    std::this_thread::sleep_for(50ms);
  }
  return false;
}

}  // namespace

TEST_CASE("watch: a save, a rename, a delete, a new folder and a folder move show in "
          "search within 2 s, and Ctrl-C exits 130",
          "[cli][watch]") {
  IndexedKb fx;
  const fs::path& kb = fx.kb;
  WatchProcess watch(kb, fx.dir.path() / "watch-err");
  REQUIRE(watch.running());
  REQUIRE(watch.started(10s));
  INFO("watch stderr: " << watch.err());

  // An editor's atomic save: a temporary file renamed over the note.
  const fs::path note = kb / "English/attention-notes.md";
  const std::string saved = kbtest::read_file(note) + "\nwatchsavedword\n";
  kbtest::write_file(kb / "English/.attention-notes.md.swp", saved);
  fs::rename(kb / "English/.attention-notes.md.swp", note);
  CHECK(listed_soon(kb, "watchsavedword", {"English/attention-notes.md"}));

  fs::rename(note, kb / "English/renamed-notes.md");
  CHECK(listed_soon(kb, "watchsavedword", {"English/renamed-notes.md"}));

  fs::remove(kb / "English/renamed-notes.md");
  CHECK(listed_soon(kb, "watchsavedword", {}));

  kbtest::write_file(kb / "新文件夹/sub/note.md", "# 新笔记\n\nwatchfolderword\n");
  CHECK(listed_soon(kb, "watchfolderword", {"新文件夹/sub/note.md"}));

  fs::rename(kb / "新文件夹", kb / "English/moved");
  CHECK(listed_soon(kb, "watchfolderword", {"English/moved/sub/note.md"}));

  CHECK(watch.stop(SIGINT, 5s) == 130);
  CHECK(watch.err().find("stopped watching") != std::string::npos);
  // What the watch indexed is committed.
  CHECK(listed(kb, "watchfolderword") == std::set<std::string>{"English/moved/sub/note.md"});
}

TEST_CASE("watch -q prints nothing, and SIGTERM exits 143", "[cli][watch]") {
  IndexedKb fx;
  WatchProcess watch(fx.kb, fx.dir.path() / "watch-err", {"-q"});
  REQUIRE(watch.running());
  // -q says nothing when it has started: a change seen is the sign.
  kbtest::write_file(fx.kb / "quiet.md", "# Quiet\n\nwatchquietword\n");
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  bool seen = false;
  for (int i = 0; i < 100 && !seen && std::chrono::steady_clock::now() < deadline; ++i) {
    seen = listed_soon(fx.kb, "watchquietword", {"quiet.md"});
  }
  REQUIRE(seen);
  // Seen by the first update, maybe: this one only through an event.
  kbtest::write_file(fx.kb / "quiet.md", "# Quiet\n\nwatchquieterword\n");
  CHECK(listed_soon(fx.kb, "watchquieterword", {"quiet.md"}));
  CHECK(watch.stop(SIGTERM, 5s) == 143);
  CHECK(watch.err().empty());
}

TEST_CASE("search shows the mojibake copy of seed 000 under it, and apart with --no-collapse",
          "[cli]") {
  IndexedKb fx;
  const std::string original = "posts/000_7de7bcde4ef4daba.md";
  const std::string copy = "posts/001_55c4e469920f7bc4.md";
  // The title of the two, which one other note links to.
  const std::string query = "一周总结与回顾";
  const std::set<std::string> containing = notes_containing(fx.kb, query);
  REQUIRE(containing.count(original) == 1);
  std::set<std::string> collapsed = containing;
  collapsed.erase(copy);  // its bytes are mojibake: the scan does not see it
  REQUIRE(collapsed.size() >= 2);

  Run text = kbsearch({"--kb", fx.kb.string(), query}, fx.dir.path());
  CHECK(text.exit_code == 0);
  CHECK(text.out.find("  = " + copy + "  (same text)\n") != std::string::npos);
  Run files = kbsearch({"--kb", fx.kb.string(), "-l", query}, fx.dir.path());
  CHECK(as_set(split(files.out, '\n')) == collapsed);
  Run count = kbsearch({"--kb", fx.kb.string(), "-c", query}, fx.dir.path());
  CHECK(count.out == std::to_string(collapsed.size()) + "\n");
  Run json = kbsearch({"--kb", fx.kb.string(), "--json", query}, fx.dir.path());
  std::map<std::string, nlohmann::json> duplicates;
  for (const nlohmann::json& hit : data_of(json.out, "hit")) {
    CHECK(hit["format_version"] == 1);
    duplicates[hit["path"]] = hit["duplicates"];
  }
  CHECK(duplicates.size() == collapsed.size());
  CHECK(duplicates[original] == nlohmann::json::array({copy}));

  std::set<std::string> every = collapsed;
  every.insert(copy);
  Run all = kbsearch({"--kb", fx.kb.string(), "-l", "--no-collapse", query}, fx.dir.path());
  CHECK(as_set(split(all.out, '\n')) == every);
  Run all_count = kbsearch({"--kb", fx.kb.string(), "-c", "--no-collapse", query},
                           fx.dir.path());
  CHECK(all_count.out == std::to_string(every.size()) + "\n");
}

TEST_CASE("kbsearch -l 的 | wc -l equals kbsearch -c 的, from the root and a subfolder",
          "[cli]") {
  IndexedKb fx;
  for (const fs::path& cwd : {fx.kb, fx.kb / "日记"}) {
    INFO("from " << cwd);
    const std::string count = kbsearch({"-c", "的"}, cwd).out;
    // Through a real pipe, as a user types it: a pipe is not a terminal.
    kbtest::TempDir io;
    const std::string cmd = "cd " + shell_quote(cwd.string()) + " && " +
                            kbsearch_command({"-l", "的"}) + " | wc -l >" +
                            shell_quote((io.path() / "n").string());
    REQUIRE(std::system(cmd.c_str()) == 0);
    const std::string listed = kbtest::read_file(io.path() / "n");
    REQUIRE(!count.empty());
    CHECK(std::stoul(listed) == std::stoul(count));
    // More than a terminal's page: the case the pipe used to cut at 20.
    CHECK(std::stoul(count) > 20);
  }
}
