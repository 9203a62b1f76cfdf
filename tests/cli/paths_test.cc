// Printed note paths from where the user stands, and untrusted text printed
// safely (cli/README.md, "Paths" and "Untrusted text"): run from a subfolder
// of the knowledge base and from its root, each output form opens the files
// it names; a note's escape sequences never reach stdout raw in text, and
// file names that are not plain (a newline, bytes that are not UTF-8) keep
// their bytes where a program needs them.
#include <algorithm>
#include <cstdlib>

#include "kbsearch_run.h"

namespace {

using kbtest::as_set;
using kbtest::data_of;
using kbtest::IndexedKb;
using kbtest::kbsearch;
using kbtest::printed_lines;
using kbtest::Run;
using kbtest::split;
namespace fs = std::filesystem;

// The fixture folder the subfolder tests stand in, and what it sees.
const fs::path kProjects = fs::path("Obsidian库/Projects");
const std::set<std::string> kNewtonFromRoot = {
    "Obsidian库/物理/Newton.md", "Obsidian库/Projects/plan.md",
    "Obsidian库/Projects/子项目/进度.md"};
const std::set<std::string> kNewtonFromProjects = {"../物理/Newton.md", "plan.md",
                                                   "子项目/进度.md"};

// The NUL-terminated paths of a `-0` output.
std::set<std::string> nul_paths(const std::string& out) {
  REQUIRE(!out.empty());
  REQUIRE(out.back() == '\0');
  return as_set(split(out.substr(0, out.size() - 1), '\0'));
}

// What comes before the first ':' of each line (vimgrep, link reports).
std::set<std::string> before_colon(const std::string& out) {
  std::set<std::string> paths;
  for (const std::string& line : printed_lines(out)) paths.insert(line.substr(0, line.find(':')));
  return paths;
}

// Each of `paths` names a file from `cwd`.
void check_open_from(const fs::path& cwd, const std::set<std::string>& paths) {
  REQUIRE(!paths.empty());
  for (const std::string& path : paths) {
    INFO(path);
    CHECK(fs::is_regular_file(cwd / fs::path(path)));
  }
}

std::string base64_decoded(const std::string& text) {
  static const std::string kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned bits = 0;
  int count = 0;
  for (const char c : text) {
    if (c == '=') break;
    bits = (bits << 6) | static_cast<unsigned>(kAlphabet.find(c));
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xFF);
    }
  }
  return out;
}

// A knowledge base made in the test, indexed by the program.
struct MadeKb {
  kbtest::TempDir dir;
  fs::path kb;
  explicit MadeKb(const std::vector<std::pair<std::string, std::string>>& notes)
      : kb(dir.path() / "kb") {
    for (const auto& [path, text] : notes) kbtest::write_file(kb / path, text);
    REQUIRE(kbsearch({"index", "--kb", kb.string()}, dir.path()).exit_code == 0);
  }
};

}  // namespace

TEST_CASE("search paths are from the current folder inside the knowledge base, in every view") {
  IndexedKb fx;
  const fs::path sub = fx.kb / kProjects;

  SECTION("--files") {
    CHECK(as_set(printed_lines(kbsearch({"-l", "Newton"}, sub).out)) == kNewtonFromProjects);
    CHECK(as_set(printed_lines(kbsearch({"-l", "Newton"}, fx.kb).out)) == kNewtonFromRoot);
    check_open_from(sub, kNewtonFromProjects);
  }
  SECTION("-0") {
    CHECK(nul_paths(kbsearch({"-0", "Newton"}, sub).out) == kNewtonFromProjects);
    CHECK(nul_paths(kbsearch({"-0", "Newton"}, fx.kb).out) == kNewtonFromRoot);
  }
  SECTION("--vimgrep") {
    CHECK(before_colon(kbsearch({"--vimgrep", "Newton"}, sub).out) == kNewtonFromProjects);
    CHECK(before_colon(kbsearch({"--vimgrep", "Newton"}, fx.kb).out) == kNewtonFromRoot);
  }
  SECTION("blocks: the second line of each hit is PATH:LINE") {
    for (const auto& [cwd, expected] : {std::pair{sub, kNewtonFromProjects},
                                        std::pair{fx.kb, kNewtonFromRoot}}) {
      const std::vector<std::string> lines = printed_lines(kbsearch({"Newton"}, cwd).out);
      std::set<std::string> paths;
      // A hit's title starts the output or follows an empty line.
      for (std::size_t title = 0; title + 1 < lines.size(); ++title) {
        if (title > 0 && !lines[title - 1].empty()) continue;
        const std::string& where = lines[title + 1];
        REQUIRE(where.rfind("  ", 0) == 0);
        paths.insert(where.substr(2, where.find(':') - 2));
      }
      CHECK(paths == expected);
    }
  }
  SECTION("a deeper folder climbs with ../ to the root's other folders") {
    const fs::path deep = sub / fs::path("子项目");
    CHECK(as_set(printed_lines(kbsearch({"-l", "Newton"}, deep).out)) ==
          std::set<std::string>{"../../物理/Newton.md", "../plan.md", "进度.md"});
  }
  SECTION("--root-paths prints them from the root, wherever the command runs") {
    CHECK(as_set(printed_lines(kbsearch({"--root-paths", "-l", "Newton"}, sub).out)) ==
          kNewtonFromRoot);
    CHECK(nul_paths(kbsearch({"--root-paths", "-0", "Newton"}, sub).out) == kNewtonFromRoot);
  }
  SECTION("from outside the knowledge base, --kb DIR prints them from the root, as git -C") {
    CHECK(as_set(printed_lines(
              kbsearch({"--kb", fx.kb.string(), "-l", "Newton"}, fx.dir.path()).out)) ==
          kNewtonFromRoot);
  }
}

