// Tests for links.h: percent decoding, URL schemes, Markdown links,
// wikilinks, bare URLs and Hexo template tags. User-facing examples of the
// whole pipeline are in fixtures/spec/links.md.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "kb/note.h"
#include "note/links.h"
#include "note/template_tags.h"

namespace {

using Kind = kb::Link::Kind;

// The format of fixtures/spec/links.md, with the raw destination added:
// KIND TARGET [#ANCHOR] "TEXT" @LINE [external] raw=RAW
std::string show(const kb::Link& link) {
  std::string out = kb::name_of(link.kind);
  out += ' ';
  out += link.target.empty() ? "-" : link.target;
  if (!link.anchor.empty()) out += " #" + link.anchor;
  out += " \"" + link.text + "\" @" + std::to_string(link.line);
  if (link.external) out += " external";
  out += " raw=" + link.raw;
  return out;
}

// The markup find_text_links is given for `text` in a note: what
// strip_template_tags makes of it, wikilinks between their stand-ins.
std::string markup_of(std::string text) {
  std::vector<std::string> comments;
  kb::strip_template_tags(text, comments);
  return text;
}

std::string show_all(const std::vector<kb::Link>& links) {
  std::string out;
  for (const kb::Link& link : links) {
    if (!out.empty()) out += '\n';
    out += show(link);
  }
  return out;
}

}  // namespace

// ------------------------------------------------------------ percent_decode

TEST_CASE("percent_decode decodes UTF-8 escapes and keeps the rest",
          "[links]") {
  struct Row {
    const char* in;
    const char* out;
  };
  const Row rows[] = {
      {"", ""},
      {"plain/path.md", "plain/path.md"},
      {"%E6%96%87%E7%8C%AE%E7%B2%BE%E8%AF%BB/GPT.md", "文献精读/GPT.md"},
      {"%e5%a4%a7", "大"},                  // lower-case hex
      {"a%20b.md", "a b.md"},
      {"%E5%A4%A7%E6%A8%A1%E5%9E%8BLM/x.md", "大模型LM/x.md"},
      {"a%2Fb", "a/b"},                     // '/' is a path character
      {"a%2fb", "a/b"},
      {"a+b", "a+b"},                       // '+' is not a space here
      {"a%2Bb", "a+b"},
      {"%23anchor", "#anchor"},
      {"100%", "100%"},                     // malformed: as written
      {"100% sure", "100% sure"},
      {"%G1", "%G1"},
      {"%4", "%4"},
      {"%", "%"},
      {"%%41", "%A"},
      {"%E5%A4", "%E5%A4"},                 // truncated UTF-8: as written
      {"%E5%A4x", "%E5%A4x"},
      {"%FF", "%FF"},                       // never valid UTF-8
      {"%C0%AF", "%C0%AF"},                 // overlong '/'
      {"%ED%A0%80", "%ED%A0%80"},           // surrogate
      {"%FFa%E5%A4%A7", "%FFa大"},
      {"%A7%E5%A4%A7", "%A7大"},            // stray continuation byte first
      {"%E5%A4%A7%A7", "大%A7"},
      {"%00", "%00"},                       // NUL stays as written
      {"中%E6%96%87", "中文"},
      {"%F0%9F%98%80", "\U0001F600"},
  };
  for (const Row& row : rows) {
    INFO(row.in);
    CHECK(kb::percent_decode(row.in) == row.out);
  }
}

// ------------------------------------------------------------ has_url_scheme

