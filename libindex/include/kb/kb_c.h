/* kb_c.h: the C API of the kb::index library (kbsearch).
 *
 * A small C11 API over the C++ library, modelled on notmuch's: opaque
 * handles, a status code from every call that can fail, and results read
 * through iterators (kb_hits_t, kb_links_t, kb_strings_t, kb_tags_t).
 *
 * Handles. Two, because writing and reading are separate in the library:
 * - kb_index_t writes the index (kb::Index): it holds the knowledge base's
 *   writer lock while open, so at most one per knowledge base at a time.
 * - kb_t reads it: one handle owns both a kb::Searcher and a kb::LinkGraph,
 *   since they read the same index, open and close together, and a caller
 *   asking for backlinks of a hit should not juggle two handles. It reads
 *   the index as committed when it was opened, and moves to the latest
 *   commit when a busy writer has recycled that revision (as kb::Searcher
 *   does); open a new kb_t to see a later update for certain.
 *
 * What it wraps: building and refreshing the index, searching (a written
 * query or a kb_query_t), reading a note, backlinks, outgoing and broken
 * links, mentions, orphans, note names and tags. Related notes, the graph
 * and watching are C++ only (kb/link_graph.h, kb/watcher.h) for now.
 *
 * Errors. Every function that can fail returns a kb_status_t;
 * KB_STATUS_SUCCESS is 0. A failing call also stores a message, readable
 * with kb_last_error(), that names what failed (the file, folder or query)
 * and why. The message is per thread (thread-local), not per handle, so it
 * is there also for a kb_open() that made no handle. No C++ exception ever
 * crosses this API: an exception inside becomes KB_STATUS_INTERNAL (out of
 * memory: KB_STATUS_OUT_OF_MEMORY). A function that hands out an object
 * through an out-pointer sets *out to NULL when it fails, so that a
 * caller may destroy *out whatever the status.
 *
 * NULL. A NULL handle, string or out-pointer given to a function that
 * returns kb_status_t gives KB_STATUS_INVALID_ARGUMENT, naming the
 * argument. Accessors (kb_hit_title(), ...) given NULL return NULL, 0 or
 * false. Destroy functions accept NULL and do nothing.
 *
 * Ownership. Every object a kb_*_open(), kb_*_create() or query function
 * hands out is the caller's, freed with its own destroy/close function.
 * Result objects (kb_hits_t, kb_links_t, kb_strings_t, kb_tags_t,
 * kb_note_t) hold copies of their data: they may outlive the kb_t that made
 * them. An element (kb_hit_t, kb_link_t) and every const char* read from
 * one lives as long as the result object it came from, until its destroy.
 * Strings are UTF-8 and NUL-terminated, except note paths: they hold the
 * bytes of the file's name, which need not be UTF-8.
 *
 * Threads. A handle or result object is used by one thread at a time;
 * separate handles may be used in parallel, also in one process while a
 * kb_index_t writes.
 *
 * Iterators, as notmuch's:
 *     kb_hits_t *hits;
 *     if (kb_search(kb, "attention", NULL, &hits) == KB_STATUS_SUCCESS) {
 *       for (; kb_hits_valid(hits); kb_hits_move_to_next(hits))
 *         puts(kb_hit_path(kb_hits_get(hits)));
 *       kb_hits_destroy(hits);
 *     }
 *
 * From C++: include this header (the extern "C" guards make it usable
 * there) and link the same library. It is not in the C++ umbrella
 * kb/kb.h, which is the C++ API's.
 */
#ifndef KB_KB_C_H_
#define KB_KB_C_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Exported from the shared library however it is built (notmuch.h does
 * the same): a build with -fvisibility=hidden still exports the C API. */
#pragma GCC visibility push(default)

/* ---- Errors ---------------------------------------------------------- */

/* The codes of kb::Code (kb/status.h), in its order, and one of C's own. */
typedef enum {
  KB_STATUS_SUCCESS = 0,
  KB_STATUS_NOT_FOUND,         /* a file, folder, note or index that does not exist */
  KB_STATUS_INVALID_ARGUMENT,  /* NULL, an empty query, a value out of range */
  KB_STATUS_IO_ERROR,          /* the operating system refused a read or write */
  KB_STATUS_PARSE_ERROR,       /* a malformed query ("tag:" without a value) */
  KB_STATUS_CORRUPTION,        /* the index is damaged */
  KB_STATUS_LOCKED,            /* another process holds the index for writing */
  KB_STATUS_VERSION_MISMATCH,  /* the index was written by an incompatible version */
  KB_STATUS_INTERNAL,          /* a bug or an unexpected library failure */
  KB_STATUS_OUT_OF_MEMORY      /* an allocation failed */
} kb_status_t;

