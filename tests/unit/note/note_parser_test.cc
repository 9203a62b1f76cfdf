// Tests for parse_note and read_note (kb/note_parser.h).
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "kb/note_parser.h"
#include "mem_env.h"
#include "test_util.h"

namespace fs = std::filesystem;
using namespace std::string_view_literals;

namespace {

const fs::path kKb = fs::path(KB_FIXTURES_DIR) / "kb";

kb::Note parse_fixture(const std::string& path) {
  const std::string bytes = kbtest::read_file(kKb / path);
  return kb::parse_note(path, bytes);
}

// 1-based number of the first line of fixtures/kb/`path` that starts with
// `prefix`, or 0.
int fixture_line(const std::string& path, const std::string& prefix) {
  const std::string text = kbtest::read_file(kKb / path);
  int line = 1;
  for (std::size_t pos = 0; pos <= text.size(); ++line) {
    if (text.compare(pos, prefix.size(), prefix) == 0) return line;
    const std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) break;
    pos = end + 1;
  }
  return 0;
}

const kb::Heading* find_heading(const kb::Note& note, const std::string& text) {
  for (const kb::Heading& h : note.headings) {
    if (h.text == text) return &h;
  }
  return nullptr;
}

bool any_block_contains(const kb::Note& note, std::string_view needle) {
  for (const kb::Block& b : note.blocks) {
    if (b.text.find(needle) != std::string::npos) return true;
  }
  return false;
}

using kbtest::kChineseSentence;
using kbtest::kChineseSentenceGbkHex;

using kbtest::from_hex;

}  // namespace

TEST_CASE("the title comes from front matter, else the first H1, else the stem",
          "[note_parser]") {
  struct Row {
    const char* what;
    std::string path;
    std::string bytes;
    std::string title;
  };
  const std::vector<Row> rows = {
      {"front matter beats H1", "a/note.md",
       "---\ntitle: From Front Matter\n---\n# From H1\n", "From Front Matter"},
      {"first H1 when no title field", "a/note.md",
       "---\ndate: 2024-01-01\n---\n# From H1\n\n# Second H1\n", "From H1"},
      {"H1 after an H2", "a/note.md", "## Sub\n\n# Main\n", "Main"},
      {"setext H1", "a/note.md", "Setext Title\n===\n", "Setext Title"},
      {"blank title field falls back to H1", "a/note.md",
       "---\ntitle: ''\n---\n# Heading\n", "Heading"},
      {"stem without H1", "folder/my-note.md", "## only H2\n\ntext\n",
       "my-note"},
      {"stem of a .markdown file", "x/old-style.markdown", "text\n",
       "old-style"},
      {"stem keeps inner dots", "v2.1.0.md", "", "v2.1.0"},
      {"stem in a CJK folder", "日记/2024-10-21.md", "今天注意力不集中。\n",
       "2024-10-21"},
  };
  for (const Row& row : rows) {
    INFO(row.what);
    const kb::Note note = kb::parse_note(row.path, row.bytes);
    CHECK(note.title == row.title);
    CHECK(note.path == row.path);
  }
}

TEST_CASE("parse_note fills fields, headings, blocks and size",
          "[note_parser]") {
  const std::string bytes =
      "---\n"                     // 1
      "title: 注意力\n"           // 2
      "date: 2024-10-21\n"        // 3
      "tags: [日记]\n"            // 4
      "---\n"                     // 5
      "\n"                        // 6
      "# 注意力\n"                // 7
      "\n"                        // 8
      "今天注意力不集中。\n"      // 9
      "\n"                        // 10
      "## 明天 {% raw %}计划\n"   // 11
      "\n"                        // 12
      "```\n"                     // 13
      "{{ kept in code }}\n"      // 14
      "```\n";                    // 15
  const kb::Note note = kb::parse_note("日记/2024-10-21.md", bytes);
  CHECK(note.size == bytes.size());
  CHECK(note.diagnostics.empty());
  CHECK(note.fields == std::map<std::string, std::string>{
                           {"title", "注意力"}, {"date", "2024-10-21"}});
  CHECK(note.front_matter_values == std::vector<std::string>{"日记"});
  REQUIRE(note.headings.size() == 2);
  CHECK(note.headings[0].line == 7);
  CHECK(note.headings[1].text == "明天 计划");
  CHECK(note.headings[1].line == 11);
  REQUIRE(note.blocks.size() == 4);
  CHECK(note.blocks[1].text == "今天注意力不集中。");
  CHECK(note.blocks[1].first_line == 9);
  CHECK(note.blocks[1].section == 0);
  CHECK(note.blocks[3].kind == kb::Block::Kind::kCode);
  CHECK(note.blocks[3].text == "{{ kept in code }}");
  CHECK(note.blocks[3].first_line == 14);
  CHECK(note.blocks[3].section == 1);
}

