// Tagged blocks: which blocks of a note each inline tag covers, the rule of
// fixtures/spec/tags.md ("Blocks a tag covers").
#ifndef KB_SRC_TAGGED_BLOCKS_H_
#define KB_SRC_TAGGED_BLOCKS_H_

#include <vector>

#include "kb/note.h"
#include "note/markdown.h"

namespace kb {

// A block inherits at most this many tags: a note of 10,000 nested,
// tagged bullets would otherwise store 50 million names.
inline constexpr std::size_t kMaxTagsPerBlock = 64;

// The blocks of `doc` that the inline tags among `tags` (Tag::block indexes
// doc.blocks) cover, in file order; see kb::TaggedBlock. Linear in the
// blocks, tags and list items of the note, times kMaxTagsPerBlock.
std::vector<TaggedBlock> find_tagged_blocks(const MarkdownDocument& doc,
                                            const std::vector<Tag>& tags);

}  // namespace kb

#endif  // KB_SRC_TAGGED_BLOCKS_H_
