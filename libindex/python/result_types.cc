#include "result_types.h"

#include <pybind11/stl.h>

#include <string>

#include "kb/searcher.h"
#include "knowledge_base.h"
#include "python_text.h"

namespace py = pybind11;

namespace kbpy {
namespace {

// kbsearch.TagCount, made by define_result_types(); its reference is kept
// for the interpreter's life.
py::handle tag_count_class;

// "Name(a=..., b=...)" from (attribute, value) pairs, values by repr().
std::string repr_of(const char* name, std::initializer_list<std::pair<const char*, py::object>> fields) {
  std::string text = std::string(name) + "(";
  const char* separator = "";
  for (const auto& [field, value] : fields) {
    text += separator;
    text += field;
    text += "=";
    text += py::repr(value).cast<std::string>();
    separator = ", ";
  }
  return text + ")";
}

void define_hit(py::module_& m) {
  py::class_<kb::MatchingLine>(m, "MatchingLine",
                               "A line of a hit's file that holds a match (KB.search(lines=True)).")
      .def_readonly("line", &kb::MatchingLine::line, "1-based line of the file.")
      .def_readonly("column", &kb::MatchingLine::column,
                    "1-based byte column of the first match, in the file's own encoding, as\n"
                    "ripgrep counts it; 1 when markup splits the match.")
      .def_readonly("text", &kb::MatchingLine::text, "The line as written, without its line end.")
      .def("__repr__", [](const kb::MatchingLine& l) {
        return repr_of("MatchingLine", {{"line", py::int_(l.line)},
                                        {"column", py::int_(l.column)},
                                        {"text", py::str(l.text)}});
      });

  py::class_<kb::Hit>(m, "Hit", "One note a search found.")
      .def_property_readonly("path", [](const kb::Hit& h) { return path_to_str(h.path); },
                             "The note's path relative to the knowledge-base root, '/'-separated.")
      .def_readonly("title", &kb::Hit::title)
      .def_readonly("score", &kb::Hit::score,
                    "Relevance weight; comparable within one search only.")
      .def_readonly("percent", &kb::Hit::percent, "0-100, relative to the best possible match.")
      .def_readonly("line", &kb::Hit::line, "Best-matching line, 1-based; 0 when unknown.")
      .def_readonly("column", &kb::Hit::column,
                    "Byte column of the match on `line` (MatchingLine.column) when the\n"
                    "search ran with lines=True; else 1.")
      .def_readonly("line_text", &kb::Hit::line_text,
                    "The text of the best-matching line, markup removed.")
      .def_readonly("heading_path", &kb::Hit::heading_path,
                    "Headings above `line`, outermost first.")
      .def_readonly("tags", &kb::Hit::tags, "Distinct tag names.")
      .def_readonly("date", &kb::Hit::date,
                    "ISO 8601: the front-matter date, else the modification time.")
      .def_property_readonly("snippet", [](const kb::Hit& h) { return h.snippet.text; },
                             "A short extract of the best-matching block.")
      .def_property_readonly(
          "highlights",
          [](const kb::Hit& h) { return char_ranges(h.snippet.text, h.snippet.highlights); },
          "The matches in `snippet` as (begin, end) str offsets (code points, not\n"
          "UTF-8 bytes): snippet[begin:end] is the matched text.")
      .def_readonly("lines", &kb::Hit::lines,
                    "With search(lines=True): the MatchingLines of the file; else [].")
      .def_property_readonly("duplicates", [](const kb::Hit& h) { return paths_to_list(h.duplicates); },
                             "Paths of the other matching notes with this note's text.")
      .def("__repr__", [](const kb::Hit& h) {
        return repr_of("Hit", {{"path", path_to_str(h.path)},
                               {"title", py::str(h.title)},
                               {"line", py::int_(h.line)},
                               {"score", py::float_(h.score)}});
      });
}

void define_note(py::module_& m) {
  py::class_<kb::Heading>(m, "Heading", "A heading of a note.")
      .def_readonly("level", &kb::Heading::level, "1 for '#', 6 for '######'.")
      .def_readonly("text", &kb::Heading::text, "Its text, markup removed.")
      .def_readonly("line", &kb::Heading::line, "1-based file line.")
      .def_readonly("slug", &kb::Heading::slug, "The anchor a link uses for it (GitHub's rule).")
      .def("__repr__", [](const kb::Heading& h) {
        return repr_of("Heading", {{"level", py::int_(h.level)},
                                   {"text", py::str(h.text)},
                                   {"line", py::int_(h.line)}});
      });

  py::class_<kb::Link>(m, "NoteLink", "A link as the note writes it (Note.links), unresolved.")
      .def_property_readonly("kind", [](const kb::Link& l) { return kb::name_of(l.kind); },
                             "\"markdown\", \"image\", \"autolink\", \"url\", \"wikilink\", \"embed\",\n"
                             "\"post_link\" or \"asset_link\".")
      .def_readonly("raw", &kb::Link::raw, "The destination exactly as written.")
      .def_readonly("target", &kb::Link::target, "The destination without its anchor.")
      .def_readonly("anchor", &kb::Link::anchor, "The part after '#'; \"\" when none.")
      .def_readonly("text", &kb::Link::text, "Link text, alt text or alias.")
      .def_readonly("line", &kb::Link::line, "1-based file line.")
      .def_readonly("external", &kb::Link::external, "A URL rather than a note or file.")
      .def("__repr__", [](const kb::Link& l) {
        return repr_of("NoteLink", {{"kind", py::str(kb::name_of(l.kind))},
                                    {"raw", py::str(l.raw)},
                                    {"line", py::int_(l.line)}});
      });

  py::class_<kb::Note>(m, "Note", "A note of the knowledge base, as read and parsed now.")
      .def_property_readonly("path", [](const kb::Note& n) { return path_to_str(n.path); })
      .def_readonly("title", &kb::Note::title,
                    "Front-matter title, else the first H1, else the file stem.")
      .def_readonly("date", &kb::Note::date,
                    "ISO 8601 from the front matter or the file name; \"\" when none.")
      .def_property_readonly("tags", &kb::Note::tag_names,
                             "Distinct tag names, case-insensitively, in first spelling and order.")
      .def_readonly("aliases", &kb::Note::aliases)
      .def_readonly("headings", &kb::Note::headings, "Headings in file order.")
      .def_readonly("links", &kb::Note::links, "NoteLinks in file order, URLs too.")
      .def_readonly("fields", &kb::Note::fields,
                    "Front-matter scalars: 'title', 'date', ... and 'fm.KEY' for the others.")
      .def_readonly("properties", &kb::Note::properties,
                    "Every top-level front-matter key with its values (a list of str).")
      .def_readonly("encoding", &kb::Note::encoding, "What the file's bytes were read as.")
      .def_readonly("repaired", &kb::Note::repaired, "\"mojibake\" when it was repaired, else \"\".")
      .def_readonly("problems", &kb::Note::diagnostics, "Problems found reading it (Problem).")
      .def("__repr__", [](const kb::Note& n) {
        return repr_of("Note", {{"path", path_to_str(n.path)}, {"title", py::str(n.title)}});
      });
}

void define_links(py::module_& m) {
  py::class_<kb::ResolvedLink>(m, "Link",
                               "A link of a note, resolved (backlinks(), links(), broken(),\n"
                               "mentions()).")
      .def_property_readonly("source", [](const kb::ResolvedLink& l) { return path_to_str(l.source); },
                             "The note the link is in.")
      .def_property_readonly("target", [](const kb::ResolvedLink& l) { return path_to_str(l.target); },
                             "The note or file linked to; \"\" when it names none.")
      .def_property_readonly("status", [](const kb::ResolvedLink& l) { return kb::name_of(l.status); },
                             "\"resolved\", \"broken\", \"broken-anchor\", \"ambiguous\" or \"external\".")
      .def_property_readonly("kind", [](const kb::ResolvedLink& l) { return kb::name_of(l.link.kind); },
                             "As NoteLink.kind.")
      .def_property_readonly("raw", [](const kb::ResolvedLink& l) { return l.link.raw; },
                             "The destination as written.")
      .def_property_readonly("text", [](const kb::ResolvedLink& l) { return l.link.text; },
                             "Link text; for mentions(), the text that mentions the note.")
      .def_property_readonly("anchor", [](const kb::ResolvedLink& l) { return l.link.anchor; })
      .def_property_readonly("line", [](const kb::ResolvedLink& l) { return l.link.line; },
                             "1-based line of the source note.")
      .def_readonly("context", &kb::ResolvedLink::context, "The source line's text, markup removed.")
      .def_property_readonly("candidates",
                             [](const kb::ResolvedLink& l) { return paths_to_list(l.candidates); },
                             "For an ambiguous link: the other notes it names.")
      .def_property_readonly("suggestion",
                             [](const kb::ResolvedLink& l) { return path_to_str(l.suggestion); },
                             "broken() only: the closest note (broken link) or heading (broken\n"
                             "anchor); \"\" when nothing is close.")
      .def("__repr__", [](const kb::ResolvedLink& l) {
        return repr_of("Link", {{"source", path_to_str(l.source)},
                                {"line", py::int_(l.link.line)},
                                {"raw", py::str(l.link.raw)},
                                {"status", py::str(kb::name_of(l.status))},
                                {"target", path_to_str(l.target)}});
      });

  py::class_<kb::RelatedNote>(m, "Related", "A note related to another one, and why.")
      .def_property_readonly("path", [](const kb::RelatedNote& r) { return path_to_str(r.path); })
      .def_readonly("title", &kb::RelatedNote::title)
      .def_readonly("score", &kb::RelatedNote::score,
                    "2 per link direction, 1 per shared target or tag, up to 3 for similar\n"
                    "words; comparable within one answer.")
      .def_readonly("links_to", &kb::RelatedNote::links_to, "The note asked about links to it.")
      .def_readonly("linked_from", &kb::RelatedNote::linked_from,
                    "It links to the note asked about.")
      .def_readonly("shared_tags", &kb::RelatedNote::shared_tags)
      .def_property_readonly("shared_targets",
                             [](const kb::RelatedNote& r) { return paths_to_list(r.shared_targets); })
      .def_readonly("similar_words", &kb::RelatedNote::similar_words)
      .def("__repr__", [](const kb::RelatedNote& r) {
        return repr_of("Related", {{"path", path_to_str(r.path)}, {"score", py::float_(r.score)}});
      });
}

const char* start_name(kb::IndexStart start) {
  switch (start) {
    case kb::IndexStart::kIncremental: return "incremental";
    case kb::IndexStart::kNew: return "new";
    case kb::IndexStart::kRebuild: return "rebuild";
    case kb::IndexStart::kOtherSchema: return "other-schema";
  }
  return "incremental";
}

void define_report(py::module_& m) {
  py::class_<kb::Diagnostic>(m, "Problem",
                             "A problem with one input file that did not stop the work.")
      .def_property_readonly("path", [](const kb::Diagnostic& d) { return path_to_str(d.path); })
      .def_readonly("line", &kb::Diagnostic::line, "1-based line; 0 when not about a line.")
      .def_readonly("message", &kb::Diagnostic::message)
      .def("__str__", [](const kb::Diagnostic& d) {
        // Diagnostic::to_string()'s "PATH:LINE: MESSAGE", the path decoded.
        py::str where = path_to_str(d.path);
        if (d.line > 0) where = py::str("{}:{}").format(where, d.line);
        return py::str("{}: {}").format(where, d.message);
      })
      .def("__repr__", [](const kb::Diagnostic& d) {
        return repr_of("Problem", {{"path", path_to_str(d.path)},
                                   {"line", py::int_(d.line)},
                                   {"message", py::str(d.message)}});
      });

  const auto count = [](std::size_t kb::IndexReport::*field) {
    return [field](const RefreshReport& r) { return r.counts.*field; };
  };
  py::class_<RefreshReport>(m, "RefreshReport", "What building or refreshing the index did.")
      .def_property_readonly("scanned", count(&kb::IndexReport::scanned), "Notes found on disk.")
      .def_property_readonly("added", count(&kb::IndexReport::added), "New notes indexed.")
      .def_property_readonly("updated", count(&kb::IndexReport::updated),
                             "Changed notes indexed again.")
      .def_property_readonly("removed", count(&kb::IndexReport::removed),
                             "Notes gone from disk, dropped from the index.")
      .def_property_readonly("unchanged", count(&kb::IndexReport::unchanged),
                             "Notes skipped: their mtime and size are as indexed.")
      .def_property_readonly("failed", count(&kb::IndexReport::failed),
                             "Notes that could not be read at all.")
      .def_property_readonly("start", [](const RefreshReport& r) { return start_name(r.start); },
                             "\"incremental\", \"new\" (first build), \"rebuild\" or \"other-schema\"\n"
                             "(built anew: written by another version).")
      .def_readonly("problems", &RefreshReport::problems,
                    "The Problems found in input files, in the order found.")
      .def("__repr__", [](const RefreshReport& r) {
        return repr_of("RefreshReport", {{"added", py::int_(r.counts.added)},
                                         {"updated", py::int_(r.counts.updated)},
                                         {"removed", py::int_(r.counts.removed)},
                                         {"unchanged", py::int_(r.counts.unchanged)},
                                         {"failed", py::int_(r.counts.failed)},
                                         {"problems", py::int_(r.problems.size())}});
      });
}

}  // namespace

void define_result_types(py::module_& m) {
  define_hit(m);
  define_note(m);
  define_links(m);
  define_report(m);
  py::object tag_count =
      py::module_::import("collections").attr("namedtuple")("TagCount", "name count");
  tag_count.attr("__module__") = "kbsearch";
  tag_count.attr("__doc__") = "A tag and the number of notes that have it or a tag below it.";
  m.attr("TagCount") = tag_count;
  tag_count_class = tag_count.release();
}

py::list tag_counts(const std::vector<kb::TagCount>& tags) {
  py::list list;
  for (const kb::TagCount& tag : tags) list.append(tag_count_class(tag.name, tag.notes));
  return list;
}

}  // namespace kbpy