TEST_CASE("seed 000: front matter title and date, H2 line, no Hexo tag",
          "[note_parser][fixtures]") {
  const std::string path = "posts/000_7de7bcde4ef4daba.md";
  const kb::Note note = parse_fixture(path);
  CHECK(note.title == "一周总结与回顾-0");
  CHECK(note.fields.at("date") == "2024-10-20 21:40:17");
  CHECK(note.diagnostics.empty());

  const kb::Heading* h2 = find_heading(note, "看到的资料");
  REQUIRE(h2 != nullptr);
  CHECK(h2->level == 2);
  CHECK(h2->line == fixture_line(path, "## 看到的资料"));

  CHECK_FALSE(any_block_contains(note, "{%"));
  CHECK_FALSE(any_block_contains(note, "title:"));
  CHECK(any_block_contains(note, "attention"));
}

TEST_CASE("seed 003: Jekyll front matter title and list values",
          "[note_parser][fixtures]") {
  const kb::Note note = parse_fixture("posts/003_6d4cd4a21d58f612.md");
  CHECK(note.title == "周记 Week19");
  CHECK(note.front_matter_values ==
        std::vector<std::string>{"Daily Talk", "Weekly Journal", "Daily Talk",
                                 "Weekly Journal"});
  CHECK(note.fields.at("date") == "2024-11-17 23:12:00+0800");
  CHECK(note.diagnostics.empty());
}

TEST_CASE("seed 002 without front matter takes its title from the first H1",
          "[note_parser][fixtures]") {
  const kb::Note note = parse_fixture("posts/002_7d284882a2bce6d3.md");
  CHECK(note.fields.empty());
  CHECK(note.title == "Professor Gao said I don't work hard");
}

TEST_CASE("seed 004: H1 title and the H2 on line 3", "[note_parser][fixtures]") {
  const kb::Note note = parse_fixture("项目进展记录/004_3c8a9c320538d5dc.md");
  CHECK(note.title == "每日记录");
  REQUIRE(note.headings.size() >= 2);
  CHECK(note.headings[1].level == 2);
  CHECK(note.headings[1].text == "2024.4.3");
  CHECK(note.headings[1].line == 3);
}

TEST_CASE("edge notes: BOM and CRLF, empty file, no title",
          "[note_parser][fixtures]") {
  SECTION("crlf-bom") {
    const std::string path = "edge/crlf-bom.md";
    const kb::Note note = parse_fixture(path);
    CHECK(note.title == "Windows 记事本保存的笔记");
    CHECK(note.fields.at("date") == "2023-09-12");
    CHECK(note.diagnostics.empty());
    const kb::Heading* h2 = find_heading(note, "内容");
    REQUIRE(h2 != nullptr);
    CHECK(h2->line == fixture_line(path, "## 内容"));
    for (const kb::Block& b : note.blocks) {
      CHECK(b.text.find('\r') == std::string::npos);
    }
  }
  SECTION("empty") {
    const kb::Note note = parse_fixture("edge/empty.md");
    CHECK(note.title == "empty");
    CHECK(note.size == 0);
    CHECK(note.blocks.empty());
    CHECK(note.headings.empty());
    CHECK(note.diagnostics.empty());
  }
  SECTION("no-title") {
    const kb::Note note = parse_fixture("edge/no-title.md");
    CHECK(note.title == "no-title");
    CHECK(note.headings.empty());
    CHECK_FALSE(note.blocks.empty());
  }
}

