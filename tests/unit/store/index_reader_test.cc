// Tests for index_reader.h: shards read as one index, and a remote shard
// that dies under a reader that is already open. The remote shards are
// xapian-tcpsrv processes on 127.0.0.1, each in a process group of its own
// (it ends its group on SIGTERM), at a port found free just before.
#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <xapian.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "kb/index.h"
#include "store/index_folder.h"
#include "store/index_reader.h"
#include "store/term_prefixes.h"
#include "test_util.h"

namespace {

template <typename T>
using Result = kb::Result<T>;

// A knowledge base of `notes` (path, text), indexed.
void make_kb(const std::filesystem::path& root,
             const std::vector<std::pair<std::string, std::string>>& notes) {
  for (const auto& [path, text] : notes) kbtest::write_file(root / path, text);
  auto index = kb::Index::open(root, kbtest::fast_index_options());
  REQUIRE(index);
  REQUIRE(index->update());
}

unsigned free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  REQUIRE(getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) == 0);
  close(fd);
  return ntohs(address.sin_port);
}

// xapian-tcpsrv serving the index of `root`, until destroyed or stop().
class Server {
 public:
  explicit Server(const std::filesystem::path& root) : port_(free_port()) {
    const std::string port = std::to_string(port_);
    const std::string database = kb::database_path(root).string();
    pid_ = fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      setpgid(0, 0);
      execlp("xapian-tcpsrv", "xapian-tcpsrv", "--quiet", "--interface", "127.0.0.1", "--port",
             port.c_str(), database.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    setpgid(pid_, pid_);
    // Bounded: 5 s for it to answer.
    for (int poll = 0; poll < 500; ++poll) {
      try {
        Xapian::Remote::open("127.0.0.1", port_, 1000, 1000);
        return;
      } catch (const Xapian::NetworkError&) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
    }
    FAIL("xapian-tcpsrv did not answer on port " << port_);
  }
  ~Server() { stop(); }
  void stop() {
    if (pid_ <= 0) return;
    kill(-pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
    pid_ = 0;
  }
  std::uint16_t port() const { return static_cast<std::uint16_t>(port_); }

 private:
  unsigned port_;
  pid_t pid_ = 0;
};

kb::Shard local(const std::string& name, const std::filesystem::path& root) {
  kb::Shard shard;
  shard.name = name;
  shard.root = root;
  return shard;
}

kb::Shard remote(const std::string& name, std::uint16_t port) {
  kb::Shard shard;
  shard.name = name;
  shard.host = "127.0.0.1";
  shard.port = port;
  shard.timeout = std::chrono::milliseconds(2000);
  return shard;
}

// The paths of every note `reader` reads, through reading().
std::vector<std::string> all_notes(const kb::IndexReader& reader) {
  return reader.reading([&] {
    Xapian::Enquire enquire(reader.db);
    enquire.set_query(Xapian::Query::MatchAll);
    std::vector<std::string> paths;
    const Xapian::MSet all = enquire.get_mset(0, reader.db.get_doccount());
    for (auto it = all.begin(); it != all.end(); ++it) {
      Result<kb::Note> record = reader.record_at(*it, it.get_document().get_value(kb::slot::kPath));
      paths.push_back(reader.shard_name(*it) + ":" + (record ? record->title : "?"));
    }
    std::sort(paths.begin(), paths.end());
    return paths;
  });
}

}  // namespace

TEST_CASE("records come from the shard that holds the note, also for one path in two shards",
          "[index_reader]") {
  kbtest::TempDir a, b;
  make_kb(a.path(), {{"same.md", "# In A\n\nalpha"}, {"a.md", "# Only A\n"}});
  make_kb(b.path(), {{"same.md", "# In B\n\nbeta"}});
  kb::ShardSet set;
  set.shards = {local("a", a.path()), local("b", b.path())};
  Result<kb::IndexReader> reader = kb::open_reader(set, kb::Env::system());
  REQUIRE(reader);
  CHECK(reader->live.size() == 2);
  CHECK(reader->db.get_doccount() == 3);
  // Each document's record is its own shard's, not the first shard's.
  CHECK(all_notes(*reader) == std::vector<std::string>{"a:In A", "a:Only A", "b:In B"});
  // By path, the first shard that has it.
  CHECK(reader->record("same.md")->title == "In A");
  CHECK(reader->record("a.md")->title == "Only A");
  CHECK(reader->record("none.md").error().code() == kb::Code::kNotFound);
  // And its document id is that shard's, whatever the interleaving.
  REQUIRE(reader->find("same.md") != 0);
  CHECK(reader->shard_name(reader->find("same.md")) == "a");
  CHECK(reader->record_at(reader->find("same.md"), "same.md")->title == "In A");
  CHECK(reader->shard_name(reader->find("a.md")) == "a");
  CHECK(reader->find("none.md") == 0);
}

TEST_CASE("a shard that cannot be opened is left out with its error, and none open is an error",
          "[index_reader]") {
  kbtest::TempDir a, empty;
  make_kb(a.path(), {{"a.md", "# A\n"}});
  kb::ShardSet set;
  set.shards = {local("a", a.path()), local("gone", empty.path())};
  Result<kb::IndexReader> reader = kb::open_reader(set, kb::Env::system());
  REQUIRE(reader);
  REQUIRE(reader->unavailable().size() == 1);
  CHECK(reader->unavailable()[0].shard == "gone");
  CHECK(reader->unavailable()[0].status.subject() == "gone");
  CHECK(all_notes(*reader) == std::vector<std::string>{"a:A"});

  set.shards = {local("gone", empty.path())};
  CHECK(kb::open_reader(set, kb::Env::system()).error().code() == kb::Code::kNotFound);
  set.shards = {local("x", a.path()), local("x", a.path())};
  CHECK(kb::open_reader(set, kb::Env::system()).error().code() == kb::Code::kInvalidArgument);
}

TEST_CASE("a remote shard that dies under an open reader is left out, and the rest still answer",
          "[index_reader]") {
  kbtest::TempDir a, b;
  make_kb(a.path(), {{"a1.md", "# A one\n"}, {"a2.md", "# A two\n"}});
  make_kb(b.path(), {{"b1.md", "# B one\n"}});
  Server server_a(a.path());
  Server server_b(b.path());
  kb::ShardSet set;
  set.shards = {remote("ra", server_a.port()), remote("rb", server_b.port())};
  Result<kb::IndexReader> reader = kb::open_reader(set, kb::Env::system());
  REQUIRE(reader);
  CHECK(all_notes(*reader) == std::vector<std::string>{"ra:A one", "ra:A two", "rb:B one"});
  CHECK(reader->unavailable().empty());

  server_b.stop();
  const auto start = std::chrono::steady_clock::now();
  CHECK(all_notes(*reader) == std::vector<std::string>{"ra:A one", "ra:A two"});
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
  REQUIRE(reader->unavailable().size() == 1);
  CHECK(reader->unavailable()[0].shard == "rb");
  CHECK(reader->unavailable()[0].status.code() == kb::Code::kIOError);

  // With every shard gone, the reader's error names each.
  server_a.stop();
  CHECK_THROWS_AS(all_notes(*reader), Xapian::NetworkError);
}
