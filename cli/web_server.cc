#include "web_server.h"

#include <httplib.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "exit_codes.h"
#include "interrupts.h"
#include "json_line.h"
#include "kb/graph_render.h"
#include "kb/index.h"
#include "kb/link_graph.h"
#include "kb/searcher.h"
#include "kb/watcher.h"
#include "printer.h"
#include "run_settings.h"
#include "safe_text.h"
#include "web_assets.h"

namespace kbcli {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

// The largest image the page may load from the knowledge base.
constexpr std::size_t kMaxFileBytes = 64u << 20;
// At most this many hits an answer, so that one request cannot make the
// server format a whole knowledge base; the page pages through more.
constexpr std::size_t kMaxHits = 200;

// Sent with every answer. The page is all 'self': no inline script, no
// frame, nothing from another origin (the note's own images are served
// here, and SVG graphs are drawn inline).
const httplib::Headers& security_headers() {
  static const httplib::Headers headers = {
      {"Content-Security-Policy",
       "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"},
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
      {"Cache-Control", "no-store"},
  };
  return headers;
}

// Content types of the files the page may load from the knowledge base,
// by extension; anything else is not served.
const char* image_type(const std::string& path) {
  static const std::pair<const char*, const char*> types[] = {
      {".png", "image/png"}, {".jpg", "image/jpeg"},  {".jpeg", "image/jpeg"},
      {".gif", "image/gif"}, {".webp", "image/webp"}, {".svg", "image/svg+xml"},
      {".bmp", "image/bmp"}, {".avif", "image/avif"}, {".ico", "image/x-icon"},
  };
  std::string lower = path;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const auto& [extension, type] : types) {
    if (lower.ends_with(extension)) return type;
  }
  return nullptr;
}

// A Status as the HTTP status of its answer.
int http_status(const kb::Status& status) {
  switch (status.code()) {
    case kb::Code::kNotFound: return 404;
    case kb::Code::kInvalidArgument:
    case kb::Code::kParseError: return 400;
    // Another process is making the first generation: the page may retry.
    case kb::Code::kLocked: return 503;
    default: return 500;
  }
}

// What `write` puts on an OutputSink, as a string.
std::string captured(const std::function<void(OutputSink&)>& write) {
  char* data = nullptr;
  std::size_t size = 0;
  std::FILE* file = open_memstream(&data, &size);
  if (file == nullptr) return {};
  {
    OutputSink sink(file);
    write(sink);
    sink.flush();
  }
  std::fclose(file);
  std::string out(data, size);
  std::free(data);
  return out;
}

// The JSON error line of an answer that failed with `status`. One the
// server could not give (5xx) also goes to its error log, standard error,
// as a web server's does: what was asked and why it failed, in one write so
// that concurrent requests' lines do not mix.
void error(const httplib::Request& req, httplib::Response& res, const kb::Status& status) {
  res.status = http_status(status);
  if (res.status >= 500) {
    std::cerr << safe_text("kbsearch: serve: " + req.method + " " + req.target + ": " +
                           std::to_string(res.status) + ": " + status.to_string()) +
                     "\n";
  }
  res.set_content(captured([&](OutputSink& sink) {
                    write_json_line(sink, "error",
                                    {{"code", kb::code_name(status.code())},
                                     {"subject", status.subject()},
                                     {"message", status.message()}});
                  }),
                  "application/x-ndjson; charset=utf-8");
}

// Keeps the index fresh for the API, one of two ways: refreshed as a query
// does, at most once every `every`, on the thread of the request that
// finds it due (requests that come meanwhile answer from the index as it
// is rather than wait); or, with `every` 0, by the watch on its own thread
// (serve() runs it), which tells record() of each update.
class Refresher {
 public:
  // A knowledge base whose index it refreshes, with its settings.
  using Kb = std::pair<fs::path, kb::Settings>;

  // Refreshes the index of each of `kbs` (the local shards, or the one
  // knowledge base).
  Refresher(std::vector<Kb> kbs, std::chrono::milliseconds every)
      : kbs_(std::move(kbs)), every_(every) {}

  void refresh_if_due() {
    if (every_.count() == 0) return;
    std::unique_lock lock(mutex_, std::try_to_lock);
    if (!lock.owns_lock() || Clock::now() - last_ < every_) return;
    update();
  }

  // Brings the index up to date now, whatever `every` says (serve() does
  // before the watch starts, so that the first answers have an index).
  void refresh_now() {
    std::lock_guard lock(mutex_);
    update();
  }