TEST_CASE("has_url_scheme accepts schemes, not drives or paths", "[links]") {
  struct Row {
    const char* in;
    bool scheme;
  };
  const Row rows[] = {
      {"https://kexue.fm", true},
      {"http://x", true},
      {"HTTPS://X.ORG", true},
      {"mailto:a@b.c", true},
      {"file:///home/u/a.md", true},
      {"javascript:void(0)", true},
      {"obsidian://open?vault=v", true},
      {"svn+ssh://host/repo", true},
      {"coap+tcp:x", true},
      {"a.b-c:x", true},
      {"ab:", true},
      {"C:\\notes\\a.md", false},           // Windows drive
      {"c:/notes/a.md", false},
      {"C:", false},
      {"/大模型LM/文献精读/Transformer.md", false},
      {"../a.md", false},
      {"a.md", false},
      {"#anchor", false},
      {"", false},
      {":x", false},
      {"1http://x", false},                 // must start with a letter
      {"my note:x", false},                 // space is not a scheme char
      {"笔记:x", false},
      {"a_b:x", false},
      {"www.example.com", false},
      {"//cdn.example.com/x.png", false},   // no scheme (still external)
      {"abcdefghijabcdefghijabcdefghijab:x", true},    // 32 characters
      {"abcdefghijabcdefghijabcdefghijabc:x", false},  // 33
  };
  for (const Row& row : rows) {
    INFO(row.in);
    CHECK(kb::has_url_scheme(row.in) == row.scheme);
  }
}

// -------------------------------------------------------- make_markdown_link

TEST_CASE("make_markdown_link splits anchors, decodes and flags URLs",
          "[links]") {
  struct Row {
    Kind kind;
    const char* dest;
    const char* text;
    int line;
    const char* expected;
  };
  const Row rows[] = {
      // The seed note 004.
      {Kind::kMarkdown, "/大模型LM/文献精读/Transformer.md", "Transformer基础模型", 5,
       "markdown /大模型LM/文献精读/Transformer.md \"Transformer基础模型\" @5 "
       "raw=/大模型LM/文献精读/Transformer.md"},
      {Kind::kMarkdown, "../分子动力学机器学习/文献精读/DeepMD.md", "这里", 28,
       "markdown ../分子动力学机器学习/文献精读/DeepMD.md \"这里\" @28 "
       "raw=../分子动力学机器学习/文献精读/DeepMD.md"},
      {Kind::kMarkdown, "../项目进展记录/MolecularD.md#文献收集总结", "总结表格", 52,
       "markdown ../项目进展记录/MolecularD.md #文献收集总结 \"总结表格\" @52 "
       "raw=../项目进展记录/MolecularD.md#文献收集总结"},
      {Kind::kMarkdown, "https://llyg0102.github.io", "这个链接", 54,
       "markdown https://llyg0102.github.io \"这个链接\" @54 external "
       "raw=https://llyg0102.github.io"},
      {Kind::kMarkdown, "https://docsify.js.org/#/zh-cn/", "官方文档", 57,
       "markdown https://docsify.js.org/ #/zh-cn/ \"官方文档\" @57 external "
       "raw=https://docsify.js.org/#/zh-cn/"},
      // Percent-encoded paths and anchors (fixtures/kb/大模型LM/README.md).
      {Kind::kMarkdown, "%E6%96%87%E7%8C%AE%E7%B2%BE%E8%AF%BB/GPT.md", "GPT", 11,
       "markdown 文献精读/GPT.md \"GPT\" @11 "
       "raw=%E6%96%87%E7%8C%AE%E7%B2%BE%E8%AF%BB/GPT.md"},
      {Kind::kMarkdown, "../%E5%A4%A7/a%20b.md#%E6%A0%87", "enc", 1,
       "markdown ../大/a b.md #标 \"enc\" @1 raw=../%E5%A4%A7/a%20b.md#%E6%A0%87"},
      {Kind::kMarkdown, "Transformer.md#%E5%A4%9A%E5%A4%B4%E6%B3%A8%E6%84%8F%E5%8A%9B",
       "", 3,
       "markdown Transformer.md #多头注意力 \"\" @3 "
       "raw=Transformer.md#%E5%A4%9A%E5%A4%B4%E6%B3%A8%E6%84%8F%E5%8A%9B"},
      // "%23" is a '#' in the name, not an anchor.
      {Kind::kMarkdown, "C%23.md#x", "C#", 2, "markdown C#.md #x \"C#\" @2 raw=C%23.md#x"},
      // Anchor alone: this note.
      {Kind::kMarkdown, "#今日总结", "总结", 9, "markdown - #今日总结 \"总结\" @9 raw=#今日总结"},
      {Kind::kMarkdown, "#", "", 9, "markdown - \"\" @9 raw=#"},
      {Kind::kMarkdown, "a.md#b#c", "", 1, "markdown a.md #b#c \"\" @1 raw=a.md#b#c"},
      // cmark has already removed the angle brackets.
      {Kind::kMarkdown, "my note.md", "angle", 4, "markdown my note.md \"angle\" @4 raw=my note.md"},
      {Kind::kMarkdown, "a.md?x=1", "", 1, "markdown a.md?x=1 \"\" @1 raw=a.md?x=1"},
      {Kind::kMarkdown, "", "empty", 1, "markdown - \"empty\" @1 raw="},
      // External: as written up to '#', not decoded.
      {Kind::kImage,
       "https://cdn.jsdelivr.net/gh/K/Images@images/Screenshot%20from%202024.png", "", 17,
       "image https://cdn.jsdelivr.net/gh/K/Images@images/Screenshot%20from%202024.png "
       "\"\" @17 external "
       "raw=https://cdn.jsdelivr.net/gh/K/Images@images/Screenshot%20from%202024.png"},
      {Kind::kMarkdown, "https://x.org/a%2Fb?q=1&r=%E4%B8%AD#s%20t", "", 1,
       "markdown https://x.org/a%2Fb?q=1&r=%E4%B8%AD #s%20t \"\" @1 external "
       "raw=https://x.org/a%2Fb?q=1&r=%E4%B8%AD#s%20t"},
      {Kind::kMarkdown, "https://www.bilibili.com/video/BV1eu411m797/?spm_id_from=333.337", "b站", 55,
       "markdown https://www.bilibili.com/video/BV1eu411m797/?spm_id_from=333.337 "
       "\"b站\" @55 external raw=https://www.bilibili.com/video/BV1eu411m797/?spm_id_from=333.337"},
      {Kind::kAutolink, "https://kexue.fm", "https://kexue.fm", 3,
       "autolink https://kexue.fm \"https://kexue.fm\" @3 external raw=https://kexue.fm"},
      {Kind::kAutolink, "mailto:foo@example.com", "foo@example.com", 3,
       "autolink mailto:foo@example.com \"foo@example.com\" @3 external "
       "raw=mailto:foo@example.com"},
      {Kind::kMarkdown, "file:///home/u/a.md", "", 1,
       "markdown file:///home/u/a.md \"\" @1 external raw=file:///home/u/a.md"},
      {Kind::kMarkdown, "javascript:void(0)", "", 1,
       "markdown javascript:void(0) \"\" @1 external raw=javascript:void(0)"},
      {Kind::kMarkdown, "//cdn.example.com/x.png", "", 1,
       "markdown //cdn.example.com/x.png \"\" @1 external raw=//cdn.example.com/x.png"},
      // Not external: a drive letter, a site-root path.
      {Kind::kImage, "C:\\notes\\a.png", "", 1,
       "image C:\\notes\\a.png \"\" @1 raw=C:\\notes\\a.png"},
      {Kind::kImage, "../assets/diagram.png", "diagram", 8,
       "image ../assets/diagram.png \"diagram\" @8 raw=../assets/diagram.png"},
  };
  for (const Row& row : rows) {
    INFO(row.dest);
    CHECK(show(kb::make_markdown_link(row.kind, row.dest, row.text, row.line)) ==
          row.expected);
  }
}

