// Tests for tags.h: the inline #tag grammar and the front-matter helpers.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "note/tags.h"
#include "test_util.h"

namespace {

// The tags of `markup` as "name@line", separated by spaces.
std::string tags_of(std::string_view markup, int first_line = 1) {
  std::string out;
  for (const kb::Tag& tag : kb::find_inline_tags(markup, first_line, 0)) {
    if (!out.empty()) out += ' ';
    out += tag.name + "@" + std::to_string(tag.line);
  }
  return out;
}

struct Row {
  std::string input;
  std::string tags;  // "name@line ..."
};

void check_rows(const std::vector<Row>& rows) {
  for (const Row& row : rows) {
    INFO("markup: " << row.input);
    CHECK(tags_of(row.input) == row.tags);
  }
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& part : parts) {
    if (!out.empty()) out += '|';
    out += part;
  }
  return out;
}

std::string repeat(std::string_view piece, std::size_t times) {
  std::string out;
  out.reserve(piece.size() * times);
  for (std::size_t k = 0; k < times; ++k) out += piece;
  return out;
}

}  // namespace

TEST_CASE("A tag starts at the start of a line, after whitespace or after "
          "CJK and full-width punctuation",
          "[tags]") {
  check_rows({
      {"#tag", "tag@1"},
      {"a #tag", "tag@1"},
      {"a\t#tag", "tag@1"},
      {"a\n#tag", "tag@2"},
      {"a\r\n#tag", "tag@2"},
      {"全角空格\u3000#tag", "tag@1"},   // ideographic space
      {"a\u00A0#tag", "tag@1"},          // no-break space
      {"完成了实验，#实验/消融", "实验/消融@1"},
      {"句号。#标签", "标签@1"},
      {"顿号、#标签", "标签@1"},
      {"冒号：#标签", "标签@1"},
      {"【#重要】", "重要@1"},
      {"「#引用」", "引用@1"},
      {"（#括号）", "括号@1"},
      {"《#书名》", "书名@1"},
      {"“#引号”", "引号@1"},             // curly quotes: punctuation, not ASCII
      {"破折号——#tag", "tag@1"},
      {"省略号…#tag", "tag@1"},
      {"#a #b\t#c", "a@1 b@1 c@1"},
  });
}

TEST_CASE("A tag never starts after a letter, a digit, ASCII punctuation, "
          "a marker, an emoji or U+FFFC",
          "[tags]") {
  check_rows({
      {"C#", ""},
      {"C# and F# code", ""},
      {"I wrote it in C#.", ""},
      {"a#b", ""},
      {"中文#标签", ""},          // a Chinese letter is a letter
      {"2024#tag", ""},
      {"Ｃ#x", ""},               // full-width letter
      {"x#a #b", "b@1"},
      {"(#tag)", ""},             // ASCII punctuation
      {"[#tag]", ""},
      {"\"#tag\"", ""},
      {"a/#b", ""},
      {"&#x4e2d;", ""},
      {"color=#fff", ""},
      {"`#code`", ""},            // raw backquotes are ASCII punctuation too
      {"\uFFFC#t", ""},           // "`x`#t": a removed code span
      {"\uFFFC\uFFFC#t", ""},
      {"##tag", ""},              // a marker after a marker
      {"###", ""},
      {"＃＃tag", ""},
      {"#＃tag", ""},
      {"🎉#party", ""},
  });
}

TEST_CASE("A marker followed by a space or nothing is no tag: headings",
          "[tags]") {
  check_rows({
      {"#", ""},
      {"##", ""},
      {"# Title", ""},
      {"## Title", ""},
      {"#\tTitle", ""},
      {"# ", ""},
      {"#\n#", ""},
      {"## Title #tag", "tag@1"},  // cmark keeps "#tag" in the heading text
      {"#Title", "Title@1"},       // no space: not a heading in CommonMark
  });
}

TEST_CASE("The full-width number sign is a marker as well", "[tags]") {
  check_rows({
      {"＃标签", "标签@1"},
      {"完成，＃实验/消融", "实验/消融@1"},
      {"a ＃tag", "tag@1"},
      {"C＃", ""},
      {"＃ 标题", ""},
  });
}

