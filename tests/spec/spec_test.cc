// Runs the spec-format golden files in fixtures/spec/: each example is a
// whole note, fed to parse_note(), whose tags, links or front matter are
// printed in the compact form the file documents and compared with the
// expected text after the "." line.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "kb/note_parser.h"
#include "test_util.h"

namespace {

const char* kFence = "````````````````````````````````";

struct Example {
  int line = 0;  // of the opening fence in the spec file
  std::string path;  // after "example" on that line, else "example.md"
  std::string input;
  std::string expected;
};

// KIND or "KIND PATH" after an opening fence, where KIND is "example" (or
// "blocks" for the tagged blocks of tags.md): the note's path.
bool opens_example(const std::string& line, const std::string& kind, std::string& path) {
  const std::string opening = std::string(kFence) + " " + kind;
  if (line.compare(0, opening.size(), opening) != 0) return false;
  if (line.size() == opening.size()) {
    path = "example.md";
    return true;
  }
  if (line[opening.size()] != ' ') return false;
  path = line.substr(opening.size() + 1);
  return !path.empty();
}

std::vector<Example> examples_of(const std::string& spec, const std::string& kind) {
  std::vector<Example> examples;
  std::size_t pos = 0;
  int line = 1;
  Example* open = nullptr;
  bool in_expected = false;
  while (pos < spec.size()) {
    std::size_t end = spec.find('\n', pos);
    if (end == std::string::npos) end = spec.size();
    const std::string text = spec.substr(pos, end - pos);
    std::string path;
    if (open == nullptr && opens_example(text, kind, path)) {
      examples.push_back(Example{line, path, "", ""});
      open = &examples.back();
      in_expected = false;
    } else if (open != nullptr && text == kFence) {
      open = nullptr;
    } else if (open != nullptr && !in_expected && text == ".") {
      in_expected = true;
    } else if (open != nullptr) {
      (in_expected ? open->expected : open->input) += text + "\n";
    }
    pos = end + 1;
    ++line;
  }
  return examples;
}

// "SOURCE NAME @LINE" per tag, then "names: A, B".
std::string describe_tags(const kb::Note& note) {
  std::string out;
  for (const kb::Tag& tag : note.tags) {
    out += std::string(kb::name_of(tag.source)) + " " + tag.name + " @" +
           std::to_string(tag.line) + "\n";
  }
  std::string names;
  for (const std::string& name : note.tag_names()) {
    names += (names.empty() ? " " : ", ") + name;
  }
  return out + "names:" + names + "\n";
}

// "KIND @FIRST-LAST TAG, TAG | TEXT" per tagged block, a line break in
// TEXT as "\n".
std::string describe_tagged_blocks(const kb::Note& note) {
  std::string out;
  for (const kb::TaggedBlock& block : note.tagged_blocks) {
    std::string tags;
    for (const std::string& tag : block.tags) tags += (tags.empty() ? "" : ", ") + tag;
    std::string text;
    for (char c : block.text) text += c == '\n' ? std::string("\\n") : std::string(1, c);
    out += std::string(kb::name_of(block.kind)) + " @" + std::to_string(block.first_line) + "-" +
           std::to_string(block.last_line) + " " + tags + " | " + text + "\n";
  }
  return out;
}

// "KIND TARGET #ANCHOR \"TEXT\" @LINE external" per link.
std::string describe_links(const kb::Note& note) {
  std::string out;
  for (const kb::Link& link : note.links) {
    out += std::string(kb::name_of(link.kind)) + " " +
           (link.target.empty() ? "-" : link.target);
    if (!link.anchor.empty()) out += " #" + link.anchor;
    out += " \"" + link.text + "\" @" + std::to_string(link.line);
    if (link.external) out += " external";
    out += "\n";
  }
  return out;
}

// "title: ...", "date: ...", "KEY: VALUE" per field, "alias: ..." per
// alias, "tag: NAME @LINE" and "category: NAME @LINE" per front-matter tag,
// "link: KIND TARGET @LINE | CONTEXT" per link, "warning @LINE" per
// diagnostic.
std::string describe_front_matter(const kb::Note& note) {
  std::string out = "title: " + note.title + "\n";
  if (!note.date.empty()) out += "date: " + note.date + "\n";
  for (const auto& [key, value] : note.fields) out += key + ": " + value + "\n";
  for (const std::string& alias : note.aliases) out += "alias: " + alias + "\n";
  for (const kb::Tag& tag : note.tags) {
    if (tag.source == kb::Tag::Source::kInline) continue;
    out += std::string(tag.source == kb::Tag::Source::kCategory ? "category: " : "tag: ") +
           tag.name + " @" + std::to_string(tag.line) + "\n";
  }
  for (const kb::Link& link : note.links) {
    out += "link: " + std::string(kb::name_of(link.kind)) + " " +
           (link.target.empty() ? "-" : link.target) + " @" + std::to_string(link.line) +
           " | " + link.context + "\n";
  }
  for (const kb::Diagnostic& d : note.diagnostics) {
    out += "warning @" + std::to_string(d.line) + "\n";
  }
  return out;
}

void run_spec(const std::string& name, std::string (*describe)(const kb::Note&),
              const std::string& kind = "example") {
  const std::string spec =
      kbtest::read_file(std::string(KB_FIXTURES_DIR) + "/spec/" + name);
  REQUIRE_FALSE(spec.empty());
  const std::vector<Example> examples = examples_of(spec, kind);
  REQUIRE_FALSE(examples.empty());
  for (const Example& example : examples) {
    INFO("fixtures/spec/" << name << ":" << example.line << "\n"
                          << example.input);
    CHECK(describe(kb::parse_note(example.path, example.input)) ==
          example.expected);
  }
}

}  // namespace

TEST_CASE("fixtures/spec/tags.md", "[spec]") { run_spec("tags.md", describe_tags); }

TEST_CASE("fixtures/spec/tags.md: blocks a tag covers", "[spec]") {
  run_spec("tags.md", describe_tagged_blocks, "blocks");
}

TEST_CASE("fixtures/spec/links.md", "[spec]") {
  run_spec("links.md", describe_links);
}

TEST_CASE("fixtures/spec/frontmatter.md", "[spec]") {
  run_spec("frontmatter.md", describe_front_matter);
}