  // What an update did, or why it failed, as /api/status says it.
  void record(const kb::Result<kb::IndexReport>& report, Clock::duration took) {
    std::lock_guard state(state_mutex_);
    state_.refreshes += 1;
    state_.milliseconds = std::chrono::duration<double, std::milli>(took).count();
    if (report) {
      state_.error.clear();
      state_.changed = report->added + report->updated + report->removed;
      state_.problems = report->diagnostics;
      state_.notes = report->scanned;
    } else {
      // Said once, not at every refresh while the cause lasts (another
      // process writing the index).
      const std::string error = report.error().to_string();
      if (error != state_.error)
        std::cerr << "kbsearch: serve: index not refreshed: " << error << "\n";
      state_.error = error;
    }
  }

  struct State {
    std::size_t refreshes = 0;
    std::size_t changed = 0;   // notes added, updated or removed by the last one
    std::size_t problems = 0;  // diagnostics of the notes it read
    std::size_t notes = 0;     // notes found on disk
    double milliseconds = 0;
    std::string error;  // why the last one failed; "" when it did not
  };
  State state() const {
    std::lock_guard state(state_mutex_);
    return state_;
  }

 private:
  // Holding mutex_.
  void update() {
    last_ = Clock::now();
    for (const auto& [root, settings] : kbs_) {
      kb::IndexOptions options;
      options.settings = settings;
      auto index = kb::Index::open(root, std::move(options));
      auto report = index ? index->update() : kb::Result<kb::IndexReport>(index.error());
      record(report, Clock::now() - last_);
    }
  }

  const std::vector<Kb> kbs_;
  const std::chrono::milliseconds every_;
  std::mutex mutex_;
  Clock::time_point last_{};
  mutable std::mutex state_mutex_;
  State state_;
};

class Api {
 public:
  // Serves the knowledge base at `root`, or the shards `shards` when
  // there are (root is then "").
  Api(const GlobalOptions& global, fs::path root, std::optional<kb::ShardSet> shards,
      const ServeOptions& options)
      : root_(std::move(root)),
        shards_(std::move(shards)),
        paths_(shards_ ? PathDisplay() : PathDisplay(root_, root_, /*from_root=*/true)),
        watching_(options.watch),
        refresher_(local_kbs(global, root_, shards_),
                   options.watch ? std::chrono::milliseconds(0) : options.refresh_every) {}

  Refresher& refresher() { return refresher_; }