TEST_CASE("The body is letters, digits, marks, '_', '-', '/' and emoji",
          "[tags]") {
  check_rows({
      {"#snake_case", "snake_case@1"},
      {"#_private", "_private@1"},
      {"#kebab-case", "kebab-case@1"},
      {"#-a", "-a@1"},
      {"#a/b/c", "a/b/c@1"},
      {"#a//b", "a//b@1"},
      {"#v2", "v2@1"},
      {"#3d", "3d@1"},
      {"#GPT4o", "GPT4o@1"},
      {"#2024年", "2024年@1"},
      {"#标签后面的中文 其他", "标签后面的中文@1"},  // Chinese letters go on
      {"#日本語", "日本語@1"},
      {"#カタカナー", "カタカナー@1"},
      {"#한국어", "한국어@1"},
      {"#Ünïcödé", "Ünïcödé@1"},
      {"#cafe\u0301 x", "cafe\u0301@1"},            // combining accent
      {"#हिन्दी", "हिन्दी@1"},                        // Devanagari marks
      {"#Ｆｕｌｌ", "Ｆｕｌｌ@1"},                  // shown as written
      {"#二〇二四", "二〇二四@1"},                  // U+3007 is a letter number
      {"#Schütt", "Schütt@1"},
  });
}

TEST_CASE("The body ends at whitespace, ASCII punctuation other than _-/ "
          "and full-width punctuation",
          "[tags]") {
  check_rows({
      {"#tag more", "tag@1"},
      {"#tag\nmore", "tag@1"},
      {"#tag.", "tag@1"},
      {"#tag,", "tag@1"},
      {"#tag;", "tag@1"},
      {"#tag:x", "tag@1"},
      {"#tag!", "tag@1"},
      {"#tag?", "tag@1"},
      {"#tag)", "tag@1"},
      {"#tag's", "tag@1"},
      {"#tag\"x", "tag@1"},
      {"#tag*", "tag@1"},
      {"#C++", "C@1"},
      {"#a.b", "a@1"},
      {"#a@b", "a@1"},
      {"#a#b", "a@1"},
      {"#话题#", "话题@1"},          // Weibo style
      {"#tag’s", "tag@1"},
      {"#标签·x", "标签@1"},
      {"#a→b", "a@1"},
      {"#tag\uFFFC", "tag@1"},       // "#tag`x`": U+FFFC does not continue
  });
  // Every full-width punctuation mark of the grammar.
  for (const char* mark :
       {"，", "。", "；", "：", "！", "？", "、", "（", "）", "【", "】", "「",
        "」", "『", "』", "《", "》", "～", "．", "／"}) {
    const std::string input = std::string("#标签") + mark + "后面";
    INFO(input);
    CHECK(tags_of(input) == "标签@1");
  }
}

TEST_CASE("A trailing '/' or '-' is dropped, and a body without a letter or "
          "emoji is no tag",
          "[tags]") {
  check_rows({
      {"#a/", "a@1"},
      {"#a-", "a@1"},
      {"#a/-/", "a@1"},
      {"#实验/ 后面", "实验@1"},
      {"#-", ""},
      {"#/", ""},
      {"#--", ""},
      {"#_", ""},
      {"#123", ""},
      {"#2024", ""},
      {"issue #123 is fixed", ""},
      {"#２０２４", ""},              // full-width digits
      {"#2024-10", ""},
      {"#1/2", ""},
      {"#1_000", ""},
      {"#\u0301", ""},                // a mark alone
      {"#123 #abc", "abc@1"},
  });
}

TEST_CASE("Emoji are body characters", "[tags]") {
  check_rows({
      {"#🎉", "🎉@1"},
      {"#读书📚", "读书📚@1"},
      {"#tag🎉party", "tag🎉party@1"},
      {"#❤️", "❤️@1"},                              // U+2764 U+FE0F
      {"#👨‍👩‍👧 family", "👨‍👩‍👧@1"},                  // ZWJ sequence
      {"#👍🏽", "👍🏽@1"},                              // skin tone modifier
      {"#🇨🇳", "🇨🇳@1"},                              // regional indicators
      {"#\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067"
       "\U000E007F",
       "\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067"
       "\U000E007F@1"},                               // flag of England
      {"#\uFE0F\u20E3", ""},                         // keycap "#️⃣" is no tag
      {"#1\uFE0F\u20E3", ""},                        // nor "#1️⃣"
      {"#2024🎉", "2024🎉@1"},
  });
}

