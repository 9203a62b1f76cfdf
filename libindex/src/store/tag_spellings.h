// Tag spellings: how each tag is shown. Tags are indexed case-folded
// ("llm"); the name shown is the spelling most notes use ("LLM"), ties
// going to the smallest in byte order. The counts follow the notes as they
// change, so renaming #Foo to #foo everywhere shows "foo", and an
// incremental index shows what a clean build would.
#ifndef KB_SRC_STORE_TAG_SPELLINGS_H_
#define KB_SRC_STORE_TAG_SPELLINGS_H_

#include <xapian.h>

#include <string>
#include <vector>

namespace kb {

// Adds `delta` (+1 when a note is indexed, -1 when its old version goes)
// to the count of each of `names`, one note's distinct tag names. Throws
// Xapian::Error, for the caller's guarded().
void count_tag_spellings(Xapian::WritableDatabase& db, const std::vector<std::string>& names,
                         int delta);

// The spelling to show for the folded tag `key`: the one most notes of
// `shards` use (each shard counts its own); "" when no indexed note spells
// it (an ancestor such as "a" of "a/b" only). Throws Xapian::Error.
std::string tag_spelling(const std::vector<Xapian::Database>& shards, const std::string& key);

}  // namespace kb

#endif  // KB_SRC_STORE_TAG_SPELLINGS_H_
