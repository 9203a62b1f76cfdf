#include "kb/note_parser.h"

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <set>
#include <system_error>
#include <tuple>
#include <string_view>

#include "base/content_hash.h"
#include "base/root_paths.h"
#include "note/dates.h"
#include "note/file_stem.h"
#include "note/front_matter.h"
#include "note/links.h"
#include "note/markdown.h"
#include "note/mojibake.h"
#include "note/note_reader.h"
#include "note/property_links.h"
#include "note/slug.h"
#include "note/tagged_blocks.h"
#include "text/utf8.h"
#include "note/tags.h"
#include "note/template_tags.h"
#include "note/text_decoder.h"
#include "text/utf8.h"
#include "text/whitespace.h"

namespace kb {

namespace {

std::string choose_title(const Note& note) {
  auto it = note.fields.find("title");
  if (it != note.fields.end()) {
    const std::string_view title = trim_ascii_whitespace(it->second);
    if (!title.empty()) return std::string(title);
  }
  for (const Heading& h : note.headings) {
    const std::string_view title = trim_ascii_whitespace(h.text);
    if (h.level == 1 && !title.empty()) return std::string(title);
  }
  // The name's bytes may not be UTF-8 (Note::path keeps them); a title is
  // text, shown and searched, so it always is.
  return utf8::replace_invalid(file_stem(note.path), nullptr);
}

// The keys of a front matter by their ASCII lower case. Obsidian reads its
// keys in any case (`Tags`, `Aliases`): the known keys are ASCII, and
// kbsearch reads them in any case too.
class KeySpellings {
 public:
  explicit KeySpellings(const FrontMatter& front) {
    for (const auto& [key, line] : front.key_lines) by_lower_[lower(key)].push_back(&key);
    for (auto& [lower_key, keys] : by_lower_) {
      // The lower-case spelling first, the only one Hexo and Jekyll read;
      // then the others in file order.
      std::stable_sort(keys.begin(), keys.end(), [&](const std::string* a, const std::string* b) {
        const bool a_exact = *a == lower_key, b_exact = *b == lower_key;
        if (a_exact != b_exact) return a_exact;
        return front.key_lines.at(*a) < front.key_lines.at(*b);
      });
    }
  }

  static std::string lower(std::string_view key) {
    std::string out(key);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
  }

  // Every spelling of `name`, the lower-case one first.
  const std::vector<const std::string*>& of(const std::string& name) const {
    static const std::vector<const std::string*> kNone;
    auto it = by_lower_.find(name);
    return it == by_lower_.end() ? kNone : it->second;
  }

  // The first spelling of the first of `names` the front matter has.
  const std::string* first(std::initializer_list<const char*> names) const {
    for (const char* name : names) {
      if (!of(name).empty()) return of(name).front();
    }
    return nullptr;
  }