TEST_CASE("Bare URLs are skipped, as url_scan.h delimits them", "[tags]") {
  check_rows({
      {"https://example.org/page#section", ""},
      {"The derivation is at https://example.org/page#section.", ""},
      {"see https://example.org/page#section and #tag", "tag@1"},
      {"http://x/#frag", ""},
      {"HTTPS://X.ORG/#Frag", ""},
      {"www.example.org/#frag", ""},
      {"见 www.example.org/ #tag", "tag@1"},
      {"ftp://host/dir/#x", ""},
      {"zotero://select/items/#abc", ""},
      {"obsidian://open?vault=kb&file=a #b", "b@1"},
      {"obsidian://open?vault=a#b", ""},
      {"见https://x.org/a#b，#标签", "标签@1"},  // the URL ends at "，"
      {"见 https://kexue.fm/archives/9529，#标签", "标签@1"},
      {"https://zh.wikipedia.org/wiki/注意力#历史", ""},  // Chinese goes on the URL
      {"https://x/wiki/注意力#历史 #tag", "tag@1"},
      {"链接https://x.org/注意力#历史。#tag", "tag@1"},
      {"“https://x.org/#a”#tag", "tag@1"},
      {"（https://x.org/a#b）#tag", "tag@1"},
      {"https://x.org/\n#tag", "tag@2"},
      {"https://x.org/a\uFFFC#tag", ""},
      {"#参考https://x.org/#a", "参考@1"},
      {"#https://x.org/#a", ""},
      {"#http", "http@1"},
      {"#ahttps://x.org/#b", ""},            // "ahttps://x.org/#b" is a URL too
      {"#参考obsidian://x/#a", "参考@1"},
      // Markdown as written, should it reach the grammar.
      {"<https://x.org/#a>", ""},
      {"[x](page.md#frag)", ""},
      {"[x](https://x.org/#frag) #tag", "tag@1"},
  });
}

TEST_CASE("Tags keep their file line and block", "[tags]") {
  CHECK(tags_of("#a\n#b\n\n#c", 10) == "a@10 b@11 c@13");
  CHECK(tags_of("x\ny #a #b\nz\n#c", 3) == "a@4 b@4 c@6");
  CHECK(tags_of("#a\r\n#b") == "a@1 b@2");
  CHECK(tags_of("no tags\nat all", 7).empty());

  const std::vector<kb::Tag> tags = kb::find_inline_tags("x\n#LLM", 20, 4);
  REQUIRE(tags.size() == 1);
  CHECK(tags[0].name == "LLM");
  CHECK(tags[0].source == kb::Tag::Source::kInline);
  CHECK(tags[0].line == 21);
  CHECK(tags[0].block == 4);
  CHECK(kb::find_inline_tags("", 1, 0).empty());
}

TEST_CASE("Each occurrence is kept in its own spelling", "[tags]") {
  CHECK(tags_of("#LLM #llm\n#Llm") == "LLM@1 llm@1 Llm@2");
  CHECK(kb::tag_key("LLM") == kb::tag_key("llm"));
}

TEST_CASE("Seed 000: the bullets give exactly their tags", "[tags]") {
  check_rows({
      // As written in fixtures/kb/posts/000_7de7bcde4ef4daba.md.
      {"- #LLM #attention 在 [为什么现在的LLM都是Decoder-only的架构？ - "
       "科学空间|Scientific Spaces](https://kexue.fm/archives/9529/"
       "comment-page-1) 中提到，之所以使用 decoder-only 的架构，可能是因为在 "
       "decoder-only 架构中，attention 矩阵的秩在经过 softmax "
       "之后是满的，因为 softmax "
       "之后对角线上的元素都是正的，导致行列式值为正，所以矩阵满秩。"
       "而满秩往往意味着更强的表达能力。",
       "LLM@1 attention@1"},
      {"- #research 在 [ZhiHu-你的科研能力是什么时候突飞猛进的](https://"
       "www.zhihu.com/question/524855881/answer/2819447733) "
       "的这个回答里面，感觉这几句话很有借鉴意义。",
       "research@1"},
      {"- #diffusion-model [如何入坑 Diffusion 方向？ - cameron的回答 - "
       "知乎](https://www.zhihu.com/question/658056360/answer/3526228476) "
       "这篇回答收集了大量 diffusion "
       "相关的论文和不同方向，以后需要的时候可以作为参考。还有这篇也可以：["
       "如何入坑 Diffusion 方向？ - 周弈帆的回答 - "
       "知乎](https://www.zhihu.com/question/658056360/answer/3531698278)",
       "diffusion-model@1"},
      {"- #multimodal "
       "[万字长文总结多模态大模型最新进展（Modality "
       "Bridging篇）](https://zhuanlan.zhihu.com/p/688215018) 中有和 "
       "modality fusion 相关的最新进展，可以参考",
       "multimodal@1"},
      {"- #CV-video [VideoMAE: Masked Autoencoders are Data-Efficient "
       "Learners for Self-Supervised Video "
       "Pre-Training](https://arxiv.org/abs/2203.12602)",
       "CV-video@1"},
      // As the parser hands them over: list marker, brackets and link
      // destination gone.
      {"#LLM #attention 在 为什么现在的LLM都是Decoder-only的架构？ - "
       "科学空间|Scientific Spaces 中提到，之所以使用 decoder-only 的架构",
       "LLM@1 attention@1"},
      {"#CV-video VideoMAE: Masked Autoencoders are Data-Efficient Learners "
       "for Self-Supervised Video Pre-Training",
       "CV-video@1"},
  });
}

