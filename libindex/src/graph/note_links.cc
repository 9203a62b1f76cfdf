#include "graph/note_links.h"

#include <algorithm>
#include <set>
#include <string_view>

#include "graph/link_resolver.h"
#include "store/link_keys.h"
#include "store/term_prefixes.h"

namespace kb {

namespace {

// The link terms that could name a note carrying a name term: a link looks
// for a name under the same key that a note answers to it.
struct NameLinks {
  const char* name_prefix;
  std::vector<const char*> link_prefixes;
};

const std::vector<NameLinks>& names_and_links() {
  static const std::vector<NameLinks> kTable = {
      {prefix::kNamePath, {prefix::kLinkPath, prefix::kLinkName}},
      {prefix::kNameFolder, {prefix::kLinkPath, prefix::kLinkName}},
      {prefix::kNameSuffix, {prefix::kLinkName}},
      {prefix::kNameStem, {prefix::kLinkName, prefix::kLinkStem}},
      {prefix::kNameTitle, {prefix::kLinkName}},
      {prefix::kNameAlias, {prefix::kLinkName}}};
  return kTable;
}

// Every link term that a link to the note `target` could carry.
std::set<std::string> wanted_link_terms(const Xapian::Database& db, Xapian::docid target) {
  std::set<std::string> wanted;
  for (const NameLinks& row : names_and_links()) {
    const std::string_view name_prefix = row.name_prefix;
    Xapian::TermIterator t = db.termlist_begin(target);
    for (t.skip_to(row.name_prefix); t != db.termlist_end(target); ++t) {
      const std::string term = *t;
      if (term.compare(0, name_prefix.size(), name_prefix) != 0) break;
      const std::string key = term.substr(name_prefix.size());
      for (const char* link_prefix : row.link_prefixes) wanted.insert(link_prefix + key);
    }
  }
  return wanted;
}

}  // namespace

bool by_source_and_line(const ResolvedLink& a, const ResolvedLink& b) {
  return a.source != b.source ? a.source < b.source : a.link.line < b.link.line;
}

Result<std::vector<ResolvedLink>> backlinks(const IndexCatalog& catalog, const std::string& path) {
  const Xapian::Database& db = catalog.database();
  const Xapian::docid target = catalog.find(path);
  if (target == 0) return Status::not_found(path, "no such note in the index");
  const std::set<std::string> wanted = wanted_link_terms(db, target);
  std::vector<Xapian::Query> terms(wanted.begin(), wanted.end());
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  const Xapian::MSet sources = enquire.get_mset(0, db.get_doccount());

  std::vector<ResolvedLink> found;
  for (auto it = sources.begin(); it != sources.end(); ++it) {
    if (*it == target) continue;
    const std::string source = catalog.path_of(*it);
    Result<std::vector<Link>> links = catalog.links_of(source);
    if (!links) return links.error();
    for (const Link& link : *links) {
      const std::vector<std::string> carried = link_terms(source, link);
      if (std::none_of(carried.begin(), carried.end(),
                       [&](const std::string& t) { return wanted.count(t) != 0; })) {
        continue;
      }
      Result<ResolvedLink> r = resolve_link(source, link, catalog);
      if (!r) return r.error();
      // An ambiguous link counts for the note the tie-break chose.
      if (r->target == path && r->status != ResolvedLink::Status::kExternal) {
        found.push_back(std::move(*r));
      }
    }
  }
  // One entry per line, its first link: a line with three links to the
  // note is one place.
  std::stable_sort(found.begin(), found.end(), by_source_and_line);
  found.erase(std::unique(found.begin(), found.end(),
                          [](const ResolvedLink& a, const ResolvedLink& b) {
                            return a.source == b.source && a.link.line == b.link.line;
                          }),
              found.end());
  return found;
}

Result<std::vector<ResolvedLink>> outgoing_links(const IndexCatalog& catalog,
                                                 const std::string& path) {
  Result<Note> note = catalog.record(path);
  if (!note) return note.error();
  std::vector<ResolvedLink> out;
  for (const Link& link : note->links) {
    Result<ResolvedLink> r = resolve_link(path, link, catalog);
    if (!r) return r.error();
    out.push_back(std::move(*r));
  }
  return out;
}

}  // namespace kb