  // Adds every route to `server`, which must outlive the Api's handlers'
  // use (the Api must outlive the server's listening).
  void route(httplib::Server& server) {
    server_ = &server;
    for (const WebAsset& asset : web_assets()) {
      const std::string path = asset.name == "index.html" ? "/" : "/" + std::string(asset.name);
      server.Get(path, [asset](const httplib::Request&, httplib::Response& res) {
        res.set_content(std::string(asset.bytes), asset.content_type.data());
      });
    }
    json("/api/search", "search", [this](const httplib::Request& req, Printer& printer) {
      kb::SearchOptions options;
      options.limit = std::min(number(req, "limit", 20), kMaxHits);
      options.offset = number(req, "offset", 0);
      const std::string query = req.get_param_value("q");
      return with_searcher([&](const kb::Searcher& searcher) -> kb::Status {
        const auto started = Clock::now();
        auto results = searcher.search(query, options);
        if (!results) return results.error();
        SearchEcho echo;
        echo.query = query;
        echo.options = options;
        echo.unavailable = searcher.unavailable_shards();
        echo.elapsed_ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
        printer.search_results(*results, echo, HitView::kBlocks);
        return kb::Status::ok_status();
      });
    });
    json("/api/note", "note", [this](const httplib::Request& req, Printer& printer) {
      return with_searcher([&](const kb::Searcher& searcher) -> kb::Status {
        auto note = searcher.read_note(note_path(req));
        if (!note) return note.error();
        printer.note(*note);
        return kb::Status::ok_status();
      });
    });
    json("/api/html", "note", [this](const httplib::Request& req, Printer& printer) {
      return with_graph([&](const kb::LinkGraph& graph) -> kb::Status {
        const std::string path = note_path(req);
        kb::HtmlOptions options;
        options.file_href = "file?path=";
        auto html = graph.note_html(path, options);
        if (!html) return html.error();
        printer.note_html(path, *html);
        return kb::Status::ok_status();
      });
    });
    links("/api/backlinks", "backlinks", LinkView::kIncoming, &kb::LinkGraph::backlinks);
    links("/api/mentions", "mentions", LinkView::kIncoming, &kb::LinkGraph::mentions);
    links("/api/links", "links", LinkView::kOutgoing, &kb::LinkGraph::links);
    json("/api/broken", "broken", [this](const httplib::Request&, Printer& printer) {
      return with_graph([&](const kb::LinkGraph& graph) -> kb::Status {
        auto broken = graph.broken();
        if (!broken) return broken.error();
        printer.links(*broken, LinkView::kProblems);
        return kb::Status::ok_status();
      });
    });
    json("/api/tags", "tags", [this](const httplib::Request& req, Printer& printer) {
      return with_graph([&](const kb::LinkGraph& graph) -> kb::Status {
        auto tags = graph.tags(req.get_param_value("prefix"));
        if (!tags) return tags.error();
        printer.tags(*tags, TagView::kFlat);
        return kb::Status::ok_status();
      });
    });
    json("/api/related", "related", [this](const httplib::Request& req, Printer& printer) {
      return with_graph([&](const kb::LinkGraph& graph) -> kb::Status {
        auto related = graph.related(note_path(req), std::min(number(req, "limit", 10), kMaxHits));
        if (!related) return related.error();
        printer.related_notes(*related);
        return kb::Status::ok_status();
      });
    });
    json("/api/graph", "graph", [this](const httplib::Request& req, Printer& printer) {
      return with_graph([&](const kb::LinkGraph& graph) -> kb::Status {
        auto around = neighbourhood(graph, req);
        if (!around) return around.error();
        printer.note_graph(*around);
        return kb::Status::ok_status();
      });
    });
    server.Get("/api/graph.svg", [this](const httplib::Request& req, httplib::Response& res) {
      refresher_.refresh_if_due();
      const kb::Status status = with_graph([&](const kb::LinkGraph& graph) -> kb::Status {
        auto around = neighbourhood(graph, req);
        if (!around) return around.error();
        auto svg = kb::render_graph(*around, kb::GraphFormat::kSvg);
        if (!svg) return svg.error();
        res.set_content(*svg, "image/svg+xml");
        return kb::Status::ok_status();
      });
      if (!status.ok()) error(req, res, status);
    });
    server.Get("/api/status", [this](const httplib::Request&, httplib::Response& res) {
      refresher_.refresh_if_due();
      const Refresher::State state = refresher_.state();
      res.set_content(captured([&](OutputSink& sink) {
                        write_json_line(sink, "status",
                                        {{"root", root_.string()},
                                         {"kbs", shard_names()},
                                         {"notes", state.notes},
                                         {"watching", watching_},
                                         {"refreshes", state.refreshes},
                                         {"changed", state.changed},
                                         {"problems", state.problems},
                                         {"refresh_ms", state.milliseconds},
                                         {"error", state.error}});
                      }),
                      "application/x-ndjson; charset=utf-8");
    });
    server.Get("/file", [this](const httplib::Request& req, httplib::Response& res) {
      const std::string path = req.get_param_value("path");
      const char* type = image_type(path);
      if (type == nullptr) {
        error(req, res, kb::Status::not_found(path, "not an image of the knowledge base"));
        return;
      }
      const kb::Status status = with_graph([&](const kb::LinkGraph& graph) -> kb::Status {
        auto bytes = graph.read_file(path, kMaxFileBytes);
        if (!bytes) return bytes.error();
        res.set_content(*bytes, type);
        // An SVG is a document that may hold script: never run as one.
        if (std::string_view(type) == "image/svg+xml") {
          res.set_header("Content-Security-Policy", "default-src 'none'; sandbox");
        }
        return kb::Status::ok_status();
      });
      // Whatever the reason (outside, hidden, missing), the answer is "no
      // such file": it tells nothing about what exists.
      if (!status.ok()) {
        error(req, res, kb::Status::not_found(path, "no such file in the knowledge base"));
      }
    });
  }

 private:
  using JsonHandler = std::function<kb::Status(const httplib::Request&, Printer&)>;

  // A GET route whose answer is the JSON Lines `handler` prints, after the
  // refresh that is due.
  void json(const std::string& route, const std::string& command, JsonHandler handler) {
    server_->Get(
        route, [this, command, handler](const httplib::Request& req, httplib::Response& res) {
          refresher_.refresh_if_due();
          kb::Status status;
          std::string body = captured([&](OutputSink& sink) {
            auto printer = make_json_printer(sink, command, paths_);
            status = handler(req, *printer);
          });
          if (!status.ok()) {
            // A note path that leads nowhere, outside or not, is "no such note":
            // the answer tells nothing about what exists outside.
            const std::string path = note_path(req);
            const bool bad_path = !path.empty() && status.subject() == path &&
                                  status.code() == kb::Code::kInvalidArgument;
            error(req, res,
                  bad_path ? kb::Status::not_found(path, "no such note in the knowledge base")
                           : status);
            return;
          }
          res.set_content(std::move(body), "application/x-ndjson; charset=utf-8");
        });
  }

