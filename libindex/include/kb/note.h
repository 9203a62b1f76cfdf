// Note: everything the library knows about one Markdown file.
//
// A Note is a plain value built by parse_note() (note_parser.h) and read by
// the index writer. Line numbers are 1-based and refer to the file as it is on
// disk, front matter included. Every type here is a plain value, with no
// shared state: read by many threads at once, or written by one.
#ifndef KB_NOTE_H_
#define KB_NOTE_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "kb/diagnostic.h"

namespace kb {

struct Heading {
  int level = 1;      // 1 for "#", 6 for "######"
  std::string text;   // inline text, without markup
  int line = 0;
  // Anchor ids a link may use for this heading: GitHub's ("多头注意力",
  // "scaled-dot-product-attention") and docsify's, which keeps more
  // punctuation. Repeated headings get "-1", "-2", ... as on those sites.
  std::string slug;
  std::string docsify_slug;
};

// One leaf block of the document with its plain text: what a reader sees,
// with no markup ("**a**" is "a", "[x](u)" is "x", "[[a|b]]" is "b",
// "[[a#h]]" is "a > h"; fixtures/spec/links.md). Soft line breaks stay
// '\n', so line k (0-based) of `text` is file line `first_line + k`.
struct Block {
  enum class Kind { kParagraph, kHeading, kCode, kHtml };
  Kind kind = Kind::kParagraph;
  std::string text;
  int first_line = 0;
  int last_line = 0;
  // Index into Note::headings of the heading this block sits under, or -1.
  int section = -1;
};

// A block a tag covers, what `kbsearch blocks tag:X` lists. The rule is in
// fixtures/spec/tags.md ("Blocks a tag covers"): a list item, a paragraph
// outside list items, or a heading is covered by the inline tags in its own
// text, by those of the list items it is nested in, and by those of the
// headings whose sections it is in. Front-matter tags cover no block.
struct TaggedBlock {
  enum class Kind { kListItem, kParagraph, kHeading };
  Kind kind = Kind::kParagraph;
  // Its own text, as Block::text: a list item's paragraphs joined by '\n',
  // without the items nested in it (blocks of their own).
  std::string text;
  int first_line = 0;  // file lines of that text
  int last_line = 0;
  // Distinct tag names (kb::Note::tag_names' comparison, first spelling):
  // its own inline tags first, then those it inherits, innermost first.
  std::vector<std::string> tags;
};

// One occurrence of a tag. The grammar is in libindex/README.md and
// fixtures/spec/tags.md.
struct Tag {
  enum class Source {
    kInline,       // "#name" in the text
    kFrontMatter,  // front matter `tags`, `tag` or `keywords`
    kCategory,     // front matter `categories` or `category`
  };
  std::string name;  // as written, without '#': "LLM", "项目/分子动力学"
  Source source = Source::kInline;
  int line = 0;      // file line
  int block = -1;    // index into Note::blocks for inline tags, else -1
};

// One link as written in the note; resolving it to a note is the link
// graph's job.
struct Link {
  enum class Kind {
    kMarkdown,   // [text](dest) or [text][ref]
    kImage,      // ![alt](dest)
    kAutolink,   // <https://...>
    kUrl,        // a bare https://... in the text
    kWikilink,   // [[target#heading|alias]]
    kEmbed,      // ![[target]]
    kPostLink,   // {% post_link slug [title] %} (Hexo)
    kAssetLink,  // {% asset_link path [title] %} (Hexo)
  };
  Kind kind = Kind::kMarkdown;
  std::string raw;     // the destination exactly as written
  // Without the anchor; "" for a link into the same note ([[#h]], (#h)).
  // Percent-decoded for Markdown links to notes and files; external links
  // and wikilinks keep it as written.
  std::string target;
  std::string anchor;  // the part after the first '#'; "" when none
  std::string text;    // link text, alt text or alias
  int line = 0;
  // The text of its line, markup removed. A line longer than 160 code
  // points is cut to 160 of them around the link (the link's own included,
  // in the middle where the line allows), with "…" where it was cut:
  // "…the softmax of [[Attention]] is full rank…". A Hexo tag's link, which
  // is not part of the text, shows the line's start.
  std::string context;
  // Where the link shows in the text of its line (line `line` of its
  // Block::text, markup removed), as bytes [shown_begin, shown_end): what a
  // reader sees of it there, so that text inside links can be told from
  // text outside them (mentions). Both 0 for a link that shows nowhere in
  // the text (a Hexo tag, a front-matter value). A link whose text runs on
  // to the next line ends at the end of its first.
  std::size_t shown_begin = 0;
  std::size_t shown_end = 0;
  // A URL: has a scheme (https:, mailto:, ...), starts with "//host", or is
  // a bare "www." address.
  bool external = false;
};

// Stable lower-case names, used in output: "inline", "front-matter",
// "category"; "markdown", "image", "autolink", "url", "wikilink", "embed",
// "post_link", "asset_link"; "item", "paragraph", "heading".
const char* name_of(Tag::Source source);
const char* name_of(Link::Kind kind);
const char* name_of(TaggedBlock::Kind kind);

struct Note {
  std::string path;    // relative to the knowledge-base root, '/'-separated
  std::string title;   // front-matter title, else first H1, else file stem
  // Front matter: `title`, `date`, ... and every other scalar key as
  // "fm.KEY" ("fm.index_img"). Empty when there is none or it is broken.
  std::map<std::string, std::string> fields;
  // `date` from the front matter as ISO 8601: "2024-10-20T21:40:17",
  // "2024-11-17T23:12:00+08:00" or "2023-05-29"; without one (or with one
  // that is not a date), the day the file name gives ("2024-10-21.md",
  // Jekyll's "2023-05-06-title.md"); else "".
  std::string date;
  std::vector<std::string> aliases;
  // Every top-level front-matter key as written, with its value: a
  // scalar, or the scalar items of a list; no values for anything else.
  // What fm.KEY:VALUE filters on.
  std::map<std::string, std::vector<std::string>> properties;
  // Scalars nested in front-matter lists and maps, searchable as text.
  std::vector<std::string> front_matter_values;
  // Text the note holds outside what it shows: raw HTML with its tags and
  // attributes, code-fence languages, Obsidian "%% comments %%" (without the
  // "%%"), front matter that does not parse. Searchable at a low weight, as
  // grep would find it, but never shown in snippets.
  std::vector<std::string> hidden_text;
  std::vector<Heading> headings;
  std::vector<Block> blocks;
  std::vector<Tag> tags;             // every occurrence, in file order
  // Every block an inline tag covers, in file order.
  std::vector<TaggedBlock> tagged_blocks;
  // Every link in file order; Link::external tells URLs from links to
  // notes and files.
  std::vector<Link> links;
  std::string encoding = "utf-8";  // what the bytes were read as
  std::string repaired;             // "mojibake" when it was repaired
  std::vector<Diagnostic> diagnostics;
  std::int64_t mtime_ns = 0;  // file modification time, from the crawler
  std::uint64_t size = 0;     // file size in bytes
  // Hash of the file's bytes, so that a note whose mtime changed but not its
  // content is not read again (the value is stable for a build of kbsearch).
  std::uint64_t content_hash = 0;

  // Distinct tag names, compared case-insensitively (NFKC case folding),
  // each in its first spelling, in order of first occurrence.
  std::vector<std::string> tag_names() const;
};

}  // namespace kb

#endif  // KB_NOTE_H_
