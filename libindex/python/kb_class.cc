#include "kb_class.h"

#include <pybind11/stl.h>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "errors.h"
#include "knowledge_base.h"
#include "python_text.h"
#include "result_types.h"

namespace py = pybind11;

namespace kbpy {
namespace {

// The Python object: the knowledge base and what opening it did.
struct KbObject {
  std::unique_ptr<KnowledgeBase> kb;
  std::optional<RefreshReport> opening;
};

// Runs `work` without the GIL, so that other Python threads run meanwhile;
// `work` must touch no Python object.
template <typename Work>
auto without_gil(Work&& work) {
  py::gil_scoped_release released;
  return work();
}

kb::LinkDialect parse_dialect(const std::string& name) {
  for (kb::LinkDialect d : {kb::LinkDialect::kAuto, kb::LinkDialect::kStrict,
                            kb::LinkDialect::kObsidian, kb::LinkDialect::kSite}) {
    if (name == kb::name_of(d)) return d;
  }
  throw StatusError{kb::Status::invalid_argument(
      "link_dialect", "unknown link dialect \"" + name + "\"; auto, strict, obsidian or site")};
}

kb::SearchOptions::Sort parse_sort(const std::string& name) {
  using Sort = kb::SearchOptions::Sort;
  if (name == "relevance") return Sort::kRelevance;
  if (name == "date") return Sort::kDate;
  if (name == "path") return Sort::kPath;
  if (name == "title") return Sort::kTitle;
  throw StatusError{kb::Status::invalid_argument(
      "sort", "unknown sort \"" + name + "\"; relevance, date, path or title")};
}

KbObject open_kb(const py::object& path, bool create, bool refresh, bool rebuild,
                 std::vector<std::string> exclude, std::optional<std::string> link_dialect,
                 double lock_wait) {
  OpenOptions options;
  options.create = create;
  options.refresh = refresh;
  options.rebuild = rebuild;
  options.exclude = std::move(exclude);
  if (link_dialect) options.link_dialect = parse_dialect(*link_dialect);
  // A day at most: NaN, infinity or a huge number would overflow the
  // milliseconds.
  if (!(lock_wait >= 0 && lock_wait <= 86400)) {
    throw StatusError{kb::Status::invalid_argument("lock_wait", "must be 0 to 86400 seconds")};
  }
  options.lock_wait = std::chrono::milliseconds(static_cast<long long>(lock_wait * 1000));
  const std::filesystem::path root = fs_path(path);
  std::optional<RefreshReport> report;
  auto kb = without_gil([&] { return KnowledgeBase::open(root, std::move(options), report); });
  return KbObject{unwrap(std::move(kb)), std::move(report)};
}

const char* const kKbDoc = R"(A knowledge base: a folder of Markdown notes and its search index.

KB(path, *, create=True, refresh=True, rebuild=False, exclude=(),
   link_dialect=None, lock_wait=0.0)

Opens the knowledge base at `path` (str, bytes or os.PathLike). When it has
no index yet (no .kbsearch/ folder inside it) and `create` is true, the
index is built there first, which reads every note (seconds for thousands
of notes); with create=False that raises NotFoundError. An existing index
is brought up to date with the files (`refresh`: only changed notes are
read), or built anew (`rebuild`: for an index that cannot be used any
more). `exclude` adds gitignore patterns of notes and folders to leave out;
`link_dialect` ("auto", "strict", "obsidian", "site") overrides the
knowledge base's .kbsearch.toml; `lock_wait` is how many seconds a build
or refresh waits for another process writing the index (LockedError
after). The knowledge base's .kbsearch.toml applies; the kbsearch
command's user config does not.

The index is open for writing only while a build or refresh() runs, so the
kbsearch command may refresh it in between; the KB reads the state of its
last build or refresh() until the next refresh().

Note paths, given and returned, are relative to the root and '/'-separated,
as str: a file name that is not UTF-8 comes as os.fsdecode() makes it
(surrogateescape), and passing that str back names the same file; bytes
work too.

Errors raise kbsearch.Error subclasses (QueryError, NotFoundError, ...).

Threads: a KB may be shared by threads; its calls take a lock and run one
at a time, and release the GIL while they run, so other Python threads go
on. Open one KB per thread to search in parallel. Also a context manager:
`with KB(path) as kb:` closes it at the end.)";

const char* const kSearchDoc =
    R"(search(query="", limit=10, offset=0, sort="relevance", lines=False, *, words=(), phrases=(), any_words=(), without_words=(), tags=(), without_tags=(), folder="", date_from="", date_to="", language="", properties={}, links_to="", linked_from="") -> list[Hit]

Runs `query`, kbsearch's query language ("kbsearch help query"): words
are ANDed, Chinese matches as a substring, English words in their other
forms; OR, NOT, "phrases", prefix*, and the fields tag:, path:, title:,
date:, lang:, fm.KEY:, linkto:, linkedby:. Returns at most `limit` hits
(None for all) after skipping `offset`, sorted by "relevance", "date"
(newest first), "path" or "title". With lines=True each Hit.lines holds
the file's lines that match (each hit's file is read) and Hit.column is
exact.