/* A stable lower-case name of `status` ("not-found", "parse-error", as
 * kb::code_name()); "unknown" for a value outside the enum. Static storage;
 * thread-safe. */
const char *kb_status_to_string(kb_status_t status);

/* The message of the last call on this thread that returned a status other
 * than KB_STATUS_SUCCESS: "SUBJECT: WHY", the subject a path, folder or
 * query. "" before any failure. Successful calls leave it as it was. The
 * string lives until the next failing call on this thread. */
const char *kb_last_error(void);

/* "MAJOR.MINOR.PATCH" of the library linked in. Static storage. */
const char *kb_version(void);

/* ---- Writing the index: kb_index_t ----------------------------------- */

typedef struct kb_index_options_s kb_index_options_t;
typedef struct kb_index_s kb_index_t;

/* How links are read (kb/crawler.h, kb::LinkDialect). */
typedef enum {
  KB_LINK_DIALECT_AUTO = 0,  /* by the markers found (.obsidian/, _config.yml) */
  KB_LINK_DIALECT_STRICT,
  KB_LINK_DIALECT_OBSIDIAN,
  KB_LINK_DIALECT_SITE
} kb_link_dialect_t;

/* Called for each problem with an input file during kb_index_update() (and
 * with the config files at kb_index_open()), on that thread: `path` is
 * relative to the root, `line` 0 when not about a line, `message` says
 * what is wrong. The strings live for the call only. `data` is what
 * kb_index_options_set_diagnostic_callback() was given. */
typedef void (*kb_diagnostic_fn)(const char *path, int line, const char *message, void *data);

/* Options are set through functions, not a struct the caller fills: a
 * later option is a new function, so a program compiled against this
 * header keeps working with a newer library (no struct size or layout to
 * agree on), and each value is checked where it is set.
 *
 * kb_index_options_create: the defaults of kb::IndexOptions (durable, no
 * rebuild, no excludes, dialect and excludes from `.kbsearch.toml`).
 * Errors: INVALID_ARGUMENT (out is NULL), OUT_OF_MEMORY. */
kb_status_t kb_index_options_create(kb_index_options_t **out);
void kb_index_options_destroy(kb_index_options_t *options);

/* Flush every commit to disk (default true; tests turn it off). */
kb_status_t kb_index_options_set_durable(kb_index_options_t *options, bool durable);
/* Delete the index and build it anew at the next update (default false). */
kb_status_t kb_index_options_set_rebuild(kb_index_options_t *options, bool rebuild);
/* One more pattern of notes or folders to leave out, gitignore syntax,
 * after those of the config files. The string is copied. */
kb_status_t kb_index_options_add_exclude(kb_index_options_t *options, const char *pattern);
/* The link dialect, over the config files' (INVALID_ARGUMENT outside the
 * enum). */
kb_status_t kb_index_options_set_link_dialect(kb_index_options_t *options,
                                              kb_link_dialect_t dialect);
/* The user config file (TOML, cli/README.md "Configuration") laid under
 * the knowledge base's `.kbsearch.toml`; the string is copied. Without it
 * only `.kbsearch.toml` is read. With it, or with a link dialect set, the
 * config files are read once, at kb_index_open(); without either,
 * `.kbsearch.toml` is read again at each kb_index_update(). A missing file
 * is no error; a bad one is reported to the diagnostic callback. */
kb_status_t kb_index_options_set_config_file(kb_index_options_t *options, const char *path);
/* Where problems with input files go (default: nowhere; they are still
 * skipped or read as well as they can be). `fn` must not call back into
 * this kb_index_t. */
kb_status_t kb_index_options_set_diagnostic_callback(kb_index_options_t *options,
                                                     kb_diagnostic_fn fn, void *data);

/* Opens the index of the knowledge base at the folder `root`, creating
 * `<root>/.kbsearch/` when there is none; `options` may be NULL for the
 * defaults, and is copied (destroy it when you like). Takes the writer
 * lock until kb_index_close().
 * Errors: NOT_FOUND (root is not a folder), LOCKED (another process
 * writes; the message names it), VERSION_MISMATCH, CORRUPTION, IO_ERROR,
 * INVALID_ARGUMENT (root or out NULL; `.kbsearch` a symbolic link). */
kb_status_t kb_index_open(const char *root, const kb_index_options_t *options,
                          kb_index_t **out);

