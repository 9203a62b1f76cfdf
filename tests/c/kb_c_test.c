/* The C API (kb/kb_c.h) from C11: builds the index of a copy of
 * fixtures/kb, searches it, reads a note, its backlinks, tags and orphans,
 * and checks the error paths. Usage: kb_c_test FIXTURES_DIR */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kb/kb_c.h"

/* Prints what failed, with kb_last_error(), and ends the test. */
#define CHECK(cond)                                                              \
  do {                                                                           \
    if (!(cond)) {                                                               \
      fprintf(stderr, "%s:%d: CHECK(%s) failed; kb_last_error: %s\n", __FILE__, \
              __LINE__, #cond, kb_last_error());                                 \
      exit(1);                                                                   \
    }                                                                            \
  } while (0)
#define CHECK_STATUS(call, expected) CHECK((call) == (expected))
#define CHECK_OK(call) CHECK_STATUS(call, KB_STATUS_SUCCESS)

static char root[4096];

/* At exit, also after a failed check: no CHECK here (exit() again). */
static void remove_copy(void) {
  char command[9000];
  snprintf(command, sizeof command, "rm -rf '%.*s'", (int)(strlen(root) - 3), root);
  if (system(command) != 0) fprintf(stderr, "kb_c_test: could not remove %s\n", root);
}

/* A copy of fixtures/kb in a new temporary folder, so that the index is
 * written there and not into the source tree. */
static void copy_fixture(const char *fixtures) {
  char dir[] = "/tmp/kb_c_test.XXXXXX";
  CHECK(mkdtemp(dir) != NULL);
  snprintf(root, sizeof root, "%s/kb", dir);
  CHECK(atexit(remove_copy) == 0);
  char command[9000];
  snprintf(command, sizeof command, "cp -r '%s/kb' '%s'", fixtures, root);
  CHECK(system(command) == 0);
}

/* Each diagnostic of the build, as the callback counts them. */
struct diagnostics {
  int count;
  int broken_front_matter; /* those naming edge/broken-frontmatter.md */
  int config_typo;         /* those naming config.toml and its key "exclud" */
};

static void on_diagnostic(const char *path, int line, const char *message, void *data) {
  struct diagnostics *seen = data;
  CHECK(path != NULL && message != NULL && line >= 0);
  seen->count++;
  if (strstr(path, "config.toml") != NULL && strstr(message, "exclud") != NULL) seen->config_typo++;
  if (strcmp(path, "edge/broken-frontmatter.md") == 0) seen->broken_front_matter++;
}

static void build_index(void) {
  kb_index_options_t *options;
  CHECK_OK(kb_index_options_create(&options));
  CHECK_OK(kb_index_options_set_durable(options, false));
  struct diagnostics seen = {0, 0, 0};
  CHECK_OK(kb_index_options_set_diagnostic_callback(options, on_diagnostic, &seen));

  kb_index_t *index;
  CHECK_OK(kb_index_open(root, options, &index));
  kb_index_options_destroy(options);
  CHECK_OK(kb_index_update(index));
  /* Two notes have problems: the bad front matter, named, and a repaired
   * mojibake note; both are indexed all the same. */
  CHECK(seen.count == 2);
  CHECK(seen.broken_front_matter == 1);
  size_t notes = 0;
  CHECK_OK(kb_index_note_count(index, &notes));
  CHECK(notes == 41); /* every *.md and *.markdown of fixtures/kb but .hidden/ and .obsidian/ */

  /* One writer at a time, in one process too. */
  kb_index_t *second = NULL;
  CHECK_STATUS(kb_index_open(root, NULL, &second), KB_STATUS_LOCKED);
  CHECK(second == NULL);
  kb_index_close(index);
}

/* Whether `hits` holds a hit at `path`, moving it past that hit. */
static int hits_contain(kb_hits_t *hits, const char *path) {
  for (; kb_hits_valid(hits); kb_hits_move_to_next(hits)) {
    if (strcmp(kb_hit_path(kb_hits_get(hits)), path) == 0) return 1;
  }
  return 0;
}

static void search_english(kb_t *kb) {
  kb_search_options_t *options;
  CHECK_OK(kb_search_options_create(&options));
  CHECK_OK(kb_search_options_set_matching_lines(options, 1));
  CHECK_STATUS(kb_search_options_set_sort(options, (kb_sort_t)42), KB_STATUS_INVALID_ARGUMENT);
  kb_hits_t *hits;
  CHECK_OK(kb_search(kb, "attention softmax", options, &hits));
  kb_search_options_destroy(options);
  CHECK(kb_hits_valid(hits));
  const kb_hit_t *best = kb_hits_get(hits);
  /* The note whose title is both words ranks first. */
  CHECK(strcmp(kb_hit_path(best), "English/attention-notes.md") == 0);
  CHECK(strcmp(kb_hit_title(best), "Notes on Attention and Softmax Temperature") == 0);
  /* "# Notes on Attention and Softmax Temperature": the first match is at
   * byte 12 of line 9. */
  CHECK(kb_hit_line(best) == 9);
  CHECK(kb_hit_column(best) == 12);
  CHECK(kb_hit_score(best) > 0);
  /* Each highlight is one of the words, in the snippet. */
  const char *snippet = kb_hit_snippet(best);
  CHECK(kb_hit_highlights_count(best) >= 2);
  for (size_t i = 0; i < kb_hit_highlights_count(best); i++) {
    size_t begin = 0, end = 0;
    CHECK_OK(kb_hit_highlight(best, i, &begin, &end));
    CHECK(begin < end && end <= strlen(snippet));
    CHECK((end - begin == 9 && strncmp(snippet + begin, "Attention", 9) == 0) ||
          (end - begin == 7 && strncmp(snippet + begin, "Softmax", 7) == 0));
  }
  size_t past = 0, unused = 0;
  CHECK_STATUS(kb_hit_highlight(best, kb_hit_highlights_count(best), &past, &unused),
               KB_STATUS_INVALID_ARGUMENT);
  /* The Chinese note on attention explains softmax too, in English words. */
  CHECK(hits_contain(hits, "混合/注意力机制笔记.md"));
  kb_hits_destroy(hits);
}

/* Whether a hit has a tag "LLM" (tags compare case-insensitively). */
static int tagged_llm(const kb_hit_t *hit) {
  for (size_t i = 0; i < kb_hit_tags_count(hit); i++) {
    const char *tag = kb_hit_tag(hit, i);
    if (strlen(tag) == 3 && strchr("lL", tag[0]) && strchr("lL", tag[1]) && strchr("mM", tag[2]))
      return 1;
  }
  return 0;
}

static void search_chinese_with_tag(kb_t *kb) {
  kb_search_options_t *options;
  CHECK_OK(kb_search_options_create(&options));
  CHECK_OK(kb_search_options_set_limit(options, SIZE_MAX));
  CHECK_OK(kb_search_options_set_sort(options, KB_SORT_PATH));
  kb_hits_t *hits;
  CHECK_OK(kb_search(kb, "注意力 tag:LLM", options, &hits));
  kb_search_options_destroy(options);
  /* The notes tagged LLM that speak of 注意力, by path: the attention note
   * and the three papers read closely. */
  const char *expected[] = {"大模型LM/文献精读/BERT.md", "大模型LM/文献精读/GPT.md",
                            "大模型LM/文献精读/Transformer.md", "混合/注意力机制笔记.md"};
  size_t n = 0;
  for (; kb_hits_valid(hits); kb_hits_move_to_next(hits), n++) {
    const kb_hit_t *hit = kb_hits_get(hits);
    CHECK(n < 4);
    CHECK(strcmp(kb_hit_path(hit), expected[n]) == 0);
    CHECK(tagged_llm(hit));
    CHECK(kb_hit_tag(hit, kb_hit_tags_count(hit)) == NULL);
  }
  CHECK(n == 4);
  CHECK(kb_hits_get(hits) == NULL);
  kb_hits_destroy(hits);
}

/* The number of hits of `query`, every hit; `path` when given is the one
 * hit expected. */
static size_t structured_hits(kb_t *kb, const kb_query_t *query, const char *path) {
  kb_search_options_t *options;
  CHECK_OK(kb_search_options_create(&options));
  CHECK_OK(kb_search_options_set_limit(options, SIZE_MAX));
  kb_hits_t *hits;
  CHECK_OK(kb_search_query(kb, query, options, &hits));
  kb_search_options_destroy(options);
  size_t n = 0;
  for (; kb_hits_valid(hits); kb_hits_move_to_next(hits), n++) {
    if (path != NULL) CHECK(strcmp(kb_hit_path(kb_hits_get(hits)), path) == 0);
  }
  kb_hits_destroy(hits);
  return n;
}

static void search_structured(kb_t *kb) {
  kb_query_t *query;
  /* The parts of "注意力 tag:LLM" find its four notes. */
  CHECK_OK(kb_query_create(&query));
  CHECK_OK(kb_query_add(query, KB_QUERY_WORD, "注意力"));
  CHECK_OK(kb_query_add(query, KB_QUERY_TAG, "LLM"));
  CHECK(structured_hits(kb, query, NULL) == 4);
  kb_query_destroy(query);
  /* A tag with a space, which no written query can say: one weekly report
   * of posts/ has 'Daily Talk' in its front matter. */
  CHECK_OK(kb_query_create(&query));
  CHECK_OK(kb_query_add(query, KB_QUERY_TAG, "Daily Talk"));
  CHECK(structured_hits(kb, query, "posts/003_6d4cd4a21d58f612.md") == 1);
  /* A field written in a word is text ("lang" and "zh"), not a filter. */
  CHECK_OK(kb_query_add(query, KB_QUERY_WORD, "lang:zh"));
  CHECK(structured_hits(kb, query, NULL) == 0);
  kb_query_destroy(query);
  /* Errors name the part; bad enum values and NULLs are refused. */
  CHECK_OK(kb_query_create(&query));
  CHECK_OK(kb_query_set(query, KB_QUERY_DATE_FROM, "soon"));
  kb_hits_t *hits;
  CHECK_STATUS(kb_search_query(kb, query, NULL, &hits), KB_STATUS_PARSE_ERROR);
  CHECK(strstr(kb_last_error(), "date_from") != NULL);
  CHECK_STATUS(kb_query_add(query, (kb_query_list_t)99, "x"), KB_STATUS_INVALID_ARGUMENT);
  CHECK_STATUS(kb_query_set(query, KB_QUERY_FOLDER, NULL), KB_STATUS_INVALID_ARGUMENT);
  CHECK_STATUS(kb_search_query(kb, NULL, NULL, &hits), KB_STATUS_INVALID_ARGUMENT);
  kb_query_destroy(query);
  CHECK_OK(kb_query_create(&query));
  CHECK_STATUS(kb_search_query(kb, query, NULL, &hits), KB_STATUS_INVALID_ARGUMENT); /* empty */
  kb_query_destroy(query);
}

static void read_note(kb_t *kb) {
  kb_note_t *note;
  CHECK_OK(kb_read_note(kb, "大模型LM/文献精读/Transformer.md", &note));
  CHECK(strcmp(kb_note_title(note), "Transformer 精读") == 0);
  CHECK(strncmp(kb_note_date(note), "2024-04-03", 10) == 0);
  CHECK(kb_note_tags_count(note) == 2);
  CHECK(strcmp(kb_note_tag(note, 0), "LLM") == 0);
  CHECK(kb_note_headings_count(note) == 6);
  CHECK(strcmp(kb_note_heading_text(note, 2), "缩放点积注意力") == 0);
  CHECK(kb_note_heading_level(note, 2) == 2 && kb_note_heading_line(note, 2) == 16);
  CHECK(kb_note_heading_text(note, 6) == NULL);
  CHECK(kb_note_links_count(note) >= 1);
  kb_note_destroy(note);
}

static void backlinks(kb_t *kb) {
  kb_links_t *links;
  CHECK_OK(kb_backlinks(kb, "大模型LM/文献精读/Transformer.md", &links));
  /* BERT's notes say "[[Transformer#多头注意力|多头注意力]]" on line 17. */
  int from_bert = 0;
  for (; kb_links_valid(links); kb_links_move_to_next(links)) {
    const kb_link_t *link = kb_links_get(links);
    CHECK(strcmp(kb_link_target(link), "大模型LM/文献精读/Transformer.md") == 0);
    CHECK(strcmp(kb_link_status(link), "resolved") == 0);
    if (strcmp(kb_link_source(link), "大模型LM/文献精读/BERT.md") == 0 &&
        kb_link_line(link) == 17) {
      from_bert = 1;
      CHECK(strstr(kb_link_context(link), "多头注意力") != NULL);
      CHECK(strstr(kb_link_raw(link), "Transformer") != NULL);
    }
  }
  CHECK(from_bert);
  kb_links_destroy(links);
}

/* Whether `links` holds a link from `source` at `line`, moving past it. */
static int links_contain(kb_links_t *links, const char *source, int line) {
  for (; kb_links_valid(links); kb_links_move_to_next(links)) {
    const kb_link_t *link = kb_links_get(links);
    if (strcmp(kb_link_source(link), source) == 0 && kb_link_line(link) == line) return 1;
  }
  return 0;
}

static void other_links(kb_t *kb) {
  kb_links_t *links;
  /* The transformer notes end with a link to BERT's, line 71. */
  CHECK_OK(kb_outgoing_links(kb, "大模型LM/文献精读/Transformer.md", &links));
  CHECK(kb_links_valid(links));
  CHECK(strcmp(kb_link_target(kb_links_get(links)), "大模型LM/文献精读/BERT.md") == 0);
  CHECK(kb_link_line(kb_links_get(links)) == 71);
  kb_links_destroy(links);

  /* broken-links.md names a note that does not exist on line 12. */
  CHECK_OK(kb_broken_links(kb, &links));
  CHECK(links_contain(links, "混合/broken-links.md", 12));
  CHECK(strcmp(kb_link_status(kb_links_get(links)), "broken") == 0);
  kb_links_destroy(links);

  /* The reading list names "the original Transformer paper" without a link. */
  CHECK_OK(kb_mentions(kb, "大模型LM/文献精读/Transformer.md", &links));
  CHECK(links_contain(links, "English/reading-list.md", 11));
  CHECK(strcmp(kb_link_text(kb_links_get(links)), "Transformer") == 0);
  kb_links_destroy(links);

  /* Two notes are called "Graph view": the name is ambiguous. */
  kb_strings_t *names;
  CHECK_OK(kb_find_notes(kb, "Graph view", &names));
  size_t n = 0;
  for (; kb_strings_valid(names); kb_strings_move_to_next(names)) n++;
  CHECK(n == 2);
  kb_strings_destroy(names);
}

static void tags_and_orphans(kb_t *kb) {
  kb_tags_t *tags;
  CHECK_OK(kb_tags(kb, "LLM", &tags));
  CHECK(kb_tags_valid(tags));
  CHECK(strcmp(kb_tags_get_name(tags), "LLM") == 0);
  CHECK(kb_tags_get_notes(tags) == 6);
  kb_tags_destroy(tags);

  kb_strings_t *orphans;
  CHECK_OK(kb_orphans(kb, &orphans));
  int found = 0;
  for (; kb_strings_valid(orphans); kb_strings_move_to_next(orphans)) {
    if (strcmp(kb_strings_get(orphans), "孤立笔记/orphan.md") == 0) found = 1;
    /* The transformer paper is linked from several notes. */
    CHECK(strcmp(kb_strings_get(orphans), "大模型LM/文献精读/Transformer.md") != 0);
  }
  CHECK(found);
  kb_strings_destroy(orphans);
}

static void errors(kb_t *kb) {
  /* A file inside the root that the index leaves out (hidden) is no note:
   * kb_read_note() does not read it. */
  char secret[sizeof root + 16];
  snprintf(secret, sizeof secret, "%s/.secret.md", root);
  FILE *f = fopen(secret, "w");
  CHECK(f != NULL);
  fputs("# Secret\n", f);
  fclose(f);
  kb_note_t *note = NULL;
  CHECK_STATUS(kb_read_note(kb, ".secret.md", &note), KB_STATUS_NOT_FOUND);
  CHECK(note == NULL);

  /* A failed call leaves NULL in *out, whatever was there. */
  kb_hits_t *hits = (kb_hits_t *)&hits;
  CHECK_STATUS(kb_search(kb, "tag:", NULL, &hits), KB_STATUS_PARSE_ERROR);
  CHECK(hits == NULL);
  hits = (kb_hits_t *)&hits;
  CHECK_STATUS(kb_search(NULL, "attention", NULL, &hits), KB_STATUS_INVALID_ARGUMENT);
  CHECK(hits == NULL);
  CHECK(strstr(kb_last_error(), "kb_search: kb is NULL") != NULL);
  CHECK_STATUS(kb_search(kb, NULL, NULL, &hits), KB_STATUS_INVALID_ARGUMENT);
  CHECK_STATUS(kb_search(kb, "attention", NULL, NULL), KB_STATUS_INVALID_ARGUMENT);
  CHECK_STATUS(kb_backlinks(NULL, "x.md", NULL), KB_STATUS_INVALID_ARGUMENT);
  CHECK_STATUS(kb_index_update(NULL), KB_STATUS_INVALID_ARGUMENT);
  CHECK(kb_hit_path(NULL) == NULL && kb_hit_line(NULL) == 0 && !kb_hits_valid(NULL));
  kb_hits_destroy(NULL);

  /* A field without a value: a parse error naming the query. */
  CHECK_STATUS(kb_search(kb, "tag:", NULL, &hits), KB_STATUS_PARSE_ERROR);
  CHECK(strncmp(kb_last_error(), "tag:: ", 6) == 0);
  CHECK(hits == NULL);
  CHECK(strcmp(kb_status_to_string(KB_STATUS_PARSE_ERROR), "parse-error") == 0);

  kb_links_t *links = NULL;
  CHECK_STATUS(kb_backlinks(kb, "no/such-note.md", &links), KB_STATUS_NOT_FOUND);
  CHECK(strstr(kb_last_error(), "no/such-note.md") != NULL);

  char missing[4200];
  snprintf(missing, sizeof missing, "%s/no-such-folder", root);
  kb_t *none = NULL;
  CHECK_STATUS(kb_open(missing, &none), KB_STATUS_NOT_FOUND);
  CHECK(strstr(kb_last_error(), "no-such-folder") != NULL);
  kb_index_t *no_index = NULL;
  CHECK_STATUS(kb_index_open(missing, NULL, &no_index), KB_STATUS_NOT_FOUND);
  CHECK(none == NULL && no_index == NULL);
}

/* A rebuild that leaves out posts/ (by a user config file, which also has
 * a typo) and edge/ (by an option). */
static void rebuild_with_excludes(void) {
  char config[4200];
  snprintf(config, sizeof config, "%.*s/config.toml", (int)(strlen(root) - 3), root);
  FILE *file = fopen(config, "w");
  CHECK(file != NULL);
  fputs("[index]\nexclude = [\"posts/\"]\nexclud = 1\n", file);
  CHECK(fclose(file) == 0);

  kb_index_options_t *options;
  CHECK_OK(kb_index_options_create(&options));
  CHECK_OK(kb_index_options_set_durable(options, false));
  CHECK_OK(kb_index_options_set_rebuild(options, true));
  CHECK_OK(kb_index_options_set_config_file(options, config));
  CHECK_OK(kb_index_options_add_exclude(options, "edge/"));
  CHECK_OK(kb_index_options_set_link_dialect(options, KB_LINK_DIALECT_AUTO));
  CHECK_STATUS(kb_index_options_set_link_dialect(options, (kb_link_dialect_t)42),
               KB_STATUS_INVALID_ARGUMENT);
  struct diagnostics seen = {0, 0, 0};
  CHECK_OK(kb_index_options_set_diagnostic_callback(options, on_diagnostic, &seen));
  kb_index_t *index;
  CHECK_OK(kb_index_open(root, options, &index));
  kb_index_options_destroy(options);
  CHECK(seen.count == 1 && seen.config_typo == 1); /* read at open */
  CHECK_OK(kb_index_update(index));
  CHECK(seen.count == 1); /* the notes with problems are left out */
  size_t notes = 0;
  CHECK_OK(kb_index_note_count(index, &notes));
  CHECK(notes == 41 - 4 - 6); /* without posts/ (4 notes) and edge/ (6) */
  kb_index_close(index);
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: kb_c_test FIXTURES_DIR\n");
    return 2;
  }
  copy_fixture(argv[1]);
  kb_t *kb = NULL;
  CHECK_STATUS(kb_open(root, &kb), KB_STATUS_NOT_FOUND); /* not indexed yet */
  build_index();
  CHECK_OK(kb_open(root, &kb));
  search_english(kb);
  search_chinese_with_tag(kb);
  search_structured(kb);
  read_note(kb);
  backlinks(kb);
  other_links(kb);
  tags_and_orphans(kb);
  errors(kb);
  kb_close(kb);
  rebuild_with_excludes();
  puts("kb_c_test: all checks passed");
  return 0;
}
