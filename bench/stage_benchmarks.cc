// stage_benchmarks [google-benchmark flags]: in-process time of each stage
// (Google Benchmark): decoding a file's bytes (UTF-8, and the same text as
// GB18030), the index-time analysis of a note's text (segmenting, folding,
// n-grams and stems into a Xapian document), folding text for a snippet,
// reading a note's record back; then on the public API parsing a note
// (decoding, front matter, Markdown, tags, links), writing a batch of
// notes to an index, and each class of query. The private stages are
// included as a unit test includes them (tests/layout/include_order.py
// allows this file alone), so that a profile can name the stage. The knowledge base is
// $KB_BENCH_KB, else fixtures/kb; it is copied to a temporary folder and indexed once first. The
// default queries are words of fixtures/kb and of tools/gen_corpus's vocabulary; $KB_BENCH_QUERIES
// ("name=query;name=query") replaces them.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <unicode/ucnv.h>

#include "kb/crawler.h"
#include "kb/index.h"
#include "kb/note_parser.h"
#include "kb/searcher.h"
#include "note/text_decoder.h"
#include "store/note_record.h"
#include "text/analyzer.h"
#include "text/segmenter.h"

namespace fs = std::filesystem;

namespace {

// The copy of the knowledge base, indexed, and its notes' bytes in memory.
struct Corpus {
  fs::path root;
  std::vector<std::pair<std::string, std::string>> notes;  // path, bytes
  std::size_t bytes = 0;
};

[[noreturn]] void die(const std::string& message) {
  std::fprintf(stderr, "stage_benchmarks: %s\n", message.c_str());
  std::exit(3);
}

const Corpus& corpus() {
  static const Corpus c = [] {
    const char* given = std::getenv("KB_BENCH_KB");
    const fs::path source = given != nullptr ? fs::path(given) : fs::path(KB_FIXTURES_DIR) / "kb";
    Corpus made;
    made.root = fs::temp_directory_path() / ("kb-stage-bench-" + std::to_string(::getpid()));
    fs::remove_all(made.root);
    fs::copy(source, made.root, fs::copy_options::recursive);
    fs::remove_all(made.root / ".kbsearch");
    std::vector<kb::Diagnostic> problems;
    auto crawled = kb::crawl(made.root, problems);
    if (!crawled) die(crawled.error().to_string());
    for (const kb::NoteFile& file : crawled->notes) {
      auto bytes = kb::Env::system().read_file(made.root / file.path);
      if (!bytes) continue;
      made.bytes += bytes->size();
      made.notes.emplace_back(file.path, std::move(*bytes));
    }
    kb::IndexOptions options;
    options.durable = false;
    auto index = kb::Index::open(made.root, options);
    if (!index) die(index.error().to_string());
    if (auto report = index->update(); !report) die(report.error().to_string());
    return made;
  }();
  return c;
}

// `utf8` in GB18030, as a Chinese Windows editor saves it.
std::string to_gb18030(const std::string& utf8) {
  UErrorCode error = U_ZERO_ERROR;
  std::string out(utf8.size() * 2 + 16, '\0');
  const int32_t size =
      ucnv_convert("gb18030", "utf-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                   static_cast<int32_t>(utf8.size()), &error);
  if (U_FAILURE(error)) die(std::string("cannot convert to GB18030: ") + u_errorName(error));
  out.resize(static_cast<std::size_t>(size));
  return out;
}

// Runs `stage` on each note's bytes in turn, counting the bytes.
template <typename Stage>
void over_notes(benchmark::State& state, const std::vector<std::string>& texts, Stage&& stage) {
  std::size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const std::string& text = texts[i++ % texts.size()];
    stage(text);
    bytes += text.size();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}

const std::vector<std::string>& note_bytes() {
  static const std::vector<std::string> bytes = [] {
    std::vector<std::string> out;
    for (const auto& note : corpus().notes) out.push_back(note.second);
    return out;
  }();
  return bytes;
}

void BM_DecodeUtf8(benchmark::State& state) {
  over_notes(state, note_bytes(),
             [](const std::string& b) { benchmark::DoNotOptimize(kb::decode_text(b)); });
}
BENCHMARK(BM_DecodeUtf8);

// Detection by ICU and conversion: the path of every note not in UTF-8.
void BM_DecodeGb18030(benchmark::State& state) {
  static const std::vector<std::string> converted = [] {
    std::vector<std::string> out;
    for (const std::string& b : note_bytes()) out.push_back(to_gb18030(kb::decode_text(b).text));
    return out;
  }();
  over_notes(state, converted,
             [](const std::string& b) { benchmark::DoNotOptimize(kb::decode_text(b)); });
}
BENCHMARK(BM_DecodeGb18030);

// The index-time analysis of a note's whole text into a new document,
// without the database: what each note costs before Xapian's writer.
void BM_Analyze(benchmark::State& state) {
  kb::Analyzer analyzer;
  over_notes(state, note_bytes(), [&](const std::string& b) {
    Xapian::Document doc;
    analyzer.set_document(doc);
    analyzer.index_text(b, 1);
    analyzer.release_document();
    benchmark::DoNotOptimize(doc.termlist_count());
  });
}
BENCHMARK(BM_Analyze);

// Folding with a map back to the text, as every snippet does per block.
void BM_SnippetFold(benchmark::State& state) {
  std::vector<std::size_t> map;
  over_notes(state, note_bytes(), [&](const std::string& b) {
    benchmark::DoNotOptimize(kb::normalize_with_map(b, map));
  });
}
BENCHMARK(BM_SnippetFold);

// A note's record, read back with its blocks, as each hit of a search is.
void BM_ReadRecord(benchmark::State& state) {
  static const std::vector<std::string> records = [] {
    std::vector<std::string> out;
    for (const auto& [path, text] : corpus().notes) {
      out.push_back(kb::encode_note_record(kb::parse_note(path, text)));
    }
    return out;
  }();
  over_notes(state, records, [](const std::string& r) {
    benchmark::DoNotOptimize(kb::decode_note_record(
        r, kb::RecordParts{.links = false, .blocks = true, .tagged_blocks = false}));
  });
}
BENCHMARK(BM_ReadRecord);

void BM_ParseNote(benchmark::State& state) {
  const Corpus& c = corpus();
  std::size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const auto& [path, text] = c.notes[i++ % c.notes.size()];
    benchmark::DoNotOptimize(kb::parse_note(path, text));
    bytes += text.size();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}
BENCHMARK(BM_ParseNote);

// One batch of 100 parsed notes put into a new index and committed, as
// Index::update() writes them (IndexOptions::batch_size is 500).
void BM_IndexBatch(benchmark::State& state) {
  const Corpus& c = corpus();
  std::vector<kb::Note> batch;
  for (std::size_t i = 0; i < 100; ++i) {
    const auto& [path, text] = c.notes[i % c.notes.size()];
    // A small knowledge base is repeated, each copy under a folder of its own.
    const std::size_t copy = i / c.notes.size();
    batch.push_back(
        kb::parse_note(copy == 0 ? path : "copy-" + std::to_string(copy) + "/" + path, text));
  }
  const fs::path root = c.root.string() + "-batch";
  for (auto _ : state) {
    state.PauseTiming();
    fs::remove_all(root);
    fs::create_directories(root);
    kb::IndexOptions options;
    options.durable = false;
    auto index = kb::Index::open(root, options);
    if (!index) die(index.error().to_string());
    state.ResumeTiming();
    for (const kb::Note& note : batch) {
      if (kb::Status s = index->put(note); !s.ok()) die(s.to_string());
    }
    if (kb::Status s = index->commit(); !s.ok()) die(s.to_string());
  }
  fs::remove_all(root);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * batch.size()));
}
BENCHMARK(BM_IndexBatch)->Unit(benchmark::kMillisecond);