 private:
  std::map<std::string, std::vector<const std::string*>> by_lower_;
};

// The tags a string value of `tags` or `tag` stands for: split at commas
// and at whitespace, as Obsidian and Jekyll split it ("hello world" is two
// tags; Obsidian's tags have no spaces, and a tag with one is written as a
// list item).
std::vector<std::string> split_tag_string(std::string_view value) {
  std::vector<std::string> out;
  for (const std::string& part : split_tag_value(value)) {
    std::size_t start = 0;
    for (std::size_t i = 0; i < part.size();) {
      const std::size_t at = i;
      if (!is_unicode_whitespace(utf8::next(part, i))) continue;
      const std::string name = tag_from_item(std::string_view(part).substr(start, at - start));
      if (!name.empty()) out.push_back(name);
      start = i;
    }
    const std::string name = tag_from_item(std::string_view(part).substr(start));
    if (!name.empty()) out.push_back(name);
  }
  return out;
}

void add_front_matter_tags(const FrontMatter& front, const std::string& key,
                           Tag::Source source, bool split_at_spaces, Note& note) {
  const int key_line = front.key_lines.at(key);
  if (auto list = front.lists.find(key); list != front.lists.end()) {
    if (source == Tag::Source::kCategory && list->second.flow) {
      // Hexo: "categories: [A, B]" is one category, B below A.
      std::string nested;
      for (const std::string& item : list->second.items) {
        const std::string name = tag_from_item(item);
        if (name.empty()) continue;
        nested += (nested.empty() ? "" : "/") + name;
      }
      if (!nested.empty()) note.tags.push_back(Tag{nested, source, key_line, -1});
      return;
    }
    for (std::size_t i = 0; i < list->second.items.size(); ++i) {
      const std::string name = tag_from_item(list->second.items[i]);
      if (!name.empty()) {
        note.tags.push_back(Tag{name, source, list->second.lines[i], -1});
      }
    }
    return;
  }
  if (auto field = front.fields.find(key); field != front.fields.end()) {
    for (std::string& name : split_at_spaces ? split_tag_string(field->second)
                                             : split_tag_value(field->second)) {
      note.tags.push_back(Tag{std::move(name), source, key_line, -1});
    }
  }
}

// Keys with a meaning of their own, in lower case; every other scalar
// becomes "fm.KEY".
bool is_known_key(const std::string& lower_key) {
  static const std::set<std::string> kKnown = {
      "title", "date",       "tags",     "tag",   "keywords",
      "categories", "category", "aliases", "alias"};
  return kKnown.count(lower_key) != 0;
}

// The first spelling of `name` that has a scalar value, or nullptr.
const std::string* scalar_key(const FrontMatter& front, const KeySpellings& keys,
                              const std::string& name) {
  for (const std::string* key : keys.of(name)) {
    if (front.fields.count(*key) != 0) return key;
  }
  return nullptr;
}

// title, date, aliases, tags and every other scalar as "fm.KEY"; keys in
// any case.
void apply_front_matter(const FrontMatter& front, Note& note) {
  const KeySpellings keys(front);
  for (const auto& [key, value] : front.fields) {
    if (!is_known_key(KeySpellings::lower(key))) note.fields["fm." + key] = value;
  }
  if (const std::string* key = scalar_key(front, keys, "title")) {
    note.fields["title"] = front.fields.at(*key);
  }
  if (const std::string* key = scalar_key(front, keys, "date")) {
    const std::string& date = front.fields.at(*key);
    note.fields["date"] = date;
    note.date = iso_date(date);
    if (note.date.empty() && !trim_ascii_whitespace(date).empty()) {
      note.diagnostics.push_back(Diagnostic{
          note.path, front.key_lines.at(*key),
          "front matter date '" + date + "' is not a date kbsearch reads"});
    }
  }
  if (const std::string* key = keys.first({"aliases", "alias"})) {
    if (auto list = front.lists.find(*key); list != front.lists.end()) {
      note.aliases = list->second.items;
    } else if (auto field = front.fields.find(*key); field != front.fields.end()) {
      note.aliases.push_back(field->second);
    }
  }
  // Tags from every spelling: two keys that differ in case are both read.
  for (const char* name : {"tags", "tag", "keywords"}) {
    for (const std::string* key : keys.of(name)) {
      // `keywords` are phrases (a page's meta keywords): only commas split.
      add_front_matter_tags(front, *key, Tag::Source::kFrontMatter,
                            std::string_view(name) != "keywords", note);
    }
  }
  for (const char* name : {"categories", "category"}) {
    for (const std::string* key : keys.of(name)) {
      add_front_matter_tags(front, *key, Tag::Source::kCategory, false, note);
    }
  }
}

// Every top-level key with its scalar or the scalar items of its list.
void set_properties(const FrontMatter& front, Note& note) {
  for (const auto& [key, line] : front.key_lines) {
    std::vector<std::string>& values = note.properties[key];
    if (auto field = front.fields.find(key); field != front.fields.end()) {
      values.push_back(field->second);
    } else if (auto list = front.lists.find(key); list != front.lists.end()) {
      values = list->second.items;
    }
  }
}

// The index of the block that holds file line `line`, or -1. Blocks are in
// file order, so the search is binary: a note may have a link in each of
// 400,000 paragraphs.
int block_holding(const std::vector<Block>& blocks, int line) {
  auto after = std::upper_bound(blocks.begin(), blocks.end(), line,
                                [](int l, const Block& b) { return l < b.first_line; });
  // Nested blocks (a quote's paragraph) never overlap in lines, but a block
  // may start later than one that holds the line: look back a little.
  for (auto it = after; it != blocks.begin();) {
    const Block& block = *--it;
    if (line > block.last_line) break;
    if (line >= block.first_line) return static_cast<int>(it - blocks.begin());
  }
  return -1;
}

// Link::context for the links of a note's blocks. Each block is split into
// lines once, the first time a link asks for one of them: counting line
// breaks from the block's start for each link is quadratic in a paragraph
// of many links.
class LinkContexts {
 public:
  explicit LinkContexts(const std::vector<Block>& blocks)
      : blocks_(blocks), line_starts_(blocks.size()) {}