TEST_CASE("piping -0 into xargs -0 ls from a subfolder lists the files") {
  IndexedKb fx;
  const fs::path sub = fx.kb / kProjects;
  kbtest::TempDir io;
  const std::string cmd = "cd " + kbtest::shell_quote(sub.string()) + " && " +
                          kbtest::kbsearch_command({"-0", "Newton"}) + " | xargs -0 ls >" +
                          kbtest::shell_quote((io.path() / "out").string()) + " 2>" +
                          kbtest::shell_quote((io.path() / "err").string());
  const int status = std::system(("/bin/sh -c " + kbtest::shell_quote(cmd)).c_str());
  INFO(kbtest::read_file(io.path() / "err"));
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(as_set(printed_lines(kbtest::read_file(io.path() / "out"))) == kNewtonFromProjects);
}

TEST_CASE("link reports print note paths from the current folder") {
  IndexedKb fx;
  const fs::path sub = fx.kb / kProjects;
  const fs::path deep = sub / fs::path("子项目");

  SECTION("backlinks of a NOTE given from the current folder") {
    const Run run = kbsearch({"backlinks", "../plan.md"}, deep);
    REQUIRE(run.exit_code == 0);
    CHECK(before_colon(run.out) == std::set<std::string>{"进度.md", "../../物理/Newton.md"});
    // The same note named from the root, from the root, prints root paths.
    CHECK(before_colon(kbsearch({"backlinks", "Obsidian库/Projects/plan.md"}, fx.kb).out) ==
          std::set<std::string>{"Obsidian库/Projects/子项目/进度.md", "Obsidian库/物理/Newton.md"});
  }
  SECTION("links: each resolved target") {
    const Run run = kbsearch({"links", "进度.md"}, deep);
    REQUIRE(run.exit_code == 0);
    CHECK(run.out.find("→ ../../物理/Newton.md\n") != std::string::npos);
    CHECK(kbsearch({"--root-paths", "links", "进度.md"}, deep)
              .out.find("→ Obsidian库/物理/Newton.md\n") != std::string::npos);
  }
  SECTION("orphans, broken, mentions and related name files that open from here") {
    for (const fs::path& cwd : {sub, fx.kb}) {
      check_open_from(cwd, as_set(printed_lines(kbsearch({"orphans"}, cwd).out)));
      check_open_from(cwd, before_colon(kbsearch({"broken"}, cwd).out));
      check_open_from(cwd, before_colon(kbsearch({"mentions", "Transformer"}, cwd).out));
    }
    // related: "PATH  TITLE", then its reasons indented.
    std::set<std::string> related;
    for (const std::string& line : printed_lines(kbsearch({"related", "../plan.md"}, deep).out)) {
      if (line.rfind("  ", 0) != 0) related.insert(line.substr(0, line.find("  ")));
    }
    check_open_from(deep, related);
  }
}