/* Brings the index in line with the notes on disk (kb::Index::update()):
 * reads new and changed notes, drops deleted ones, commits. A note that
 * cannot be read goes to the diagnostic callback and the rest goes on.
 * Errors: IO_ERROR, CORRUPTION, INTERNAL (a callback threw). */
kb_status_t kb_index_update(kb_index_t *index);

/* The number of notes in the index, into *count. */
kb_status_t kb_index_note_count(kb_index_t *index, size_t *count);

/* Commits what is pending, releases the lock and frees `index`; NULL is
 * fine. Errors at that commit are lost (kb_index_update() commits). */
void kb_index_close(kb_index_t *index);

/* ---- Reading the index: kb_t ----------------------------------------- */

typedef struct kb_s kb_t;

/* Opens the index of the knowledge base at `root` for reading: search,
 * notes, links, tags. Does not refresh it (kb_index_update() does).
 * Errors: NOT_FOUND (no such folder, or no index in it: build one with
 * kb_index_update()), VERSION_MISMATCH, CORRUPTION, INVALID_ARGUMENT. */
kb_status_t kb_open(const char *root, kb_t **out);

/* Frees `kb`; NULL is fine. Result objects it made stay valid. */
void kb_close(kb_t *kb);

/* ---- Searching ------------------------------------------------------- */

typedef struct kb_search_options_s kb_search_options_t;
typedef struct kb_hits_s kb_hits_t;
typedef struct kb_hit_s kb_hit_t;

typedef enum {
  KB_SORT_RELEVANCE = 0,  /* best match first */
  KB_SORT_DATE,           /* newest first */
  KB_SORT_PATH,           /* by path, bytewise */
  KB_SORT_TITLE           /* by title, case-insensitively */
} kb_sort_t;

/* Search options, set through functions as the index options are (same
 * reason). Defaults: limit 20, offset 0, by relevance, no matching lines.
 * Errors: INVALID_ARGUMENT (out NULL), OUT_OF_MEMORY. */
kb_status_t kb_search_options_create(kb_search_options_t **out);
void kb_search_options_destroy(kb_search_options_t *options);
/* At most `limit` hits; SIZE_MAX for all. */
kb_status_t kb_search_options_set_limit(kb_search_options_t *options, size_t limit);
/* Skip the first `offset` hits. */
kb_status_t kb_search_options_set_offset(kb_search_options_t *options, size_t offset);
/* INVALID_ARGUMENT for a value outside kb_sort_t. */
kb_status_t kb_search_options_set_sort(kb_search_options_t *options, kb_sort_t sort);
/* Read each hit's file to find its matching lines, at most `count` per
 * note, so that kb_hit_column() is known (default 0: not read). */
kb_status_t kb_search_options_set_matching_lines(kb_search_options_t *options, size_t count);

/* Runs `query` (the query language of `kbsearch`: words, "phrases", OR,
 * NOT, prefix*, tag:, path:, date:, linkto:, ...) with `options` (NULL for
 * the defaults), into a new iterator *out at its first hit.
 * Errors: PARSE_ERROR (a malformed query, e.g. "tag:" without a value; the
 * message names the query), INVALID_ARGUMENT (empty query, or past the
 * query limits), CORRUPTION. */
kb_status_t kb_search(kb_t *kb, const char *query, const kb_search_options_t *options,
                      kb_hits_t **out);

/* A query built from parts (kb/query.h): for programs whose words, tags
 * or folders come from their own data. Nothing in a value is query syntax
 * (a tag "Daily Talk", a word "OR"); the parts are ANDed. Set through
 * functions, as the options are. The values are copied. */
typedef struct kb_query_s kb_query_t;

/* Parts that take any number of values, each added on its own. */
typedef enum {
  KB_QUERY_WORD = 0,       /* the note has the word (a Chinese word as a substring) */
  KB_QUERY_PHRASE,         /* the note has the exact phrase */
  KB_QUERY_ANY_WORD,       /* the note has at least one of the values added so */
  KB_QUERY_WITHOUT_WORD,   /* the note does not have the word */
  KB_QUERY_TAG,            /* the note has the tag or one below it, as tag: */
  KB_QUERY_WITHOUT_TAG     /* the note has neither the tag nor one below it */
} kb_query_list_t;

/* Parts that take one value; setting one again replaces it, "" clears it. */
typedef enum {
  KB_QUERY_TEXT = 0,       /* written query syntax, as kb_search() reads it */
  KB_QUERY_FOLDER,         /* only notes under this folder, as path: */
  KB_QUERY_DATE_FROM,      /* dated on or after, as the start of date:FROM..TO */
  KB_QUERY_DATE_TO,        /* dated on or before */
  KB_QUERY_LANGUAGE,       /* "zh" or "en", as lang: */
  KB_QUERY_LINKS_TO,       /* only notes that link to this note, as linkto: */
  KB_QUERY_LINKED_FROM     /* only notes this note links to, as linkedby: */
} kb_query_field_t;

