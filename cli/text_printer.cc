// The text form of every result: what people read on a terminal, and what
// line-oriented tools (xargs, grep, an editor's quickfix list, Graphviz)
// take.
#include <algorithm>
#include <string>

#include "printer.h"
#include "terminal.h"

namespace kbcli {

namespace {

std::string join(const std::vector<std::string>& parts, const char* separator) {
  std::string out;
  for (const std::string& part : parts) {
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

// A link as it is written in its note.
std::string written(const kb::Link& link) {
  switch (link.kind) {
    case kb::Link::Kind::kWikilink:
      return "[[" + link.raw + "]]";
    case kb::Link::Kind::kEmbed:
      return "![[" + link.raw + "]]";
    default:
      return link.raw;
  }
}

std::string dot_quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

class TextPrinter final : public Printer {
 public:
  TextPrinter(OutputSink& out, bool color) : out_(out), color_(color) {}

  void search_results(const kb::SearchResults& results, const SearchEcho& echo,
                      HitView view) override {
    switch (view) {
      case HitView::kBlocks:
        hit_blocks(results, echo);
        break;
      case HitView::kPaths:
      case HitView::kNulPaths:
        for (const kb::Hit& hit : results.hits) {
          out_.write(hit.path);
          out_.write(view == HitView::kNulPaths ? std::string_view("\0", 1) : "\n");
        }
        break;
      case HitView::kVimgrep:
        for (const kb::Hit& hit : results.hits) {
          out_.write(hit.path + ":" + std::to_string(hit.line) + ":" +
                     std::to_string(hit.column) + ":" + hit.line_text + "\n");
        }
        break;
      case HitView::kCount:
        out_.write(std::to_string(results.estimated_total) + "\n");
        break;
    }
  }

  void note(const kb::Note& note) override {
    std::string out = style(note.title, Style::kTitle) + "\n" + "  path      " +
                      style(note.path, Style::kPath) + "\n";
    if (!note.date.empty()) out += "  date      " + note.date + "\n";
    out += "  encoding  " + note.encoding +
           (note.repaired.empty() ? "" : " (repaired: " + note.repaired + ")") + "\n";
    for (const std::string& alias : note.aliases) out += "  alias     " + alias + "\n";
    if (!note.fields.empty()) {
      out += "fields\n";
      for (const auto& [key, value] : note.fields) out += "  " + key + ": " + value + "\n";
    }
    if (!note.headings.empty()) {
      out += "headings\n";
      for (const kb::Heading& h : note.headings) {
        out += "  " + line_number(h.line) + "  " +
               std::string(static_cast<std::size_t>(h.level), '#') + " " + h.text + "  #" +
               h.slug;
        if (h.docsify_slug != h.slug) out += "  #" + h.docsify_slug;
        out += "\n";
      }
    }
    if (!note.tags.empty()) {
      out += "tags\n";
      for (const kb::Tag& tag : note.tags) {
        out += "  " + line_number(tag.line) + "  #" + tag.name + "  (" +
               kb::name_of(tag.source) + ")\n";
      }
    }
    out += note_links("links", note.links, /*external=*/false);
    out += note_links("external links", note.links, /*external=*/true);
    if (!note.diagnostics.empty()) {
      out += "warnings\n";
      for (const kb::Diagnostic& d : note.diagnostics) out += "  " + d.to_string() + "\n";
    }
    out_.write(out);
  }

  void links(const std::vector<kb::ResolvedLink>& links, LinkView view) override {
    for (const kb::ResolvedLink& r : links) {
      const std::string where = style(r.source, Style::kPath) + ":" + line_number(r.link.line);
      std::string out;
      switch (view) {
        case LinkView::kIncoming:
          out = where + ": " + r.context;
          break;
        case LinkView::kOutgoing:
          out = line_number(r.link.line) + "  " + kb::name_of(r.status) + "  " + written(r.link);
          if (!r.target.empty() && r.target != r.link.target) out += "  → " + r.target;
          break;
        case LinkView::kProblems:
          out = where + ": " + kb::name_of(r.status) + " " + written(r.link);
          // An ambiguous link Obsidian's tie-break decided: its choice first.
          if (r.status == kb::ResolvedLink::Status::kAmbiguous && !r.target.empty()) {
            out += "  → " + r.target;
            if (!r.candidates.empty()) out += " (also: " + join(r.candidates, ", ") + ")";
          } else if (!r.candidates.empty()) {
            out += " (" + join(r.candidates, ", ") + ")";
          }
          if (!r.suggestion.empty()) out += "  did you mean '" + r.suggestion + "'?";
          break;
      }
      out_.write(out + "\n");
    }
  }

  void note_paths(const std::vector<std::string>& paths) override {
    for (const std::string& path : paths) out_.write(path + "\n");
  }

  void related_notes(const std::vector<kb::RelatedNote>& notes) override {
    for (const kb::RelatedNote& n : notes) {
      std::string out = style(n.path, Style::kPath) + "  " + style(n.title, Style::kTitle) + "\n";
      if (n.links_to || n.linked_from) {
        out += std::string("  link: ") +
               (n.links_to && n.linked_from ? "both ways"
                : n.links_to                ? "this note links to it"
                                            : "it links to this note") +
               "\n";
      }
      if (!n.shared_targets.empty()) {
        out += "  shared links (" + std::to_string(n.shared_targets.size()) +
               "): " + join(n.shared_targets, ", ") + "\n";
      }
      if (!n.shared_tags.empty()) out += "  shared tags: #" + join(n.shared_tags, " #") + "\n";
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
        out_.write(notes + "\t" + tag.name + "\n");
        continue;
      }
      // "a/b/c" shows as "c" under "b" under "a".
      const auto depth = std::count(tag.name.begin(), tag.name.end(), '/');
      const std::size_t slash = tag.name.rfind('/');
      out_.write(std::string(static_cast<std::size_t>(depth) * 2, ' ') +
                 (slash == std::string::npos ? tag.name : tag.name.substr(slash + 1)) + "  " +
                 notes + "\n");
    }
  }

  void edges(const std::vector<Edge>& edges) override {
    out_.write("digraph kb {\n");
    for (const auto& [from, to] : edges) {
      out_.write("  " + dot_quoted(from) + " -> " + dot_quoted(to) + ";\n");
    }
    out_.write("}\n");
  }

 private:
  std::string style(const std::string& text, Style s) const { return styled(text, s, color_); }
  std::string line_number(int line) const { return style(std::to_string(line), Style::kLine); }

  void hit_blocks(const kb::SearchResults& results, const SearchEcho& echo) {
    for (std::size_t i = 0; i < results.hits.size(); ++i) {
      const kb::Hit& hit = results.hits[i];
      std::string out = i > 0 ? "\n" : "";
      out += style(hit.title, Style::kTitle) + "\n  " + style(hit.path, Style::kPath) + ":" +
             line_number(hit.line);
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

  // One line per duplicate collapsed into `hit`: "  = PATH" (same text).
  std::string duplicate_lines(const kb::Hit& hit) const {
    std::string out;
    for (const std::string& path : hit.duplicates) {
      out += "  = " + style(path, Style::kPath) + "  (same text)\n";
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
             (link.target.empty() ? "(this note)" : link.target);
      if (!link.anchor.empty()) out += " #" + link.anchor;
      if (!link.text.empty()) out += "  \"" + link.text + "\"";
      out += "\n";
    }
    return out;
  }

  OutputSink& out_;
  const bool color_;
};

}  // namespace

std::unique_ptr<Printer> make_text_printer(OutputSink& out, bool color) {
  return std::make_unique<TextPrinter>(out, color);
}

}  // namespace kbcli
