#include "json_line.h"

#include <string>
#include <utility>

#include "printer.h"

namespace kbcli {

void write_json_line(OutputSink& out, const char* type, nlohmann::json data) {
  data["format_version"] = kJsonFormatVersion;
  out.write(nlohmann::json{{"type", type}, {"data", std::move(data)}}.dump(
                -1, ' ', false, nlohmann::json::error_handler_t::replace) +
            "\n");
}

}  // namespace kbcli
