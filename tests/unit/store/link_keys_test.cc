// Tests for link_keys.h: the normalised names under which notes are indexed
// and under which links look for them.
//
// Expected keys follow the rules of libindex/README.md ("Link resolution"):
// names compared NFKC-case-folded, ".md"/".markdown" optional, relative
// paths from the note's folder, "/x" from the root, nothing outside it.
#include <catch2/catch.hpp>

#include <set>
#include <optional>
#include <string>
#include <vector>

#include "store/link_keys.h"
#include "store/term_prefixes.h"

namespace {

using Keys = std::vector<std::string>;

}  // namespace

// ------------------------------------------------------------------ name_key

TEST_CASE("name_key folds case and width and drops a trailing note extension",
          "[link_keys]") {
  struct Row {
    const char* name;
    const char* key;
  };
  const Row rows[] = {
      {"大模型LM/文献精读/Transformer.md", "大模型lm/文献精读/transformer"},
      {"Transformer", "transformer"},
      {"Transformer.md", "transformer"},
      {"Transformer.MD", "transformer"},  // the extension in any case
      {"English/old-style.markdown", "english/old-style"},
      {"Old-Style.MarkDown", "old-style"},
      // Only at the end, and only note extensions.
      {"a.md/b", "a.md/b"},
      {"a.md.txt", "a.md.txt"},
      {"notes.mdx", "notes.mdx"},
      {"diagram.png", "diagram.png"},
      {"a.markdown.md", "a.markdown"},  // one extension is stripped, not two
      {"v1.0", "v1.0"},
      // Chinese is kept as it is.
      {"注意力机制笔记.md", "注意力机制笔记"},
      {"混合/待读论文", "混合/待读论文"},
      {"Transformer 精读", "transformer 精读"},  // inner spaces stay
      // NFKC: full-width letters are ordinary letters; composed and
      // decomposed accents are one name.
      {"ＢＥＲＴ.md", "bert"},
      {"Cafe\xCC\x81.md", "caf\xC3\xA9"},  // "e" + U+0301 -> U+00E9
      {"CAF\xC3\x89", "caf\xC3\xA9"},      // U+00C9 -> U+00E9
      {"K. T. Schütt", "k. t. schütt"},
      // Full case folding, not just ASCII lowering.
      {"Straße", "strasse"},
      {"ΣΊΣΥΦΟΣ", "σίσυφοσ"},
      {"", ""},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    CHECK(kb::name_key(row.name) == row.key);
  }
}

TEST_CASE("name_key gives one key for every spelling of a name", "[link_keys]") {
  const std::string key = kb::name_key("大模型LM/文献精读/Transformer.md");
  for (const char* spelling :
       {"大模型LM/文献精读/Transformer", "大模型lm/文献精读/transformer.md",
        "大模型ＬＭ/文献精读/ＴＲＡＮＳＦＯＲＭＥＲ.Md", "大模型LM/文献精读/Transformer.markdown"}) {
    INFO(spelling);
    CHECK(kb::name_key(spelling) == key);
  }
}

// ---------------------------------------------------------------- folder_key

TEST_CASE("folder_key names the folder of an index or README", "[link_keys]") {
  struct Row {
    const char* path;
    std::optional<std::string> key;
  };
  const Row rows[] = {
      {"a/b/c.md", std::nullopt},
      {"大模型LM/README.md", "大模型lm"},
      {"docs/index.md", "docs"},
      {"Docs/Guide/Index.markdown", "docs/guide"},
      {"docs/readme.MD", "docs"},
      // The root README names the root: "".
      {"README.md", ""},
      {"index.md", ""},
      // Other names that merely contain "readme" or "index" do not.
      {"a/readme-notes.md", std::nullopt},
      {"a/index2.md", std::nullopt},
      {"a/my-index.md", std::nullopt},
  };
  for (const Row& row : rows) {
    INFO(row.path);
    CHECK(kb::folder_key(row.path) == row.key);
  }
}

// --------------------------------------------------------------- suffix_keys