TEST_CASE("Other fixture lines: nested Chinese tags and English non-tags",
          "[tags]") {
  check_rows({
      {"- [x] 复现 DeepMD 的液态水体系训练 #项目/分子动力学",
       "项目/分子动力学@1"},
      {"- [x] 跑完径向分布函数对比，去掉 type embedding "
       "再训一遍，完成了实验，#实验/消融",
       "实验/消融@1"},
      {"- [ ] 整理 DP-GEN 的主动学习流程，#项目/分子动力学",
       "项目/分子动力学@1"},
      {"- [ ] 消融实验补一组不同截断半径的结果 #实验/消融", "实验/消融@1"},
      {"- #attention These are my English notes for the lab reading group; "
       "the Chinese notes live in the other folders.",
       "attention@1"},
      {"We hit overflow in fp16 without it (see issue #123 in our lab repo). "
       "The derivation I followed is at https://example.org/page#section.",
       ""},
      {"I first wrote the kernel in C# for a Unity visualisation demo, then "
       "ported it to Python. The C# version was about 40x slower, mostly "
       "because of the naive matrix multiply.",
       ""},
      {"## 看到的资料", ""},
      {"### 2024.11.04", ""},
  });
}

TEST_CASE("Whole fixture notes, read as raw Markdown, give exactly their "
          "inline tags",
          "[tags]") {
  struct FileRow {
    const char* path;
    const char* tags;
  };
  const FileRow rows[] = {
      {"kb/posts/000_7de7bcde4ef4daba.md",
       "LLM@15 attention@15 research@19 diffusion-model@23 multimodal@24 "
       "CV-video@25"},
      {"kb/项目进展记录/每周计划.md",
       "项目/分子动力学@14 实验/消融@15 项目/分子动力学@21 实验/消融@34"},
      {"kb/English/attention-notes.md", "attention@11"},
  };
  for (const FileRow& row : rows) {
    INFO(row.path);
    const std::string text =
        kbtest::read_file(std::string(KB_FIXTURES_DIR) + "/" + row.path);
    REQUIRE_FALSE(text.empty());
    CHECK(tags_of(text) == row.tags);
  }
}

TEST_CASE("Invalid UTF-8 ends a body and starts nothing", "[tags]") {
  check_rows({
      {"#ab\xFF" "cd", "ab@1"},
      {"\xFF#tag", ""},
      {"#\xE4\xB8", ""},
      {"\xC0\x80 #ok", "ok@1"},
  });
}

TEST_CASE("find_inline_tags is linear: a 1 MB line and 100,000 tags",
          "[tags][slow]") {
  const std::size_t mb = 1 << 20;
  CHECK(tags_of(std::string(mb, 'a') + " #end") == "end@1");
  CHECK(tags_of(repeat("中文，", mb / 9) + "#尾") == "尾@1");
  CHECK(tags_of(std::string(mb, '#')).empty());
  CHECK(tags_of(repeat("#-", mb / 2)).empty());
  CHECK(tags_of(repeat("C# ", mb / 3)).empty());
  CHECK(tags_of("https://x.org/" + std::string(mb, 'a') + "#b #c") == "c@1");
  CHECK(tags_of(repeat("://", mb / 3) + " #c") == "c@1");
  CHECK(tags_of(repeat("www.", mb / 4) + " #c") == "c@1");

  const std::string long_body = "#" + std::string(mb, 'a');
  std::vector<kb::Tag> tags = kb::find_inline_tags(long_body, 1, 0);
  REQUIRE(tags.size() == 1);
  CHECK(tags[0].name.size() == mb);

  tags = kb::find_inline_tags("#a" + repeat("/-", mb / 2), 1, 0);
  REQUIRE(tags.size() == 1);
  CHECK(tags[0].name == "a");

  std::string many;
  for (int k = 0; k < 100000; ++k) many += "#t" + std::to_string(k) + ' ';
  tags = kb::find_inline_tags(many, 1, 0);
  REQUIRE(tags.size() == 100000);
  CHECK(tags.front().name == "t0");
  CHECK(tags.back().name == "t99999");
  CHECK(tags.back().line == 1);

  tags = kb::find_inline_tags(repeat("#标签\n", 100000), 5, 2);
  REQUIRE(tags.size() == 100000);
  CHECK(tags.back().line == 100004);
  CHECK(tags.back().block == 2);
}

