// Tests for url_scan.h: where a bare URL starts and where it ends. What a URL
// becomes as a link is in links_test.cc, its '#' that is no tag in
// tags_test.cc; user-facing examples are in fixtures/spec/links.md.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "note/url_scan.h"

namespace {

// Every bare URL of `text`, joined by " | ", scanned from left to right the
// way find_text_links and find_inline_tags scan: a URL is skipped whole.
std::string urls_in(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = kb::bare_url_length(text, i);
    if (length == 0) {
      ++i;
      continue;
    }
    if (!out.empty()) out += " | ";
    out += text.substr(i, length);
    i += length;
  }
  return out;
}

struct Row {
  std::string_view text;
  std::string_view urls;  // as urls_in() joins them
};

void check_rows(const std::vector<Row>& rows) {
  for (const Row& row : rows) {
    INFO("text: " << row.text);
    CHECK(urls_in(row.text) == row.urls);
  }
}

// `piece` again and again, to a megabyte or a little more.
std::string megabyte_of(std::string_view piece) {
  std::string out;
  while (out.size() < (1u << 20)) out += piece;
  return out;
}

}  // namespace

TEST_CASE("A URL starts at scheme:// or www., in any case", "[url_scan]") {
  check_rows({
      {"https://a.org", "https://a.org"},
      {"http://a.org/x", "http://a.org/x"},
      {"HTTPS://A.ORG", "HTTPS://A.ORG"},
      {"hTtP://a.org", "hTtP://a.org"},
      {"www.a.org", "www.a.org"},
      {"WWW.A.ORG/x", "WWW.A.ORG/x"},
      // Any scheme: the apps people link to from notes.
      {"ftp://a.org/pub", "ftp://a.org/pub"},
      {"obsidian://open?vault=a", "obsidian://open?vault=a"},
      {"zotero://select/items/0_ABCD", "zotero://select/items/0_ABCD"},
      {"svn+ssh://host/repo", "svn+ssh://host/repo"},
      {"a.b-c://x", "a.b-c://x"},
      {"abcdefghijabcdefghijabcdefghijab://x", "abcdefghijabcdefghijabcdefghijab://x"},
      // Not a start.
      {"abcdefghijabcdefghijabcdefghijabc://x", ""},  // a scheme has at most 32
      {"x://a.org", ""},                              // and at least 2 characters
      {"mailto:a@b.org", ""},                         // no "//"
      {"https:/a.org", ""},
      {"https:a.org", ""},
      {"https//a.org", ""},
      {"a_bc://x", "bc://x"},                         // '_' is no scheme character
      {"the www is", ""},
      {"www", ""},
  });
}

TEST_CASE("A URL never starts inside an ASCII word", "[url_scan]") {
  check_rows({
      // A scheme is read as a whole word.
      {"xhttps://a.org", "xhttps://a.org"},
      {"x-https://a.org", "x-https://a.org"},
      {"2https://a.org", ""},                 // a scheme starts with a letter
      {"42https://a.org", ""},
      // After anything else it may start.
      {"链接https://a.org", "https://a.org"},
      {"(https://a.org)", "https://a.org"},
      {"_https://a.org", "https://a.org"},
      {"#https://a.org", "https://a.org"},
      {"：https://a.org", "https://a.org"},
      {"\xEF\xBF\xBChttps://a.org", "https://a.org"},  // after a code span
      // "www." not inside a host, a path or an address either.
      {"awww.a.org", ""},
      {"1www.a.org", ""},
      {"a.www.b.org", ""},
      {"a-www.b.org", ""},
      {"a_www.b.org", ""},
      {"x/www.b.org", ""},
      {"me@www.b.org", ""},
      {"see:www.b.org", ""},
      {"中www.a.org", "www.a.org"},
      {"(www.a.org)", "www.a.org"},
  });
  // The characters before `i` count, so a caller may ask anywhere.
  CHECK(kb::bare_url_length("xhttps://a.org", 1) == 0);
  CHECK(kb::bare_url_length("链接https://a.org", 6) == 13);
  CHECK(kb::bare_url_length("a.www.b.org", 2) == 0);
}

