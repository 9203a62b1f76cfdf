// Tests for link_resolver.h: what a link names, by the rules of
// libindex/README.md ("Link resolution"), against an in-memory catalogue.
//
// FakeCatalog answers notes_with() from the same names the document builder
// indexes (name_key/folder_key, suffix_keys, stem_key, title, aliases, each under its
// term prefix), so the resolver sees what it would see on a real index. Links
// are made by the link parser's own functions (make_markdown_link,
// find_text_links, links_from_template_tag), so percent-decoding and the
// '#anchor' split are part of what is tested.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "kb/link_graph.h"
#include "kb/note.h"
#include "kb/note_parser.h"
#include "store/document_builder.h"
#include "store/note_record.h"
#include "store/link_keys.h"
#include "graph/link_resolver.h"
#include "note/links.h"
#include "note/slug.h"
#include "note/template_tags.h"
#include "store/term_prefixes.h"

namespace {

using Status = kb::ResolvedLink::Status;
using Kind = kb::Link::Kind;
using Paths = std::vector<std::string>;

struct FakeNote {
  std::string path;
  std::string title;  // "" = the file stem, as the note parser does
  std::vector<std::string> aliases;
  std::vector<std::string> headings;
  std::vector<std::string> blocks;
};

// The Markdown of a fake note: front matter for its title and aliases, its
// headings (level 2, so that a note without a title is named by its stem),
// then its blocks as paragraphs.
std::string markdown_of(const FakeNote& fake) {
  const auto quoted = [](const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    return out + "\"";
  };
  std::string md;
  if (!fake.title.empty() || !fake.aliases.empty()) {
    md += "---\n";
    if (!fake.title.empty()) md += "title: " + quoted(fake.title) + "\n";
    if (!fake.aliases.empty()) md += "aliases:\n";
    for (const std::string& alias : fake.aliases) md += "  - " + quoted(alias) + "\n";
    md += "---\n";
  }
  for (const std::string& heading : fake.headings) md += "## " + heading + "\n\n";
  for (const std::string& block : fake.blocks) md += block + "\n\n";
  return md;
}

// The name terms (term_prefixes.h: kNamePath ...) the index gives `note`:
// taken from the document the real document builder makes.
std::set<std::string> name_terms(const kb::Note& note) {
  kb::DocumentBuilder builder;
  const Xapian::Document doc = builder.build(note);
  const std::string family = std::string(kb::prefix::kNamePath).substr(0, 2);  // "XN"
  std::set<std::string> terms;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    if ((*t).rfind(family, 0) == 0) terms.insert(*t);
  }
  return terms;
}

// The link terms that can find a note with these name terms (what a
// backlinks query asks for): a path is what Markdown links and wikilinks
// look for, a stem what wikilinks and post_links look for, the other names
// only wikilinks.
std::set<std::string> wanted_link_terms(const std::set<std::string>& names) {
  const std::map<std::string, std::vector<const char*>> links_for = {
      {kb::prefix::kNamePath, {kb::prefix::kLinkPath, kb::prefix::kLinkName}},
      {kb::prefix::kNameFolder, {kb::prefix::kLinkPath, kb::prefix::kLinkName}},
      {kb::prefix::kNameSuffix, {kb::prefix::kLinkName}},
      {kb::prefix::kNameStem, {kb::prefix::kLinkName, kb::prefix::kLinkStem}},
      {kb::prefix::kNameTitle, {kb::prefix::kLinkName}},
      {kb::prefix::kNameAlias, {kb::prefix::kLinkName}},
  };
  std::set<std::string> out;
  for (const std::string& term : names) {
    const std::string prefix = term.substr(0, 4);
    for (const char* link_prefix : links_for.at(prefix)) out.insert(link_prefix + term.substr(4));
  }
  return out;
}

// A catalogue of fake notes, each made as the index makes it: parsed from
// its Markdown, named by the document builder's terms, and its record
// passed through the real record encoder, so that the resolver sees exactly
// what a record keeps (heading slugs included) and nothing more.
class FakeCatalog : public kb::Catalog {
 public:
  FakeCatalog(std::vector<FakeNote> notes, std::set<std::string> files)
      : notes_(std::move(notes)), files_(std::move(files)) {
    for (const FakeNote& fake : notes_) {
      files_.insert(fake.path);  // notes are files too
      const kb::Note note = kb::parse_note(fake.path, markdown_of(fake));
      records_.emplace(fake.path, kb::decode_note_record(kb::encode_note_record(note)).value());
      names_[fake.path] = name_terms(note);
      for (const std::string& term : names_[fake.path]) by_term_[term].insert(fake.path);
    }
  }

  std::vector<std::string> notes_with(const std::string& term) const override {
    auto it = by_term_.find(term);
    if (it == by_term_.end()) return {};
    return std::vector<std::string>(it->second.begin(), it->second.end());  // sorted
  }

  kb::Result<kb::Note> record(const std::string& path) const override {
    auto it = records_.find(path);
    if (it == records_.end()) return kb::Status::not_found(path, "no such note");
    return it->second;
  }

  bool file_exists(const std::string& path) const override {
    calls_.push_back(path);
    return files_.count(path) != 0;
  }

  kb::DialectScope dialect_of(const std::string& path) const override {
    return kb::scope_of(markers_, path);
  }

  // The dialect markers the crawler would have found, as the index keeps
  // them (store/link_dialects.h).
  void set_markers(std::vector<kb::DialectMarker> markers) {
    markers_ = kb::effective_markers(kb::LinkDialect::kAuto, std::move(markers));
  }

  // The name terms of the note at `path`; empty when there is none.
  std::set<std::string> names_of(const std::string& path) const {
    auto it = names_.find(path);
    return it == names_.end() ? std::set<std::string>{} : it->second;
  }

  const FakeNote* note(const std::string& path) const {
    for (const FakeNote& n : notes_) {
      if (n.path == path) return &n;
    }
    return nullptr;
  }

  const std::vector<std::string>& file_exists_calls() const { return calls_; }

 private:
  std::vector<FakeNote> notes_;
  std::set<std::string> files_;
  std::map<std::string, kb::Note> records_;
  std::map<std::string, std::set<std::string>> names_;  // by path
  std::map<std::string, std::set<std::string>> by_term_;
  std::vector<kb::DialectMarker> markers_;
  mutable std::vector<std::string> calls_;
};