// ---------------------------------------------------------- find_text_links

TEST_CASE("find_text_links finds wikilinks and embeds", "[links]") {
  struct Row {
    const char* markup;
    const char* expected;  // show_all(), lines counted from 10
  };
  const Row rows[] = {
      {"", ""},
      {"no links here", ""},
      {"[[DeepMD]]", "wikilink DeepMD \"\" @10 raw=DeepMD"},
      {"见[[注意力机制笔记]]。", "wikilink 注意力机制笔记 \"\" @10 raw=注意力机制笔记"},
      {"[[Transformer 精读]]", "wikilink Transformer 精读 \"\" @10 raw=Transformer 精读"},
      {"[[Transformer#多头注意力|多头注意力]]",
       "wikilink Transformer #多头注意力 \"多头注意力\" @10 raw=Transformer#多头注意力"},
      {"[[note#heading]]", "wikilink note #heading \"\" @10 raw=note#heading"},
      {"[[#今日总结]]", "wikilink - #今日总结 \"\" @10 raw=#今日总结"},
      {"[[note#^blockid]]", "wikilink note #^blockid \"\" @10 raw=note#^blockid"},
      {"[[Sync settings#Selective syncing#Exclude a folder]]",
       "wikilink Sync settings #Selective syncing#Exclude a folder \"\" @10 "
       "raw=Sync settings#Selective syncing#Exclude a folder"},
      {"[[folder/note]]", "wikilink folder/note \"\" @10 raw=folder/note"},
      {"[[ spaced | alias ]]", "wikilink spaced \"alias\" @10 raw=spaced"},
      {"[[a # h ]]", "wikilink a #h \"\" @10 raw=a # h"},
      {"[[a|b|c]]", "wikilink a \"b|c\" @10 raw=a"},
      {"[[a\\|b]]", "wikilink a \"b\" @10 raw=a"},  // escaped pipe (tables)
      {"[[Basic formatting syntax#Task lists\\|task]]",
       "wikilink Basic formatting syntax #Task lists \"task\" @10 "
       "raw=Basic formatting syntax#Task lists"},
      {"[[a b c]]", "wikilink a b c \"\" @10 raw=a b c"},  // was [[a *b* c]]
      {"[[100% sure]]", "wikilink 100% sure \"\" @10 raw=100% sure"},
      {"[[a%20b]]", "wikilink a%20b \"\" @10 raw=a%20b"},  // not decoded
      {"![[DeepMD]]", "embed DeepMD \"\" @10 raw=DeepMD"},
      {"![[image.png|300]]", "embed image.png \"300\" @10 raw=image.png"},
      {"![[Engelbart.jpg\\|100x145]]", "embed Engelbart.jpg \"100x145\" @10 raw=Engelbart.jpg"},
      {"![[*.png#right|Figure 2|200]]",
       "embed *.png #right \"Figure 2|200\" @10 raw=*.png#right"},
      {"![[Daily notes#^daily-notes-date]]",
       "embed Daily notes #^daily-notes-date \"\" @10 raw=Daily notes#^daily-notes-date"},
      {"![[lucide-send.svg#icon]]", "embed lucide-send.svg #icon \"\" @10 raw=lucide-send.svg#icon"},
      {"!![[x]]", "embed x \"\" @10 raw=x"},
      {"! [[x]]", "wikilink x \"\" @10 raw=x"},
      // Nothing.
      {"[[]]", ""},
      {"[[ ]]", ""},
      {"![[ ]]", ""},
      {"[[#]]", ""},
      {"[[|alias]]", ""},
      {"[[a]", ""},
      {"[a]]", ""},
      {"[[a", ""},
      {"[[a]b]]", ""},
      {"[ [a]]", ""},
      {"[[a\nb]]", ""},  // never across lines
      // Code spans and raw HTML arrive as U+FFFC: never a link source.
      {"[[\xEF\xBF\xBC]]", ""},
      {"[[a \xEF\xBF\xBC b]]", ""},
      {"\xEF\xBF\xBC [[a]]", "wikilink a \"\" @10 raw=a"},
      // Single brackets inside, in pairs, as Foam reads them.
      {"[[[x]]]", "wikilink [x] \"\" @10 raw=[x]"},
      {"[[[page] d]]", "wikilink [page] d \"\" @10 raw=[page] d"},
      {"[[wikilink [with] brackets]]",
       "wikilink wikilink [with] brackets \"\" @10 raw=wikilink [with] brackets"},
      {"[[x|alias [with] brackets]]", "wikilink x \"alias [with] brackets\" @10 raw=x"},
      {"[[a [b] [c]] d]]", ""},  // a ']' without a partner
      // "\#" is a '#' of the name, not the anchor; "\[" and "\]" are brackets.
      {"[[F\\#]]", "wikilink F# \"\" @10 raw=F\\#"},
      {"[[C\\# notes#Types|C\\#]]", "wikilink C# notes #Types \"C#\" @10 raw=C\\# notes#Types"},
      {"[[a \\[b]]", "wikilink a [b \"\" @10 raw=a [b"},
      // Of nested wikilinks, the innermost.
      {"[[[[x]]]]", "wikilink [[x]] \"\" @10 raw=[[x]]"},
      {"[[a [[b]]", "wikilink b \"\" @10 raw=b"},
      {"[[[1]],[]]", "wikilink 1 \"\" @10 raw=1"},
      // Several, and line numbers.
      {"[[a]] and [[b|B]]\n![[c.png]]\n\nx [[d#e]]",
       "wikilink a \"\" @10 raw=a\nwikilink b \"B\" @10 raw=b\n"
       "embed c.png \"\" @11 raw=c.png\nwikilink d #e \"\" @13 raw=d#e"},
  };
  for (const Row& row : rows) {
    INFO(row.markup);
    CHECK(show_all(kb::find_text_links(markup_of(row.markup), 10)) == row.expected);
  }
}