TEST_CASE("broken front matter: diagnostic with path and line, body kept",
          "[note_parser][fixtures]") {
  const std::string path = "edge/broken-frontmatter.md";
  const kb::Note note = parse_fixture(path);
  CHECK(note.fields.empty());
  CHECK(note.front_matter_values.empty());
  REQUIRE(note.diagnostics.size() == 1);
  CHECK(note.diagnostics[0].path == path);
  CHECK(note.diagnostics[0].line == fixture_line(path, "title: 问题: 为什么"));
  CHECK(note.title == "损坏的元数据");
  const kb::Heading* h1 = find_heading(note, "损坏的元数据");
  REQUIRE(h1 != nullptr);
  CHECK(h1->line == fixture_line(path, "# 损坏的元数据"));
  CHECK_FALSE(any_block_contains(note, "tags: [a, b"));
  // Not shown and no tags, but searchable as text, as grep finds it.
  CHECK(note.tags.empty());
  const bool words_kept = std::any_of(note.hidden_text.begin(), note.hidden_text.end(),
                                      [](const std::string& t) {
                                        return t.find("title: 问题: 为什么") != std::string::npos;
                                      });
  CHECK(words_kept);
}

TEST_CASE("a Hexo tag after a fenced code block does not reach the text",
          "[note_parser]") {
  const kb::Note note = kb::parse_note(
      "code-then-tag.md",
      "# Snippets\n\n```cpp\nint x;\n```\n\n{% post_link Transformer %} 见上文\n");
  CHECK_FALSE(any_block_contains(note, "{%"));
  CHECK(any_block_contains(note, "见上文"));
}

TEST_CASE("bad encodings become diagnostics that carry the note path",
          "[note_parser]") {
  SECTION("invalid UTF-8") {
    const kb::Note note =
        kb::parse_note("bad/latin1.md", "# Caf\xE9\n\nau lait\n"sv);
    REQUIRE_FALSE(note.diagnostics.empty());
    for (const kb::Diagnostic& d : note.diagnostics) {
      CHECK(d.path == "bad/latin1.md");
    }
    CHECK(note.title == "Caf\xEF\xBF\xBD");
    CHECK(any_block_contains(note, "au lait"));
  }
  SECTION("GBK") {
    const std::string bytes = "# GBK\n\n" + from_hex(kChineseSentenceGbkHex);
    const kb::Note note = kb::parse_note("bad/gbk.md", bytes);
    REQUIRE_FALSE(note.diagnostics.empty());
    CHECK(note.diagnostics[0].path == "bad/gbk.md");
    CHECK(note.diagnostics[0].to_string().find("gb18030") !=
          std::string::npos);
    CHECK(any_block_contains(note, kChineseSentence));
    CHECK(note.size == bytes.size());
  }
}

TEST_CASE("read_note reads and parses a fixture note", "[note_parser]") {
  const std::string path = "posts/003_6d4cd4a21d58f612.md";
  const kb::Result<kb::Note> note = kb::read_note(kKb, path);
  REQUIRE(note.has_value());
  CHECK(note->path == path);
  CHECK(note->title == "周记 Week19");
  CHECK(note->size == fs::file_size(kKb / path));
}

TEST_CASE("read_note reports a folder as an error instead of throwing",
          "[note_parser]") {
  // The library promises that no exception escapes its public API, and a
  // folder cannot be read as a file.
  kb::Result<kb::Note> note = kb::Status::internal("", "not called");
  REQUIRE_NOTHROW(note = kb::read_note(kKb, "edge"));
  REQUIRE_FALSE(note.has_value());
  CHECK(note.error().code() == kb::Code::kInvalidArgument);
  CHECK(note.error().subject() == "edge");
}

TEST_CASE("read_note never reads outside the knowledge base", "[note_parser]") {
  const kbtest::TempDir outside;
  kbtest::write_file(outside.path() / "secret.md", "# secret\n");
  const kbtest::TempDir dir;
  const fs::path kb = dir.path() / "kb";
  kbtest::write_file(kb / "real.md", "# real\n");
  fs::create_symlink(outside.path() / "secret.md", kb / "escape.md");
  fs::create_symlink("real.md", kb / "alias.md");
  for (const std::string& path :
       {(outside.path() / "secret.md").string(), std::string("../") + "secret.md",
        std::string("escape.md")}) {
    INFO(path);
    const kb::Result<kb::Note> note = kb::read_note(kb, path);
    REQUIRE_FALSE(note.has_value());
    CHECK(note.error().code() == kb::Code::kInvalidArgument);
  }
  // A link that stays inside is read.
  const kb::Result<kb::Note> alias = kb::read_note(kb, "alias.md");
  REQUIRE(alias.has_value());
  CHECK(alias->title == "real");
  CHECK(alias->path == "alias.md");
}

