#include "kb/shards.h"

#include <charconv>
#include <system_error>

#include "store/index_folder.h"

namespace kb {

Result<Shard> remote_shard(std::string name, std::string_view address,
                           std::chrono::milliseconds timeout) {
  const auto bad = [&](const char* why) {
    return Status::invalid_argument(std::string(address),
                                    std::string(why) + "; a remote index is HOST:PORT");
  };
  const std::size_t colon = address.rfind(':');
  if (colon == std::string_view::npos) return bad("no port");
  std::string_view host = address.substr(0, colon);
  const std::string_view port_text = address.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  } else if (host.find(':') != std::string_view::npos) {
    return bad("an IPv6 address goes in brackets, [::1]:PORT");
  }
  unsigned port = 0;
  const auto [end, error] =
      std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (error != std::errc() || end != port_text.data() + port_text.size() || port == 0 ||
      port > 65535) {
    return bad("the port is not a number from 1 to 65535");
  }
  Shard shard;
  shard.name = std::move(name);
  shard.host = host.empty() ? "127.0.0.1" : std::string(host);
  shard.port = static_cast<std::uint16_t>(port);
  shard.timeout = timeout;
  return shard;
}

Result<std::filesystem::path> served_index_file(const std::filesystem::path& root) {
  std::error_code ec;
  std::filesystem::path stub = database_path(root);
  if (!std::filesystem::is_regular_file(stub, ec)) {
    return Status::not_found(root.string(), "no index here; run `kbsearch index` first");
  }
  return stub;
}

}  // namespace kb