// A search as kbsearch runs one: the first page of 20 hits with snippets.
void BM_Query(benchmark::State& state, std::string query) {
  static const kb::Searcher searcher = [] {
    auto opened = kb::Searcher::open(corpus().root);
    if (!opened) die(opened.error().to_string());
    return std::move(*opened);
  }();
  std::size_t hits = 0;
  for (auto _ : state) {
    auto results = searcher.search(query);
    if (!results) die(query + ": " + results.error().to_string());
    hits = results->estimated_total;
  }
  state.counters["hits"] = static_cast<double>(hits);
}

std::vector<std::pair<std::string, std::string>> queries() {
  const char* given = std::getenv("KB_BENCH_QUERIES");
  if (given == nullptr) {
    return {{"one_word", "attention"},
            {"two_words", "attention softmax"},
            {"phrase", "\"softmax temperature\""},
            {"zh_2", "模型"},
            {"zh_3", "注意力"},
            {"zh_4", "注意力机"},
            {"tag", "tag:LLM"},
            {"linkto", "linkto:BERT"},
            {"many_hits", "的"}};
  }
  std::vector<std::pair<std::string, std::string>> out;
  std::string spec = given;
  for (std::size_t start = 0; start < spec.size();) {
    std::size_t end = spec.find(';', start);
    if (end == std::string::npos) end = spec.size();
    const std::string item = spec.substr(start, end - start);
    const std::size_t eq = item.find('=');
    if (eq != std::string::npos) out.emplace_back(item.substr(0, eq), item.substr(eq + 1));
    start = end + 1;
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  for (const auto& [name, query] : queries()) {
    benchmark::RegisterBenchmark(("BM_Query/" + name).c_str(), BM_Query, query)
        ->Unit(benchmark::kMicrosecond);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  fs::remove_all(corpus().root);
  return 0;
}