Raises QueryError (.subject is the query) for a query that cannot be
understood (a field without a value, an unknown linkto: note),
InvalidArgumentError for an empty query, one past the query limits or an
unknown sort. What of the query was dropped (a dangling OR) is reported as
a kbsearch.QueryWarning, through the warnings module.

The keyword parts build the query from values instead, ANDed with `query`
(kb/query.h): nothing in a value is query syntax, so a tag with a space,
a word "OR" or a folder with a quote need no quoting. words: each must be
in the note; phrases: each exact; any_words: at least one; without_words:
none; tags / without_tags: a tag or one below it, as tag:; folder: as
path:; date_from / date_to: as the ends of date:FROM..TO; language: "zh" or
"en"; properties: {KEY: VALUE}, as fm.KEY:VALUE; links_to / linked_from:
as linkto: / linkedby:. Example: kb.search(words=["注意力"],
tags=["Daily Talk"], date_from="2024").)";

using Strings = std::vector<std::string>;

void define_kb(py::module_& m, const py::object& query_warning) {
  py::class_<KbObject>(m, "KB", kKbDoc)
      .def(py::init(&open_kb), py::arg("path"), py::kw_only(), py::arg("create") = true,
           py::arg("refresh") = true, py::arg("rebuild") = false,
           py::arg("exclude") = std::vector<std::string>{}, py::arg("link_dialect") = std::nullopt,
           py::arg("lock_wait") = 0.0)
      .def_property_readonly(
          "root", [](const KbObject& o) { return path_to_str(o.kb->root().string()); },
          "The knowledge base's folder, as given.")
      .def_readonly("opening", &KbObject::opening,
                    "The RefreshReport of the build or refresh opening the KB did;\n"
                    "None when it did neither.")
      .def(
          "search",
          [query_warning](
              KbObject& o, const std::string& query, std::optional<std::size_t> limit,
              std::size_t offset, const std::string& sort, bool lines, const Strings& words,
              const Strings& phrases, const Strings& any_words, const Strings& without_words,
              const Strings& tags, const Strings& without_tags, const py::object& folder,
              const std::string& date_from, const std::string& date_to, const std::string& language,
              const std::map<std::string, std::string>& properties, const py::object& links_to,
              const py::object& linked_from) {
            kb::SearchOptions options;
            options.limit = limit.value_or(kb::SearchOptions::kNoLimit);
            options.offset = offset;
            options.sort = parse_sort(sort);
            options.matching_lines = lines ? kb::SearchOptions::kNoLimit : 0;
            const kb::Query parts{.text = query,
                                  .words = words,
                                  .phrases = phrases,
                                  .any_words = any_words,
                                  .without_words = without_words,
                                  .tags = tags,
                                  .without_tags = without_tags,
                                  .folder = path_bytes(folder),
                                  .date_from = date_from,
                                  .date_to = date_to,
                                  .language = language,
                                  .properties = {properties.begin(), properties.end()},
                                  .links_to = path_bytes(links_to),
                                  .linked_from = path_bytes(linked_from)};
            // Only the query string: searched as written, as the CLI does.
            const bool written_only = parts == kb::Query{.text = query};
            auto results = unwrap(without_gil([&] {
              return written_only ? o.kb->search(query, options) : o.kb->search(parts, options);
            }));
            for (const std::string& warning : results.warnings) {
              if (PyErr_WarnEx(query_warning.ptr(), warning.c_str(), 1) != 0) {
                throw py::error_already_set();
              }
            }
            return std::move(results.hits);
          },
          kSearchDoc, py::arg("query") = "", py::arg("limit") = 10, py::arg("offset") = 0,
          py::arg("sort") = "relevance", py::arg("lines") = false, py::kw_only(),
          py::arg("words") = Strings{}, py::arg("phrases") = Strings{},
          py::arg("any_words") = Strings{}, py::arg("without_words") = Strings{},
          py::arg("tags") = Strings{}, py::arg("without_tags") = Strings{}, py::arg("folder") = py::str(""),
          py::arg("date_from") = "", py::arg("date_to") = "", py::arg("language") = "",
          py::arg("properties") = std::map<std::string, std::string>{}, py::arg("links_to") = py::str(""),
          py::arg("linked_from") = py::str(""))
      .def(
          "note",
          [](KbObject& o, const py::object& path) {
            const std::string p = path_bytes(path);
            return unwrap(without_gil([&] { return o.kb->note(p); }));
          },
          "note(path) -> Note\n\n"
          "The indexed note at `path`, read and parsed from its file now (title,\n"
          "date, tags, headings, links, aliases, front-matter fields).\n"
          "NotFoundError when the index holds no note at `path`.",
          py::arg("path"))
      .def(
          "find_notes",
          [](KbObject& o, const py::object& spec) {
            const std::string name = path_bytes(spec);
            return paths_to_list(unwrap(without_gil([&] { return o.kb->find_notes(name); })));
          },
          "find_notes(spec) -> list[str]\n\n"
          "The paths of the notes `spec` names: a path (the extension may be left\n"
          "out), else a file stem, else a title or alias, case-insensitively.\n"
          "[] when none; more than one when the name is ambiguous.",
          py::arg("spec"))
      .def(
          "backlinks",
          [](KbObject& o, const py::object& path) {
            const std::string p = path_bytes(path);
            return unwrap(without_gil([&] { return o.kb->backlinks(p); }));
          },
          "backlinks(path) -> list[Link]\n\n"
          "Every line of another note with a link to the note at `path` (its\n"
          "first such link), by source path and line. NotFoundError when the\n"
          "note is not indexed.",
          py::arg("path"))
      .def(
          "links",
          [](KbObject& o, const py::object& path) {
            const std::string p = path_bytes(path);
            return unwrap(without_gil([&] { return o.kb->links(p); }));
          },
          "links(path) -> list[Link]\n\n"
          "Every link of the note at `path`, in line order, resolved (Link.status).\n"
          "NotFoundError when the note is not indexed.",
          py::arg("path"))
      .def(
          "broken", [](KbObject& o) { return unwrap(without_gil([&] { return o.kb->broken(); })); },
          "broken() -> list[Link]\n\n"
          "Every broken, broken-anchor and ambiguous link of the knowledge base,\n"
          "broken ones with a Link.suggestion.")
      .def(
          "orphans",
          [](KbObject& o) {
            return paths_to_list(unwrap(without_gil([&] { return o.kb->orphans(); })));
          },
          "orphans() -> list[str]\n\nThe paths of the notes no other note links to.")
      .def(
          "mentions",
          [](KbObject& o, const py::object& path) {
            const std::string p = path_bytes(path);
            return unwrap(without_gil([&] { return o.kb->mentions(p); }));
          },
          "mentions(path) -> list[Link]\n\n"
          "Lines of other notes that name the note at `path` (file stem, title or\n"
          "alias) without linking to it; Link.text is the mention.",
          py::arg("path"))
      .def(
          "related",
          [](KbObject& o, const py::object& path, std::size_t limit) {
            const std::string p = path_bytes(path);
            return unwrap(without_gil([&] { return o.kb->related(p, limit); }));
          },
          "related(path, limit=10) -> list[Related]\n\n"
          "Notes related to the note at `path` by links, shared tags and link\n"
          "targets and similar words, best first, each with its reasons.",
          py::arg("path"), py::arg("limit") = 10)
      .def(
          "tags",
          [](KbObject& o, const std::string& prefix) {
            return tag_counts(unwrap(without_gil([&] { return o.kb->tags(prefix); })));
          },
          "tags(prefix=\"\") -> list[TagCount]\n\n"
          "Each tag that is `prefix` or below it (all of them by default) as a\n"
          "(name, count) named tuple, by name; count is the number of notes with\n"
          "the tag or one below it. dict(kb.tags()) maps names to counts.",
          py::arg("prefix") = "")
      .def(
          "refresh",
          [](KbObject& o) { return unwrap(without_gil([&] { return o.kb->refresh(); })); },
          "refresh() -> RefreshReport\n\n"
          "Brings the index in line with the files (new, changed and deleted\n"
          "notes), then reads the new state. Problems with input files do not\n"
          "raise: they are in RefreshReport.problems. LockedError when another\n"
          "process is writing the index (see lock_wait).")
      .def(
          "close", [](KbObject& o) { o.kb->close(); },
          "close()\n\nReleases the index; later calls raise InvalidArgumentError.")
      .def("__enter__", [](py::object self) { return self; })
      .def("__exit__", [](KbObject& o, const py::args&) { o.kb->close(); })
      .def("__repr__", [](const KbObject& o) {
        return py::str("KB({!r}{})")
            .format(path_to_str(o.kb->root().string()), o.kb->closed() ? ", closed" : "");
      });
}

}  // namespace

void define_kb_class(py::module_& m) {
  py::object query_warning = py::reinterpret_steal<py::object>(PyErr_NewExceptionWithDoc(
      "kbsearch.QueryWarning",
      "Part of a query was dropped or read otherwise than written (a dangling\n"
      "OR, an unclosed parenthesis); the search ran without it.",
      PyExc_UserWarning, nullptr));
  if (!query_warning) throw py::error_already_set();
  m.attr("QueryWarning") = query_warning;
  define_kb(m, query_warning);
}

}  // namespace kbpy
