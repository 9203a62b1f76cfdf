// Tests for strip_template_tags (libindex/src/note/template_tags.h).
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "note/template_tags.h"
#include "test_util.h"

namespace {

struct Row {
  const char* what;
  std::string input;
  std::string expected;
  std::string tags;  // the removed "{% %}" tags as "body@line", in order
};

std::string describe(const std::vector<kb::TemplateTag>& tags) {
  std::string out;
  for (const kb::TemplateTag& tag : tags) {
    if (!out.empty()) out += ' ';
    out += tag.body + "@" + std::to_string(tag.line);
  }
  return out;
}

void check_rows(const std::vector<Row>& rows) {
  for (const Row& row : rows) {
    INFO(row.what << "\ninput: " << row.input);
    std::string text = row.input;
    std::vector<std::string> comments;
    const std::vector<kb::TemplateTag> tags = kb::strip_template_tags(text, comments);
    CHECK(text == row.expected);
    CHECK(describe(tags) == row.tags);
  }
}

using kbtest::lines_of;

}  // namespace

TEST_CASE("Hexo and Jekyll tags are removed and the text between them kept",
          "[template_tags]") {
  check_rows({
      {"a block tag pair", "{% fold 展开 %}\n隐藏的内容\n{% endfold %}\n",
       "\n隐藏的内容\n\n", "fold 展开@1 endfold@3"},
      {"an inline tag", "see {% post_link Transformer %} here",
       "see  here", "post_link Transformer@1"},
      {"a Liquid output", "title: {{ page.title }}!", "title: !", ""},
      {"two tags on a line", "{{a}}x{% b %}y", "xy", "b@1"},
      {"a tag with no spaces", "{%raw%}", "", "raw@1"},
      {"the Hexo fold line of seed 000",
       "{% fold default @Images %}\n![](a.jpeg)\n",
       "\n![](a.jpeg)\n", "fold default @Images@1"},
  });
}

TEST_CASE("a tag spread over lines leaves its line breaks behind",
          "[template_tags]") {
  check_rows({
      {"a two-line tag", "before {% include\n  note.html %} after",
       "before \n after", "include\n  note.html@1"},
      {"a three-line output", "a{{\nx\n}}b", "a\n\nb", ""},
  });
}

TEST_CASE("braces that do not form a complete tag are kept", "[template_tags]") {
  check_rows({
      {"plain braces", "set {a, b} and {x}", "set {a, b} and {x}", ""},
      {"a brace then a space", "{ % not a tag % }", "{ % not a tag % }", ""},
      {"an unclosed block tag", "{% fold\nno end", "{% fold\nno end", ""},
      {"an unclosed output", "{{ open", "{{ open", ""},
      {"a lone brace at the end", "end {", "end {", ""},
      {"LaTeX braces", "$\\frac{a}{b}$", "$\\frac{a}{b}$", ""},
      {"empty text", "", "", ""},
  });
}

TEST_CASE("an unclosed tag does not protect complete tags after it",
          "[template_tags]") {
  // "{% open" never closes, so it is not a tag; "{{ x }}" is complete.
  check_rows({
      {"unclosed block tag, then an output", "{% open\n{{ x }} text",
       "{% open\n text", ""},
  });
}

TEST_CASE("tags inside fenced code blocks are kept", "[template_tags]") {
  check_rows({
      {"backtick fence", "```liquid\n{% raw %}{{ x }}{% endraw %}\n```",
       "```liquid\n{% raw %}{{ x }}{% endraw %}\n```", ""},
      {"tilde fence", "~~~\n{{ kept }}\n~~~", "~~~\n{{ kept }}\n~~~", ""},
      {"an unclosed fence runs to the end", "```\n{{ kept }}\n",
       "```\n{{ kept }}\n", ""},
      {"a shorter fence does not close a longer one",
       "````\n```\n{{ kept }}\n````", "````\n```\n{{ kept }}\n````", ""},
      {"a tilde fence does not close a backtick fence",
       "```\n~~~\n{{ kept }}\n```", "```\n~~~\n{{ kept }}\n```", ""},
  });
}

TEST_CASE("tags before a fenced code block are removed", "[template_tags]") {
  check_rows({
      {"tag, then a fence closed by the last line",
       "{{ a }}\n```\n{{ b }}\n```", "\n```\n{{ b }}\n```", ""},
  });
}