TEST_CASE("find_text_links makes each bare URL an external url link", "[links]") {
  // Where a URL starts and ends is url_scan.h's (url_scan_test.cc); these
  // rows are about the links it gives.
  struct Row {
    const char* markup;
    const char* expected;  // show_all(), lines counted from 1
  };
  const Row rows[] = {
      // Chinese goes on the URL, as on GitHub and in Obsidian; CJK
      // punctuation ends it.
      {"链接https://kexue.fm/archives/9529中提到，之所以",
       "url https://kexue.fm/archives/9529中提到 \"https://kexue.fm/archives/9529中提到\" @1 "
       "external raw=https://kexue.fm/archives/9529中提到"},
      {"https://x/wiki/注意力#历史",
       "url https://x/wiki/注意力 #历史 \"https://x/wiki/注意力#历史\" @1 external "
       "raw=https://x/wiki/注意力#历史"},
      {"见 https://kexue.fm/archives/9529，然后",
       "url https://kexue.fm/archives/9529 \"https://kexue.fm/archives/9529\" @1 external "
       "raw=https://kexue.fm/archives/9529"},
      {"见 https://kexue.fm/archives/9529/comment-page-1 中提到",
       "url https://kexue.fm/archives/9529/comment-page-1 "
       "\"https://kexue.fm/archives/9529/comment-page-1\" @1 external "
       "raw=https://kexue.fm/archives/9529/comment-page-1"},
      {"www.zhihu.com/q/1的回答。",
       "url www.zhihu.com/q/1的回答 \"www.zhihu.com/q/1的回答\" @1 external "
       "raw=www.zhihu.com/q/1的回答"},
      {"https://中文", "url https://中文 \"https://中文\" @1 external raw=https://中文"},
      {"“https://a.org/x”", "url https://a.org/x \"https://a.org/x\" @1 external raw=https://a.org/x"},
      {"(see https://a.org/x).",
       "url https://a.org/x \"https://a.org/x\" @1 external raw=https://a.org/x"},
      {"https://en.wikipedia.org/wiki/A_(b).",
       "url https://en.wikipedia.org/wiki/A_(b) \"https://en.wikipedia.org/wiki/A_(b)\" @1 "
       "external raw=https://en.wikipedia.org/wiki/A_(b)"},
      {"https://a.org/x\xEF\xBF\xBC", "url https://a.org/x \"https://a.org/x\" @1 external raw=https://a.org/x"},
      // Any scheme; the target is what comes before the first '#', as
      // written (not decoded).
      {"obsidian://open?vault=a", "url obsidian://open?vault=a \"obsidian://open?vault=a\" @1 "
       "external raw=obsidian://open?vault=a"},
      {"ftp://a.org", "url ftp://a.org \"ftp://a.org\" @1 external raw=ftp://a.org"},
      {"xhttps://a.org", "url xhttps://a.org \"xhttps://a.org\" @1 external raw=xhttps://a.org"},
      {"https://example.org/page#section",
       "url https://example.org/page #section \"https://example.org/page#section\" @1 external "
       "raw=https://example.org/page#section"},
      {"https://docsify.js.org/#/zh-cn/",
       "url https://docsify.js.org/ #/zh-cn/ \"https://docsify.js.org/#/zh-cn/\" @1 external "
       "raw=https://docsify.js.org/#/zh-cn/"},
      {"HTTP://A.ORG", "url HTTP://A.ORG \"HTTP://A.ORG\" @1 external raw=HTTP://A.ORG"},
      {"https://a.org/%E4%B8%AD", "url https://a.org/%E4%B8%AD \"https://a.org/%E4%B8%AD\" @1 "
       "external raw=https://a.org/%E4%B8%AD"},
      {"https://münchen.de/straße x",
       "url https://münchen.de/straße \"https://münchen.de/straße\" @1 external "
       "raw=https://münchen.de/straße"},
      {"a https://x.org\nb http://y.org/z",
       "url https://x.org \"https://x.org\" @1 external raw=https://x.org\n"
       "url http://y.org/z \"http://y.org/z\" @2 external raw=http://y.org/z"},
      // Not URLs.
      {"2https://a.org", ""},
      {"https://", ""},
      {"https://.", ""},
      {"mailto:a@b.org", ""},
      {"a.www.b.org", ""},
      {"C# and #tag", ""},
  };
  for (const Row& row : rows) {
    INFO(row.markup);
    CHECK(show_all(kb::find_text_links(markup_of(row.markup), 1)) == row.expected);
  }
}