TEST_CASE("read_note refuses a FIFO named like a note without waiting for a writer",
          "[note_parser]") {
  // Opening a FIFO for reading blocks until someone writes; the note
  // reader must neither block nor read it.
  const kbtest::TempDir dir;
  REQUIRE(::mkfifo((dir.path() / "pipe.md").c_str(), 0600) == 0);
  const kb::Result<kb::Note> note = kb::read_note(dir.path(), "pipe.md");
  REQUIRE_FALSE(note.has_value());
  CHECK(note.error().code() == kb::Code::kInvalidArgument);
  CHECK(note.error().subject() == "pipe.md");
}

TEST_CASE("read_note reads a UTF-16 note, which is not binary",
          "[note_parser]") {
  const kbtest::TempDir dir;
  // "# 标题\n" in UTF-16LE with a BOM: half of its bytes are NUL.
  kbtest::write_file(dir.path() / "utf16.md",
                     "\xFF\xFE#\0 \0\x07\x68\x98\x98\n\0"sv);
  const kb::Result<kb::Note> note = kb::read_note(dir.path(), "utf16.md");
  REQUIRE(note.has_value());
  CHECK(note->title == "标题");
}

TEST_CASE("read_note reports missing, binary and unreadable files",
          "[note_parser]") {
  const kbtest::TempDir dir;

  SECTION("a missing file is kNotFound") {
    const kb::Result<kb::Note> note = kb::read_note(dir.path(), "missing.md");
    REQUIRE_FALSE(note.has_value());
    CHECK(note.error().code() == kb::Code::kNotFound);
    CHECK(note.error().subject() == "missing.md");
  }
  SECTION("a file full of NUL bytes is kInvalidArgument") {
    std::string bytes = "# looks like a note\n";
    bytes += std::string(200, '\0');
    kbtest::write_file(dir.path() / "blob.md", bytes);
    const kb::Result<kb::Note> note = kb::read_note(dir.path(), "blob.md");
    REQUIRE_FALSE(note.has_value());
    CHECK(note.error().code() == kb::Code::kInvalidArgument);
    CHECK(note.error().subject() == "blob.md");
  }
  SECTION("a file that cannot be read is kIOError, naming it") {
    // Through a MemEnv: file permissions stop no read of a test running as
    // root, as CI does.
    kbtest::MemEnv files(dir.path());
    files.write("secret.md", "# secret\n");
    files.fail_reads("secret.md", EACCES);
    const kb::Result<kb::Note> note =
        kb::read_note(dir.path(), "secret.md", kb::Vocabulary::none(), files);
    REQUIRE_FALSE(note.has_value());
    CHECK(note.error().code() == kb::Code::kIOError);
    CHECK(note.error().subject() == "secret.md");
    CHECK(note.error().message().find(std::strerror(EACCES)) != std::string::npos);
  }
}

// ---------------------------------------------------------------------------
// The note-model issue's acceptance, on the user's own notes.

namespace {

// 1-based number of the first line of fixtures/kb/`path` holding `needle`.
int line_containing(const std::string& path, const std::string& needle) {
  const std::string text = kbtest::read_file(kKb / path);
  const std::size_t at = text.find(needle);
  if (at == std::string::npos) return 0;
  return 1 + static_cast<int>(std::count(text.begin(),
                                         text.begin() + static_cast<std::ptrdiff_t>(at),
                                         '\n'));
}

std::vector<std::string> link_targets(const kb::Note& note, bool external) {
  std::vector<std::string> targets;
  for (const kb::Link& link : note.links) {
    if (link.external == external) targets.push_back(link.target);
  }
  return targets;
}

}  // namespace

