#include "hit_printer.h"

#include <nlohmann/json.hpp>

#include <iostream>

#include "json_output.h"
#include "terminal.h"

namespace kbcli {

namespace {

using nlohmann::json;

std::string join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

void print_text(const kb::SearchResults& results, const QueryEcho& echo,
                bool color) {
  for (std::size_t i = 0; i < results.hits.size(); ++i) {
    const kb::Hit& hit = results.hits[i];
    if (i > 0) std::cout << "\n";
    std::cout << styled(hit.title, Style::kTitle, color) << "\n  "
              << styled(hit.path, Style::kPath, color) << ":"
              << styled(std::to_string(hit.line), Style::kLine, color);
    if (!hit.heading_path.empty()) {
      std::cout << "  "
                << styled("§ " + join(hit.heading_path, " › "), Style::kHeading,
                          color);
    }
    std::cout << "\n";
    if (!hit.snippet.text.empty()) {
      std::cout << "  " << render_snippet(hit.snippet, color) << "\n";
    }
  }
  const std::size_t shown = echo.options->offset + results.hits.size();
  if (results.estimated_total > shown) {
    std::cout << "\n(" << results.hits.size() << " of "
              << (results.total_is_exact ? "" : "about ")
              << results.estimated_total << " notes; see more with --offset "
              << shown << ")\n";
  }
}

json hit_json(const kb::Hit& hit) {
  json highlights = json::array();
  for (const kb::Highlight& h : hit.snippet.highlights) {
    highlights.push_back(json::array({h.begin, h.end}));
  }
  return {{"path", hit.path},
          {"title", hit.title},
          {"score", hit.score},
          {"percent", hit.percent},
          {"tags", hit.tags},
          {"date", hit.date},
          {"line", hit.line},
          {"column", hit.column},
          {"heading_path", hit.heading_path},
          {"line_text", hit.line_text},
          {"snippet", {{"text", hit.snippet.text}, {"highlights", highlights}}}};
}

void print_json(const kb::SearchResults& results, const QueryEcho& echo) {
  const auto dump = [](const json& j) {
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
  };
  for (const kb::Hit& hit : results.hits) {
    std::cout << dump({{"type", "hit"}, {"data", hit_json(hit)}}) << "\n";
  }
  const json summary = {{"format_version", kJsonFormatVersion},
                        {"query", echo.query},
                        {"hits", results.hits.size()},
                        {"total", results.estimated_total},
                        {"total_is_exact", results.total_is_exact},
                        {"offset", echo.options->offset},
                        {"limit", echo.options->limit},
                        {"sort", echo.sort},
                        {"elapsed_ms", echo.elapsed_ms}};
  std::cout << dump({{"type", "summary"}, {"data", summary}}) << "\n";
}

}  // namespace

void print_results(const kb::SearchResults& results, const QueryEcho& echo,
                   const PrintSettings& settings) {
  switch (settings.format) {
    case HitFormat::kText:
      print_text(results, echo, settings.color);
      break;
    case HitFormat::kJson:
      print_json(results, echo);
      break;
    case HitFormat::kFiles:
      for (const kb::Hit& hit : results.hits) {
        std::cout << hit.path << (settings.null_separated ? '\0' : '\n');
      }
      break;
    case HitFormat::kVimgrep:
      for (const kb::Hit& hit : results.hits) {
        std::cout << hit.path << ":" << hit.line << ":" << hit.column << ":"
                  << hit.line_text << "\n";
      }
      break;
    case HitFormat::kCount:
      std::cout << results.estimated_total << "\n";
      break;
  }
}

}  // namespace kbcli