TEST_CASE("find_text_links keeps wikilinks and URLs apart", "[links]") {
  struct Row {
    const char* markup;
    const char* expected;
  };
  const Row rows[] = {
      // A URL inside a wikilink is part of it.
      {"[[a|https://x.org]]", "wikilink a \"https://x.org\" @1 raw=a"},
      // A URL after brackets that are no wikilink is still found.
      {"[[see https://x.org", "url https://x.org \"https://x.org\" @1 external raw=https://x.org"},
      {"[[a] https://x.org ]]",
       "url https://x.org \"https://x.org\" @1 external raw=https://x.org"},
      {"https://x.org/[[a]]",
       "url https://x.org/ \"https://x.org/\" @1 external raw=https://x.org/\n"
       "wikilink a \"\" @1 raw=a"},
      {"https://x.org [[a]]",
       "url https://x.org \"https://x.org\" @1 external raw=https://x.org\n"
       "wikilink a \"\" @1 raw=a"},
      {"[[a]]https://x.org",
       "wikilink a \"\" @1 raw=a\n"
       "url https://x.org \"https://x.org\" @1 external raw=https://x.org"},
  };
  for (const Row& row : rows) {
    INFO(row.markup);
    CHECK(show_all(kb::find_text_links(markup_of(row.markup), 1)) == row.expected);
  }
}