TEST_CASE("seed 000: its tags are the front-matter tag and the six inline ones",
          "[note_parser][fixtures]") {
  const kb::Note note = parse_fixture("posts/000_7de7bcde4ef4daba.md");
  // `tags: 反思与总结` and `categories: 反思与总结` name one tag.
  CHECK(note.tag_names() ==
        std::vector<std::string>{"反思与总结", "LLM", "attention", "research",
                                 "diffusion-model", "multimodal", "CV-video"});
  // The inline tags sit on the bullets of ## 看到的资料.
  for (const kb::Tag& tag : note.tags) {
    if (tag.source != kb::Tag::Source::kInline) continue;
    INFO(tag.name);
    REQUIRE(tag.block >= 0);
    CHECK(note.blocks[static_cast<std::size_t>(tag.block)].text.find(
              "#" + tag.name) != std::string::npos);
    CHECK(tag.line == line_containing("posts/000_7de7bcde4ef4daba.md",
                                      "#" + tag.name + " "));
  }
  const std::vector<std::string> urls = link_targets(note, /*external=*/true);
  const auto has = [&](std::string_view prefix) {
    for (const std::string& url : urls) {
      if (url.rfind(prefix, 0) == 0) return true;
    }
    return false;
  };
  CHECK(has("https://kexue.fm/archives/9529"));
  CHECK(has("https://www.zhihu.com/question/524855881"));
  CHECK(has("https://zhuanlan.zhihu.com/p/688215018"));
  CHECK(link_targets(note, /*external=*/false).empty());
}

TEST_CASE("seed 003: its tags are exactly Daily Talk and Weekly Journal",
          "[note_parser][fixtures]") {
  const kb::Note note = parse_fixture("posts/003_6d4cd4a21d58f612.md");
  CHECK(note.tag_names() ==
        std::vector<std::string>{"Daily Talk", "Weekly Journal"});
  CHECK(note.date == "2024-11-17T23:12:00+08:00");
}

TEST_CASE("seed 004: its three kinds of note link, anchor split off",
          "[note_parser][fixtures]") {
  const std::string path = "项目进展记录/004_3c8a9c320538d5dc.md";
  const kb::Note note = parse_fixture(path);
  const auto find = [&](std::string_view target) -> const kb::Link* {
    for (const kb::Link& link : note.links) {
      if (link.target == target) return &link;
    }
    return nullptr;
  };
  const kb::Link* site_root = find("/大模型LM/文献精读/Transformer.md");
  const kb::Link* relative = find("../分子动力学机器学习/文献精读/DeepMD.md");
  const kb::Link* anchored = find("../项目进展记录/MolecularD.md");
  REQUIRE(site_root != nullptr);
  REQUIRE(relative != nullptr);
  REQUIRE(anchored != nullptr);
  CHECK(site_root->line == fixture_line(path, "- 链接在这里"));
  CHECK(relative->text == "这里");  // from [**这里**](...)
  CHECK(anchored->anchor == "文献收集总结");
  CHECK(anchored->raw == "../项目进展记录/MolecularD.md#文献收集总结");
  for (const kb::Link* link : {site_root, relative, anchored}) {
    CHECK_FALSE(link->external);
    CHECK(link->kind == kb::Link::Kind::kMarkdown);
  }
}

TEST_CASE("seed 001 is flagged as mojibake and read as Chinese again",
          "[note_parser][fixtures]") {
  const kb::Note damaged = parse_fixture("posts/001_55c4e469920f7bc4.md");
  const kb::Note original = parse_fixture("posts/000_7de7bcde4ef4daba.md");
  CHECK(damaged.repaired == "mojibake");
  CHECK(original.repaired.empty());
  bool warned = false;
  for (const kb::Diagnostic& d : damaged.diagnostics) {
    warned = warned || (d.path == "posts/001_55c4e469920f7bc4.md" &&
                        d.message.find("mojibake") != std::string::npos);
  }
  CHECK(warned);
  // Without the knowledge base, ICU's dictionary alone picks 与 wrongly
  // (see mojibake.h); the headings and inline tags come back exactly.
  REQUIRE(damaged.headings.size() == original.headings.size());
  for (std::size_t i = 0; i < original.headings.size(); ++i) {
    CHECK(damaged.headings[i].text == original.headings[i].text);
  }
  std::vector<std::string> inline_tags;
  for (const kb::Tag& tag : damaged.tags) {
    if (tag.source == kb::Tag::Source::kInline) inline_tags.push_back(tag.name);
  }
  CHECK(inline_tags == std::vector<std::string>{"LLM", "attention", "research",
                                                "diffusion-model", "multimodal",
                                                "CV-video"});
}

