// Drawing a NoteGraph (kb/link_graph.h): as Graphviz DOT text, or laid out
// by Graphviz's library as SVG or PNG. Callers never see Graphviz types.
//
// The drawing: one box a note, labelled by its title, filled with the
// colour of its top folder, the centre note with a thick border; one arrow
// a link; a legend of the folders' colours below. A folder's colour is
// chosen from a fixed palette by a hash of its name, so it stays the same
// from one drawing to the next, unless another folder of the same drawing
// took it first (folders in name order); notes at the root are grey. Labels
// use the font "Noto Sans CJK SC" (Debian fonts-noto-cjk, which
// tools/setup.sh installs), so Chinese titles render; without it fontconfig
// substitutes a font that may lack them.
#ifndef KB_GRAPH_RENDER_H_
#define KB_GRAPH_RENDER_H_

#include <string>

#include "kb/link_graph.h"
#include "kb/status.h"

namespace kb {

enum class GraphFormat {
  kDot,  // Graphviz DOT text: node ids are paths; what kSvg and kPng lay out
  kSvg,  // SVG text; titles are <text> elements, paths each node's <title>
  kPng,  // PNG bytes, 96 dpi
};

// `graph` in `format`. SVG and PNG are laid out by Graphviz, in this
// process: in layers by its "dot" engine up to 60 notes and 120 links, else
// by "sfdp" (force-directed), as dot's time grows too fast with size; the
// DOT names the engine (`layout=`). Returns kInternal with Graphviz's message when
// Graphviz fails (a missing plugin, an unusable font setup). Graphviz's
// library keeps global state and is not thread-safe: calls of render_graph()
// are serialised by a lock of their own, but other code of the process that
// uses Graphviz directly must not run at the same time.
Result<std::string> render_graph(const NoteGraph& graph, GraphFormat format);

}  // namespace kb

#endif  // KB_GRAPH_RENDER_H_