TEST_CASE("suffix_keys lists whole-folder suffixes longest first without the stem",
          "[link_keys]") {
  struct Row {
    const char* path;
    Keys keys;
  };
  const Row rows[] = {
      {"a/b/c.md", {"b/c"}},
      {"w/x/y/z.md", {"x/y/z", "y/z"}},
      {"大模型LM/文献精读/Transformer.md", {"文献精读/transformer"}},
      {"V/W/X/Y/Z.markdown", {"w/x/y/z", "x/y/z", "y/z"}},
      // The whole path is not a suffix of itself, and the stem alone is
      // stem_key's.
      {"b/c.md", {}},
      {"c.md", {}},
  };
  for (const Row& row : rows) {
    INFO(row.path);
    CHECK(kb::suffix_keys(row.path) == row.keys);
  }
}

TEST_CASE("suffix_keys are neither the path key nor the stem key", "[link_keys]") {
  for (const char* path : {"a/b/c.md", "w/x/y/z.md", "大模型LM/文献精读/Transformer.md",
                           "分子动力学机器学习/文献精读/DeepMD.md"}) {
    INFO(path);
    const Keys suffixes = kb::suffix_keys(path);
    for (const std::string& key : suffixes) {
      CHECK(key != kb::name_key(path));
      CHECK(key != kb::stem_key(path));
      CHECK(key.find('/') != std::string::npos);
      // A suffix by whole segments: the path key ends with "/" + it.
      const std::string full = kb::name_key(path);
      REQUIRE(full.size() > key.size());
      CHECK(full.compare(full.size() - key.size(), key.size(), key) == 0);
      CHECK(full[full.size() - key.size() - 1] == '/');
    }
    for (std::size_t i = 1; i < suffixes.size(); ++i) {
      CHECK(suffixes[i - 1].size() > suffixes[i].size());
    }
  }
}

// ------------------------------------------------------------------ stem_key

TEST_CASE("stem_key is the folded file name without its note extension",
          "[link_keys]") {
  struct Row {
    const char* path;
    const char* stem;
  };
  const Row rows[] = {
      {"a/b/c.md", "c"},
      {"大模型LM/文献精读/Transformer.md", "transformer"},
      {"English/old-style.markdown", "old-style"},
      {"日记/2024-10-21.md", "2024-10-21"},
      {"混合/注意力机制笔记.md", "注意力机制笔记"},
      {"Transformer.md", "transformer"},
      {"notes/v1.0.md", "v1.0"},
      {"notes/scrybble.ink.md", "scrybble.ink"},
      {"a.md/ＢＥＲＴ.md", "bert"},  // the folder's ".md" is no extension
  };
  for (const Row& row : rows) {
    INFO(row.path);
    CHECK(kb::stem_key(row.path) == row.stem);
  }
}

// ------------------------------------------------------------------ key_term

TEST_CASE("key_term is the prefix and the key when it fits", "[link_keys]") {
  CHECK(kb::key_term(kb::prefix::kNamePath, "大模型lm/文献精读/transformer") ==
        "XNP:大模型lm/文献精读/transformer");
  CHECK(kb::key_term(kb::prefix::kNameStem, "transformer") == "XNS:transformer");
  CHECK(kb::key_term(kb::prefix::kLinkName, "") == "XLW:");
  const std::string hundred(100, 'k');
  CHECK(kb::key_term(kb::prefix::kLinkPath, hundred) == "XLF:" + hundred);
}

TEST_CASE("key_term shortens long keys to fit a Xapian term and keeps them apart",
          "[link_keys]") {
  // Xapian terms hold at most 245 bytes.
  constexpr std::size_t kXapianMaxTerm = 245;
  std::string chinese;
  for (int i = 0; i < 120; ++i) chinese += "注意力";  // 1080 bytes
  const std::vector<std::string> keys = {
      std::string(300, 'a'),
      std::string(299, 'a') + "b",  // differs only in the last byte
      std::string(1000, 'a'),
      chinese,
      chinese + "x",
  };
  std::set<std::string> terms;
  for (const std::string& key : keys) {
    INFO(key.size() << " bytes");
    const std::string term = kb::key_term(kb::prefix::kNameSuffix, key);
    CHECK(term.size() <= kXapianMaxTerm);
    CHECK(term.rfind(kb::prefix::kNameSuffix, 0) == 0);
    // The same key always gives the same term: index and query agree.
    CHECK(kb::key_term(kb::prefix::kNameSuffix, key) == term);
    terms.insert(term);
  }
  CHECK(terms.size() == keys.size());
  // A different prefix gives a different term for the same long key.
  CHECK(kb::key_term(kb::prefix::kNamePath, keys[0]) !=
        kb::key_term(kb::prefix::kLinkPath, keys[0]));
}