TEST_CASE("a GBK copy of a fixture note reads like the UTF-8 original",
          "[note_parser][fixtures]") {
  const fs::path encodings = fs::path(KB_FIXTURES_DIR) / "encodings";
  auto gbk = kb::read_note(encodings, "transformer-gbk.md");
  REQUIRE(gbk);
  const kb::Note utf8 = parse_fixture("大模型LM/文献精读/Transformer.md");
  CHECK(gbk->encoding == "gb18030");
  CHECK(gbk->title == utf8.title);
  CHECK(gbk->tag_names() == utf8.tag_names());
  REQUIRE(gbk->blocks.size() == utf8.blocks.size());
  for (std::size_t i = 0; i < utf8.blocks.size(); ++i) {
    CHECK(gbk->blocks[i].text == utf8.blocks[i].text);
  }
  REQUIRE_FALSE(gbk->diagnostics.empty());
  CHECK(gbk->diagnostics[0].message.find("gb18030") != std::string::npos);

  auto utf16 = kb::read_note(encodings, "journal-utf16.md");
  REQUIRE(utf16);
  CHECK(utf16->encoding == "utf-16le");
  CHECK(utf16->title == parse_fixture("日记/2024-10-21.md").title);
}

// Found by the fuzzer (tests/fuzz): cmark ends a line at a lone CR, which
// put blocks below the last line of the file.
TEST_CASE("a lone CR does not move block lines", "[note_parser]") {
  const kb::Note note = kb::parse_note("cr.md", "a\rb\n\nc\rd\ne\n");
  REQUIRE(note.blocks.size() == 2);
  CHECK(note.blocks[0].first_line == 1);
  CHECK(note.blocks[0].last_line == 1);
  CHECK(note.blocks[1].first_line == 3);
  CHECK(note.blocks[1].last_line == 4);
}

// en-vault's help writes "\[\[double bracket syntax\]\]" to show the syntax.
TEST_CASE("escaped brackets and hashes make no link or tag", "[note_parser]") {
  const kb::Note note = kb::parse_note(
      "x.md", "Use \\[\\[Wikilinks\\]\\] and \\#notatag, or [[real]] #real.\n");
  REQUIRE(note.links.size() == 1);
  CHECK(note.links[0].target == "real");
  CHECK(note.tag_names() == std::vector<std::string>{"real"});
  REQUIRE(note.blocks.size() == 1);
  CHECK(note.blocks[0].text == "Use [[Wikilinks]] and #notatag, or real #real.");
}

TEST_CASE("a link's context is the text of its line, whole when short", "[note_parser]") {
  const kb::Note note = kb::parse_note(
      "short.md", "# T\n\n见 **[DTNN](DTNN.md)** 和 `code` [[SchNet]]，\n再见 <https://a.org>\n");
  REQUIRE(note.links.size() == 3);
  CHECK(note.links[0].context == "见 DTNN 和 code SchNet，");
  CHECK(note.links[1].context == "见 DTNN 和 code SchNet，");
  CHECK(note.links[2].context == "再见 https://a.org");
}