// Paths of the catalogue below.
const std::string kTransformer = "大模型LM/文献精读/Transformer.md";
const std::string kBert = "大模型LM/文献精读/BERT.md";
const std::string kGpt = "大模型LM/文献精读/GPT.md";
const std::string kLmReadme = "大模型LM/README.md";
const std::string kMolecularD = "项目进展记录/MolecularD.md";
const std::string kDailyLog = "项目进展记录/004_3c8a9c320538d5dc.md";
const std::string kDeepMD = "分子动力学机器学习/文献精读/DeepMD.md";
const std::string kBrokenLinks = "混合/broken-links.md";
const std::string kMixed = "混合/注意力机制笔记.md";
const std::string kReadingList = "English/reading-list.md";
const std::string kAttentionNotes = "English/attention-notes.md";
const std::string kOldStyle = "English/old-style.markdown";
const std::string kScratch = "混合/scratch.md";  // a note that links anywhere

FakeCatalog make_catalog() {
  std::vector<FakeNote> notes = {
      {kTransformer,
       "Transformer 精读",
       {"Attention Is All You Need"},
       {"整体结构", "缩放点积注意力", "Scaled Dot-Product Attention", "多头注意力",
        "How large is it?", "2024.4.3 计划", "注意事项", "注意事项"},
       {"QKV 的计算很简单。 ^qkv", "第一行 ^mid\n第二行", "结尾有空格 ^tail  "}},
      {kBert, "BERT 精读", {}, {"结构"}, {}},
      {kGpt, "GPT 系列", {}, {}, {}},
      {kLmReadme, "大模型LM", {}, {"文献精读"}, {}},
      {"大模型LM/Diffusion扩散模型.md", "", {}, {}, {}},
      {kMolecularD, "MolecularD", {}, {"文献收集总结"}, {}},
      {kDailyLog, "每日记录", {}, {"2024.4.3"}, {}},
      {kDeepMD, "", {}, {"方法", "损失函数"}, {}},
      {"分子动力学机器学习/文献精读/SchNet.md", "", {}, {}, {}},
      {kMixed, "注意力机制笔记", {}, {}, {}},
      {kBrokenLinks, "旧知识库迁移后待修的链接", {}, {}, {}},
      {kReadingList, "Reading List", {}, {}, {}},
      {kAttentionNotes, "", {}, {}, {}},
      {kOldStyle, "", {}, {}, {}},
      {kScratch, "", {}, {}, {}},
      {"README.md", "Home", {}, {}, {}},
      // Two notes with one stem.
      {"zeta/Notes.md", "", {}, {}, {}},
      {"alpha/Notes.md", "", {}, {}, {}},
      // One stem, but one of them is also an exact path from the root.
      {"glossary.md", "", {}, {}, {}},
      {"docs/glossary.md", "", {}, {}, {}},
      {"docs/index.md", "Docs", {}, {}, {}},
      // One suffix, two notes.
      {"x/shared/plan.md", "", {}, {}, {}},
      {"y/shared/plan.md", "", {}, {}, {}},
      // One path key, two notes.
      {"dup/same.md", "", {}, {}, {}},
      {"dup/same.markdown", "", {}, {}, {}},
      // A title that is another note's stem.
      {"misc/ideas.md", "BERT", {}, {}, {}},
      // A title and an alias that are the same name.
      {"misc/a.md", "Shared Name", {}, {}, {}},
      {"misc/b.md", "", {"shared name"}, {}, {}},
      // An accent (composed), and a dot in the name.
      {"Notes/Caf\xC3\xA9.md", "", {}, {}, {}},
      {"misc/scrybble.ink.md", "", {}, {}, {}},
  };
  return FakeCatalog(std::move(notes),
                     {"assets/diagram.png", "大模型LM/文献精读/img/qkv.png"});
}

kb::Link md(const std::string& destination, Kind kind = Kind::kMarkdown) {
  return kb::make_markdown_link(kind, destination, "text", 3);
}

kb::Link image(const std::string& destination) { return md(destination, Kind::kImage); }

// The one wikilink, embed or bare URL in `text`, read as the note parser
// reads it (strip_template_tags puts wikilinks between stand-ins first).
kb::Link text_link(const std::string& text) {
  std::string markup = text;
  std::vector<std::string> comments;
  kb::strip_template_tags(markup, comments);
  const std::vector<kb::Link> links = kb::find_text_links(markup, 3);
  REQUIRE(links.size() == 1);
  return links.front();
}

// The one link of a Hexo tag body ("post_link Transformer").
kb::Link hexo(const std::string& body) {
  const std::vector<kb::Link> links = kb::links_from_template_tag(body, 3);
  REQUIRE(links.size() == 1);
  return links.front();
}

struct Row {
  const char* what;
  std::string source;
  kb::Link link;
  Status status;
  std::string target = {};
  Paths candidates = {};
};

void check_row(const Row& row, const FakeCatalog& catalog) {
  INFO(row.what << ": " << row.source << " -> raw '" << row.link.raw << "'");
  const kb::ResolvedLink r = kb::resolve_link(row.source, row.link, catalog).value();
  CHECK(kb::name_of(r.status) == std::string(kb::name_of(row.status)));
  CHECK(r.target == row.target);
  CHECK(r.candidates == row.candidates);
  CHECK(r.source == row.source);
  CHECK(r.link.raw == row.link.raw);
}

