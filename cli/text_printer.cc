// The text form of every result: what people read on a terminal, and what
// line-oriented tools (xargs, grep, an editor's quickfix list, Graphviz)
// take.
#include <algorithm>
#include <string>

#include "kb/graph_render.h"
#include "printer.h"
#include "safe_text.h"
#include "terminal.h"

namespace kbcli {

namespace {

// `parts`, each made safe to print, between `separator`s.
std::string join(const std::vector<std::string>& parts, const char* separator) {
  std::string out;
  for (const std::string& part : parts) {
    if (!out.empty()) out += separator;
    out += safe_text(part);
  }
  return out;
}

// A link as it is written in its note, safe to print.
std::string written(const kb::Link& link) {
  switch (link.kind) {
    case kb::Link::Kind::kWikilink:
      return "[[" + safe_text(link.raw) + "]]";
    case kb::Link::Kind::kEmbed:
      return "![[" + safe_text(link.raw) + "]]";
    default:
      return safe_text(link.raw);
  }
}

class TextPrinter final : public Printer {
 public:
  TextPrinter(OutputSink& out, bool color, PathDisplay paths)
      : out_(out), color_(color), paths_(std::move(paths)) {}

  void search_results(const kb::SearchResults& results, const SearchEcho& echo,
                      HitView view) override {
    switch (view) {
      case HitView::kBlocks:
        hit_blocks(results, echo);
        break;
      case HitView::kPaths:
      case HitView::kNulPaths:
        for (const kb::Hit& hit : results.hits) {
          // NUL ends a path no name can hold: its bytes go out exact.
          if (view == HitView::kNulPaths) {
            out_.write(paths_.shown(hit.path));
            out_.write(std::string_view("\0", 1));
          } else {
            out_.write(safe_path_line(paths_.shown(hit.path)) + "\n");
          }
        }
        break;
      case HitView::kVimgrep:
        for (const kb::Hit& hit : results.hits) vimgrep_lines(hit);
        break;
      case HitView::kCount:
        out_.write(std::to_string(results.estimated_total) + "\n");
        break;
    }
  }

  // The HTML as the library wrote it: every text of the note in it is
  // escaped, so it needs no safe_text().
  void note_html(const std::string& /*path*/, const std::string& html) override {
    out_.write(html);
  }

  void note(const kb::Note& note) override {
    std::string out = style(safe_text(note.title), Style::kTitle) + "\n" + "  path      " +
                      shown_path(note.path) + "\n";
    if (!note.date.empty()) out += "  date      " + safe_text(note.date) + "\n";
    out += "  encoding  " + note.encoding +
           (note.repaired.empty() ? "" : " (repaired: " + note.repaired + ")") + "\n";
    for (const std::string& alias : note.aliases) out += "  alias     " + safe_text(alias) + "\n";
    if (!note.fields.empty()) {
      out += "fields\n";
      for (const auto& [key, value] : note.fields) {
        out += "  " + safe_text(key) + ": " + safe_text(value) + "\n";
      }
    }
    if (!note.headings.empty()) {
      out += "headings\n";
      for (const kb::Heading& h : note.headings) {
        out += "  " + line_number(h.line) + "  " +
               std::string(static_cast<std::size_t>(h.level), '#') + " " + safe_text(h.text) +
               "  #" + safe_text(h.slug);
        if (h.docsify_slug != h.slug) out += "  #" + safe_text(h.docsify_slug);
        out += "\n";
      }
    }
    if (!note.tags.empty()) {
      out += "tags\n";
      for (const kb::Tag& tag : note.tags) {
        out += "  " + line_number(tag.line) + "  #" + safe_text(tag.name) + "  (" +
               kb::name_of(tag.source) + ")\n";
      }
    }
    out += note_links("links", note.links, /*external=*/false);
    out += note_links("external links", note.links, /*external=*/true);
    if (!note.diagnostics.empty()) {
      out += "warnings\n";
      for (const kb::Diagnostic& d : note.diagnostics) {
        out += "  " + safe_text(d.to_string()) + "\n";
      }
    }
    out_.write(out);
  }