/* A new, empty query in *out; free it with kb_query_destroy().
 * Errors: INVALID_ARGUMENT (out NULL), OUT_OF_MEMORY. */
kb_status_t kb_query_create(kb_query_t **out);
void kb_query_destroy(kb_query_t *query);
/* Adds `value` to the list `part`. INVALID_ARGUMENT for a NULL argument or
 * a value outside kb_query_list_t. */
kb_status_t kb_query_add(kb_query_t *query, kb_query_list_t part, const char *value);
/* Sets the one-valued `field`. INVALID_ARGUMENT as kb_query_add(). */
kb_status_t kb_query_set(kb_query_t *query, kb_query_field_t field, const char *value);
/* Adds the filter "front-matter `key` has `value`", as fm.KEY:VALUE, with
 * no quoting needed for spaces. INVALID_ARGUMENT for a NULL argument. */
kb_status_t kb_query_add_property(kb_query_t *query, const char *key, const char *value);

/* Runs `query` as kb_search() runs a written one: the same ranking and
 * hits. Errors as kb_search(): INVALID_ARGUMENT also when every part is
 * empty; PARSE_ERROR for a malformed date, language or property, or an
 * unknown links-to note, the message naming the part. */
kb_status_t kb_search_query(kb_t *kb, const kb_query_t *query, const kb_search_options_t *options,
                            kb_hits_t **out);

/* True while the iterator is at a hit. */
bool kb_hits_valid(const kb_hits_t *hits);
/* The current hit, owned by `hits` (valid until kb_hits_destroy()); NULL
 * when !kb_hits_valid(). */
const kb_hit_t *kb_hits_get(const kb_hits_t *hits);
/* Moves to the next hit; past the last, kb_hits_valid() turns false. */
void kb_hits_move_to_next(kb_hits_t *hits);
/* An estimate of all matching notes, not only those in this page. */
size_t kb_hits_estimated_total(const kb_hits_t *hits);
void kb_hits_destroy(kb_hits_t *hits);

/* A hit's fields (kb/searcher.h, kb::Hit); the strings live as its hits. */
const char *kb_hit_path(const kb_hit_t *hit);   /* relative to the root */
const char *kb_hit_title(const kb_hit_t *hit);
const char *kb_hit_date(const kb_hit_t *hit);   /* ISO 8601 */
int kb_hit_line(const kb_hit_t *hit);           /* best-matching line, 1-based; 0 unknown */
int kb_hit_column(const kb_hit_t *hit);         /* 1-based byte column; 1 unless matching lines */
double kb_hit_score(const kb_hit_t *hit);       /* comparable within one search only */
const char *kb_hit_line_text(const kb_hit_t *hit);  /* the best line, markup removed */
const char *kb_hit_snippet(const kb_hit_t *hit);    /* a short extract around the match */
/* The highlights of the snippet: byte ranges [begin, end) of
 * kb_hit_snippet(). INVALID_ARGUMENT when an argument is NULL or `i` is
 * not below the count. */
size_t kb_hit_highlights_count(const kb_hit_t *hit);
kb_status_t kb_hit_highlight(const kb_hit_t *hit, size_t i, size_t *begin, size_t *end);
/* The note's distinct tag names; kb_hit_tag() is NULL when `i` is not
 * below the count. */
size_t kb_hit_tags_count(const kb_hit_t *hit);
const char *kb_hit_tag(const kb_hit_t *hit, size_t i);

/* ---- Reading a note -------------------------------------------------- */

typedef struct kb_note_s kb_note_t;

/* Reads and parses the indexed note at `path` (relative to the root) from
 * disk, as the index reads it. Errors: NOT_FOUND (the index holds no note
 * at `path`, as for a hidden or ignored file, or the file is gone),
 * IO_ERROR, INVALID_ARGUMENT (not a note any more: binary, too large). */
kb_status_t kb_read_note(kb_t *kb, const char *path, kb_note_t **out);
void kb_note_destroy(kb_note_t *note);

/* The note's fields (kb/note.h, kb::Note); strings live as the note. */
const char *kb_note_path(const kb_note_t *note);
const char *kb_note_title(const kb_note_t *note);
const char *kb_note_date(const kb_note_t *note);  /* ISO 8601, or "" */
/* Distinct tag names in order of first use; NULL when `i` is past them. */
size_t kb_note_tags_count(const kb_note_t *note);
const char *kb_note_tag(const kb_note_t *note, size_t i);
/* Headings in file order: text without markup, level 1-6, file line.
 * Text NULL and level and line 0 when `i` is past them. */
