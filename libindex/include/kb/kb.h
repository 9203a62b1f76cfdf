// Umbrella header: the whole public API of the kb::index library.
// Start with kb/index.h (build an index) and kb/searcher.h (query it).
#ifndef KB_KB_H_
#define KB_KB_H_

#include "kb/crawler.h"
#include "kb/diagnostic.h"
#include "kb/env.h"
#include "kb/graph_render.h"
#include "kb/index.h"
#include "kb/link_graph.h"
#include "kb/note.h"
#include "kb/note_parser.h"
#include "kb/note_paths.h"
#include "kb/searcher.h"
#include "kb/settings.h"
#include "kb/status.h"
#include "kb/vocabulary.h"
#include "kb/watcher.h"
#include "kb/version.h"

#endif  // KB_KB_H_