TEST_CASE("find_text_links is linear on long lines", "[links]") {
  const std::size_t n = 1 << 20;  // 1 MB
  const std::vector<std::string> inputs = {
      std::string(n, '['),
      "[[" + std::string(n, 'a'),
      [&] {
        std::string s;
        while (s.size() < n) s += "[[a ";
        return s;
      }(),
      [&] {
        std::string s;
        while (s.size() < n) s += "[[a]";
        return s;
      }(),
      [&] {
        std::string s;
        while (s.size() < n) s += "![[";
        return s;
      }(),
      "https://" + std::string(n, 'a'),
      "https://a" + std::string(n, ')'),
      "https://a" + std::string(n, '.'),
      [&] {
        std::string s;
        while (s.size() < n) s += "http";
        return s;
      }(),
      [&] {
        std::string s;
        while (s.size() < n) s += "https://.";
        return s;
      }(),
      [&] {
        std::string s;
        while (s.size() < n) s += "www.-www.";
        return s;
      }(),
      [&] {
        std::string s;
        while (s.size() < n) s += "[[x\\|";
        return s;
      }(),
      [&] {
        std::string s;
        while (s.size() < n) s += "中https://a.b";
        return s;
      }(),
  };
  for (const std::string& input : inputs) {
    INFO(input.substr(0, 16));
    // Quadratic behaviour would take minutes (ctest's timeout fails it);
    // speed itself is measured in bench/, not here. The inputs are one line.
    for (const kb::Link& link : kb::find_text_links(markup_of(input), 1)) {
      CHECK(link.line == 1);
    }
  }
  // And the many-link inputs found every link.
  std::string many;
  for (int k = 0; k < 10000; ++k) many += "[[n" + std::to_string(k) + "]] ";
  CHECK(kb::find_text_links(markup_of(many), 1).size() == 10000);
  std::string urls;
  for (int k = 0; k < 10000; ++k) urls += "。https://a.b/" + std::to_string(k);
  const std::vector<kb::Link> url_links = kb::find_text_links(urls, 1);
  REQUIRE(url_links.size() == 10000);
  CHECK(url_links.back().target == "https://a.b/9999");
}

