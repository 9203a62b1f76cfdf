#include "note/tagged_blocks.h"

#include <algorithm>
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
  const auto in_a_block = [&](const Tag& tag) {
    return tag.source == Tag::Source::kInline && tag.block >= 0 &&
           static_cast<std::size_t>(tag.block) < blocks;
  };
  // Most notes: nothing to walk, nor to allocate.
  if (std::none_of(tags.begin(), tags.end(), in_a_block)) return {};
  std::vector<TagSet> block_own(blocks);
  for (const Tag& tag : tags) {
    if (!in_a_block(tag)) continue;
    add_all(block_own[static_cast<std::size_t>(tag.block)], {Carried{tag_key(tag.name), tag.name}});
  }

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
  // For each list item, its block in `out`; kNone before its first
  // paragraph, kUntagged when it carries no tag (its later paragraphs are
  // skipped too).
  constexpr int kNone = -1, kUntagged = -2;
  std::vector<int> item_unit(doc.item_parents.size(), kNone);
  for (std::size_t b = 0; b < blocks; ++b) {
    const Block& block = doc.blocks[b];
    if (!is_text(block)) continue;
    const int item = doc.block_items[b];
    const int unit_of_item = item >= 0 ? item_unit[static_cast<std::size_t>(item)] : kNone;
    if (unit_of_item == kUntagged) continue;
    if (unit_of_item >= 0) {
      // A later paragraph of an item (after a nested list, say).
      TaggedBlock& unit = out[static_cast<std::size_t>(unit_of_item)];
      unit.text += '\n';
      unit.text += block.text;
      unit.last_line = block.last_line;
      continue;
    }
    TagSet carried = item >= 0 ? item_scopes[static_cast<std::size_t>(item)] : block_own[b];
    // A heading's own tags are its section's first.
    if (block.section >= 0)
      add_all(carried, heading_scope[static_cast<std::size_t>(block.section)]);
    if (carried.empty()) {
      // Most blocks of a note with a tag: copy no text for them.
      if (item >= 0) item_unit[static_cast<std::size_t>(item)] = kUntagged;
      continue;
    }
    TaggedBlock unit;
    unit.kind = item >= 0                             ? TaggedBlock::Kind::kListItem
                : block.kind == Block::Kind::kHeading ? TaggedBlock::Kind::kHeading
                                                      : TaggedBlock::Kind::kParagraph;
    unit.text = block.text;
    unit.first_line = block.first_line;
    unit.last_line = block.last_line;
    for (Carried& tag : carried) unit.tags.push_back(std::move(tag.name));
    if (item >= 0) item_unit[static_cast<std::size_t>(item)] = static_cast<int>(out.size());
    out.push_back(std::move(unit));
  }
  return out;
}

}  // namespace kb
