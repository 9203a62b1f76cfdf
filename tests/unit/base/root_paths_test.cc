// Tests for root_paths.h: relative paths and symbolic links followed
// without leaving the knowledge-base root.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "base/root_paths.h"
#include "test_util.h"

namespace fs = std::filesystem;

TEST_CASE("resolve_relative resolves from the note's folder or the root",
          "[root_paths]") {
  struct Row {
    const char* source;
    const char* target;
    const char* path;  // "(outside)" = leaves the root; "" = the root
  };
  const Row rows[] = {
      // A note two folders down.
      {"a/b/note.md", "c.md", "a/b/c.md"},
      {"a/b/note.md", "./c.md", "a/b/c.md"},
      {"a/b/note.md", "../c.md", "a/c.md"},
      {"a/b/note.md", "../../c.md", "c.md"},
      {"a/b/note.md", "../../../c.md", "(outside)"},  // one level above the root
      {"a/b/note.md", "../../../../../etc/passwd", "(outside)"},
      {"a/b/note.md", "/x/y.md", "x/y.md"},  // site root, not the file system
      {"a/b/note.md", "x/./y/../z.md", "a/b/x/z.md"},
      {"a/b/note.md", "sub/c", "a/b/sub/c"},  // the extension is not added
      {"a/b/note.md", "../b/./c.md", "a/b/c.md"},
      {"a/b/note.md", "x//y.md", "a/b/x/y.md"},  // empty segments are nothing
      {"a/b/note.md", "c/", "a/b/c"},            // a folder
      {"a/b/note.md", "..", "a"},
      {"a/b/note.md", "../..", ""},           // the root itself
      {"a/b/note.md", "/", ""},
      {"a/b/note.md", "/x/../../y.md", "(outside)"},  // leaves from the root, too
      {"a/b/note.md", "x/../../../../c.md", "(outside)"},
      // A note at the root.
      {"note.md", "c.md", "c.md"},
      {"note.md", "./c.md", "c.md"},
      {"note.md", "sub/c.md", "sub/c.md"},
      {"note.md", "/sub/c.md", "sub/c.md"},
      {"note.md", "../c.md", "(outside)"},
      {"note.md", "sub/../c.md", "c.md"},
      // From no note at all (what embeds of files use): the root.
      {"", "assets/diagram.png", "assets/diagram.png"},
      {"", "../x.png", "(outside)"},
      // The fixture's own links.
      {"项目进展记录/004_3c8a9c320538d5dc.md", "/大模型LM/文献精读/Transformer.md",
       "大模型LM/文献精读/Transformer.md"},
      {"项目进展记录/004_3c8a9c320538d5dc.md", "../分子动力学机器学习/文献精读/DeepMD.md",
       "分子动力学机器学习/文献精读/DeepMD.md"},
      {"分子动力学机器学习/文献精读/DeepMD.md", "../../项目进展记录/MolecularD.md",
       "项目进展记录/MolecularD.md"},
      {"大模型LM/README.md", "文献精读/GPT.md", "大模型LM/文献精读/GPT.md"},
      {"混合/broken-links.md", "../../../etc/passwd", "(outside)"},
  };
  for (const Row& row : rows) {
    INFO(row.source << " -> " << row.target);
    CHECK(kb::resolve_relative(row.source, row.target).value_or("(outside)") == row.path);
  }
}

TEST_CASE("resolve_relative keeps the case and spelling of the path",
          "[root_paths]") {
  // Keys are made from the result later; the path itself is as written.
  CHECK(kb::resolve_relative("A/Note.md", "Sub/File.MD") == "A/Sub/File.MD");
  CHECK(kb::resolve_relative("A/Note.md", "ＦＵＬＬ.md") == "A/ＦＵＬＬ.md");
}

// ------------------------------------------------------- follow_inside_root