  void links(const std::string& route, const std::string& command, LinkView view,
             kb::Result<std::vector<kb::ResolvedLink>> (kb::LinkGraph::*list)(const std::string&)
                 const) {
    json(route, command, [this, view, list](const httplib::Request& req, Printer& printer) {
      return with_graph([&](const kb::LinkGraph& graph) -> kb::Status {
        auto found = (graph.*list)(note_path(req));
        if (!found) return found.error();
        printer.links(*found, view);
        return kb::Status::ok_status();
      });
    });
  }

  static std::string note_path(const httplib::Request& req) { return req.get_param_value("path"); }

  // The parameter `name` as a count; `fallback` when absent or not a number.
  static std::size_t number(const httplib::Request& req, const char* name, std::size_t fallback) {
    const std::string value = req.get_param_value(name);
    std::size_t n = fallback;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    return ec == std::errc() && end == value.data() + value.size() ? n : fallback;
  }

  kb::Result<kb::NoteGraph> neighbourhood(const kb::LinkGraph& graph,
                                          const httplib::Request& req) const {
    const std::size_t depth = number(req, "depth", 1);
    if (depth < 1 || depth > 2) {
      return kb::Status::invalid_argument("depth", "must be 1 or 2");
    }
    return graph.neighbourhood(note_path(req), static_cast<int>(depth));
  }

  // Each request opens the index anew: a Searcher is one thread's, and a
  // fresh one reads the latest commit, the refresh's included.
  kb::Status with_searcher(const std::function<kb::Status(const kb::Searcher&)>& use) const {
    auto searcher = shards_ ? kb::Searcher::open(*shards_) : kb::Searcher::open(root_);
    if (!searcher) return searcher.error();
    return use(*searcher);
  }

  kb::Status with_graph(const std::function<kb::Status(const kb::LinkGraph&)>& use) const {
    auto graph = shards_ ? kb::LinkGraph::open(*shards_) : kb::LinkGraph::open(root_);
    if (!graph) return graph.error();
    return use(*graph);
  }

  // The knowledge bases whose indexes a refresh updates, each with its own
  // settings.
  static std::vector<Refresher::Kb> local_kbs(const GlobalOptions& global, const fs::path& root,
                                              const std::optional<kb::ShardSet>& shards) {
    if (!shards) return {{root, run_settings(global)}};
    std::vector<Refresher::Kb> kbs;
    for (const kb::Shard& shard : shards->shards) {
      if (!shard.remote()) kbs.emplace_back(shard.root, settings_for(global, shard.root));
    }
    return kbs;
  }

  std::vector<std::string> shard_names() const {
    std::vector<std::string> names;
    if (shards_) {
      for (const kb::Shard& shard : shards_->shards) names.push_back(shard.name);
    }
    return names;
  }

  const fs::path root_;
  const std::optional<kb::ShardSet> shards_;
  const PathDisplay paths_;
  const bool watching_;
  Refresher refresher_;
  httplib::Server* server_ = nullptr;
};

// The Host header's name without its port: "localhost" of "localhost:7777",
// "::1" of "[::1]:7777".
std::string host_name(const std::string& host) {
  if (host.starts_with('[')) {
    const std::size_t close = host.find(']');
    return close == std::string::npos ? host : host.substr(1, close - 1);
  }
  return host.substr(0, host.find(':'));
}

// Runs kb::watch() until `stop` says so, telling `refresher` what each
// update did; a problem that does not end the watch is printed once.
kb::Status watch_notes(const GlobalOptions& global, const fs::path& root, Refresher& refresher,
                       std::function<bool()> stop) {
  kb::WatchOptions options;
  options.index.settings = run_settings(global);
  // A `kbsearch index`, or a query's refresh, may be writing.
  options.index.lock_wait = std::chrono::seconds(10);
  options.index.stop_requested = std::move(stop);
  std::set<std::string> warned;
  options.index.on_diagnostic = [&warned](const kb::Diagnostic& d) {
    if (warned.insert(d.to_string()).second) report_warning(d.to_string());
  };
  options.on_warning = [](const kb::Status& s) { report_warning(s.to_string()); };
  // How long an update took is not told by the watch; /api/status says 0.
  options.on_update = [&refresher](const kb::IndexReport& report) {
    refresher.record(report, Clock::duration::zero());
  };
  return kb::watch(root, std::move(options));
}

}  // namespace