TEST_CASE("note NOTE resolves from the current folder, and JSON has path and abs_path") {
  IndexedKb fx;
  const fs::path deep = fx.kb / kProjects / fs::path("子项目");
  const fs::path root = fs::canonical(fx.kb);

  SECTION("note ../plan.md from a subfolder") {
    const Run text = kbsearch({"note", "../plan.md"}, deep);
    REQUIRE(text.exit_code == 0);
    CHECK(text.out.find("\n  path      ../plan.md\n") != std::string::npos);
    const Run json = kbsearch({"note", "--json", "../plan.md"}, deep);
    const auto notes = data_of(json.out, "note");
    REQUIRE(notes.size() == 1);
    CHECK(notes[0]["path"] == "Obsidian库/Projects/plan.md");
    CHECK(notes[0]["abs_path"] == (root / fs::path("Obsidian库/Projects/plan.md")).string());
    CHECK(!notes[0].contains("path_bytes"));
  }
  SECTION("search, link and note-list lines: path from the root, abs_path that opens") {
    for (const fs::path& cwd : {deep, root}) {
      const auto hits = data_of(kbsearch({"--json", "Newton"}, cwd).out, "hit");
      std::set<std::string> paths;
      for (const auto& hit : hits) {
        paths.insert(hit["path"]);
        CHECK(hit["abs_path"] == (root / fs::path(hit["path"].get<std::string>())).string());
      }
      CHECK(paths == kNewtonFromRoot);
      const auto links = data_of(kbsearch({"backlinks", "--json", "Newton"}, cwd).out, "link");
      REQUIRE(!links.empty());
      for (const auto& link : links) {
        CHECK(fs::is_regular_file(link["source_abs_path"].get<std::string>()));
        CHECK(link["target"] == "Obsidian库/物理/Newton.md");
        CHECK(link["target_abs_path"] == (root / fs::path("Obsidian库/物理/Newton.md")).string());
      }
      const auto orphans = data_of(kbsearch({"orphans", "--json"}, cwd).out, "note");
      REQUIRE(!orphans.empty());
      for (const auto& note : orphans) {
        CHECK(fs::is_regular_file(note["abs_path"].get<std::string>()));
        CHECK(fs::is_regular_file(root / fs::path(note["path"].get<std::string>())));
      }
    }
  }
}

TEST_CASE("escape sequences in a note never reach stdout raw in text, and round-trip in JSON") {
  const std::string title = "Evil \033]0;pwned\007 title";
  const std::string body = "trap \033[2J cleared, \xc2\x9b\x31m C1 \x7f DEL";
  MadeKb made({{"notes/evil.md", "# " + title + "\n\n" + body + "\n\n## Part \033[31m red\n\n" +
                                     "trap [[other|see \033[5m this]]\n"},
               {"notes/other.md", "# Other\n\nlinks back: [[evil]] trap \033[1m bold\n"}});
  const fs::path sub = made.kb / "notes";

  const auto raw_controls = [](const std::string& out) {
    return std::count_if(out.begin(), out.end(), [](char c) {
      const auto b = static_cast<unsigned char>(c);
      return (b < 0x20 && b != '\n') || b == 0x7F;
    });
  };
  for (const fs::path& cwd : {sub, made.kb}) {
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"trap"}, {"--vimgrep", "trap"}, {"-l", "trap"}, {"note", "notes/evil.md"},
             {"backlinks", "evil"}, {"links", "evil"}, {"mentions", "Other"}}) {
      INFO(args.front() << " from " << cwd);
      const Run run = kbsearch(args, cwd);
      CHECK(run.exit_code <= 1);
      CHECK(raw_controls(run.out) == 0);
      CHECK(run.out.find("\xc2\x9b") == std::string::npos);  // C1 CSI
    }
  }
  const Run search = kbsearch({"trap"}, sub);
  CHECK(search.out.find("Evil \\x1b]0;pwned\\x07 title") != std::string::npos);
  CHECK(search.out.find("\\x1b[2J") != std::string::npos);
  CHECK(search.out.find("\\u009b1m C1 \\x7f DEL") != std::string::npos);
  const Run note = kbsearch({"note", "evil.md"}, sub);
  CHECK(note.out.find("## Part \\x1b[31m red") != std::string::npos);

  const Run json = kbsearch({"--json", "trap"}, sub);
  // nlohmann escapes them once: no "\\u001b" (an escaped backslash).
  CHECK(json.out.find("\\u001b") != std::string::npos);
  CHECK(json.out.find("\\\\u001b") == std::string::npos);
  CHECK(json.out.find("\\\\x1b") == std::string::npos);
  std::set<std::string> titles;
  for (const auto& hit : data_of(json.out, "hit")) titles.insert(hit["title"]);
  CHECK(titles.count(title) == 1);
  const auto parsed = data_of(kbsearch({"note", "--json", "evil.md"}, sub).out, "note");
  REQUIRE(parsed.size() == 1);
  CHECK(parsed[0]["title"] == title);
}