TEST_CASE("split_tag_value splits on commas, trims and drops one '#'",
          "[tags]") {
  struct ValueRow {
    std::string value;
    std::string tags;  // joined by '|'
  };
  const std::vector<ValueRow> rows = {
      {"a, b", "a|b"},
      {"a,b", "a|b"},
      {" a ,  b ", "a|b"},
      {"diffusion-model, 生成模型", "diffusion-model|生成模型"},
      {"反思与总结", "反思与总结"},
      {"a，b", "a|b"},                 // full-width comma
      {"实验， 消融", "实验|消融"},
      {"a, , b,", "a|b"},
      {"", ""},
      {" , ，", ""},
      {"#paper", "paper"},
      {"#a, #b", "a|b"},
      {"##x", "#x"},
      {"＃标签", "标签"},
      {"# a", "a"},
      {"#", ""},
      {"Daily Talk", "Daily Talk"},    // spaces are kept
      {"a、b", "a、b"},                // the ideographic comma does not split
      {"a;b", "a;b"},
      {"\u3000标签\u3000", "标签"},
      {"\t a \n", "a"},
      {"LLM/attention", "LLM/attention"},
      {"C#", "C#"},
  };
  for (const ValueRow& row : rows) {
    INFO("value: " << row.value);
    CHECK(joined(kb::split_tag_value(row.value)) == row.tags);
  }
}

TEST_CASE("tag_from_item trims and drops one '#'", "[tags]") {
  struct ItemRow {
    std::string item;
    std::string tag;
  };
  const std::vector<ItemRow> rows = {
      {"Daily Talk", "Daily Talk"},
      {"  Weekly Journal ", "Weekly Journal"},
      {"#paper", "paper"},
      {"＃标签", "标签"},
      {"##x", "#x"},
      {"a, b", "a, b"},                // an item is never split
      {"#", ""},
      {"", ""},
      {"   ", ""},
      {"\u3000", ""},
      {"机器学习", "机器学习"},
      {"项目/分子动力学", "项目/分子动力学"},
  };
  for (const ItemRow& row : rows) {
    INFO("item: " << row.item);
    CHECK(kb::tag_from_item(row.item) == row.tag);
  }
}

TEST_CASE("tag_key folds case and width", "[tags]") {
  struct KeyRow {
    std::string a;
    std::string b;
    bool same;
  };
  const std::vector<KeyRow> rows = {
      {"LLM", "llm", true},
      {"ＬＬＭ", "llm", true},
      {"Attention", "attention", true},
      {"CV-video", "cv-video", true},
      {"Straße", "STRASSE", true},
      {"ｶﾞ", "ガ", true},
      {"Daily Talk", "daily talk", true},
      {"项目/分子动力学", "项目/分子动力学", true},
      {"café", "cafe\u0301", true},   // composed and decomposed
      {"llm", "lm", false},
      {"模型", "模型x", false},
  };
  for (const KeyRow& row : rows) {
    INFO(row.a << " vs " << row.b);
    CHECK((kb::tag_key(row.a) == kb::tag_key(row.b)) == row.same);
  }
  CHECK(kb::tag_key("LLM") == "llm");
  CHECK(kb::tag_key("项目/分子动力学") == "项目/分子动力学");
}

TEST_CASE("tag_is_below: the tag itself and what is nested below it",
          "[tags]") {
  struct BelowRow {
    std::string name;
    std::string prefix;
    bool below;
  };
  const std::vector<BelowRow> rows = {
      {"模型/注意力", "模型", true},
      {"模型", "模型", true},
      {"模型x", "模型", false},
      {"模型", "模型/注意力", false},
      {"a/b", "a/b/c", false},
      {"a/b/c", "a", true},
      {"a/b/c", "a/b", true},
      {"ab/c", "a", false},
      {"LLM/Attention", "llm", true},
      {"llm", "LLM", true},
      {"ＬＬＭ/x", "llm", true},
      {"项目/分子动力学", "项目", true},
      {"实验/消融", "项目", false},
      {"a/b", "a/", true},             // a trailing '/' asks for below "a"
      {"a", "", false},
      {"", "", false},
      {"b", "a", false},
  };
  for (const BelowRow& row : rows) {
    INFO(row.name << " below " << row.prefix);
    CHECK(kb::tag_is_below(row.name, row.prefix) == row.below);
  }
}