TEST_CASE("find_text_links says where in the markup each link is written", "[links]") {
  const std::string markup = markup_of("a [[x|y]] b\nhttps://a.org/p, ![[z.png]] [[]] [[w]]");
  std::vector<kb::TextSpan> spans;
  const std::vector<kb::Link> links = kb::find_text_links(markup, 1, &spans);
  REQUIRE(spans.size() == links.size());
  std::vector<std::string> written;
  for (const kb::TextSpan& span : spans) {
    written.push_back(markup.substr(span.begin, span.end - span.begin));
  }
  CHECK(written == std::vector<std::string>{markup_of("[[x|y]]"), "https://a.org/p",
                                            markup_of("![[z.png]]"), markup_of("[[w]]")});
}

TEST_CASE("percent_decode handles a megabyte of escapes", "[links]") {
  std::string s;
  while (s.size() < (1u << 20)) s += "%E5%A4%A7%FF";
  const std::string out = kb::percent_decode(s);
  CHECK(out.substr(0, 6) == "大%FF");
  CHECK(out.size() == s.size() / 12 * 6);
}

// -------------------------------------------------- links_from_template_tag

TEST_CASE("links_from_template_tag reads Hexo post_link and asset_link",
          "[links]") {
  struct Row {
    const char* body;
    const char* expected;  // show_all(), line 7
  };
  const Row rows[] = {
      {" post_link Transformer ", "post_link Transformer \"\" @7 raw=Transformer"},
      {"post_link hexo-3-8-released 'Link to a post'",
       "post_link hexo-3-8-released \"Link to a post\" @7 raw=hexo-3-8-released"},
      {"post_link 'my post' \"Title\"", "post_link my post \"Title\" @7 raw=my post"},
      {"post_link hexo-4 '<b>bold</b> title' false",
       "post_link hexo-4 \"<b>bold</b> title\" @7 raw=hexo-4"},
      {"post_link a true", "post_link a \"\" @7 raw=a"},
      {"post_link a x true", "post_link a \"x\" @7 raw=a"},
      {"post_link Transformer 精读 笔记", "post_link Transformer \"精读 笔记\" @7 raw=Transformer"},
      {"post_link slug#anchor 标题", "post_link slug #anchor \"标题\" @7 raw=slug#anchor"},
      {"post_link \"it's\" 'say \"hi\"'", "post_link it's \"say \"hi\"\" @7 raw=it's"},
      {"post_link 'a \\' b' t", "post_link a ' b \"t\" @7 raw=a ' b"},
      {"post_link a\"b c\"", "post_link ab c \"\" @7 raw=ab c"},
      {"post_link 'unterminated slug", "post_link unterminated slug \"\" @7 raw=unterminated slug"},
      {"post_link\tx\ny", "post_link x \"y\" @7 raw=x"},
      {"post_link \"\" x", "post_link x \"\" @7 raw=x"},  // empty args dropped
      {"- post_link trimmed -", "post_link trimmed \"\" @7 raw=trimmed"},
      {"post_path x", "post_link x \"\" @7 raw=x"},
      {"post_path x ignored", "post_link x \"\" @7 raw=x"},
      {"asset_link diagram.png", "asset_link diagram.png \"\" @7 raw=diagram.png"},
      {"asset_link diagram.png \"结构图\"", "asset_link diagram.png \"结构图\" @7 raw=diagram.png"},
      {"asset_path a/b.pdf", "asset_link a/b.pdf \"\" @7 raw=a/b.pdf"},
      {"asset_link a%20b.png", "asset_link a%20b.png \"\" @7 raw=a%20b.png"},
      // No link.
      {"", ""},
      {"   ", ""},
      {"post_link", ""},
      {"post_link   ", ""},
      {"post_link ''", ""},
      {"post_link #only-anchor", ""},
      {"fold 展开", ""},
      {"endfold", ""},
      {"asset_img a.png", ""},
      {"Post_Link x", ""},
      {"post_linkx y", ""},
      {"'post_link' x", ""},  // the name is a bare word
  };
  for (const Row& row : rows) {
    INFO(row.body);
    CHECK(show_all(kb::links_from_template_tag(row.body, 7)) == row.expected);
  }
}

