// Tests for store/link_dialects.h: which dialect a note is read in, from
// the nearest marker above it, and how the index keeps the markers.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "store/link_dialects.h"

namespace {

using D = kb::LinkDialect;

}  // namespace

TEST_CASE("scope_of takes the nearest marked folder above the note, up to the root",
          "[link_dialects]") {
  const std::vector<kb::DialectMarker> markers =
      kb::effective_markers(D::kAuto, {{"blog", D::kSite},
                                       {"Vault", D::kObsidian},
                                       {"Vault/site", D::kSite},
                                       {"Vault2", D::kObsidian}});
  struct Row {
    const char* path;
    kb::DialectScope scope;
  };
  const Row rows[] = {
      {"root.md", {D::kStrict, ""}},
      {"other/deep/note.md", {D::kStrict, ""}},
      {"Vault/a.md", {D::kObsidian, "Vault"}},
      {"Vault/Projects/sub/a.md", {D::kObsidian, "Vault"}},
      {"Vault/site/source/_posts/p.md", {D::kSite, "Vault/site"}},  // the nearest
      {"Vault2/a.md", {D::kObsidian, "Vault2"}},  // not inside "Vault"
      {"VaultX/a.md", {D::kStrict, ""}},
      {"blog/source/_posts/p.md", {D::kSite, "blog"}},
  };
  for (const Row& row : rows) {
    INFO(row.path);
    const kb::DialectScope scope = kb::scope_of(markers, row.path);
    CHECK(kb::name_of(scope.dialect) == std::string(kb::name_of(row.scope.dialect)));
    CHECK(scope.root == row.scope.root);
  }
}

TEST_CASE("a configured dialect covers every note, from the root", "[link_dialects]") {
  const std::vector<kb::DialectMarker> markers =
      kb::effective_markers(D::kSite, {{"Vault", D::kObsidian}});
  CHECK(kb::scope_of(markers, "Vault/a.md") == kb::DialectScope{D::kSite, ""});
  CHECK(kb::scope_of(kb::effective_markers(D::kStrict, {{"Vault", D::kObsidian}}), "Vault/a.md") ==
        kb::DialectScope{D::kStrict, ""});
}

TEST_CASE("markers survive their encoding, and lines of other versions are left out",
          "[link_dialects]") {
  const std::vector<kb::DialectMarker> markers = {
      {"", D::kObsidian}, {"博客/站点", D::kSite}, {"Vault", D::kObsidian}};
  const std::vector<kb::DialectMarker> sorted =
      kb::effective_markers(D::kAuto, markers);
  CHECK(kb::decode_markers(kb::encode_markers(sorted)) == sorted);
  CHECK(kb::encode_markers({}).empty());
  CHECK(kb::decode_markers("future\tx\nnonsense\nsite\tblog\n") ==
        std::vector<kb::DialectMarker>{{"blog", D::kSite}});
}