TEST_CASE("The first character after the prefix is a letter or a digit", "[url_scan]") {
  check_rows({
      {"https://1.2.3.4/x", "https://1.2.3.4/x"},
      {"https://中文", "https://中文"},
      {"https://例子.测试/路径", "https://例子.测试/路径"},
      {"https://ü.de", "https://ü.de"},
      {"www.例子.cn", "www.例子.cn"},
      // No URL.
      {"https://", ""},
      {"https:// a", ""},
      {"https://.", ""},
      {"https://-a", ""},
      {"https:///a", ""},
      {"file:///home/u/a.md", ""},
      {"www.", ""},
      {"www..", ""},
      {"www.-a", ""},
      {"https://，", ""},
      {"https://\u2460", ""},                  // ① is a number, not a letter
      {"https://\U0001F389", ""},              // nor is an emoji
      {"https://\xEF\xBF\xBC", ""},
      {"https://\xFF", ""},
      {"https://.https://a.org", "https://a.org"},
  });
}

TEST_CASE("Letters, marks and digits of every script stay in a URL", "[url_scan]") {
  check_rows({
      {"https://x/wiki/注意力#历史", "https://x/wiki/注意力#历史"},
      {"链接https://kexue.fm/archives/9529中提到，之所以", "https://kexue.fm/archives/9529中提到"},
      {"见 www.zhihu.com/q/1的回答。", "www.zhihu.com/q/1的回答"},
      {"https://ja.wikipedia.org/wiki/人々", "https://ja.wikipedia.org/wiki/人々"},  // U+3005
      {"https://x/二〇二四年", "https://x/二〇二四年"},                              // U+3007
      {"https://ja.wikipedia.org/wiki/カタカナー", "https://ja.wikipedia.org/wiki/カタカナー"},
      {"https://x/ｶﾀｶﾅ", "https://x/ｶﾀｶﾅ"},                                        // half width
      {"https://ko.wikipedia.org/wiki/한국어", "https://ko.wikipedia.org/wiki/한국어"},
      {"https://hi.wikipedia.org/wiki/हिन्दी", "https://hi.wikipedia.org/wiki/हिन्दी"},
      {"https://x/cafe\u0301", "https://x/cafe\u0301"},
      {"https://x/Ｆｕｌｌ１２", "https://x/Ｆｕｌｌ１２"},                          // full width
      {"https://münchen.de/straße", "https://münchen.de/straße"},
      // Other characters outside the punctuation blocks stay as well.
      {"https://x/a·b", "https://x/a·b"},
      {"https://x/\U0001F389", "https://x/\U0001F389"},
      {"https://x/a\\b{c}", "https://x/a\\b{c}"},
  });
}

TEST_CASE("A URL ends at whitespace, markup and the punctuation blocks", "[url_scan]") {
  struct End {
    std::string_view character;
    const char* what;
  };
  const End ends[] = {
      {" ", "space"},
      {"\t", "tab"},
      {"\n", "line break"},
      {"\r", "carriage return"},
      {"\x01", "control"},
      {"\x7F", "DEL"},
      {"<", "'<'"},
      {">", "'>'"},
      {"\"", "'\"'"},
      {"`", "backquote"},
      {"|", "a table cell"},
      {"\xEF\xBF\xBC", "U+FFFC, a code span or raw HTML"},
      {"\xEF\xBB\xBF", "U+FEFF"},
      {"\xFF", "an invalid byte"},
      {"\xE4\xB8", "a truncated sequence"},
      {"\u0085", "U+0085, a C1 control"},
      {"\u00A0", "NBSP"},
      {"\u2003", "em space"},
      {"\u200B", "zero width space"},
      {"\u201C", "left double quotation mark"},
      {"\u201D", "right double quotation mark"},
      {"\u2019", "right single quotation mark"},
      {"\u2014", "em dash"},
      {"\u2026", "ellipsis"},
      {"\u3000", "ideographic space"},
      {"、", "U+3001"},
      {"。", "U+3002"},
      {"「", "U+300C"},
      {"」", "U+300D"},
      {"【", "U+3010"},
      {"〜", "U+301C wave dash"},
      {"！", "U+FF01"},
      {"（", "U+FF08"},
      {"）", "U+FF09"},
      {"，", "U+FF0C"},
      {"．", "U+FF0E"},
      {"／", "U+FF0F"},
      {"：", "U+FF1A"},
      {"；", "U+FF1B"},
      {"？", "U+FF1F"},
      {"＠", "U+FF20"},
      {"［", "U+FF3B"},
      {"｀", "U+FF40"},
      {"｛", "U+FF5B"},
      {"～", "U+FF5E"},
      {"｡", "U+FF61 halfwidth full stop"},
      {"･", "U+FF65 halfwidth middle dot"},
  };
  for (const End& end : ends) {
    const std::string text = "https://a.org/x" + std::string(end.character) + "y";
    INFO(end.what);
    CHECK(urls_in(text) == "https://a.org/x");
  }
  check_rows({
      {"见 https://kexue.fm/archives/9529，然后", "https://kexue.fm/archives/9529"},
      {"“https://a.org/x”", "https://a.org/x"},
      {"（原文：https://arxiv.org/abs/2203.12602）", "https://arxiv.org/abs/2203.12602"},
      {"| https://a.org/x|b |", "https://a.org/x"},
      {"<https://a.org/x>", "https://a.org/x"},
      {"a https://x.org\nb http://y.org/z", "https://x.org | http://y.org/z"},
  });
}

