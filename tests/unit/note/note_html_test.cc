// Tests for note_html.h: a note's body as HTML, its links where the caller
// says they lead.
//
// The targets here come from a table keyed by the link as parse_note()
// reads it ("kind target#anchor"), so each row shows what the renderer
// asked about and what it made of the answer.
#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include "kb/note_parser.h"
#include "note/note_html.h"

namespace {

using Kind = kb::HtmlTarget::Kind;

// "kind target#anchor" of a link, as the renderer hands it over.
std::string key_of(const kb::Link& link) {
  std::string key = std::string(kb::name_of(link.kind)) + " " + link.target;
  if (!link.anchor.empty()) key += "#" + link.anchor;
  return key;
}

// Where the links of the test notes lead; a link not listed is broken.
const std::map<std::string, kb::HtmlTarget>& targets() {
  static const std::map<std::string, kb::HtmlTarget> table = {
      {"markdown 注意力.md", {Kind::kNote, "#note=%E6%B3%A8.md", "注意力.md"}},
      {"wikilink 注意力", {Kind::kNote, "#note=%E6%B3%A8.md", "注意力.md"}},
      {"wikilink 注意力#Softmax", {Kind::kNote, "#note=%E6%B3%A8.md#Softmax", "注意力.md"}},
      {"image img/a.png", {Kind::kFile, "file?path=img/a.png", "img/a.png"}},
      {"embed a.png", {Kind::kFile, "file?path=img/a.png", "img/a.png"}},
      {"markdown https://example.org/x", {Kind::kExternal, "https://example.org/x", ""}},
      {"autolink https://example.org/", {Kind::kExternal, "https://example.org/", ""}},
      {"image https://example.org/p.png", {Kind::kExternal, "https://example.org/p.png", ""}},
      {"markdown javascript:alert(1)", {Kind::kExternal, "javascript:alert(1)", ""}},
      {"post_link Transformer", {Kind::kNote, "#note=T.md", "大模型LM/Transformer.md"}},
  };
  return table;
}

// The HTML of `markdown`, with the headings parse_note() finds in it.
std::string html_of(const std::string& markdown, std::vector<std::string>* asked = nullptr) {
  const kb::Note note = kb::parse_note("n.md", markdown);
  return kb::note_html(
      markdown, kb::Vocabulary::none(), note.headings, [asked](const kb::Link& link) {
        if (asked != nullptr) asked->push_back(key_of(link));
        const auto found = targets().find(key_of(link));
        return found != targets().end() ? found->second
                                        : kb::HtmlTarget{Kind::kBroken, "", "broken: " + link.raw};
      });
}

struct Row {
  const char* markdown;
  const char* contains;  // a piece the HTML must hold
};

}  // namespace