TEST_CASE("on a long line a link's context is the part around the link", "[note_parser]") {
  // What comes before the link is shorter or longer in the text than in the
  // Markdown: the window must still be where the link is shown.
  struct Row {
    const char* what;
    std::string before;
  };
  const std::string filler = [] {
    std::string s;
    for (int i = 0; i < 100; ++i) s += "注意力 ";
    return s;
  }();
  const Row rows[] = {
      {"plain text", filler},
      {"a long code span", "`" + std::string(300, 'c') + "` " + filler},
      {"raw HTML",
       [] {
         std::string s;
         for (int i = 0; i < 100; ++i) s += "<b>注</b>";
         return s;
       }()},
      {"escaped brackets",
       [] {
         std::string s;
         for (int i = 0; i < 100; ++i) s += "\\[x\\] ";
         return s;
       }()},
      {"a link whose text is a URL", "[https://a.org/" + std::string(300, 'p') + "](x.md) "},
  };
  struct Written {
    const char* markdown;
    const char* target;
    const char* shown;
  };
  const Written links[] = {{"[[w]]", "w", " w "},
                           {"[wlink](w.md)", "w.md", "wlink"},
                           {"https://w.org/x", "https://w.org/x", "https://w.org/x"}};
  for (const Row& row : rows) {
    for (const Written& written : links) {
      INFO(row.what << ", " << written.markdown);
      const kb::Note note =
          kb::parse_note("long.md", row.before + " " + written.markdown + " " + filler + "\n");
      REQUIRE(note.blocks.size() == 1);
      const auto link = std::find_if(note.links.begin(), note.links.end(),
                                     [&](const kb::Link& l) { return l.target == written.target; });
      REQUIRE(link != note.links.end());
      CHECK(link->context.find(written.shown) != std::string::npos);
      // A piece of the line, cut on both sides.
      REQUIRE(link->context.size() > 6);
      CHECK(link->context.substr(0, 3) == "…");
      CHECK(link->context.substr(link->context.size() - 3) == "…");
      const std::string inside = link->context.substr(3, link->context.size() - 6);
      CHECK(note.blocks[0].text.find(inside) != std::string::npos);
    }
  }
}

TEST_CASE("a Hexo tag on a long line shows the line's start", "[note_parser]") {
  // The tag is removed from the text, so there is no place to centre on.
  std::string line = "{% post_link P %}";
  for (int i = 0; i < 300; ++i) line += "注";
  const kb::Note note = kb::parse_note("hexo.md", line + "\n");
  REQUIRE(note.links.size() == 1);
  std::string expected;
  for (int i = 0; i < 160; ++i) expected += "注";
  CHECK(note.links[0].context == expected + "…");
}

TEST_CASE("a footnote definition is text of the note and no link", "[note_parser]") {
  const kb::Note note =
      kb::parse_note("n.md", "正文[^1]。\n\n[^1]: footnoteword 的解释\n");
  CHECK(note.links.empty());
  bool found = false;
  for (const kb::Block& block : note.blocks) {
    if (block.text.find("footnoteword") != std::string::npos) {
      found = true;
      // Shown as written: the stand-in for its bracket reads as '['.
      CHECK(block.text.rfind("[^1]: footnoteword", 0) == 0);
      CHECK(block.first_line == 3);
    }
  }
  CHECK(found);
}