  // Sets the context (link_context()) and shown span of `link`, on file
  // line link.line of block `b` (-1 for none: context ""), written at `span`
  // in the block's text. A link with no place in the text (a Hexo tag)
  // shows the line from its start, and its span stays empty.
  void place(Link& link, int b, std::optional<TextSpan> span) {
    link.context = of(b, link.line, span, span ? &link : nullptr);
  }

 private:
  std::string of(int b, int line, std::optional<TextSpan> span, Link* shown) {
    if (b < 0) return "";
    const std::string& text = blocks_[static_cast<std::size_t>(b)].text;
    const TextSpan in_block = line_span(static_cast<std::size_t>(b), line);
    TextSpan link{in_block.begin, in_block.begin};
    if (span) {
      // A link whose text runs on to the next line is shown on its first.
      link.begin = std::clamp(span->begin, in_block.begin, in_block.end);
      link.end = std::clamp(span->end, link.begin, in_block.end);
    }
    const std::string_view line_text(text.data() + in_block.begin, in_block.end - in_block.begin);
    if (shown != nullptr) {
      shown->shown_begin = link.begin - in_block.begin;
      shown->shown_end = link.end - in_block.begin;
    }
    return link_context(line_text,
                        TextSpan{link.begin - in_block.begin, link.end - in_block.begin});
  }

  // Where file line `line` of block `b` is in its text, without the line
  // break; empty when the block has no such line.
  TextSpan line_span(std::size_t b, int line) {
    const Block& block = blocks_[b];
    std::vector<std::size_t>& starts = line_starts_[b];
    if (starts.empty()) {
      starts.push_back(0);
      for (std::size_t i = 0; i < block.text.size(); ++i) {
        if (block.text[i] == '\n') starts.push_back(i + 1);
      }
    }
    if (line < block.first_line) return {};
    const auto k = static_cast<std::size_t>(line - block.first_line);
    if (k >= starts.size()) return {};
    return TextSpan{starts[k], k + 1 < starts.size() ? starts[k + 1] - 1 : block.text.size()};
  }

