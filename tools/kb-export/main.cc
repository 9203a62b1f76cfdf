// kb-export: dumps a knowledge base as one JSON document for a static site,
// built only on the public API of kb::index (README.md beside this file).
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "export_document.h"
#include "kb/index.h"
#include "kb/status.h"

namespace {

namespace fs = std::filesystem;

// Exit codes as kbsearch's (cli/README.md, "Exit codes").
constexpr int kExitOk = 0;
constexpr int kExitUsage = 2;
constexpr int kExitIo = 3;

int fail(int code, const std::string& message) {
  std::cerr << "kb-export: " << message << "\n";
  return code;
}

void warn(const std::string& message) { std::cerr << "kb-export: warning: " << message << "\n"; }

// The error, naming the knowledge base when the status names nothing.
std::string naming(const fs::path& root, const kb::Status& status) {
  return status.subject().empty() ? root.string() + ": " + status.message() : status.to_string();
}

// --kb, else $KBSEARCH_KB, else the nearest folder at or above the current
// one that holds an index, as kbsearch finds it; nullopt when none.
std::optional<fs::path> locate_kb(const std::string& flag) {
  if (!flag.empty()) return fs::path(flag);
  if (const char* env = std::getenv("KBSEARCH_KB"); env != nullptr && *env != '\0') {
    return fs::path(env);
  }
  std::error_code ec;
  const fs::path found = kb::find_root_above(fs::current_path(ec));
  if (ec || found.empty()) return std::nullopt;
  return found;
}

// Brings the index in line with the files, naming each problem file on
// stderr. An index another process is writing is exported as it is.
kb::Status refresh(const fs::path& root) {
  kb::IndexOptions options;
  options.on_diagnostic = [](const kb::Diagnostic& d) { warn(d.to_string()); };
  auto index = kb::Index::open(root, std::move(options));
  if (!index) {
    if (index.error().code() != kb::Code::kLocked) return index.error();
    warn("index not refreshed, exporting it as it is: " + index.error().to_string());
    return kb::Status();
  }
  return index->update().status();
}

}  // namespace

int main(int argc, char** argv) try {
  CLI::App app{"Dumps a knowledge base (notes, tags, links and a search index for the browser) "
               "as one JSON document for a static site.",
               "kb-export"};
  std::string kb_flag;
  std::string output = "-";
  bool pretty = false;
  bool no_text = false;
  app.add_option("--kb", kb_flag,
                 "the knowledge base (default: $KBSEARCH_KB, else the nearest folder at or "
                 "above this one that holds .kbsearch/)");
  app.add_option("-o,--output", output, "where to write the JSON; - for stdout (the default)");
  app.add_flag("--pretty", pretty, "indent the JSON (two spaces)");
  app.add_flag("--no-text", no_text,
               "leave out each note's plain text (the browser then cannot confirm a Chinese "
               "substring of more than two characters)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }

  const std::optional<fs::path> root = locate_kb(kb_flag);
  if (!root) {
    return fail(kExitUsage, "no knowledge base: pass --kb DIR, set KBSEARCH_KB, or run it "
                            "inside one");
  }
  if (const kb::Status refreshed = refresh(*root); !refreshed.ok()) {
    return fail(kExitIo, naming(*root, refreshed));
  }

  kbexport::ExportOptions options;
  options.text = !no_text;
  options.on_warning = warn;
  kb::Result<nlohmann::ordered_json> document = kbexport::export_document(*root, options);
  if (!document) return fail(kExitIo, naming(*root, document.error()));

  // A note name that is not UTF-8 is written with U+FFFD, as kbsearch's
  // JSON "path" is.
  const std::string text =
      document->dump(pretty ? 2 : -1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  if (output == "-") {
    std::cout << text << std::flush;
    if (!std::cout) return fail(kExitIo, "cannot write output");
    return kExitOk;
  }
  std::ofstream file(output, std::ios::binary);
  file << text;
  file.close();
  if (!file) return fail(kExitIo, output + ": cannot write");
  return kExitOk;
} catch (const std::exception& e) {
  return fail(kExitIo, std::string("internal error: ") + e.what());
}