TEST_CASE("tags after a closed fence are removed again",
          "[template_tags]") {
  // A closing fence followed by a line break must end the code block.
  check_rows({
      {"fence closed, then a tag", "```\n{{ b }}\n```\n{% tag %}after\n",
       "```\n{{ b }}\n```\nafter\n", "tag@4"},
      {"tilde fence with CRLF", "~~~\r\n{{ b }}\r\n~~~\r\n{{ c }}x\r\n",
       "~~~\r\n{{ b }}\r\n~~~\r\nx\r\n", ""},
      {"two code blocks", "```\n{{a}}\n```\n{{b}}\n```\n{{c}}\n```\n{{d}}\n",
       "```\n{{a}}\n```\n\n```\n{{c}}\n```\n\n", ""},
  });
}

TEST_CASE("a tag does not reach across a fenced code block", "[template_tags]") {
  check_rows({
      {"open before, close after",
       "{% before\n```\ncode %}\n```\nafter %}",
       "{% before\n```\ncode %}\n```\nafter %}", ""},
  });
}

TEST_CASE("stripping seed 000 removes its fold tag and keeps every line",
          "[template_tags][fixtures]") {
  const std::string original = kbtest::read_file(
      std::string(KB_FIXTURES_DIR) + "/kb/posts/000_7de7bcde4ef4daba.md");
  const std::vector<std::string> before = lines_of(original);
  const auto fold = std::find(before.begin(), before.end(),
                              "{% fold default @Images %}");
  REQUIRE(fold != before.end());

  std::string text = original;
  std::vector<std::string> comments;
  const auto endfold = std::find(fold, before.end(), "{% endfold %}");
  REQUIRE(endfold != before.end());
  CHECK(describe(kb::strip_template_tags(text, comments)) ==
        "fold default @Images@" + std::to_string(fold - before.begin() + 1) +
            " endfold@" + std::to_string(endfold - before.begin() + 1));
  const std::vector<std::string> after = lines_of(text);
  REQUIRE(after.size() == before.size());
  for (std::size_t i = 0; i < before.size(); ++i) {
    INFO("line " << i + 1);
    if (before[i].find("{%") == std::string::npos) {
      CHECK(after[i] == before[i]);
    } else {
      CHECK(after[i].find("{%") == std::string::npos);
    }
  }
  CHECK(after[static_cast<std::size_t>(fold - before.begin())].empty());
}

TEST_CASE("tags inside code spans are kept", "[template_tags]") {
  // From the Obsidian help: a template shown as an example.
  check_rows({
      {"a Liquid output in backticks", "多个属性：`{{fullHtml|remove_attr:(\"class\")}}` 。",
       "多个属性：`{{fullHtml|remove_attr:(\"class\")}}` 。", ""},
      {"double backticks", "``{% raw %}`` and {% tag %}", "``{% raw %}`` and ", "tag@1"},
      {"an unclosed backtick is text", "a ` {{ x }} b", "a `  b", ""},
      {"a span over two lines", "`a\n{{ x }}`\n{% t %}", "`a\n{{ x }}`\n", "t@3"},
  });
}

TEST_CASE("Obsidian %% comments are removed like tags", "[template_tags]") {
  check_rows({
      {"inline", "seen %% hidden [[link]] %% seen", "seen  seen", ""},
      {"over lines", "a\n%%\n[[x]]\n%%\nb", "a\n\n\n\nb", ""},
      {"unclosed runs to the end", "a %% b\nc", "a \n", ""},
      {"a single percent is text", "100% sure", "100% sure", ""},
      {"in a code span it stays", "`%% x %%` y", "`%% x %%` y", ""},
  });
}

TEST_CASE("escaped brackets and hashes become stand-ins", "[template_tags]") {
  const std::string open(kb::kEscapedOpenBracket);
  const std::string close(kb::kEscapedCloseBracket);
  const std::string hash(kb::kEscapedHash);
  check_rows({
      {"escaped wikilink", "the \\[\\[double bracket\\]\\] syntax",
       "the " + open + open + "double bracket" + close + close + " syntax", ""},
      {"escaped tag", "not a \\#tag", "not a " + hash + "tag", ""},
      {"an escaped backslash stays", "a\\\\[[x]]",
       "a\\\\" + std::string(kb::kWikilinkOpen) + "x" + std::string(kb::kWikilinkClose), ""},
      {"other escapes stay", "\\* and \\_", "\\* and \\_", ""},
      {"in a code span nothing changes", "`\\[\\[x\\]\\]`", "`\\[\\[x\\]\\]`", ""},
  });
}