  const std::vector<Block>& blocks_;
  std::vector<std::vector<std::size_t>> line_starts_;  // per block; empty until asked
};

// A link and where it is written, so that links sort in file order.
struct PlacedLink {
  int block;           // -1 for none
  std::size_t offset;  // in the block's text
  Link link;
};

void collect_links(const MarkdownDocument& doc, const std::vector<TemplateTag>& template_tags,
                   Note& note) {
  LinkContexts contexts(doc.blocks);
  std::vector<PlacedLink> links;
  for (const RawLink& raw : doc.links) {
    const Link::Kind kind = raw.image      ? Link::Kind::kImage
                            : raw.autolink ? Link::Kind::kAutolink
                                           : Link::Kind::kMarkdown;
    Link link = make_markdown_link(kind, raw.destination, raw.text, raw.line);
    contexts.place(link, raw.block, raw.span);
    links.push_back(PlacedLink{raw.block, raw.span.begin, std::move(link)});
  }
  std::vector<TextSpan> spans;  // in the markup
  for (std::size_t b = 0; b < doc.blocks.size(); ++b) {
    spans.clear();
    std::vector<Link> found = find_text_links(doc.markup[b], doc.blocks[b].first_line, &spans);
    const MarkupToText& to_text = doc.markup_to_text[b];
    for (std::size_t i = 0; i < found.size(); ++i) {
      const TextSpan in_text{to_text.text_offset(spans[i].begin),
                             to_text.text_offset(spans[i].end)};
      contexts.place(found[i], static_cast<int>(b), in_text);
      links.push_back(PlacedLink{static_cast<int>(b), in_text.begin, std::move(found[i])});
    }
  }
  for (const TemplateTag& tag : template_tags) {
    const int b = block_holding(doc.blocks, tag.line);
    for (Link& link : links_from_template_tag(tag.body, tag.line)) {
      contexts.place(link, b, std::nullopt);
      links.push_back(PlacedLink{b, 0, std::move(link)});
    }
  }
  // File order: by line, then by place on the line.
  std::stable_sort(links.begin(), links.end(), [](const PlacedLink& a, const PlacedLink& b) {
    return std::tie(a.link.line, a.block, a.offset) < std::tie(b.link.line, b.block, b.offset);
  });
  note.links.reserve(links.size());
  for (PlacedLink& placed : links) note.links.push_back(std::move(placed.link));
}

void set_slugs(std::vector<Heading>& headings) {
  SlugCounter github;
  SlugCounter docsify;
  for (Heading& h : headings) {
    h.slug = github.unique(github_slug(h.text));
    h.docsify_slug = docsify.unique(docsify_slug(h.text));
  }
}

}  // namespace

Note parse_note(std::string path, std::string_view bytes, const Vocabulary& vocabulary,
                const ParseOptions& options) {
  Note note;
  note.path = std::move(path);
  note.size = bytes.size();
  note.content_hash = content_hash(bytes);

  DecodedText decoded = decode_text(bytes, vocabulary);
  note.encoding = decoded.encoding;
  note.repaired = decoded.repaired;
  for (std::string& warning : decoded.warnings) {
    note.diagnostics.push_back(Diagnostic{note.path, 0, std::move(warning)});
  }
  std::string text = std::move(decoded.text);

  FrontMatter front = take_front_matter(text);
  for (Diagnostic& d : front.diagnostics) {
    d.path = note.path;
    note.diagnostics.push_back(std::move(d));
  }
  apply_front_matter(front, note);
  set_properties(front, note);
  if (note.date.empty()) {
    note.date = options.file_name_dates ? date_in_file_name(note.path, *options.file_name_dates)
                                        : date_in_file_name(note.path);
  }
  note.front_matter_values = std::move(front.nested_values);
  std::vector<std::string> comments;
  const std::vector<TemplateTag> template_tags = strip_template_tags(text, comments);

  MarkdownDocument doc = parse_markdown(text);
  for (std::size_t b = 0; b < doc.blocks.size(); ++b) {
    for (Tag& tag : find_inline_tags(doc.markup[b], doc.blocks[b].first_line,
                                     static_cast<int>(b))) {
      note.tags.push_back(std::move(tag));
    }
  }
  std::stable_sort(note.tags.begin(), note.tags.end(),
                   [](const Tag& a, const Tag& b) { return a.line < b.line; });
  note.tagged_blocks = find_tagged_blocks(doc, note.tags);
  collect_links(doc, template_tags, note);
  // The front matter comes first in the file, and so do its links.
  std::vector<Link> links = property_links(front);
  note.links.insert(note.links.begin(), std::make_move_iterator(links.begin()),
                    std::make_move_iterator(links.end()));
  note.hidden_text = std::move(doc.hidden_text);
  // Obsidian comments are not shown, but grep finds their words.
  for (std::string& comment : comments) note.hidden_text.push_back(std::move(comment));
  // So are the words of front matter too broken to read.
  if (!front.unparsed.empty()) note.hidden_text.push_back(std::move(front.unparsed));
  note.headings = std::move(doc.headings);
  set_slugs(note.headings);
  note.blocks = std::move(doc.blocks);
  note.title = choose_title(note);
  return note;
}

Result<Note> read_note(const std::filesystem::path& root, const std::string& path,
                       const Vocabulary& vocabulary, const Env& env) {
  return read_note_below(canonical_root(root), path, vocabulary, env);
}

Result<std::string> read_note_bytes_below(const std::filesystem::path& real_root,
                                          const std::string& path, const Env& env) {
  // The file the path names once its links are followed, if it stays
  // inside: nothing outside the root is ever read.
  const Result<RealPath> real = file_inside_root(env, real_root, path);
  if (!real) return real.error();
  Result<std::string> bytes = env.read_file(real_root / real->path);
  if (!bytes) {
    // The subject is the note's path in the knowledge base, not the
    // absolute one the Env saw.
    const Status& error = bytes.error();
    switch (error.code()) {
      case Code::kNotFound: return Status::not_found(path, "no such file");
      case Code::kInvalidArgument:
        return Status::invalid_argument(path, "not a regular file, not a note: skipped");
      default: return Status::io_error(path, error.message());
    }
  }
  if (looks_binary(*bytes)) {
    return Status::invalid_argument(path, "binary file, not a note: skipped");
  }
  return bytes;
}

Result<Note> read_note_below(const std::filesystem::path& real_root, const std::string& path,
                             const Vocabulary& vocabulary, const Env& env,
                             const ParseOptions& options) {
  Result<std::string> bytes = read_note_bytes_below(real_root, path, env);
  if (!bytes) return bytes.error();
  return parse_note(path, *bytes, vocabulary, options);
}

}  // namespace kb