// A bigger set of rows, every rule of README "Link resolution".
std::vector<Row> markdown_rows() {
  return {
      {"site root", kDailyLog, md("/大模型LM/文献精读/Transformer.md"), Status::kResolved,
       kTransformer},
      {"bare relative", kBert, md("Transformer.md"), Status::kResolved, kTransformer},
      {"./ relative", kGpt, md("./BERT.md"), Status::kResolved, kBert},
      {"../ relative", kDailyLog, md("../分子动力学机器学习/文献精读/DeepMD.md"),
       Status::kResolved, kDeepMD},
      {"../../ with anchor", kDeepMD, md("../../项目进展记录/MolecularD.md#文献收集总结"),
       Status::kResolved, kMolecularD},
      {"../ back into the same folder", "分子动力学机器学习/文献精读/SchNet.md",
       md("../文献精读/DeepMD.md"), Status::kResolved, kDeepMD},
      {"extension optional", kBert, md("Transformer"), Status::kResolved, kTransformer},
      {"extension optional with ./", kBert, md("./GPT"), Status::kResolved, kGpt},
      {".markdown note", kAttentionNotes, md("old-style.markdown"), Status::kResolved,
       kOldStyle},
      {".markdown note without extension", kAttentionNotes, md("old-style"),
       Status::kResolved, kOldStyle},
      {"case-insensitive", kBert, md("TRANSFORMER.MD"), Status::kResolved, kTransformer},
      {"percent-encoded folder", kLmReadme, md("%E6%96%87%E7%8C%AE%E7%B2%BE%E8%AF%BB/GPT.md"),
       Status::kResolved, kGpt},
      {"percent-encoded decomposed accent (NFC)", kScratch, md("../Notes/Cafe%CC%81.md"),
       Status::kResolved, "Notes/Caf\xC3\xA9.md"},
      {"full-width letters (NFKC)", kScratch, md("../大模型ＬＭ/文献精读/ＢＥＲＴ.md"),
       Status::kResolved, kBert},
      {"folder with slash -> README", kScratch, md("../大模型LM/"), Status::kResolved,
       kLmReadme},
      {"folder without slash -> README", kScratch, md("../大模型LM"), Status::kResolved,
       kLmReadme},
      {"folder from the root -> index", kScratch, md("/docs"), Status::kResolved,
       "docs/index.md"},
      {"folder, relative -> index", "docs/glossary.md", md("./"), Status::kResolved,
       "docs/index.md"},
      {"several notes with one path", kScratch, md("../dup/same"), Status::kAmbiguous, "",
       {"dup/same.markdown", "dup/same.md"}},
      {"missing note", kBrokenLinks, md("../不存在的笔记.md"), Status::kBroken},
      {"leaves the root", kBrokenLinks, md("../../../etc/passwd"), Status::kBroken},
      {"leaves the root from /", kBrokenLinks, md("/../etc/passwd"), Status::kBroken},
      {"leaves the root and comes back", kBrokenLinks, md("../../混合/broken-links.md"),
       Status::kBroken},
      {"missing heading", kBrokenLinks, md("../项目进展记录/MolecularD.md#没有这个标题"),
       Status::kBrokenAnchor, kMolecularD},
      {"same-note anchor", kTransformer, md("#多头注意力"), Status::kResolved, kTransformer},
      {"same-note missing anchor", kTransformer, md("#没有"), Status::kBrokenAnchor,
       kTransformer},
      {"percent-encoded anchor", kBert,
       md("Transformer.md#%E5%A4%9A%E5%A4%B4%E6%B3%A8%E6%84%8F%E5%8A%9B"), Status::kResolved,
       kTransformer},
      {"GitHub slug anchor", kBert, md("Transformer.md#scaled-dot-product-attention"),
       Status::kResolved, kTransformer},
      {"repeated heading, second", kBert, md("Transformer.md#注意事项-1"), Status::kResolved,
       kTransformer},
      {"repeated heading, no third", kBert, md("Transformer.md#注意事项-2"),
       Status::kBrokenAnchor, kTransformer},
      {"image file exists", kReadingList, image("../assets/diagram.png"), Status::kResolved,
       "assets/diagram.png"},
      {"image beside the note", kTransformer, image("img/qkv.png"), Status::kResolved,
       "大模型LM/文献精读/img/qkv.png"},
      {"image from the root", kTransformer, image("/assets/diagram.png"), Status::kResolved,
       "assets/diagram.png"},
      {"image file missing", kReadingList, image("../assets/missing.png"), Status::kBroken},
      {"image outside the root", kReadingList, image("../../assets/diagram.png"),
       Status::kBroken},
      {"https", kScratch, md("https://example.org/a#b"), Status::kExternal},
      {"mailto", kScratch, md("mailto:someone@example.org"), Status::kExternal},
      {"protocol-relative image", kScratch, image("//cdn.example.com/x.png"),
       Status::kExternal},
      {"autolink", kReadingList, md("https://kexue.fm", Kind::kAutolink), Status::kExternal},
      {"scheme that looks like a note", kScratch, md("obsidian://open?file=Transformer.md"),
       Status::kExternal},
  };
}