  void links(const std::vector<kb::ResolvedLink>& links, LinkView view) override {
    for (const kb::ResolvedLink& r : links) {
      const std::string where = shown_path(r.source) + ":" + line_number(r.link.line);
      std::string out;
      switch (view) {
        case LinkView::kIncoming:
          out = where + ": " + safe_text(r.context);
          break;
        case LinkView::kOutgoing:
          out = line_number(r.link.line) + "  " + kb::name_of(r.status) + "  " + written(r.link);
          if (!r.target.empty() && r.target != r.link.target) out += "  → " + shown_path(r.target);
          break;
        case LinkView::kProblems:
          out = where + ": " + kb::name_of(r.status) + " " + written(r.link);
          // An ambiguous link Obsidian's tie-break decided: its choice first.
          if (r.status == kb::ResolvedLink::Status::kAmbiguous && !r.target.empty()) {
            out += "  → " + shown_path(r.target);
            if (!r.candidates.empty()) out += " (also: " + shown_paths(r.candidates) + ")";
          } else if (!r.candidates.empty()) {
            out += " (" + shown_paths(r.candidates) + ")";
          }
          if (!r.suggestion.empty()) {
            // A note's path for a broken link, a heading for a broken anchor.
            const bool anchor = r.status == kb::ResolvedLink::Status::kBrokenAnchor;
            out += "  did you mean '" +
                   (anchor ? safe_text(r.suggestion) : shown_path(r.suggestion, false)) + "'?";
          }
          break;
      }
      out_.write(out + "\n");
    }
  }

  void note_paths(const std::vector<std::string>& paths) override {
    for (const std::string& path : paths) out_.write(shown_path(path) + "\n");
  }

  void related_notes(const std::vector<kb::RelatedNote>& notes) override {
    for (const kb::RelatedNote& n : notes) {
      std::string out = shown_path(n.path) + "  " + style(safe_text(n.title), Style::kTitle) + "\n";
      if (n.links_to || n.linked_from) {
        out += std::string("  link: ") +
               (n.links_to && n.linked_from ? "both ways"
                : n.links_to                ? "this note links to it"
                                            : "it links to this note") +
               "\n";
      }
      if (!n.shared_targets.empty()) {
        out += "  shared links (" + std::to_string(n.shared_targets.size()) +
               "): " + shown_paths(n.shared_targets) + "\n";
      }
      if (!n.shared_tags.empty()) {
        out += "  shared tags: #" + join(n.shared_tags, " #") + "\n";
      }
      if (!n.similar_words.empty()) {
        out += "  similar words: " + join(n.similar_words, ", ") + "\n";
      }
      out_.write(out);
    }
  }

  void tags(const std::vector<kb::TagCount>& tags, TagView view) override {
    for (const kb::TagCount& tag : tags) {
      const std::string notes = std::to_string(tag.notes);
      if (view == TagView::kFlat) {
        out_.write(notes + "\t" + safe_text(tag.name) + "\n");
        continue;
      }
      // "a/b/c" shows as "c" under "b" under "a".
      const auto depth = std::count(tag.name.begin(), tag.name.end(), '/');
      const std::size_t slash = tag.name.rfind('/');
      out_.write(std::string(static_cast<std::size_t>(depth) * 2, ' ') +
                 safe_text(slash == std::string::npos ? tag.name : tag.name.substr(slash + 1)) +
                 "  " + notes + "\n");
    }
  }

  void note_graph(const kb::NoteGraph& graph) override {
    // DOT is plain text, made without Graphviz: it cannot fail.
    out_.write(*kb::render_graph(graph, kb::GraphFormat::kDot));
  }

  // "PATH:LINE  DAY  TITLE", then the block's lines, indented.
  void blocks(const kb::BlockResults& results, const std::string& /*query*/) override {
    for (const kb::BlockHit& block : results.blocks) {
      std::string out = shown_path(block.path) + ":" + line_number(block.line) + "  " +
                        safe_text(block.date.substr(0, 10)) + "  " +
                        style(safe_text(block.title), Style::kTitle) + "\n";
      std::size_t start = 0;
      for (std::size_t end; (end = block.text.find('\n', start)) != std::string::npos;
           start = end + 1) {
        out += "  " + safe_text(block.text.substr(start, end - start)) + "\n";
      }
      out += "  " + safe_text(block.text.substr(start)) + "\n";
      out_.write(out);
    }
    if (results.total > results.blocks.size()) {
      out_.write("\n(" + std::to_string(results.blocks.size()) + " of " +
                 std::to_string(results.total) + " blocks; --limit 0 shows all)\n");
    }
  }