TEST_CASE("Markdown renders as CommonMark HTML") {
  const Row rows[] = {
      {"# 注意力机制\n", "<h1><span id=\"注意力机制\"></span>注意力机制</h1>"},
      {"- a\n- b\n", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"},
      {"```python\nx = 1\n```\n", "<pre><code class=\"language-python\">x = 1\n</code></pre>"},
      {"**粗体** and `code`\n", "<strong>粗体</strong> and <code>code</code>"},
      // Escapes are shown as the characters they escape.
      {"\\[not a link\\] \\#notag\n", "[not a link] #notag"},
  };
  for (const Row& row : rows) {
    INFO(row.markdown);
    CHECK_THAT(html_of(row.markdown), Catch::Contains(row.contains));
  }
}

TEST_CASE("GitHub's tables, struck text and task lists render, its autolinks do not") {
  const Row rows[] = {
      // A weekly report's table, with a link resolved in a cell.
      {"| 周 | 进展 |\n|:--|--:|\n| 19 | 读完 [[注意力]] |\n",
       "<th align=\"left\">周</th>\n<th align=\"right\">进展</th>"},
      {"| 周 | 进展 |\n|---|---|\n| 19 | 读完 [[注意力]] |\n",
       "<td>读完 <a class=\"note\" href=\"#note=%E6%B3%A8.md\""},
      {"~~放弃~~ 的方案\n", "<del>放弃</del> 的方案"},
      {"- [ ] 写周报\n- [x] 读论文\n", "<input type=\"checkbox\" disabled=\"\" /> 写周报"},
      {"- [ ] 写周报\n- [x] 读论文\n", "<input type=\"checkbox\" checked=\"\" disabled=\"\" /> 读论文"},
      // No pipe row under the header: a paragraph, as CommonMark reads it.
      {"| a | b |\n", "<p>| a | b |</p>"},
  };
  for (const Row& row : rows) {
    INFO(row.markdown);
    CHECK_THAT(html_of(row.markdown), Catch::Contains(row.contains));
  }
  // A bare URL followed by Chinese is not made a link that swallows it.
  CHECK_THAT(html_of("见https://example.org/9529中提到\n"),
             !Catch::Contains("href=\"https://example.org/9529中"));
}

TEST_CASE("Front matter and template tags are not shown, but a fold's text is") {
  const std::string html =
      html_of("---\ntitle: 周报\ntags: [LLM]\n---\n{% fold 详情 %}\n折叠的内容\n{% endfold %}\n");
  CHECK_THAT(html, Catch::Contains("折叠的内容"));
  CHECK_THAT(html, !Catch::Contains("title:"));
  CHECK_THAT(html, !Catch::Contains("fold"));
}

TEST_CASE("Each link leads where the caller says, by kind") {
  const Row rows[] = {
      {"[笔记](注意力.md)",
       "<a class=\"note\" href=\"#note=%E6%B3%A8.md\" title=\"注意力.md\">笔记</a>"},
      {"[[注意力]]",
       "<a class=\"note\" href=\"#note=%E6%B3%A8.md\" title=\"注意力.md\">注意力</a>"},
      {"[[注意力#Softmax|看这里]]",
       "href=\"#note=%E6%B3%A8.md#Softmax\" title=\"注意力.md\">看这里</a>"},
      {"[[没有这篇]]", "<a class=\"broken\" title=\"broken: 没有这篇\">没有这篇</a>"},
      {"[x](https://example.org/x)",
       "<a class=\"external\" href=\"https://example.org/x\" rel=\"noopener noreferrer\">x</a>"},
      {"<https://example.org/>", "href=\"https://example.org/\""},
      // Images of the knowledge base load; images outside it do not.
      {"![图](img/a.png)", "<img src=\"file?path=img/a.png\" alt=\"图\" title=\"img/a.png\">"},
      {"![[a.png]]", "<img src=\"file?path=img/a.png\""},
      {"![远](https://example.org/p.png)",
       "<a class=\"external\" href=\"https://example.org/p.png\""},
      {"![丢](gone.png)", "<span class=\"broken\" title=\"broken: gone.png\">丢</span>"},
      // Hexo's link tags are links where they were, by title or target.
      {"先读 {% post_link Transformer 精读笔记 %}。",
       "先读 <a class=\"note\" href=\"#note=T.md\" title=\"大模型LM/Transformer.md\">精读笔记</a>。"},
      {"{% post_link Transformer %}", ">Transformer</a>"},
      {"{% post_link Missing %} and {% fold x %}",
       "<a class=\"broken\" title=\"broken: Missing\">Missing</a> and"},
  };
  for (const Row& row : rows) {
    INFO(row.markdown);
    CHECK_THAT(html_of(row.markdown), Catch::Contains(row.contains));
  }
}

TEST_CASE("Nothing in a note can run as script or inject markup") {
  const char* hostile[] = {
      "<script>alert(1)</script>\n", "<img src=x onerror=alert(1)>\n",
      "[x](javascript:alert(1))\n",  "[\"><script>alert(1)</script>](注意力.md)\n",
      "[[\"><b onclick=x>]]\n",
      // The same inside a table's cells, where the links are rendered too.
      "| a | b |\n|---|---|\n| <script>alert(1)</script> | [x](javascript:alert(1)) |\n",
      "| a |\n|---|\n| <img src=x onerror=alert(1)> |\n",
      "<div><b onclick=x>block</b></div>\n",
  };
  for (const char* markdown : hostile) {
    INFO(markdown);
    const std::string html = html_of(markdown);
    CHECK_THAT(html, !Catch::Contains("<script"));
    CHECK_THAT(html, !Catch::Contains("<img src=x"));
    CHECK_THAT(html, !Catch::Contains("<b onclick"));
    CHECK_THAT(html, !Catch::Contains("href=\"javascript:"));
  }
  // Raw HTML is left out, as cmark's safe mode leaves it out.
  CHECK_THAT(html_of("a <b>b</b>\n"), Catch::Contains("a <!-- raw HTML omitted -->b"));
}

TEST_CASE("Every link of the note is asked about once, as parse_note() reads it") {
  std::vector<std::string> asked;
  html_of("[a](注意力.md) [[注意力#Softmax]]\n\n![[a.png]] `[[in code]]`\n", &asked);
  CHECK(asked ==
        std::vector<std::string>{"markdown 注意力.md", "wikilink 注意力#Softmax", "embed a.png"});
}

TEST_CASE("Bytes that are not UTF-8 render as the parser reads them") {
  const std::string gbk = "# \xD6\xD0\xCE\xC4\n";  // "中文" in GBK
  CHECK_THAT(html_of(gbk), Catch::Contains("中文"));
  CHECK_FALSE(html_of("\xFF\xFE\xFD plain").empty());
}
