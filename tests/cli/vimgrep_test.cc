// `search --vimgrep`: one line per matching line, as ripgrep prints it, whose
// byte column real vim's quickfix list lands on, in every encoding.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "kbsearch_run.h"

namespace {

using kbtest::IndexedKb;
using kbtest::kbsearch;
using kbtest::printed_lines;
using kbtest::Run;
using kbtest::shell_quote;
using kbtest::split;
namespace fs = std::filesystem;

struct QuickfixStop {
  std::string buffer;  // bufname('%')
  int line = 0;        // line('.')
  int column = 0;      // col('.')
  std::string rest;    // the bytes of the line from the cursor on
};

// Loads `vimgrep` (kbsearch --vimgrep output) into the quickfix list of vim
// started in `cwd`, runs :cfirst, then :cnext for each other entry, and
// reports where the cursor stopped each time. `encoding` is vim's
// 'encoding': latin1 makes the buffer hold a file's bytes as they are, so
// col('.') counts them whatever the file's own encoding.
std::vector<QuickfixStop> quickfix_stops(const fs::path& cwd, const std::string& vimgrep,
                                         const std::string& encoding) {
  kbtest::TempDir io;
  kbtest::write_file(io.path() / "qf.txt", vimgrep);
  kbtest::write_file(io.path() / "qf.vim",
                     "set errorformat=%f:%l:%c:%m\n"
                     "execute 'cgetfile' fnameescape($QF_IN)\n"
                     "let g:stops = []\n"
                     "function! Record()\n"
                     "  call add(g:stops, bufname('%') . \"\\t\" . line('.') . \"\\t\" . col('.')"
                     " . \"\\t\" . strpart(getline('.'), col('.') - 1))\n"
                     "endfunction\n"
                     "cfirst\n"
                     "call Record()\n"
                     "for i in range(2, len(getqflist()))\n"
                     "  cnext\n"
                     "  call Record()\n"
                     "endfor\n"
                     "call writefile(g:stops, $QF_OUT)\n"
                     "qa!\n");
  const std::string cmd = "cd " + shell_quote(cwd.string()) +
                          " && QF_IN=" + shell_quote((io.path() / "qf.txt").string()) +
                          " QF_OUT=" + shell_quote((io.path() / "stops.txt").string()) +
                          " vim -Nu NONE -i NONE -n -es --cmd " +
                          shell_quote("set encoding=" + encoding) + " -S " +
                          shell_quote((io.path() / "qf.vim").string()) + " </dev/null";
  REQUIRE(std::system(cmd.c_str()) == 0);
  std::vector<QuickfixStop> stops;
  for (const std::string& row : printed_lines(kbtest::read_file(io.path() / "stops.txt"))) {
    const std::vector<std::string> f = split(row, '\t');
    REQUIRE(f.size() >= 3);
    stops.push_back(QuickfixStop{f[0], std::stoi(f[1]), std::stoi(f[2]), f.size() > 3 ? f[3] : ""});
  }
  return stops;
}

struct VimgrepLine {
  std::string path;
  int line = 0;
  int column = 0;
  std::string text;
};

std::vector<VimgrepLine> parsed(const std::string& out) {
  std::vector<VimgrepLine> lines;
  for (const std::string& row : printed_lines(out)) {
    const std::size_t a = row.find(':');
    const std::size_t b = row.find(':', a + 1);
    const std::size_t c = row.find(':', b + 1);
    REQUIRE(c != std::string::npos);
    lines.push_back(VimgrepLine{row.substr(0, a), std::stoi(row.substr(a + 1, b - a - 1)),
                                std::stoi(row.substr(b + 1, c - b - 1)), row.substr(c + 1)});
  }
  return lines;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Checks that vim, given kbsearch's `out`, stops at each of its lines on
// the match: the buffer is the file kbsearch named, and the bytes from the
// cursor on start with `match` (compared without ASCII case).
void check_vim_lands_on(const fs::path& cwd, const std::string& out, const std::string& match,
                        const std::string& encoding) {
  const std::vector<VimgrepLine> lines = parsed(out);
  const std::vector<QuickfixStop> stops = quickfix_stops(cwd, out, encoding);
  REQUIRE(stops.size() == lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    INFO("kbsearch: " << lines[i].path << ":" << lines[i].line << ":" << lines[i].column);
    CHECK(stops[i].buffer == lines[i].path);
    CHECK(stops[i].line == lines[i].line);
    CHECK(stops[i].column == lines[i].column);
    CHECK(lower(stops[i].rest.substr(0, match.size())) == lower(match));
  }
}

}  // namespace

TEST_CASE("vim's quickfix list opens each --vimgrep line at its match", "[cli][vimgrep]") {
  IndexedKb fx;
  // From the root, and from a folder where the paths start with "../".
  for (const fs::path& cwd : {fx.kb, fx.kb / "日记"}) {
    INFO("from " << cwd);
    Run run = kbsearch({"--vimgrep", "径向分布函数"}, cwd);
    REQUIRE(run.exit_code == 0);
    // One note holds it on two lines: both are listed.
    REQUIRE(parsed(run.out).size() > kbtest::notes_containing(fx.kb, "径向分布函数").size());
    check_vim_lands_on(cwd, run.out, "径向分布函数", "utf-8");
  }
}

TEST_CASE(
    "search --vimgrep columns count a GBK note's own bytes, where vim reading its bytes lands",
    "[cli][vimgrep]") {
  // fixtures/encodings: transformer-gbk.md (GBK) and journal-utf16.md.
  IndexedKb fx("encodings");
  Run ascii = kbsearch({"--vimgrep", "attention"}, fx.kb);
  REQUIRE(ascii.exit_code == 0);
  const std::vector<VimgrepLine> lines = parsed(ascii.out);
  REQUIRE(lines.size() > 1);
  // Line 10 is "> 论文：Vaswani et al., *Attention ...": 2 + 3 × 2 + 17 GBK
  // bytes before the word (UTF-8 would make it 2 + 3 × 3 + 17).
  CHECK(lines[0].line == 10);
  CHECK(lines[0].column == 26);
  CHECK(lines[0].text.find("论文：Vaswani") != std::string::npos);  // printed as UTF-8
  check_vim_lands_on(fx.kb, ascii.out, "attention", "latin1");

  // The UTF-16 note matches too; vim would read its bytes split after each
  // LF byte, leaving each line's second newline byte on the next one.
  Run chinese = kbsearch({"--vimgrep", "注意力"}, fx.kb);
  REQUIRE(chinese.exit_code == 0);
  std::string gbk_lines;
  for (const std::string& line : printed_lines(chinese.out)) {
    if (line.rfind("transformer-gbk.md:", 0) == 0) gbk_lines += line + "\n";
  }
  REQUIRE(printed_lines(gbk_lines).size() > 1);
  check_vim_lands_on(fx.kb, gbk_lines, "\xD7\xA2\xD2\xE2\xC1\xA6", "latin1");  // 注意力 in GBK
}

TEST_CASE("search --vimgrep lists the lines ripgrep finds, each at ripgrep's first column",
          "[cli][vimgrep]") {
  IndexedKb fx;
  // A Chinese word matches as a substring, as ripgrep's fixed string does.
  const std::string word = "径向分布函数";
  const std::string rg = "cd " + shell_quote(fx.kb.string()) + " && rg --vimgrep -F -g '*.md' " +
                         shell_quote(word) + " > rg.txt";
  REQUIRE(std::system(rg.c_str()) == 0);
  std::map<std::pair<std::string, int>, int> expected;  // first column of each line
  for (const VimgrepLine& l : parsed(kbtest::read_file(fx.kb / "rg.txt"))) {
    expected.emplace(std::make_pair(l.path, l.line), l.column);
  }
  Run run = kbsearch({"--vimgrep", word}, fx.kb);
  REQUIRE(run.exit_code == 0);
  std::map<std::pair<std::string, int>, int> printed;
  for (const VimgrepLine& l : parsed(run.out)) printed[{l.path, l.line}] = l.column;
  CHECK(printed == expected);
}

TEST_CASE("search --max-count caps the matching lines of each note", "[cli][vimgrep]") {
  IndexedKb fx;
  Run all = kbsearch({"--vimgrep", "注意力"}, fx.kb);
  Run capped = kbsearch({"--vimgrep", "-m", "1", "注意力"}, fx.kb);
  REQUIRE(all.exit_code == 0);
  REQUIRE(capped.exit_code == 0);
  std::map<std::string, std::vector<int>> lines_of_note;
  for (const VimgrepLine& l : parsed(all.out)) lines_of_note[l.path].push_back(l.line);
  std::map<std::string, std::vector<int>> first_of_note;
  for (const VimgrepLine& l : parsed(capped.out)) first_of_note[l.path].push_back(l.line);
  REQUIRE(first_of_note.size() == lines_of_note.size());
  bool some_note_has_more = false;
  for (const auto& [path, lines] : lines_of_note) {
    INFO(path);
    some_note_has_more = some_note_has_more || lines.size() > 1;
    CHECK(first_of_note[path] == std::vector<int>{lines.front()});
  }
  CHECK(some_note_has_more);

  Run two = kbsearch({"--json", "-m", "2", "注意力"}, fx.kb);
  for (const nlohmann::json& hit : kbtest::data_of(two.out, "hit")) {
    CHECK(hit.at("lines").size() <= 2);
    CHECK(!hit.at("lines").empty());
  }
  Run alone = kbsearch({"-m", "2", "注意力"}, fx.kb);
  CHECK(alone.exit_code == 2);
  CHECK(alone.err.find("--max-count") != std::string::npos);
}

TEST_CASE("search --vimgrep still lists a note that matches by its path alone", "[cli][vimgrep]") {
  IndexedKb fx;
  Run run = kbsearch({"--vimgrep", "path:日记"}, fx.kb);
  REQUIRE(run.exit_code == 0);
  Run files = kbsearch({"-l", "path:日记"}, fx.kb);
  std::set<std::string> paths;
  for (const VimgrepLine& l : parsed(run.out)) {
    paths.insert(l.path);
    CHECK(l.column == 1);
  }
  CHECK(paths == kbtest::as_set(printed_lines(files.out)));
}
