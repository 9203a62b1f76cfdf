#include "graph/link_resolver.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <tuple>

#include "store/link_keys.h"
#include "base/root_paths.h"
#include "text/segmenter.h"
#include "note/slug.h"
#include "store/term_prefixes.h"

namespace kb {

namespace {


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

// Obsidian's choice among notes a name fits equally well: the one closest
// to the source (fewest folders up from the source's folder and down
// again), then the one with the shortest path (fewest folders, then fewest
// bytes), then the first bytewise. `notes` is sorted and not empty.
std::size_t closest(const std::string& source, const std::vector<std::string>& notes) {
  const auto folders = [](std::string_view path) {
    std::vector<std::string_view> parts;
    for (std::size_t slash = path.find('/'); slash != std::string_view::npos;
         slash = path.find('/')) {
      parts.push_back(path.substr(0, slash));
      path.remove_prefix(slash + 1);
    }
    return parts;
  };
  const std::vector<std::string_view> from = folders(source);
  std::size_t best = 0;
  std::tuple<std::size_t, std::size_t, std::size_t> best_key{SIZE_MAX, 0, 0};
  for (std::size_t i = 0; i < notes.size(); ++i) {
    const std::vector<std::string_view> to = folders(notes[i]);
    std::size_t common = 0;
    while (common < from.size() && common < to.size() && from[common] == to[common]) ++common;
    const std::tuple<std::size_t, std::size_t, std::size_t> key{
        from.size() + to.size() - 2 * common, to.size(), notes[i].size()};
    if (key < best_key) {
      best_key = key;
      best = i;
    }
  }
  return best;
}

// True when the note at `path` is inside the folder `within` ("" is the
// root, which holds every note).
bool inside(const std::string& path, const std::string& within) {
  return within.empty() ||
         (path.size() > within.size() && path.compare(0, within.size(), within) == 0 &&
          path[within.size()] == '/');
}

// How by_tiers() narrows and decides: the folder the notes must be in, and
// whether several are decided by Obsidian's tie-break.
struct TierRules {
  std::string within;     // "" for the whole knowledge base
  bool tie_break = false;
};

// Tiers for a name: the first that names any note (within the rules'
// folder) decides; one note is a match, several are ambiguous: with the
// tie-break, its choice is the target and the others are the candidates.
// A tier may have several terms (title and aliases are one tier).
Result<ResolvedLink> by_tiers(const std::string& source, const Link& link,
                              const std::vector<std::vector<std::string>>& tiers,
                              const Catalog& catalog, const TierRules& rules = {}) {
  for (const std::vector<std::string>& tier : tiers) {
    std::vector<std::string> notes;
    for (const std::string& term : tier) {
      for (std::string& path : catalog.notes_with(term)) {
        if (inside(path, rules.within)) notes.push_back(std::move(path));
      }
    }
    std::sort(notes.begin(), notes.end());
    notes.erase(std::unique(notes.begin(), notes.end()), notes.end());
    if (notes.size() == 1) return to_note(source, link, notes[0], catalog);
    if (notes.size() > 1) {
      ResolvedLink r = result(source, link, ResolvedLink::Status::kAmbiguous);
      if (rules.tie_break) {
        const std::size_t chosen = closest(source, notes);
        r.target = notes[chosen];
        notes.erase(notes.begin() + static_cast<std::ptrdiff_t>(chosen));
      }
      r.candidates = std::move(notes);
      return r;
    }
  }
  return result(source, link, ResolvedLink::Status::kBroken);
}

// Of notes with the same key ("same.md", "same.markdown", "Same.md"), the
// one spelled as the link writes it: byte for byte, as a case-sensitive
// file system tells "Async.md" from "async.md" (with or without the
// extension), else the one with the link's own extension in any case.
std::vector<std::string> exact_spelling(std::vector<std::string> notes,
                                        const std::string& path) {
  if (notes.size() < 2) return notes;
  const auto the_one = [&notes](auto&& same) {
    std::vector<std::string> found;
    for (const std::string& note : notes) {
      if (same(note)) found.push_back(note);
    }
    return found.size() == 1 ? found : std::vector<std::string>{};
  };
  std::vector<std::string> exact = the_one([&](const std::string& note) {
    return note == path || note == path + ".md" || note == path + ".markdown";
  });
  if (exact.empty()) {
    exact = the_one([&](const std::string& note) { return normalize(note) == normalize(path); });
  }
  return exact.empty() ? notes : exact;
}


// The path a "/"-rooted `target` names from the scope's root (the vault's
// or site's root; the knowledge base's for strict); std::nullopt when it
// leaves that root.
std::optional<std::string> from_scope_root(const DialectScope& scope, std::string_view target) {
  while (!target.empty() && target[0] == '/') target.remove_prefix(1);
  const std::optional<std::string> path =
      resolve_relative(scope.root.empty() ? "_" : scope.root + "/_", target);
  if (!path || scope.root.empty() || *path == scope.root || inside(*path, scope.root)) return path;
  return std::nullopt;
}

// What the note or file at `path` (relative to the root) is for `link`:
// "x.md" and "x" name the note x.md first, then the folder x/'s index or
// README; "x/" only the folder; else a file of the knowledge base.
Result<ResolvedLink> at_path(const std::string& source, const Link& link, const std::string& path,
                             const Catalog& catalog) {
  const std::string key = name_key(path);
  const bool folder = link.target.back() == '/';
  std::vector<std::string> notes;
  if (!folder) notes = exact_spelling(catalog.notes_with(key_term(prefix::kNamePath, key)), path);
  if (notes.empty()) notes = catalog.notes_with(key_term(prefix::kNameFolder, key));
  if (notes.size() == 1) return to_note(source, link, notes[0], catalog);
  if (notes.size() > 1) {
    ResolvedLink r = result(source, link, ResolvedLink::Status::kAmbiguous);
    r.candidates = notes;
    return r;
  }
  if (!path.empty() && catalog.file_exists(path)) {
    return result(source, link, ResolvedLink::Status::kResolved, path);
  }
  return result(source, link, ResolvedLink::Status::kBroken);
}

// True when a part of `target` is "..".
bool climbs(std::string_view target) {
  for (std::size_t at = target.find(".."); at != std::string_view::npos;
       at = target.find("..", at + 1)) {
    const bool starts = at == 0 || target[at - 1] == '/';
    const bool ends = at + 2 == target.size() || target[at + 2] == '/';
    if (starts && ends) return true;
  }
  return false;
}

// A Markdown link of an Obsidian note that names nothing relative to the
// note: Obsidian tries the path from the vault root, then the note by its
// file name or the end of its path, as a wikilink (its "absolute path in
// vault" and "shortest path" link formats). `relative` is the broken
// result, kept when these find nothing either.
Result<ResolvedLink> obsidian_fallbacks(const std::string& source, const Link& link,
                                        const DialectScope& scope, const Catalog& catalog,
                                        ResolvedLink relative) {
  if (const std::optional<std::string> path = from_scope_root(scope, link.target)) {
    Result<ResolvedLink> r = at_path(source, link, *path, catalog);
    if (!r || r->status != ResolvedLink::Status::kBroken) return r;
  }
  if (climbs(link.target) || link.target.back() == '/') return relative;
  const std::string key = name_key(link.target);
  Result<ResolvedLink> r = by_tiers(
      source, link,
      {{key_term(prefix::kNameSuffix, key)}, {key_term(prefix::kNameStem, key)}}, catalog,
      TierRules{scope.root, true});
  if (!r || r->status != ResolvedLink::Status::kBroken) return r;
  return relative;
}

}  // namespace

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
  // A broken link has no target; an ambiguous one has the tie-break's.
  return r.status != ResolvedLink::Status::kExternal && !r.target.empty() &&
         r.target != r.source;
}