size_t kb_note_headings_count(const kb_note_t *note);
const char *kb_note_heading_text(const kb_note_t *note, size_t i);
int kb_note_heading_level(const kb_note_t *note, size_t i);
int kb_note_heading_line(const kb_note_t *note, size_t i);
/* Every link written in the note, as kb_outgoing_links() lists them but
 * not resolved. */
size_t kb_note_links_count(const kb_note_t *note);

/* ---- Links ----------------------------------------------------------- */

typedef struct kb_links_s kb_links_t;
typedef struct kb_link_s kb_link_t;

/* Each into a new iterator *out. For a `path` that is not indexed:
 * NOT_FOUND. Errors otherwise: CORRUPTION, IO_ERROR.
 * kb_backlinks: every line of another note that links to the note at
 *   `path`, by source path and line.
 * kb_outgoing_links: every link of the note at `path`, in line order.
 * kb_broken_links: every broken, broken-anchor and ambiguous link.
 * kb_mentions: lines of other notes that name the note at `path` (file
 *   stem, title, alias) without linking to it; the name is kb_link_text(). */
kb_status_t kb_backlinks(kb_t *kb, const char *path, kb_links_t **out);
kb_status_t kb_outgoing_links(kb_t *kb, const char *path, kb_links_t **out);
kb_status_t kb_broken_links(kb_t *kb, kb_links_t **out);
kb_status_t kb_mentions(kb_t *kb, const char *path, kb_links_t **out);

bool kb_links_valid(const kb_links_t *links);
/* The current link, owned by `links`; NULL when !kb_links_valid(). */
const kb_link_t *kb_links_get(const kb_links_t *links);
void kb_links_move_to_next(kb_links_t *links);
void kb_links_destroy(kb_links_t *links);

/* A link's fields (kb/link_graph.h, kb::ResolvedLink); strings live as its
 * links. */
const char *kb_link_source(const kb_link_t *link);   /* the note it is in */
/* The note or file it resolves to; "" for broken, external and ambiguous
 * links without a tie-break. */
const char *kb_link_target(const kb_link_t *link);
/* "resolved", "broken", "broken-anchor", "ambiguous" or "external". */
const char *kb_link_status(const kb_link_t *link);
const char *kb_link_raw(const kb_link_t *link);      /* the destination as written */
const char *kb_link_text(const kb_link_t *link);     /* link text, alt text or alias */
const char *kb_link_context(const kb_link_t *link);  /* its line, markup removed */
int kb_link_line(const kb_link_t *link);             /* 1-based file line */

/* ---- Lists: orphans, note names, tags -------------------------------- */

typedef struct kb_strings_s kb_strings_t;
typedef struct kb_tags_s kb_tags_t;

/* kb_orphans: the notes no other note links to, by path.
 * kb_find_notes: the notes `spec` names (a path, with or without its
 *   extension, a file stem, a title or alias): none, one, or several when
 *   ambiguous. Errors: CORRUPTION, IO_ERROR. */
kb_status_t kb_orphans(kb_t *kb, kb_strings_t **out);
kb_status_t kb_find_notes(kb_t *kb, const char *spec, kb_strings_t **out);

bool kb_strings_valid(const kb_strings_t *strings);
/* The current string, owned by `strings`; NULL when !kb_strings_valid(). */
const char *kb_strings_get(const kb_strings_t *strings);
void kb_strings_move_to_next(kb_strings_t *strings);
void kb_strings_destroy(kb_strings_t *strings);

/* Each tag whose name is `prefix` or below it ("LLM" gives "LLM" and
 * "LLM/attention"; NULL or "" for all), by name, with its number of notes
 * (those with it or a tag below it). */
kb_status_t kb_tags(kb_t *kb, const char *prefix, kb_tags_t **out);

bool kb_tags_valid(const kb_tags_t *tags);
/* The current tag's name (the spelling most notes use), owned by `tags`;
 * NULL when !kb_tags_valid(). */
const char *kb_tags_get_name(const kb_tags_t *tags);
/* The current tag's number of notes; 0 when !kb_tags_valid(). */
size_t kb_tags_get_notes(const kb_tags_t *tags);
void kb_tags_move_to_next(kb_tags_t *tags);
void kb_tags_destroy(kb_tags_t *tags);

#pragma GCC visibility pop

#ifdef __cplusplus
}
#endif

#endif /* KB_KB_C_H_ */