 private:
  std::string style(const std::string& text, Style s) const { return styled(text, s, color_); }
  std::string line_number(int line) const { return style(std::to_string(line), Style::kLine); }

  // The one way a note path is printed in text: from where the user
  // stands (cli/display_path.h), safe to print, styled unless `styled` is
  // false.
  std::string shown_path(const std::string& path, bool styled = true) const {
    const std::string shown = safe_path(paths_.shown(path));
    return styled ? style(shown, Style::kPath) : shown;
  }

  std::string shown_paths(const std::vector<std::string>& paths) const {
    std::string out;
    for (const std::string& path : paths) out += (out.empty() ? "" : ", ") + shown_path(path);
    return out;
  }

  void hit_blocks(const kb::SearchResults& results, const SearchEcho& echo) {
    for (std::size_t i = 0; i < results.hits.size(); ++i) {
      const kb::Hit& hit = results.hits[i];
      std::string out = i > 0 ? "\n" : "";
      out += style(safe_text(hit.title), Style::kTitle) + "\n  " + shown_path(hit.path) + ":" +
             line_number(hit.line);
      if (!hit.kb.empty()) out += "  " + style("[" + safe_text(hit.kb) + "]", Style::kHeading);
      if (!hit.heading_path.empty()) {
        out += "  " + style("§ " + join(hit.heading_path, " › "), Style::kHeading);
      }
      out += "\n";
      if (!hit.snippet.text.empty()) out += "  " + render_snippet(hit.snippet, color_) + "\n";
      out += duplicate_lines(hit);
      out_.write(out);
    }
    const std::size_t shown = echo.options.offset + results.hits.size();
    if (results.estimated_total > shown) {
      out_.write("\n(" + std::to_string(results.hits.size()) + " of " +
                 (results.total_is_exact ? "" : "about ") +
                 std::to_string(results.estimated_total) + " notes; see more with --offset " +
                 std::to_string(shown) + ")\n");
    }
  }

  // PATH:LINE:COLUMN:TEXT for each matching line of `hit`; a note that
  // matches by something other than its text (path:, tag:) still gets one
  // line, its best line, so that every hit is in the quickfix list.
  void vimgrep_lines(const kb::Hit& hit) {
    const auto vimgrep_line = [&](int line, int column, const std::string& text) {
      out_.write(shown_path(hit.path, /*styled=*/false) + ":" + std::to_string(line) + ":" +
                 std::to_string(column) + ":" + safe_text(text) + "\n");
    };
    if (hit.lines.empty()) vimgrep_line(std::max(hit.line, 1), 1, hit.line_text);
    for (const kb::MatchingLine& m : hit.lines) vimgrep_line(m.line, m.column, m.text);
  }

  // One line per duplicate collapsed into `hit`: "  = PATH" (same text).
  std::string duplicate_lines(const kb::Hit& hit) const {
    std::string out;
    for (const std::string& path : hit.duplicates) {
      out += "  = " + shown_path(path) + "  (same text)\n";
    }
    return out;
  }

  // The heading and one line per link of `links` that is (or is not)
  // external; "" when there is none.
  std::string note_links(const char* heading, const std::vector<kb::Link>& links,
                         bool external) const {
    std::string out;
    for (const kb::Link& link : links) {
      if (link.external != external) continue;
      if (out.empty()) out = std::string(heading) + "\n";
      out += "  " + line_number(link.line) + "  " + kb::name_of(link.kind) + "  " +
             (link.target.empty() ? "(this note)" : safe_text(link.target));
      if (!link.anchor.empty()) out += " #" + safe_text(link.anchor);
      if (!link.text.empty()) out += "  \"" + safe_text(link.text) + "\"";
      out += "\n";
    }
    return out;
  }

  OutputSink& out_;
  const bool color_;
  const PathDisplay paths_;
};

}  // namespace

std::unique_ptr<Printer> make_text_printer(OutputSink& out, bool color, PathDisplay paths) {
  return std::make_unique<TextPrinter>(out, color, std::move(paths));
}

}  // namespace kbcli