std::vector<Row> wikilink_rows() {
  return {
      {"exact path", kScratch, text_link("[[大模型LM/文献精读/Transformer]]"),
       Status::kResolved, kTransformer},
      {"exact path with extension", kScratch, text_link("[[大模型LM/文献精读/Transformer.md]]"),
       Status::kResolved, kTransformer},
      {"exact path, case-insensitive", kScratch, text_link("[[大模型lm/文献精读/transformer]]"),
       Status::kResolved, kTransformer},
      {"exact path beats stem", kScratch, text_link("[[glossary]]"), Status::kResolved,
       "glossary.md"},
      {"exact path in a folder", kScratch, text_link("[[docs/glossary]]"), Status::kResolved,
       "docs/glossary.md"},
      {"unique suffix", kScratch, text_link("[[文献精读/Transformer]]"), Status::kResolved,
       kTransformer},
      {"suffix by whole folders only", kScratch, text_link("[[献精读/Transformer]]"),
       Status::kBroken},
      {"suffix of two notes", kScratch, text_link("[[shared/plan]]"), Status::kAmbiguous, "",
       {"x/shared/plan.md", "y/shared/plan.md"}},
      {"stem", kMixed, text_link("[[BERT]]"), Status::kResolved, kBert},  // beats a title
      {"stem, case-insensitive", kMixed, text_link("[[bert]]"), Status::kResolved, kBert},
      {"stem, full-width", kMixed, text_link("[[ＢＥＲＴ]]"), Status::kResolved, kBert},
      {"stem with .md", kMixed, text_link("[[Transformer.md]]"), Status::kResolved,
       kTransformer},
      {"stem of a .markdown note", kMixed, text_link("[[old-style]]"), Status::kResolved,
       kOldStyle},
      {"stem of two notes, sorted", kScratch, text_link("[[Notes]]"), Status::kAmbiguous, "",
       {"alpha/Notes.md", "zeta/Notes.md"}},
      {"stem with a dot", kScratch, text_link("[[scrybble.ink]]"), Status::kResolved,
       "misc/scrybble.ink.md"},
      {"stem with a decomposed accent", kScratch, text_link("[[Cafe\xCC\x81]]"),
       Status::kResolved, "Notes/Caf\xC3\xA9.md"},
      {"title", kMixed, text_link("[[Transformer 精读]]"), Status::kResolved, kTransformer},
      {"title, case-insensitive", kMixed, text_link("[[TRANSFORMER 精读]]"), Status::kResolved,
       kTransformer},
      {"alias", kMixed, text_link("[[Attention Is All You Need]]"), Status::kResolved,
       kTransformer},
      {"alias, case-insensitive", kMixed, text_link("[[attention is all you need]]"),
       Status::kResolved, kTransformer},
      {"title and alias of two notes", kScratch, text_link("[[Shared Name]]"),
       Status::kAmbiguous, "", {"misc/a.md", "misc/b.md"}},
      {"nothing by that name", kBrokenLinks, text_link("[[Nonexistent Note]]"),
       Status::kBroken},
      {"embed of a note", "日记/2024-11-17.md", text_link("![[DeepMD]]"), Status::kResolved,
       kDeepMD},
      {"same note", kTransformer, text_link("[[#多头注意力]]"), Status::kResolved, kTransformer},
      {"same note, missing heading", kTransformer, text_link("[[#没有这个标题]]"),
       Status::kBrokenAnchor, kTransformer},
      // Anchors.
      {"heading text", kBert, text_link("[[Transformer#多头注意力|多头注意力]]"),
       Status::kResolved, kTransformer},
      {"heading text, case and spaces", kBert,
       text_link("[[Transformer#scaled  dot-product ATTENTION]]"), Status::kResolved,
       kTransformer},
      {"heading without its punctuation", kBert, text_link("[[Transformer#How large is it]]"),
       Status::kResolved, kTransformer},
      {"GitHub slug", kBert, text_link("[[Transformer#scaled-dot-product-attention]]"),
       Status::kResolved, kTransformer},
      {"docsify slug", kBert, text_link("[[Transformer#_202443-计划]]"), Status::kResolved,
       kTransformer},
      {"nested A#B", kBert, text_link("[[Transformer#整体结构#多头注意力]]"), Status::kResolved,
       kTransformer},
      {"nested A#B, missing B", kBert, text_link("[[Transformer#整体结构#没有]]"),
       Status::kBrokenAnchor, kTransformer},
      {"block id", kBert, text_link("[[Transformer#^qkv]]"), Status::kResolved, kTransformer},
      {"block id ending a line", kBert, text_link("[[Transformer#^mid]]"), Status::kResolved,
       kTransformer},
      {"block id before trailing spaces", kBert, text_link("[[Transformer#^tail]]"),
       Status::kResolved, kTransformer},
      {"block id prefix only", kBert, text_link("[[Transformer#^qk]]"), Status::kBrokenAnchor,
       kTransformer},
      {"missing block id", kBert, text_link("[[Transformer#^nope]]"), Status::kBrokenAnchor,
       kTransformer},
      {"missing heading keeps the target", kBert, text_link("[[Transformer#不存在]]"),
       Status::kBrokenAnchor, kTransformer},
      {"anchor on an ambiguous name", kScratch, text_link("[[Notes#x]]"), Status::kAmbiguous,
       "", {"alpha/Notes.md", "zeta/Notes.md"}},
      // Files.
      {"embed of a file from the root", kScratch, text_link("![[assets/diagram.png]]"),
       Status::kResolved, "assets/diagram.png"},
      {"embed of a missing file", kScratch, text_link("![[missing.png]]"), Status::kBroken},
      {"embed of a file outside", kScratch, text_link("![[../../etc/passwd.png]]"),
       Status::kBroken},
      {"wikilink outside", kScratch, text_link("[[../../etc/passwd]]"), Status::kBroken},
      // Bare URLs.
      {"bare URL", kScratch, text_link("see https://example.org/x.md for more"),
       Status::kExternal},
  };
}

std::vector<Row> post_link_rows() {
  return {
      {"post_link by stem", "混合/待读论文.md", hexo("post_link Transformer"),
       Status::kResolved, kTransformer},
      {"post_link case-insensitive", "混合/待读论文.md", hexo("post_link transformer"),
       Status::kResolved, kTransformer},
      {"post_link of a .markdown stem", kScratch, hexo("post_link old-style"),
       Status::kResolved, kOldStyle},
      {"post_link stem of two notes", kScratch, hexo("post_link Notes"), Status::kAmbiguous,
       "", {"alpha/Notes.md", "zeta/Notes.md"}},
      // By stem only: no exact-path tier ...
      {"post_link no path tier", kScratch, hexo("post_link glossary"), Status::kAmbiguous, "",
       {"docs/glossary.md", "glossary.md"}},
      // ... and no title or alias tier.
      {"post_link not by title", kScratch, hexo("post_link 'Transformer 精读'"),
       Status::kBroken},
      {"post_link not by alias", kScratch, hexo("post_link 'Attention Is All You Need'"),
       Status::kBroken},
      {"post_link with anchor", kScratch, hexo("post_link Transformer#多头注意力"),
       Status::kResolved, kTransformer},
      {"post_link with missing anchor", kScratch, hexo("post_link Transformer#没有"),
       Status::kBrokenAnchor, kTransformer},
      {"post_link to nothing", kScratch, hexo("post_link no-such-post"), Status::kBroken},
  };
}

bool is_outside(const std::string& path) {
  if (path.empty() || path[0] == '/') return true;
  std::size_t pos = 0;
  while (pos <= path.size()) {
    std::size_t end = path.find('/', pos);
    if (end == std::string::npos) end = path.size();
    if (path.compare(pos, end - pos, "..") == 0) return true;
    pos = end + 1;
  }
  return false;
}

}  // namespace

// --------------------------------------------------------------- resolve_link

TEST_CASE("resolve_link: Markdown links and images", "[link_resolver]") {
  const FakeCatalog catalog = make_catalog();
  for (const Row& row : markdown_rows()) check_row(row, catalog);
}

TEST_CASE("resolve_link: wikilinks and embeds", "[link_resolver]") {
  const FakeCatalog catalog = make_catalog();
  for (const Row& row : wikilink_rows()) check_row(row, catalog);
}