namespace {

using Outcome = kb::RealPath::Outcome;

// A knowledge base with a note, a folder, and links of every kind:
//   notes/a.md            a note
//   inside -> notes       a link to a folder inside
//   alias.md -> notes/a.md
//   up -> ../outside      relative, leaves the root
//   abs -> /etc           absolute, outside
//   abs-in -> ROOT/notes  absolute, inside
//   dangling -> nowhere.md
//   loop1 -> loop2, loop2 -> loop1
//   notes/back -> ..      back to the root from below
//   trick.md -> up/../kb/notes/a.md   through outside and back: outside
struct LinkTree {
  kbtest::TempDir outer;
  fs::path root;
  LinkTree() : root(fs::canonical(outer.path()) / "kb") {
    kbtest::write_file(root / "notes" / "a.md", "# A\n");
    kbtest::write_file(outer.path() / "outside" / "secret.md", "# secret\n");
    fs::create_directory_symlink("notes", root / "inside");
    fs::create_symlink("notes/a.md", root / "alias.md");
    fs::create_directory_symlink("../outside", root / "up");
    fs::create_directory_symlink("/etc", root / "abs");
    fs::create_directory_symlink(root / "notes", root / "abs-in");
    fs::create_symlink("nowhere.md", root / "dangling");
    fs::create_symlink("loop2", root / "loop1");
    fs::create_symlink("loop1", root / "loop2");
    fs::create_directory_symlink("..", root / "notes" / "back");
    // Read as text, "up/.." is the root; the kernel goes through up's
    // target, outside the root, before it comes back. Following that would
    // stat outside, so it counts as outside however it ends.
    fs::create_symlink("up/../kb/notes/a.md", root / "trick.md");
  }
};

}  // namespace

TEST_CASE("follow_inside_root follows links that stay inside, and only those",
          "[root_paths]") {
  const LinkTree tree;
  struct Row {
    const char* path;
    Outcome outcome;
    const char* real;  // for kInside
  };
  const Row rows[] = {
      {"notes/a.md", Outcome::kInside, "notes/a.md"},
      {"", Outcome::kInside, ""},
      {"inside/a.md", Outcome::kInside, "notes/a.md"},
      {"alias.md", Outcome::kInside, "notes/a.md"},
      {"abs-in/a.md", Outcome::kInside, "notes/a.md"},
      {"notes/back/notes/a.md", Outcome::kInside, "notes/a.md"},
      {"notes/back", Outcome::kInside, ""},
      {"up/secret.md", Outcome::kOutside, ""},
      {"abs/passwd", Outcome::kOutside, ""},
      {"dangling", Outcome::kMissing, ""},
      {"notes/missing.md", Outcome::kMissing, ""},
      {"notes/a.md/x", Outcome::kMissing, ""},  // a file is no folder
      {"loop1", Outcome::kLoop, ""},
      {"trick.md", Outcome::kOutside, ""},
      {"notes/../notes/a.md", Outcome::kInside, "notes/a.md"},
      {"inside/../alias.md", Outcome::kInside, "notes/a.md"},
      {"..", Outcome::kOutside, ""},
  };
  for (const Row& row : rows) {
    INFO(row.path);
    const kb::RealPath real = kb::follow_inside_root(kb::Env::system(), tree.root, row.path);
    CHECK(static_cast<int>(real.outcome) == static_cast<int>(row.outcome));
    if (row.outcome == Outcome::kInside) CHECK(real.path == row.real);
  }
}

TEST_CASE("follow_inside_root never stats outside the root", "[root_paths]") {
  // An Env that records every path it is asked about.
  class Recording final : public kb::Env {
   public:
    mutable std::vector<std::string> asked;
    kb::Result<FileInfo> stat_link(const fs::path& p) const override {
      asked.push_back(p.string());
      return kb::Env::system().stat_link(p);
    }
    kb::Result<std::vector<std::string>> list_folder(const fs::path& p) const override {
      asked.push_back(p.string());
      return kb::Env::system().list_folder(p);
    }
    kb::Result<std::string> read_link(const fs::path& p) const override {
      asked.push_back(p.string());
      return kb::Env::system().read_link(p);
    }
    kb::Result<std::string> read_file(const fs::path& p) const override {
      asked.push_back(p.string());
      return kb::Env::system().read_file(p);
    }
  };
  const LinkTree tree;
  const Recording env;
  for (const char* path :
       {"up/secret.md", "abs/passwd", "inside/a.md", "notes/back/up", "trick.md"}) {
    (void)kb::follow_inside_root(env, tree.root, path);
  }
  REQUIRE(!env.asked.empty());
  for (const std::string& asked : env.asked) {
    INFO(asked);
    CHECK(asked.rfind(tree.root.string(), 0) == 0);
  }
}