TEST_CASE("Trailing sentence punctuation and unpartnered brackets are left out",
          "[url_scan]") {
  check_rows({
      {"see https://a.org/x.", "https://a.org/x"},
      {"see https://a.org/x?!", "https://a.org/x"},
      {"see https://a.org/x...", "https://a.org/x"},
      {"https://a.org/x, and", "https://a.org/x"},
      {"https://a.org/x;", "https://a.org/x"},
      {"https://a.org/x:", "https://a.org/x"},
      {"'https://a.org/x'", "https://a.org/x"},
      {"(see https://a.org/x)", "https://a.org/x"},
      {"(see https://a.org/x).", "https://a.org/x"},
      {"[https://a.org/x]", "https://a.org/x"},
      {"https://en.wikipedia.org/wiki/A_(b)", "https://en.wikipedia.org/wiki/A_(b)"},
      {"(https://en.wikipedia.org/wiki/A_(b))", "https://en.wikipedia.org/wiki/A_(b)"},
      {"https://a.org/x[1]", "https://a.org/x[1]"},
      // Inside the URL they stay.
      {"https://a.org/a.b,c;d:e!f?g'h", "https://a.org/a.b,c;d:e!f?g'h"},
      {"https://a.org/x?q=1.", "https://a.org/x?q=1"},
      {"https://a.org/x#", "https://a.org/x#"},
      {"https://a.org/x/", "https://a.org/x/"},
      {"https://a.org/x).", "https://a.org/x"},
      {"www.a.", "www.a"},
  });
}

TEST_CASE("url_scheme_length reads a scheme and its ':'", "[url_scan]") {
  struct SchemeRow {
    std::string_view text;
    std::size_t at;
    std::size_t length;
  };
  const SchemeRow rows[] = {
      {"https://x", 0, 5},
      {"mailto:a@b.c", 0, 6},
      {"svn+ssh://h", 0, 7},
      {"ab:", 0, 2},
      {"see https://x", 4, 5},
      {"C:\\notes", 0, 0},  // a Windows drive
      {"a:", 0, 0},
      {"1a:", 0, 0},
      {"ab", 0, 0},         // no ':'
      {"a_b:x", 0, 0},
      {"笔记:x", 0, 0},
      {"abcdefghijabcdefghijabcdefghijab:x", 0, 32},
      {"abcdefghijabcdefghijabcdefghijabc:x", 0, 0},
      {"", 0, 0},
      {"ab:", 3, 0},
  };
  for (const SchemeRow& row : rows) {
    INFO(row.text << " at " << row.at);
    CHECK(kb::url_scheme_length(row.text, row.at) == row.length);
  }
}

TEST_CASE("Scanning is linear, whatever the text", "[url_scan][slow]") {
  // Quadratic behaviour would take minutes (ctest's timeout fails it).
  CHECK(urls_in(megabyte_of("https://.")).empty());
  CHECK(urls_in(megabyte_of("ab://.")).empty());
  CHECK(urls_in(megabyte_of("www.-")).empty());
  // A scheme is 32 characters at most: the URL is the last 32 before "://".
  CHECK(urls_in(megabyte_of("a.") + "://x") == "a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.://x");
  const std::size_t mb = 1 << 20;
  CHECK(urls_in("https://a" + std::string(mb, ')')) == "https://a");
  CHECK(urls_in("https://a" + std::string(mb, '.')) == "https://a");
  CHECK(urls_in("https://a" + std::string(mb, '(')).size() == 9 + mb);
  // Chinese text goes on the URL: one URL of a megabyte.
  const std::string chinese = megabyte_of("中https://a.b");
  CHECK(urls_in(chinese).size() == chinese.size() - 3);
  std::string many;
  for (int k = 0; k < 10000; ++k) many += "。https://a.b/" + std::to_string(k);
  // 10,000 URLs: the text without its 10,000 "。", and 9,999 " | ".
  CHECK(urls_in(many).size() == many.size() - 10000 * 3 + 9999 * 3);
}
