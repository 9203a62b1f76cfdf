#include "graph/mentions.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string_view>
#include <utility>

#include "graph/note_links.h"
#include "store/term_prefixes.h"
#include "text/analyzer.h"
#include "text/segmenter.h"

namespace kb {

namespace {

bool latin_word_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

// True when the normalised `name` stands in the normalised `line` as a
// mention: anywhere for CJK, as a whole word otherwise.
bool mentions_name(const std::string& line, const std::string& name) {
  for (std::size_t at = line.find(name); at != std::string::npos;
       at = line.find(name, at + 1)) {
    const std::size_t end = at + name.size();
    const bool starts = at == 0 || !latin_word_char(static_cast<unsigned char>(line[at - 1])) ||
                        !latin_word_char(static_cast<unsigned char>(name[0]));
    const bool ends = end == line.size() ||
                      !latin_word_char(static_cast<unsigned char>(line[end])) ||
                      !latin_word_char(static_cast<unsigned char>(name.back()));
    if (starts && ends) return true;
  }
  return false;
}

// The names a note is mentioned by: its file stem (as Obsidian looks for),
// its title and its aliases (keys of its alias name terms).
std::vector<std::string> names_of(const IndexCatalog& catalog, const std::string& path,
                                  const Note& record) {
  std::vector<std::string> names{std::filesystem::path(path).stem().string(), record.title};
  const Xapian::Database& db = catalog.database();
  const Xapian::docid id = catalog.find(path);
  const std::string_view alias_prefix = prefix::kNameAlias;
  Xapian::TermIterator t = db.termlist_begin(id);
  for (t.skip_to(prefix::kNameAlias); t != db.termlist_end(id); ++t) {
    const std::string term = *t;
    if (term.compare(0, alias_prefix.size(), alias_prefix) != 0) break;
    names.push_back(term.substr(alias_prefix.size()));
  }
  return names;
}

// Where the links of `note` show on each of its lines (Link::shown_begin,
// shown_end).
using LinkPlaces = std::map<int, std::vector<std::pair<std::size_t, std::size_t>>>;

LinkPlaces link_places(const Note& note) {
  LinkPlaces places;
  for (const Link& link : note.links) {
    if (link.shown_end > link.shown_begin) {
      places[link.line].emplace_back(link.shown_begin, link.shown_end);
    }
  }
  return places;
}

// `text` with what links show in it blanked out: the name of a note in the
// text of a link to another note, or in a URL, is no unlinked mention.
std::string outside_links(std::string text, const LinkPlaces& places, int line) {
  const auto on_line = places.find(line);
  if (on_line == places.end()) return text;
  for (const auto& [begin, end] : on_line->second) {
    if (begin >= text.size()) continue;
    std::fill(text.begin() + static_cast<std::ptrdiff_t>(begin),
              text.begin() + static_cast<std::ptrdiff_t>(std::min(end, text.size())), ' ');
  }
  return text;
}

// The lines of `note` outside code that mention one of `keys` (normalised
// `names`) outside its links, as links from `source` to `target`.
void add_mentions(const Note& note, const std::string& source, const std::string& target,
                  const std::vector<std::string>& names, const std::vector<std::string>& keys,
                  std::vector<ResolvedLink>& out) {
  const LinkPlaces places = link_places(note);
  for (const Block& block : note.blocks) {
    if (block.kind == Block::Kind::kCode) continue;
    std::size_t pos = 0;
    for (int line = block.first_line; pos <= block.text.size(); ++line) {
      std::size_t end = block.text.find('\n', pos);
      if (end == std::string::npos) end = block.text.size();
      const std::string text = block.text.substr(pos, end - pos);
      const std::string folded = normalize(outside_links(text, places, line));
      for (std::size_t k = 0; k < keys.size(); ++k) {
        if (!mentions_name(folded, keys[k])) continue;
        ResolvedLink r;
        r.source = source;
        r.target = target;
        r.status = ResolvedLink::Status::kResolved;
        r.link.text = names[k];
        r.link.line = line;
        r.context = text;
        out.push_back(std::move(r));
        break;
      }
      pos = end + 1;
    }
  }
}

}  // namespace

Result<std::vector<ResolvedLink>> mentions(const IndexCatalog& catalog, const std::string& path) {
  Result<Note> target = catalog.record(path);
  if (!target) return target.error();
  std::vector<std::string> names;
  std::vector<std::string> keys;
  std::vector<Xapian::Query> phrases;
  for (const std::string& name : names_of(catalog, path, *target)) {
    const std::string key = normalize(name);
    if (key.size() < 2 || std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
    names.push_back(name);
    keys.push_back(key);
    phrases.push_back(phrase_query(name));
  }
  Result<std::vector<ResolvedLink>> back = backlinks(catalog, path);
  if (!back) return back.error();
  std::set<std::string> linking;
  for (const ResolvedLink& r : *back) linking.insert(r.source);

  const Xapian::Database& db = catalog.database();
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, phrases.begin(), phrases.end()));
  const Xapian::MSet matches = enquire.get_mset(0, db.get_doccount());
  std::vector<ResolvedLink> out;
  for (auto it = matches.begin(); it != matches.end(); ++it) {
    const std::string source = catalog.path_of(*it);
    if (source == path || linking.count(source) != 0) continue;
    Result<Note> note = catalog.record(source);
    if (!note && note.error().code() == Code::kNotFound) {
      return Status::corruption(source, "indexed note without a record");
    }
    if (!note) return note.error();
    add_mentions(*note, source, path, names, keys, out);
  }
  std::sort(out.begin(), out.end(), by_source_and_line);
  return out;
}

}  // namespace kb