int serve(const GlobalOptions& global, const fs::path& root,
          const std::optional<kb::ShardSet>& shards, const ServeOptions& options,
          const std::function<void(const std::string& url)>& on_listening) {
  if (shards && options.watch) {
    return report_error(kb::Status::invalid_argument(
        "--watch", "watches one knowledge base; several are refreshed as a query refreshes"));
  }
  // A note of the page is opened by its path, with its links: knowledge
  // bases that do not link to each other are not one tree of paths.
  if (shards && shards->shards.size() > 1 && !shards->linked) {
    return report_error(kb::Status::invalid_argument(
        "--kb", "the page shows one tree of notes: serve one knowledge base, or a group of them "
                "that link to each other ([group.NAME] linked = true)"));
  }
  httplib::Server server;
  server.set_default_headers(security_headers());
  // Small limits: the API takes no body, and a slow client must not hold
  // a thread for long.
  server.set_payload_max_length(1 << 16);
  server.set_read_timeout(std::chrono::seconds(5));
  server.set_write_timeout(std::chrono::seconds(30));

  std::vector<std::string> allowed = {"localhost", "127.0.0.1", "::1", options.bind};
  allowed.insert(allowed.end(), options.allowed_hosts.begin(), options.allowed_hosts.end());
  server.set_pre_routing_handler([allowed](const httplib::Request& req, httplib::Response& res) {
    const std::string name = host_name(req.get_header_value("Host"));
    if (std::find(allowed.begin(), allowed.end(), name) != allowed.end() &&
        (req.method == "GET" || req.method == "HEAD")) {
      return httplib::Server::HandlerResponse::Unhandled;
    }
    const bool foreign = std::find(allowed.begin(), allowed.end(), name) == allowed.end();
    res.status = foreign ? 421 : 405;
    res.set_content(foreign ? "kbsearch serve: this server answers only to its own name\n"
                            : "kbsearch serve: the API is read-only\n",
                    "text/plain; charset=utf-8");
    return httplib::Server::HandlerResponse::Handled;
  });

  // A handler that throws is a bug (the library returns errors as values):
  // it is logged and answered as any internal error, not with the
  // exception's text in a header, as cpp-httplib does by default.
  server.set_exception_handler(
      [](const httplib::Request& req, httplib::Response& res, std::exception_ptr thrown) {
        std::string what = "unknown exception";
        try {
          std::rethrow_exception(thrown);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        error(req, res, kb::Status::internal(req.path, "the server failed: " + what));
      });

  Api api(global, root, shards, options);
  api.route(server);

  // cpp-httplib listens with a backlog of 5, built into Debian's library:
  // a page's burst of requests, or a few clients, overflow it and wait a
  // second for the kernel to retry. Listening again raises it (Linux takes
  // a second listen() as a new backlog); the socket is known from the
  // options callback, which runs on it before the bind.
  int listening_socket = -1;
  server.set_socket_options([&listening_socket](socket_t sock) {
    httplib::default_socket_options(sock);
    listening_socket = sock;
  });
  const int port = options.port == 0
                       ? server.bind_to_any_port(options.bind)
                       : (server.bind_to_port(options.bind, options.port) ? options.port : -1);
  if (port < 0) {
    return report_error(kb::Status::io_error(options.bind + ":" + std::to_string(options.port),
                                             "cannot listen there"));
  }
  if (listening_socket >= 0) ::listen(listening_socket, SOMAXCONN);
  const std::string shown_host =
      options.bind.find(':') != std::string::npos ? "[" + options.bind + "]" : options.bind;
  on_listening("http://" + shown_host + ":" + std::to_string(port) + "/");

  catch_interrupts();
  std::atomic<bool> listening_ended = false;
  std::atomic<bool> watch_ended = false;
  kb::Status watch_status;
  std::thread watcher;
  if (options.watch) {
    // The watch's own first update finds nothing left to do.
    api.refresher().refresh_now();
    watcher = std::thread([&] {
      watch_status = watch_notes(global, root, api.refresher(), [&listening_ended] {
        return interrupt_signal() != 0 || listening_ended;
      });
      watch_ended = true;
    });
  }
  std::thread stopper([&server, &listening_ended, &watch_ended] {
    while (interrupt_signal() == 0 && !listening_ended && !watch_ended) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    server.stop();
  });
  server.listen_after_bind();
  // It also ends when the socket fails, or the watch, with no signal.
  listening_ended = true;
  stopper.join();
  if (watcher.joinable()) watcher.join();
  if (!watch_status.ok()) return report_error(watch_status);
  if (interrupt_signal() == 0) {
    return report_error(kb::Status::io_error(options.bind, "the server stopped listening"));
  }
  return kExitFound;
}

}  // namespace kbcli
