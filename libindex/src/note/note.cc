#include <set>

#include "kb/note.h"
#include "note/tags.h"

namespace kb {

const char* name_of(Tag::Source source) {
  switch (source) {
    case Tag::Source::kInline: return "inline";
    case Tag::Source::kFrontMatter: return "front-matter";
    case Tag::Source::kCategory: return "category";
  }
  return "unknown";
}

const char* name_of(Link::Kind kind) {
  switch (kind) {
    case Link::Kind::kMarkdown: return "markdown";
    case Link::Kind::kImage: return "image";
    case Link::Kind::kAutolink: return "autolink";
    case Link::Kind::kUrl: return "url";
    case Link::Kind::kWikilink: return "wikilink";
    case Link::Kind::kEmbed: return "embed";
    case Link::Kind::kPostLink: return "post_link";
    case Link::Kind::kAssetLink: return "asset_link";
  }
  return "unknown";
}

const char* name_of(TaggedBlock::Kind kind) {
  switch (kind) {
    case TaggedBlock::Kind::kListItem: return "item";
    case TaggedBlock::Kind::kParagraph: return "paragraph";
    case TaggedBlock::Kind::kHeading: return "heading";
  }
  return "unknown";
}

std::vector<std::string> Note::tag_names() const {
  std::vector<std::string> names;
  std::set<std::string> seen;
  for (const Tag& tag : tags) {
    if (seen.insert(tag_key(tag.name)).second) names.push_back(tag.name);
  }
  return names;
}

}  // namespace kb