Result<ResolvedLink> resolve_link(const std::string& source, const Link& link,
                                  const Catalog& catalog) {
  using LinkStatus = ResolvedLink::Status;
  if (link.external) return result(source, link, LinkStatus::kExternal);
  if (link.target.empty()) return to_note(source, link, source, catalog);
  const DialectScope scope = catalog.dialect_of(source);
  switch (naming_of(link.kind)) {
    case LinkNaming::kPath: {
      const bool from_root = link.target[0] == '/';
      const std::optional<std::string> path =
          from_root ? from_scope_root(scope, link.target) : resolve_relative(source, link.target);
      if (!path) return result(source, link, LinkStatus::kBroken);  // outside
      Result<ResolvedLink> r = at_path(source, link, *path, catalog);
      if (!r || r->status != LinkStatus::kBroken || scope.dialect != LinkDialect::kObsidian ||
          from_root) {
        return r;
      }
      return obsidian_fallbacks(source, link, scope, catalog, std::move(*r));
    }
    case LinkNaming::kName: {
      if (link.target[0] == '/' || link.target.rfind("./", 0) == 0 ||
          link.target.rfind("../", 0) == 0) {
        // [[/folder/page]] from the vault root, [[../two/page]] from the
        // note: paths, as Obsidian's "absolute" and "relative" link
        // formats write them.
        const std::optional<std::string> path = link.target[0] == '/'
                                                    ? from_scope_root(scope, link.target)
                                                    : resolve_relative(source, link.target);
        if (!path) return result(source, link, LinkStatus::kBroken);
        return at_path(source, link, *path, catalog);
      }
      if (names_other_file(link.target)) {
        // ![[diagram.png]]: a file by its path from the root. A note may
        // have a dot in its name too ([[scrybble.ink]]), so without such a
        // file the note tiers still try.
        const std::optional<std::string> path = from_scope_root(scope, "/" + link.target);
        if (path && !path->empty() && catalog.file_exists(*path)) {
          return result(source, link, LinkStatus::kResolved, *path);
        }
      }
      const std::string key = name_key(link.target);
      std::vector<std::vector<std::string>> tiers;
      TierRules rules;
      if (scope.dialect == LinkDialect::kObsidian) {
        // Inside its vault only, a path first from the vault's root.
        rules = TierRules{scope.root, true};
        if (!scope.root.empty()) {
          const std::string in_vault = name_key(scope.root + "/" + link.target);
          tiers.push_back({key_term(prefix::kNamePath, in_vault)});
          tiers.push_back({key_term(prefix::kNameFolder, in_vault)});
        }
      }
      for (const char* name : {prefix::kNamePath, prefix::kNameFolder, prefix::kNameSuffix,
                               prefix::kNameStem}) {
        tiers.push_back({key_term(name, key)});
      }
      tiers.push_back({key_term(prefix::kNameTitle, key), key_term(prefix::kNameAlias, key)});
      return by_tiers(source, link, tiers, catalog, rules);
    }
    case LinkNaming::kStem: {
      // A site's post_link names a post: a note below source/_posts/.
      TierRules rules;
      if (scope.dialect == LinkDialect::kSite) {
        rules.within = (scope.root.empty() ? "" : scope.root + "/") + "source/_posts";
      }
      return by_tiers(source, link, {{key_term(prefix::kNameStem, name_key(link.target))}},
                      catalog, rules);
    }
    case LinkNaming::kNone:
      break;
  }
  return result(source, link, LinkStatus::kExternal);
}

}  // namespace kb