TEST_CASE("resolve_link: Hexo post_link resolves by file stem", "[link_resolver]") {
  const FakeCatalog catalog = make_catalog();
  for (const Row& row : post_link_rows()) check_row(row, catalog);
}

TEST_CASE("resolve_link copies the link and its context", "[link_resolver]") {
  const FakeCatalog catalog = make_catalog();
  kb::Link link = md("Transformer.md#多头注意力");
  link.context = "每一层就是标准的多头注意力加 FFN";
  link.text = "多头注意力";
  const kb::ResolvedLink r = kb::resolve_link(kBert, link, catalog).value();
  CHECK(r.status == Status::kResolved);
  CHECK(r.context == link.context);
  CHECK(r.link.text == "多头注意力");
  CHECK(r.link.anchor == "多头注意力");
  CHECK(r.link.line == 3);
}

TEST_CASE("resolve_link never asks about a file outside the root", "[link_resolver]") {
  const FakeCatalog catalog = make_catalog();
  std::vector<Row> rows = markdown_rows();
  for (std::vector<Row> more : {wikilink_rows(), post_link_rows()}) {
    rows.insert(rows.end(), more.begin(), more.end());
  }
  // Ways out of the root, from deep and shallow notes.
  for (const char* dest :
       {"../../../etc/passwd", "../../../../../../../etc/passwd", "/../etc/passwd",
        "../../..", "a/../../../../x.png", "/../../x", "..", "../",
        "%2E%2E/%2E%2E/%2E%2E/etc/passwd", "..%2F..%2F..%2Fetc%2Fpasswd"}) {
    for (const std::string& source : {kBrokenLinks, std::string("README.md"), kTransformer}) {
      rows.push_back({"outside", source, md(dest), Status::kBroken});
      rows.push_back({"outside", source, image(dest), Status::kBroken});
    }
  }
  for (const char* markup : {"![[../../etc/passwd.png]]", "![[../x.png]]", "[[../../a.pdf]]",
                             "![[/../x.png]]"}) {
    rows.push_back({"outside", kScratch, text_link(markup), Status::kBroken});
  }
  for (const Row& row : rows) {
    (void)kb::resolve_link(row.source, row.link, catalog);
  }
  // Some files were asked about (images), none outside.
  REQUIRE_FALSE(catalog.file_exists_calls().empty());
  for (const std::string& path : catalog.file_exists_calls()) {
    INFO(path);
    CHECK_FALSE(is_outside(path));
    CHECK(path.rfind("..", 0) != 0);
    CHECK(path.rfind('/', 0) != 0);
  }
}

TEST_CASE("resolve_link: links that leave the root are broken", "[link_resolver]") {
  const FakeCatalog catalog = make_catalog();
  for (const char* dest : {"../../../etc/passwd", "/../etc/passwd", "../../../../x.md"}) {
    INFO(dest);
    const kb::ResolvedLink r = kb::resolve_link(kBrokenLinks, md(dest), catalog).value();
    CHECK(r.status == Status::kBroken);
    CHECK(r.target.empty());
    CHECK(r.candidates.empty());
  }
}

// A folder names its README (rules: "a folder names its index.md or
// README.md"), and name_key/folder_key() gives the root README the key "" for it. But
// resolve_relative() also returns "" for a path that leaves the root, and
// resolve_link() takes every "" as "outside": so a link to the root folder
// is reported broken although the root README exists.
TEST_CASE("resolve_link: a link to the root folder names the root README",
          "[link_resolver]") {
  const FakeCatalog catalog = make_catalog();
  const Row rows[] = {
      {"site root", kScratch, md("/"), Status::kResolved, "README.md"},
      {"up to the root", kScratch, md("../"), Status::kResolved, "README.md"},
      {"up to the root, no slash", kScratch, md(".."), Status::kResolved, "README.md"},
      {"root from a root note", "glossary.md", md("./"), Status::kResolved, "README.md"},
  };
  for (const Row& row : rows) check_row(row, catalog);
}

// A Markdown link with an explicit extension names one file: "docs.md" is
// the note docs.md, not the folder docs/ (which has an index.md). name_key()
// drops the extension and name_key/folder_key() gives docs/index.md the folder key
// "docs" too, so both notes are in the one path tier and the link is
// reported ambiguous. (With a trailing slash, "docs/", the link names the
// folder, as on docsify; resolve_relative() drops the slash, so that is
// ambiguous as well.) The same with "same.md" beside "same.markdown", and
// for the wikilink [[docs]], whose exact-path tier holds both notes.
TEST_CASE("resolve_link: x.md names the note x.md even beside a folder x/",
          "[link_resolver]") {
  const FakeCatalog catalog({{"docs.md", "", {}, {}, {}},
                             {"docs/index.md", "", {}, {}, {}},
                             {"notes/guide.md", "", {}, {}, {}},
                             {"notes/guide/README.md", "", {}, {}, {}},
                             {"home.md", "", {}, {}, {}},
                             {"dup/same.md", "", {}, {}, {}},
                             {"dup/same.markdown", "", {}, {}, {}}},
                            {});
  const Row rows[] = {
      {"explicit extension", "home.md", md("docs.md"), Status::kResolved, "docs.md"},
      {"explicit extension from a folder", "notes/guide/README.md", md("../guide.md"),
       Status::kResolved, "notes/guide.md"},
      {"explicit .md beside .markdown", "home.md", md("dup/same.md"), Status::kResolved,
       "dup/same.md"},
      {"explicit .markdown beside .md", "home.md", md("dup/same.markdown"), Status::kResolved,
       "dup/same.markdown"},
      {"wikilink by exact path", "home.md", text_link("[[docs]]"), Status::kResolved,
       "docs.md"},
      {"trailing slash names the folder", "home.md", md("docs/"), Status::kResolved,
       "docs/index.md"},
  };
  for (const Row& row : rows) check_row(row, catalog);
}

// ----------------------------------------------------------------- has_anchor