TEST_CASE("a newline in a file name prints as backslash-n in text, as itself in JSON and -0") {
  MadeKb made({{"notes/new\nline.md", "# Odd name\n\nquokka\n"},
               {"notes/plain.md", "# Plain\n\nquokka\n"}});
  for (const fs::path& cwd : {made.kb / "notes", made.kb}) {
    const std::string prefix = cwd == made.kb ? "notes/" : "";
    INFO(cwd);
    CHECK(as_set(printed_lines(kbsearch({"-l", "quokka"}, cwd).out)) ==
          std::set<std::string>{prefix + "new\\nline.md", prefix + "plain.md"});
    CHECK(kbsearch({"quokka"}, cwd).out.find("\n  " + prefix + "new\\nline.md:3") !=
          std::string::npos);
    CHECK(before_colon(kbsearch({"--vimgrep", "quokka"}, cwd).out) ==
          std::set<std::string>{prefix + "new\\nline.md", prefix + "plain.md"});
    CHECK(nul_paths(kbsearch({"-0", "quokka"}, cwd).out) ==
          std::set<std::string>{prefix + "new\nline.md", prefix + "plain.md"});
  }
  std::set<std::string> paths;
  for (const auto& hit : data_of(kbsearch({"--json", "quokka"}, made.kb).out, "hit")) {
    paths.insert(hit["path"]);
  }
  CHECK(paths == std::set<std::string>{"notes/new\nline.md", "notes/plain.md"});
}

TEST_CASE("a file name that is not UTF-8 keeps its bytes with -0 and --files, and in path_bytes") {
  const std::string name = "notes/caf\xff.md";
  MadeKb made({{name, "# Latin-1 name\n\nwombat\n"}, {"notes/plain.md", "# Plain\n\nwombat\n"}});

  CHECK(nul_paths(kbsearch({"-0", "wombat"}, made.kb / "notes").out) ==
        std::set<std::string>{"caf\xff.md", "plain.md"});
  CHECK(nul_paths(kbsearch({"-0", "wombat"}, made.kb).out) ==
        std::set<std::string>{name, "notes/plain.md"});
  CHECK(as_set(printed_lines(kbsearch({"-l", "wombat"}, made.kb).out)) ==
        std::set<std::string>{name, "notes/plain.md"});
  // A person's text view shows U+FFFD, as JSON's lossy "path" does.
  CHECK(kbsearch({"wombat"}, made.kb).out.find("\n  notes/caf\xef\xbf\xbd.md:3") !=
        std::string::npos);

  const auto hits = data_of(kbsearch({"--json", "wombat"}, made.kb).out, "hit");
  REQUIRE(hits.size() == 2);
  for (const auto& hit : hits) {
    if (hit["title"] == "Plain") {
      CHECK(!hit.contains("path_bytes"));
      continue;
    }
    CHECK(hit["path"] == "notes/caf\xef\xbf\xbd.md");
    REQUIRE(hit.contains("path_bytes"));
    CHECK(base64_decoded(hit["path_bytes"]) == name);
    CHECK(fs::is_regular_file(made.kb / base64_decoded(hit["path_bytes"])));
  }
}

TEST_CASE("warnings and errors on stderr never print a file name's escapes raw") {
  kbtest::TempDir dir;
  const fs::path kb = dir.path() / "kb";
  // Front matter that does not parse: `index` warns, naming the file.
  kbtest::write_file(kb / "bad\033[2Jname.md", "---\ntitle: [unclosed\n---\n# x\n");
  const Run index = kbsearch({"index", "--kb", kb.string()}, dir.path());
  CHECK(index.exit_code == 0);
  CHECK(index.err.find("bad\\x1b[2Jname.md") != std::string::npos);
  CHECK(index.err.find('\033') == std::string::npos);
  const Run note = kbsearch({"note", "gone\033]0;pwned\007.md"}, kb);
  CHECK(note.exit_code == 2);
  CHECK(note.err.find("gone\\x1b]0;pwned\\x07.md") != std::string::npos);
  CHECK(note.err.find('\033') == std::string::npos);
}