namespace {

// True when `s` holds a stand-in of template_tags.h (U+E000-U+E0FF) or the
// inline placeholder U+FFFC, which must never reach what a note shows.
bool holds_placeholder(std::string_view s) {
  for (std::size_t i = 0; i + 2 < s.size(); ++i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    const auto b2 = static_cast<unsigned char>(s[i + 2]);
    if (b0 == 0xEE && b1 == 0x80) return true;
    if (b0 == 0xEF && b1 == 0xBF && b2 == 0xBC) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("titles, headings and text show wikilinks as a reader sees them", "[note_parser]") {
  const kb::Note note = kb::parse_note(
      "shown.md",
      "# Intro to [[dataview|Dataview]] **Plugin**\n\n"
      "## [[a]], [[a#h]], [[a#h1#h2]], [[#local]] and [[b#^id]]\n\n"
      "![[pic.png|300]] ![[pic.png|Figure 2]] ![[Note]] [[]] and [x](https://x.org)\n");
  CHECK(note.title == "Intro to Dataview Plugin");
  REQUIRE(note.headings.size() == 2);
  CHECK(note.headings[1].text == "a, a > h, a > h1 > h2, local and b > ^id");
  REQUIRE(note.blocks.size() == 3);
  CHECK(note.blocks[2].text == "pic.png Figure 2 Note [[]] and x");
}

TEST_CASE("no stand-in or placeholder reaches a target, text, tag or heading", "[note_parser]") {
  const char* inputs[] = {
      "[[F\\#]] and ![[G\\#|\\[x\\]]]\n",
      "# H \\# [[a\\#b|c\\#]] `x`\n",
      "    indented \\[code\\] [[x]] \\#t\n",
      "<div>\\[html\\] [[y]]</div>\n",
      "[l](a\\#b) <https://x.org/\\#f> https://y.org/\\#g [[z <b>html</b>]]\n",
      "[r]\n\n[r]: r\\#s.md\n",
      "%% [[c]] \\#c %% [[d `e`]] [[\\[\\]]]\n",
  };
  for (const char* input : inputs) {
    INFO(input);
    const kb::Note note = kb::parse_note("leak.md", input);
    CHECK_FALSE(holds_placeholder(note.title));
    for (const kb::Heading& h : note.headings) CHECK_FALSE(holds_placeholder(h.text));
    for (const kb::Block& b : note.blocks) CHECK_FALSE(holds_placeholder(b.text));
    for (const std::string& s : note.hidden_text) CHECK_FALSE(holds_placeholder(s));
    for (const kb::Tag& t : note.tags) CHECK_FALSE(holds_placeholder(t.name));
    for (const kb::Link& l : note.links) {
      INFO(l.raw);
      CHECK_FALSE(holds_placeholder(l.raw));
      CHECK_FALSE(holds_placeholder(l.target));
      CHECK_FALSE(holds_placeholder(l.anchor));
      CHECK_FALSE(holds_placeholder(l.text));
      CHECK_FALSE(holds_placeholder(l.context));
    }
  }
  const kb::Note code = kb::parse_note("code.md", "    indented \\[code\\] [[x]]\n");
  REQUIRE(code.blocks.size() == 1);
  CHECK(code.blocks[0].text == "indented \\[code\\] [[x]]");
  CHECK(code.links.empty());
}

TEST_CASE("Obsidian comments are hidden text: searchable, not shown", "[note_parser]") {
  const kb::Note note =
      kb::parse_note("c.md", "shown %% inline okapi #t %% text\n\n%%\nblock pangolin\n[[x]]\n%%\nend\n");
  CHECK(std::find(note.hidden_text.begin(), note.hidden_text.end(), " inline okapi #t ") !=
        note.hidden_text.end());
  CHECK(std::find(note.hidden_text.begin(), note.hidden_text.end(),
                  "\nblock pangolin\n[[x]]\n") != note.hidden_text.end());
  CHECK(note.tags.empty());
  CHECK(note.links.empty());
  CHECK_FALSE(any_block_contains(note, "okapi"));
  CHECK_FALSE(any_block_contains(note, "pangolin"));
  REQUIRE(note.blocks.size() == 2);
  CHECK(note.blocks[1].first_line == 7);
}

TEST_CASE("a paragraph after reference definitions starts on its own line", "[note_parser]") {
  const kb::Note note =
      kb::parse_note("d.md", "# T\n\n[a]: a.md\n[b]: b.md\n正文 #tag [[x]]\n再 [a]\n");
  REQUIRE(note.blocks.size() == 2);
  CHECK(note.blocks[1].first_line == 5);
  CHECK(note.blocks[1].last_line == 6);
  REQUIRE(note.tags.size() == 1);
  CHECK(note.tags[0].line == 5);
  REQUIRE(note.links.size() == 2);
  CHECK(note.links[0].line == 5);
  CHECK(note.links[0].context == "正文 #tag x");
  CHECK(note.links[1].line == 6);
  CHECK(note.links[1].context == "再 a");
}

TEST_CASE("a link's shown span is where its text is on its line", "[note_parser]") {
  const std::string line2 = "见 **[DTNN](DTNN.md)** 和 [[SchNet|网络]] <https://a.org> https://b.org";
  const kb::Note note = kb::parse_note("shown.md", "# T\n\n" + line2 + "\n{% post_link x %}\n");
  REQUIRE(note.blocks.size() == 2);
  const std::string text = note.blocks[1].text.substr(0, note.blocks[1].text.find('\n'));
  REQUIRE(note.links.size() == 5);
  const auto shown = [&](std::size_t i) {
    const kb::Link& l = note.links[i];
    REQUIRE(l.shown_end <= text.size());
    return text.substr(l.shown_begin, l.shown_end - l.shown_begin);
  };
  CHECK(shown(0) == "DTNN");
  CHECK(shown(1) == "网络");
  CHECK(shown(2) == "https://a.org");
  CHECK(shown(3) == "https://b.org");
  // A Hexo tag is not part of the text.
  CHECK(note.links[4].kind == kb::Link::Kind::kPostLink);
  CHECK(note.links[4].shown_begin == 0);
  CHECK(note.links[4].shown_end == 0);
}
