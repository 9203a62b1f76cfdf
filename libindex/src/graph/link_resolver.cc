#include "graph/link_resolver.h"

#include <algorithm>

#include "store/link_keys.h"
#include "base/root_paths.h"
#include "text/segmenter.h"
#include "note/slug.h"
#include "store/term_prefixes.h"

namespace kb {

namespace {

// Heading text compared as Obsidian does: case-folded, spaces collapsed.
std::string heading_key(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : normalize(text)) {
    if (c == ' ' || c == '\t') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

ResolvedLink result(const std::string& source, const Link& link,
                    ResolvedLink::Status status, std::string target = {}) {
  ResolvedLink r;
  r.source = source;
  r.link = link;
  r.status = status;
  r.target = std::move(target);
  r.context = link.context;
  return r;
}

// A link that names the note `target`: resolved, or broken-anchor when its
// anchor is not a heading or block there.
Result<ResolvedLink> to_note(const std::string& source, const Link& link,
                             const std::string& target, const Catalog& catalog) {
  if (!link.anchor.empty()) {
    Result<Note> note = catalog.record(target);
    if (!note) {
      // `target` came from the catalogue: an indexed note without its
      // record is damage, not a missing anchor.
      if (note.error().code() != Code::kNotFound) return note.error();
      return Status::corruption(target, "indexed note without a record");
    }
    if (!has_anchor(*note, link.anchor)) {
      return result(source, link, ResolvedLink::Status::kBrokenAnchor, target);
    }
  }
  return result(source, link, ResolvedLink::Status::kResolved, target);
}

// Tiers for a name: the first that names any note decides; one note is a
// match, several are ambiguous. A tier may have several terms (title and
// aliases are one tier).
Result<ResolvedLink> by_tiers(const std::string& source, const Link& link,
                              const std::vector<std::vector<std::string>>& tiers,
                              const Catalog& catalog) {
  for (const std::vector<std::string>& tier : tiers) {
    std::vector<std::string> notes;
    for (const std::string& term : tier) {
      for (std::string& path : catalog.notes_with(term)) notes.push_back(std::move(path));
    }
    std::sort(notes.begin(), notes.end());
    notes.erase(std::unique(notes.begin(), notes.end()), notes.end());
    if (notes.size() == 1) return to_note(source, link, notes[0], catalog);
    if (notes.size() > 1) {
      ResolvedLink r = result(source, link, ResolvedLink::Status::kAmbiguous);
      r.candidates = std::move(notes);
      return r;
    }
  }
  return result(source, link, ResolvedLink::Status::kBroken);
}

// Of notes with the same key ("same.md", "same.markdown"), the one written
// with the link's own extension, when the link has one.
std::vector<std::string> exact_spelling(std::vector<std::string> notes,
                                        const std::string& path) {
  if (notes.size() < 2) return notes;
  std::vector<std::string> exact;
  for (const std::string& note : notes) {
    if (normalize(note) == normalize(path)) exact.push_back(note);
  }
  return exact.size() == 1 ? exact : notes;
}

// True when `name` ends in a file extension other than a note's: a dot and
// 1-8 letters or digits, one a letter ("a.png", not "v1.0" or "a.yaml
// proposal").
bool names_other_file(std::string_view name) {
  const std::size_t slash = name.rfind('/');
  const std::string_view file = slash == std::string_view::npos ? name : name.substr(slash + 1);
  const std::size_t dot = file.rfind('.');
  if (dot == std::string_view::npos) return false;
  const std::string_view ext = file.substr(dot + 1);
  if (ext.empty() || ext.size() > 8) return false;
  bool letter = false;
  for (char c : ext) {
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!alpha && !(c >= '0' && c <= '9')) return false;
    letter = letter || alpha;
  }
  const std::string folded = normalize(ext);
  return letter && folded != "md" && folded != "markdown";
}

}  // namespace

bool has_anchor(const Note& target, const std::string& anchor) {
  if (anchor[0] == '^') {
    // A block id ends a line of its block ("... press enter. ^8cdfd9").
    for (const Block& block : target.blocks) {
      for (std::size_t at = block.text.find(anchor); at != std::string::npos;
           at = block.text.find(anchor, at + 1)) {
        const std::size_t rest = block.text.find_first_not_of(" \t", at + anchor.size());
        if (rest == std::string::npos || block.text[rest] == '\n') return true;
      }
    }
    return false;
  }
  // Obsidian writes nested headings as "A#B": the last one is the target.
  const std::string wanted = anchor.substr(anchor.rfind('#') + 1);
  const std::string key = heading_key(wanted);
  for (const Heading& h : target.headings) {
    if (heading_key(h.text) == key) return true;
    // A slug may be written, or the heading without its punctuation
    // ("#How large is it" for "How large is it?").
    const std::string github = github_slug(h.text);
    if (github == wanted || github == github_slug(wanted) ||
        normalize(docsify_slug(h.text)) == normalize(wanted)) {
      return true;
    }
  }
  // Repeated headings get "-1", "-2": only a record's slugs know them.
  for (const Heading& h : target.headings) {
    if (h.slug == wanted || h.docsify_slug == wanted) return true;
  }
  return false;
}

bool reaches_note(const ResolvedLink& r) {
  return (r.status == ResolvedLink::Status::kResolved ||
          r.status == ResolvedLink::Status::kBrokenAnchor) &&
         r.target != r.source;
}

Result<ResolvedLink> resolve_link(const std::string& source, const Link& link,
                                  const Catalog& catalog) {
  using LinkStatus = ResolvedLink::Status;
  if (link.external) return result(source, link, LinkStatus::kExternal);
  if (link.target.empty()) return to_note(source, link, source, catalog);
  switch (naming_of(link.kind)) {
    case LinkNaming::kPath: {
      const std::optional<std::string> path = resolve_relative(source, link.target);
      if (!path) return result(source, link, LinkStatus::kBroken);  // outside
      // "x.md" and "x" name the note x.md first, then the folder x/'s
      // index or README; "x/" only the folder.
      const std::string key = name_key(*path);
      const bool folder = link.target.back() == '/';
      std::vector<std::string> notes;
      if (!folder) notes = exact_spelling(catalog.notes_with(key_term(prefix::kNamePath, key)), *path);
      if (notes.empty()) notes = catalog.notes_with(key_term(prefix::kNameFolder, key));
      if (notes.size() == 1) return to_note(source, link, notes[0], catalog);
      if (notes.size() > 1) {
        ResolvedLink r = result(source, link, LinkStatus::kAmbiguous);
        r.candidates = notes;
        return r;
      }
      if (!path->empty() && catalog.file_exists(*path)) {
        return result(source, link, LinkStatus::kResolved, *path);
      }
      return result(source, link, LinkStatus::kBroken);
    }
    case LinkNaming::kName: {
      if (names_other_file(link.target)) {
        // ![[diagram.png]]: a file by its path from the root. A note may
        // have a dot in its name too ([[scrybble.ink]]), so without such a
        // file the note tiers still try.
        const std::optional<std::string> path = resolve_relative("", link.target);
        if (path && !path->empty() && catalog.file_exists(*path)) {
          return result(source, link, LinkStatus::kResolved, *path);
        }
      }
      const std::string key = name_key(link.target);
      return by_tiers(source, link,
                      {{key_term(prefix::kNamePath, key)},
                       {key_term(prefix::kNameFolder, key)},
                       {key_term(prefix::kNameSuffix, key)},
                       {key_term(prefix::kNameStem, key)},
                       {key_term(prefix::kNameTitle, key), key_term(prefix::kNameAlias, key)}},
                      catalog);
    }
    case LinkNaming::kStem:
      return by_tiers(source, link, {{key_term(prefix::kNameStem, name_key(link.target))}},
                      catalog);
    case LinkNaming::kNone:
      break;
  }
  return result(source, link, LinkStatus::kExternal);
}

}  // namespace kb