TEST_CASE("has_anchor finds headings by text or slug and blocks by id", "[link_resolver]") {
  const FakeCatalog catalog = make_catalog();
  const kb::Result<kb::Note> note = catalog.record(kTransformer);
  REQUIRE(note.has_value());
  struct AnchorRow {
    const char* anchor;
    bool found;
  };
  const AnchorRow rows[] = {
      // Heading text, case-insensitively, spaces collapsed and trimmed.
      {"多头注意力", true},
      {"Scaled Dot-Product Attention", true},
      {"scaled dot-product attention", true},
      {"SCALED   DOT-PRODUCT\tATTENTION", true},
      {"  Scaled Dot-Product Attention  ", true},
      {"ＳＣＡＬＥＤ Dot-Product Attention", true},  // full-width
      {"2024.4.3 计划", true},
      // GitHub slug, docsify slug.
      {"scaled-dot-product-attention", true},
      {"202443-计划", true},
      {"_202443-计划", true},
      {"how-large-is-it", true},
      {"How large is it", true},
      // Repeated headings: the first plain, the second "-1".
      {"注意事项", true},
      {"注意事项-1", true},
      {"注意事项-2", false},
      // Obsidian's nested headings: the last one counts.
      {"整体结构#多头注意力", true},
      {"没有#多头注意力", true},
      {"多头注意力#没有", false},
      // Block ids end a line of their block.
      {"^qkv", true},
      {"^mid", true},
      {"^tail", true},
      {"^qk", false},
      {"^nope", false},
      {"^第一行", false},
      // Not there.
      {"多头", false},
      {"scaled-dot-product", false},
      {"缩放点积注意力力", false},
      {"Scaled Dot-Product", false},
  };
  for (const AnchorRow& row : rows) {
    INFO(row.anchor);
    CHECK(kb::has_anchor(*note, row.anchor) == row.found);
  }
}

TEST_CASE("has_anchor on a note without headings or blocks", "[link_resolver]") {
  kb::Note empty;
  empty.path = "edge/empty.md";
  CHECK_FALSE(kb::has_anchor(empty, "anything"));
  CHECK_FALSE(kb::has_anchor(empty, "^id"));
}

TEST_CASE("has_anchor uses the record's slugs for repeated headings", "[link_resolver]") {
  // Slugs are stored per heading; the "-1" form is only in the record.
  kb::Note note;
  kb::Heading first;
  first.text = "Usage";
  first.slug = "usage";
  first.docsify_slug = "usage";
  kb::Heading second = first;
  second.slug = "usage-1";
  second.docsify_slug = "usage-1";
  note.headings = {first, second};
  CHECK(kb::has_anchor(note, "usage"));
  CHECK(kb::has_anchor(note, "usage-1"));
  CHECK_FALSE(kb::has_anchor(note, "usage-2"));
}

TEST_CASE("resolve_link: anchors to a repeated heading resolve through the stored record",
          "[link_resolver]") {
  // Two "## Usage" headings: GitHub and docsify call the second "usage-1".
  // Only the record's slugs know that, so this fails if records drop them.
  const FakeCatalog catalog({{"x.md", "", {}, {"Usage", "Usage"}, {}}, {"y.md", "", {}, {}, {}}},
                            {});
  const Row rows[] = {
      {"first", "y.md", md("x.md#usage"), Status::kResolved, "x.md"},
      {"second, Markdown", "y.md", md("x.md#usage-1"), Status::kResolved, "x.md"},
      {"second, wikilink", "y.md", text_link("[[x#usage-1]]"), Status::kResolved, "x.md"},
      {"no third", "y.md", md("x.md#usage-2"), Status::kBrokenAnchor, "x.md"},
  };
  for (const Row& row : rows) check_row(row, catalog);
}

// ------------------------------------------------------------------ link_terms

// The first of a link's terms, what the strict rules look for; "" for none.
std::string strict_term(const std::string& source, const kb::Link& link) {
  const std::vector<std::string> terms = kb::link_terms(source, link);
  return terms.empty() ? "" : terms.front();
}

TEST_CASE("link_term of a Markdown link is the path term of the note it names",
          "[link_resolver]") {
  struct TermRow {
    std::string source;
    kb::Link link;
    std::string note;  // path of the note whose name key the term holds
    bool folder = false;  // the note's folder key rather than its path
  };
  const TermRow rows[] = {
      {kBert, md("Transformer.md"), kTransformer},
      {kBert, md("./Transformer"), kTransformer},
      {kBert, md("transformer.MD#多头注意力"), kTransformer},
      {kDailyLog, md("/大模型LM/文献精读/Transformer.md"), kTransformer},
      {kLmReadme, md("%E6%96%87%E7%8C%AE%E7%B2%BE%E8%AF%BB/Transformer.md"), kTransformer},
      {kDeepMD, md("../../项目进展记录/MolecularD.md#文献收集总结"), kMolecularD},
      {kScratch, md("../大模型LM/"), kLmReadme, true},  // the folder's key
      {kScratch, md("/docs"), "docs/index.md", true},
  };
  for (const TermRow& row : rows) {
    INFO(row.source << " -> " << row.link.raw);
    const std::string key =
        row.folder ? kb::folder_key(row.note).value() : kb::name_key(row.note);
    CHECK(strict_term(row.source, row.link) == kb::key_term(kb::prefix::kLinkPath, key));
  }
}

TEST_CASE("link_term of wikilinks and post_links is the name they look for",
          "[link_resolver]") {
  CHECK(strict_term(kMixed, text_link("[[BERT]]")) ==
        kb::key_term(kb::prefix::kLinkName, kb::stem_key(kBert)));
  CHECK(strict_term(kBert, text_link("[[Transformer#多头注意力|多头注意力]]")) ==
        kb::key_term(kb::prefix::kLinkName, kb::stem_key(kTransformer)));
  CHECK(strict_term(kMixed, text_link("[[Transformer 精读]]")) ==
        kb::key_term(kb::prefix::kLinkName, kb::name_key("Transformer 精读")));
  CHECK(strict_term(kScratch, text_link("[[文献精读/Transformer]]")) ==
        kb::key_term(kb::prefix::kLinkName, kb::suffix_keys(kTransformer).front()));
  CHECK(strict_term(kScratch, text_link("![[DeepMD]]")) ==
        kb::key_term(kb::prefix::kLinkName, kb::stem_key(kDeepMD)));
  CHECK(strict_term("混合/待读论文.md", hexo("post_link Transformer")) ==
        kb::key_term(kb::prefix::kLinkStem, kb::stem_key(kTransformer)));
}

