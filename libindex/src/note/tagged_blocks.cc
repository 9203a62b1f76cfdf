#include "note/tagged_blocks.h"

#include <string>
#include <utility>

#include "note/tags.h"

namespace kb {

namespace {

// A tag as a block carries it: its compare key and its first spelling.
struct Carried {
  std::string key;
  std::string name;
};

using TagSet = std::vector<Carried>;

// Adds the tags of `from` that `to` lacks, up to kMaxTagsPerBlock.
void add_all(TagSet& to, const TagSet& from) {
  for (const Carried& tag : from) {
    if (to.size() >= kMaxTagsPerBlock) return;
    bool present = false;
    for (const Carried& have : to) present = present || have.key == tag.key;
    if (!present) to.push_back(tag);
  }
}

// Each heading's tags and those of the headings above it (lower levels,
// earlier), innermost first: what the blocks of its section inherit.
std::vector<TagSet> heading_scopes(const std::vector<Heading>& headings,
                                   const std::vector<TagSet>& own) {
  std::vector<TagSet> scopes(headings.size());
  std::vector<std::size_t> open;  // the headings whose sections are open
  for (std::size_t h = 0; h < headings.size(); ++h) {
    while (!open.empty() && headings[open.back()].level >= headings[h].level) open.pop_back();
    scopes[h] = own[h];
    if (!open.empty()) add_all(scopes[h], scopes[open.back()]);
    open.push_back(h);
  }
  return scopes;
}

bool is_text(const Block& block) {
  return block.kind == Block::Kind::kParagraph || block.kind == Block::Kind::kHeading;
}

}  // namespace

std::vector<TaggedBlock> find_tagged_blocks(const MarkdownDocument& doc,
                                            const std::vector<Tag>& tags) {
  const std::size_t blocks = doc.blocks.size();
  std::vector<TagSet> block_own(blocks);
  bool any = false;
  for (const Tag& tag : tags) {
    if (tag.source != Tag::Source::kInline || tag.block < 0 ||
        static_cast<std::size_t>(tag.block) >= blocks) {
      continue;
    }
    add_all(block_own[static_cast<std::size_t>(tag.block)], {Carried{tag_key(tag.name), tag.name}});
    any = true;
  }
  if (!any) return {};  // most notes: nothing to walk

  // The own tags of each list item (its paragraphs', not its nested
  // items') and of each heading.
  std::vector<TagSet> item_scopes(doc.item_parents.size());
  std::vector<TagSet> heading_own(doc.headings.size());
  for (std::size_t b = 0; b < blocks; ++b) {
    const int item = doc.block_items[b];
    const int section = doc.blocks[b].section;
    if (item >= 0) {
      add_all(item_scopes[static_cast<std::size_t>(item)], block_own[b]);
    } else if (doc.blocks[b].kind == Block::Kind::kHeading && section >= 0) {
      add_all(heading_own[static_cast<std::size_t>(section)], block_own[b]);
    }
  }
  // Parents come before their nested items: one pass adds what each
  // inherits from the item it is in.
  for (std::size_t i = 0; i < item_scopes.size(); ++i) {
    const int parent = doc.item_parents[i];
    if (parent >= 0) add_all(item_scopes[i], item_scopes[static_cast<std::size_t>(parent)]);
  }
  const std::vector<TagSet> heading_scope = heading_scopes(doc.headings, heading_own);

  std::vector<TaggedBlock> out;
  std::vector<int> item_unit(doc.item_parents.size(), -1);  // index into out
  std::vector<bool> kept;  // per element of out: it carries a tag
  for (std::size_t b = 0; b < blocks; ++b) {
    const Block& block = doc.blocks[b];
    if (!is_text(block)) continue;
    const int item = doc.block_items[b];
    if (item >= 0 && item_unit[static_cast<std::size_t>(item)] >= 0) {
      // A later paragraph of an item (after a nested list, say).
      TaggedBlock& unit = out[static_cast<std::size_t>(item_unit[static_cast<std::size_t>(item)])];
      unit.text += '\n';
      unit.text += block.text;
      unit.last_line = block.last_line;
      continue;
    }
    TagSet carried;
    TaggedBlock unit;
    unit.text = block.text;
    unit.first_line = block.first_line;
    unit.last_line = block.last_line;
    if (item >= 0) {
      unit.kind = TaggedBlock::Kind::kListItem;
      carried = item_scopes[static_cast<std::size_t>(item)];
      item_unit[static_cast<std::size_t>(item)] = static_cast<int>(out.size());
    } else {
      unit.kind = block.kind == Block::Kind::kHeading ? TaggedBlock::Kind::kHeading
                                                      : TaggedBlock::Kind::kParagraph;
      carried = block_own[b];
    }
    // A heading's own tags are its section's first.
    if (block.section >= 0) add_all(carried, heading_scope[static_cast<std::size_t>(block.section)]);
    kept.push_back(!carried.empty());
    for (Carried& tag : carried) unit.tags.push_back(std::move(tag.name));
    out.push_back(std::move(unit));
  }
  std::vector<TaggedBlock> tagged;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (kept[i]) tagged.push_back(std::move(out[i]));
  }
  return tagged;
}

}  // namespace kb