// ------------------------------------------------------------- link_context

namespace {

std::string times(std::size_t n, const std::string& piece) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += piece;
  return out;
}

// Code points, not bytes: what the window counts.
std::size_t code_points(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

TEST_CASE("link_context keeps a short line whole and cuts a long one around the link", "[links]") {
  static_assert(kb::kContextCodePoints == 160);
  // The link is the first occurrence of `link` in `line`. With 160 code
  // points and a 5-point link, 155 are left: 77 before it and 78 after.
  struct Row {
    const char* what;
    std::string line;
    std::string link;
    std::string expected;
  };
  const std::string a = "a";
  const std::string b = "b";
  const Row rows[] = {
      {"short line", "见 [[x]]，再见", "[[x]]", "见 [[x]]，再见"},
      {"empty line", "", "", ""},
      {"160 code points fit", times(100, a) + "[[x]]" + times(55, b), "[[x]]",
       times(100, a) + "[[x]]" + times(55, b)},
      {"in the middle: cut on both sides", times(200, a) + "[[x]]" + times(200, b), "[[x]]",
       "…" + times(77, a) + "[[x]]" + times(78, b) + "…"},
      {"at the very start", "[[x]]" + times(156, b), "[[x]]", "[[x]]" + times(155, b) + "…"},
      {"at the very end", times(156, a) + "[[x]]", "[[x]]", "…" + times(155, a) + "[[x]]"},
      {"near the start: the room before goes after", times(10, a) + "[[x]]" + times(300, b),
       "[[x]]", times(10, a) + "[[x]]" + times(145, b) + "…"},
      {"near the end: the room after goes before", times(300, a) + "[[x]]" + times(10, b), "[[x]]",
       "…" + times(145, a) + "[[x]]" + times(10, b)},
      {"CJK counts code points", times(200, "注") + "[[意]]" + times(200, "力"), "[[意]]",
       "…" + times(77, "注") + "[[意]]" + times(78, "力") + "…"},
      {"emoji are one code point each", times(100, "🙂") + "[[x]]" + times(100, "🚀"), "[[x]]",
       "…" + times(77, "🙂") + "[[x]]" + times(78, "🚀") + "…"},
      {"CJK line of 160 fits", times(80, "注") + times(80, "意"), "注",
       times(80, "注") + times(80, "意")},
      {"a link longer than the window shows its start",
       "see https://a.org/" + times(300, "p") + " end", "https://a.org/" + times(300, "p"),
       "…https://a.org/" + times(146, "p") + "…"},
      {"an empty link at the start (a Hexo tag) shows the line's start", times(300, "注"), "",
       times(160, "注") + "…"},
  };
  for (const Row& row : rows) {
    INFO(row.what);
    const std::size_t at = row.line.find(row.link);
    REQUIRE(at != std::string::npos);
    const std::string context = kb::link_context(row.line, kb::TextSpan{at, at + row.link.size()});
    CHECK(context == row.expected);
    CHECK(code_points(context) <= kb::kContextCodePoints + 2);  // and two "…"
  }
}

TEST_CASE("link_context never cuts inside a UTF-8 sequence", "[links]") {
  // A span from inside the last "注" to inside the first "意" (3 bytes
  // each) is widened to the two whole code points, and 79 more go on each
  // side of them.
  const std::string line = times(200, "注") + times(200, "意");
  const std::size_t middle = 200 * 3;
  const std::string context = kb::link_context(line, kb::TextSpan{middle - 2, middle + 1});
  CHECK(context == "…" + times(80, "注") + times(80, "意") + "…");
}
