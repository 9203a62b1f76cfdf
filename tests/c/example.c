/* Prints the top hits of a search: example KB_FOLDER QUERY. The body of
 * main() after the usage line is libindex/README.md's C example (checked by
 * tests/docs/readme_examples.py). */
#include <stdio.h>

#include "kb/kb_c.h"

int main(int argc, char **argv) {
  if (argc != 3) return fprintf(stderr, "usage: example KB_FOLDER QUERY\n"), 2;
  kb_index_t *index;
  kb_t *kb = NULL;
  kb_hits_t *hits;
  kb_status_t status = kb_index_open(argv[1], NULL, &index); /* creates or refreshes it */
  if (status == KB_STATUS_SUCCESS) status = kb_index_update(index), kb_index_close(index);
  if (status == KB_STATUS_SUCCESS) status = kb_open(argv[1], &kb);
  if (status == KB_STATUS_SUCCESS) status = kb_search(kb, argv[2], NULL, &hits);
  if (status != KB_STATUS_SUCCESS) return fprintf(stderr, "%s\n", kb_last_error()), kb_close(kb), 3;
  for (; kb_hits_valid(hits); kb_hits_move_to_next(hits))
    printf("%s  %s\n", kb_hit_path(kb_hits_get(hits)), kb_hit_title(kb_hits_get(hits)));
  kb_hits_destroy(hits), kb_close(kb);
  return 0;
}