TEST_CASE("link_term is empty for external and same-note and outside links",
          "[link_resolver]") {
  CHECK(kb::link_terms(kScratch, md("https://example.org/Transformer.md")).empty());
  CHECK(kb::link_terms(kScratch, md("mailto:someone@example.org")).empty());
  CHECK(kb::link_terms(kScratch, md("https://kexue.fm", Kind::kAutolink)).empty());
  CHECK(kb::link_terms(kScratch, text_link("see https://example.org/x for more")).empty());
  CHECK(kb::link_terms(kTransformer, md("#多头注意力")).empty());
  CHECK(kb::link_terms(kTransformer, text_link("[[#多头注意力]]")).empty());
  CHECK(kb::link_terms(kBrokenLinks, md("../../../etc/passwd")).empty());
}

TEST_CASE("link_term of every link that resolves to another note finds that note",
          "[link_resolver]") {
  // What makes backlinks work: the term a link carries is one of those the
  // note it resolves to can be found by.
  const FakeCatalog catalog = make_catalog();
  std::vector<Row> rows = markdown_rows();
  for (std::vector<Row> more : {wikilink_rows(), post_link_rows()}) {
    rows.insert(rows.end(), more.begin(), more.end());
  }
  int checked = 0;
  for (const Row& row : rows) {
    const kb::ResolvedLink r = kb::resolve_link(row.source, row.link, catalog).value();
    const bool reaches = r.status == Status::kResolved || r.status == Status::kBrokenAnchor;
    const FakeNote* target = catalog.note(r.target);
    if (!reaches || target == nullptr || r.target == row.source) continue;
    INFO(row.what << ": " << row.source << " -> " << row.link.raw);
    const std::set<std::string> wanted = wanted_link_terms(catalog.names_of(target->path));
    const std::vector<std::string> terms = kb::link_terms(row.source, row.link);
    CHECK(std::any_of(terms.begin(), terms.end(),
                      [&](const std::string& t) { return wanted.count(t) != 0; }));
    ++checked;
  }
  CHECK(checked > 50);
}

// ------------------------------------------------------------------ dialects

// A knowledge base with an Obsidian vault (`Vault/.obsidian/`), a Hexo site
// (`Blog/_config.yml`) and strict notes beside them (libindex/README.md,
// "Link dialects").
FakeCatalog make_dialect_catalog() {
  std::vector<FakeNote> notes;
  for (const char* path :
       {"Vault/Home.md", "Vault/Three laws of motion.md", "Vault/Projects/a.md",
        "Vault/Physics/Newton.md", "Vault/one/x/src.md", "Vault/one/two/page.md",
        "Vault/Plugins/Index.md", "Vault/Plugins/Graph view.md",
        "Vault/Showcases/Deep/Graph view.md", "Vault/Showcases/Deep/tour.md", "Vault/A/n.md",
        "Vault/X/Y/src.md", "Vault/X/Q/Z/n.md", "Vault/hello.md", "Other/Newton.md",
        "Other/Projects/a.md", "Home.md", "Blog/source/_posts/2023-05-06-title.md",
        "Blog/source/_posts/hello.md", "Blog/source/about/index.md"}) {
    notes.push_back(FakeNote{path, "", {}, {}, {}});
  }
  FakeCatalog catalog(std::move(notes), {});
  catalog.set_markers({{"Vault", kb::LinkDialect::kObsidian}, {"Blog", kb::LinkDialect::kSite}});
  return catalog;
}

TEST_CASE("wikilink paths: a leading slash starts at the vault root, ./ and ../ at the note",
          "[link_resolver][dialect]") {
  const FakeCatalog catalog = make_dialect_catalog();
  const Row rows[] = {
      {"leading slash, vault", "Vault/Physics/Newton.md", text_link("[[/Projects/a]]"),
       Status::kResolved, "Vault/Projects/a.md"},
      {"leading slash, strict root", "Home.md", text_link("[[/Other/Newton]]"), Status::kResolved,
       "Other/Newton.md"},
      {"leading slash is a path, not a name", "Home.md", text_link("[[/Newton]]"),
       Status::kBroken},
      {"relative path", "Vault/one/x/src.md", text_link("[[../two/page]]"), Status::kResolved,
       "Vault/one/two/page.md"},
      {"relative path, strict", "Other/Projects/a.md", text_link("[[../Newton]]"),
       Status::kResolved, "Other/Newton.md"},
      {"./ from the note", "Vault/one/two/page.md", text_link("[[./page]]"), Status::kResolved,
       "Vault/one/two/page.md"},
      {"relative path to nothing", "Vault/one/x/src.md", text_link("[[../three/page]]"),
       Status::kBroken},
      {"above the root", "Home.md", text_link("[[../Home]]"), Status::kBroken},
      {"above the vault root", "Vault/Home.md", text_link("[[/../Home]]"), Status::kBroken},
  };
  for (const Row& row : rows) check_row(row, catalog);
}

TEST_CASE("obsidian Markdown links: relative to the note, else from the vault root, else by name",
          "[link_resolver][dialect]") {
  const FakeCatalog catalog = make_dialect_catalog();
  const std::string newton = "Vault/Physics/Newton.md";
  const Row rows[] = {
      {"shortest path: a file name from another folder", newton,
       md("Three%20laws%20of%20motion.md"), Status::kResolved, "Vault/Three laws of motion.md"},
      {"absolute path in vault", newton, md("Projects/a.md"), Status::kResolved,
       "Vault/Projects/a.md"},
      {"relative first", newton, md("../Projects/a.md"), Status::kResolved,
       "Vault/Projects/a.md"},
      {"a name is looked for in the vault only", "Vault/Projects/a.md", md("Newton.md"),
       Status::kResolved, newton},
      {"a leading slash is the vault root", newton, md("/Projects/a.md"), Status::kResolved,
       "Vault/Projects/a.md"},
      {"nothing by that name", newton, md("Kepler.md"), Status::kBroken},
      {"a climbing path has no name fallback", newton, md("../../Newton.md"), Status::kBroken},
      {"the same links in a strict note are broken", "Other/Newton.md",
       md("Three%20laws%20of%20motion.md"), Status::kBroken},
      {"strict: no vault root", "Other/Newton.md", md("Physics/Newton.md"), Status::kBroken},
  };
  for (const Row& row : rows) check_row(row, catalog);
}

TEST_CASE("obsidian's tie-break: the note closest to the source, then the shortest path",
          "[link_resolver][dialect]") {
  const FakeCatalog catalog = make_dialect_catalog();
  const std::string plugins = "Vault/Plugins/Graph view.md";
  const std::string deep = "Vault/Showcases/Deep/Graph view.md";
  const Row rows[] = {
      {"same folder", "Vault/Plugins/Index.md", text_link("[[Graph view]]"), Status::kAmbiguous,
       plugins, {deep}},
      {"same folder, the other one", "Vault/Showcases/Deep/tour.md", text_link("[[Graph view]]"),
       Status::kAmbiguous, deep, {plugins}},
      {"fewer folders away", "Vault/Home.md", text_link("[[Graph view]]"), Status::kAmbiguous,
       plugins, {deep}},
      {"as far: the shorter path", "Vault/X/Y/src.md", text_link("[[n]]"), Status::kAmbiguous,
       "Vault/A/n.md", {"Vault/X/Q/Z/n.md"}},
      {"a Markdown link by name too", "Vault/Plugins/Index.md", md("Graph%20view.md"),
       Status::kResolved, plugins},
      {"vault only: the note outside is no candidate", "Vault/Projects/a.md",
       text_link("[[Newton]]"), Status::kResolved, "Vault/Physics/Newton.md"},
      {"strict: ambiguous, no target", "Home.md", text_link("[[Newton]]"), Status::kAmbiguous, "",
       {"Other/Newton.md", "Vault/Physics/Newton.md"}},
  };
  for (const Row& row : rows) check_row(row, catalog);
  // A chosen ambiguous link reaches its target: backlinks and orphans count it.
  const kb::ResolvedLink chosen =
      kb::resolve_link("Vault/Home.md", text_link("[[Graph view]]"), catalog).value();
  CHECK(kb::reaches_note(chosen));
  const kb::ResolvedLink undecided =
      kb::resolve_link("Home.md", text_link("[[Newton]]"), catalog).value();
  CHECK_FALSE(kb::reaches_note(undecided));
}

TEST_CASE("site links: paths as the published site resolves them", "[link_resolver][dialect]") {
  const FakeCatalog catalog = make_dialect_catalog();
  const std::string post = "Blog/source/_posts/2023-05-06-title.md";
  const std::string about = "Blog/source/about/index.md";
  const Row rows[] = {
      {"a leading slash is the site root", post, md("/source/_posts/hello.md"), Status::kResolved,
       "Blog/source/_posts/hello.md"},
      {"relative to the note", post, md("hello.md"), Status::kResolved,
       "Blog/source/_posts/hello.md"},
      {"no name fallback: Obsidian resolves it, the site does not", about, md("hello.md"),
       Status::kBroken},
      {"no vault root either", about, md("source/_posts/hello.md"), Status::kBroken},
      {"a leading slash cannot leave the site", post, md("/../Home.md"), Status::kBroken},
      {"post_link names a post", about, hexo("post_link hello"), Status::kResolved,
       "Blog/source/_posts/hello.md"},
      {"post_link by the dated file name", about, hexo("post_link 2023-05-06-title"),
       Status::kResolved, post},
      {"post_link: strict looks everywhere", "Home.md", hexo("post_link hello"),
       Status::kAmbiguous, "", {"Blog/source/_posts/hello.md", "Vault/hello.md"}},
  };
  for (const Row& row : rows) check_row(row, catalog);
}

TEST_CASE("link_terms of every dialect link that reaches a note find that note",
          "[link_resolver][dialect]") {
  // Backlinks query by these terms whatever the dialect: a vault's
  // shortest-path link, a wikilink path and a site-root link too.
  const FakeCatalog catalog = make_dialect_catalog();
  const std::string newton = "Vault/Physics/Newton.md";
  const std::vector<std::pair<std::string, kb::Link>> links = {
      {newton, md("Three%20laws%20of%20motion.md")},
      {newton, md("Projects/a.md")},
      {newton, md("/Projects/a.md")},
      {"Vault/Projects/a.md", md("Newton.md")},
      {"Vault/Physics/Newton.md", text_link("[[/Projects/a]]")},
      {"Vault/one/x/src.md", text_link("[[../two/page]]")},
      {"Vault/Home.md", text_link("[[Graph view]]")},
      {"Blog/source/_posts/2023-05-06-title.md", md("/source/_posts/hello.md")},
  };
  for (const auto& [source, link] : links) {
    INFO(source << " -> " << link.raw);
    const kb::ResolvedLink r = kb::resolve_link(source, link, catalog).value();
    REQUIRE(kb::reaches_note(r));
    const std::set<std::string> wanted = wanted_link_terms(catalog.names_of(r.target));
    const std::vector<std::string> terms = kb::link_terms(source, link);
    CHECK(std::any_of(terms.begin(), terms.end(),
                      [&](const std::string& t) { return wanted.count(t) != 0; }));
  }
}

TEST_CASE("a path names the note spelled as written, when notes differ only in case",
          "[link_resolver]") {
  // As a case-sensitive file system (and the published site) reads it:
  // javaguide has both spring/Async.md and spring/async.md.
  const FakeCatalog catalog({{"spring/Async.md", "", {}, {}, {}},
                             {"spring/async.md", "", {}, {}, {}},
                             {"spring/README.md", "", {}, {}, {}},
                             {"same/x.md", "", {}, {}, {}},
                             {"same/X.markdown", "", {}, {}, {}}},
                            {});
  const std::string readme = "spring/README.md";
  const Row rows[] = {
      {"exact bytes", readme, md("./async.md"), Status::kResolved, "spring/async.md"},
      {"exact bytes, other case", readme, md("Async.md"), Status::kResolved, "spring/Async.md"},
      {"exact without extension", readme, md("async"), Status::kResolved, "spring/async.md"},
      {"neither spelling", readme, md("ASYNC.md"), Status::kAmbiguous, "",
       {"spring/Async.md", "spring/async.md"}},
      {"the extension decides", "same/a.md", md("X.markdown"), Status::kResolved,
       "same/X.markdown"},
      {"the extension in another case", "same/a.md", md("X.MD"), Status::kResolved, "same/x.md"},
  };
  for (const Row& row : rows) check_row(row, catalog);
}
