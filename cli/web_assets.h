// The files of the page `kbsearch serve` serves (cli/web/), built into the
// program by cli/embed_web_assets.cmake, so that the page needs nothing
// installed beside it and fetches nothing from elsewhere.
#ifndef KB_CLI_WEB_ASSETS_H_
#define KB_CLI_WEB_ASSETS_H_

#include <string_view>
#include <vector>

namespace kbcli {

struct WebAsset {
  std::string_view name;          // the file's name in cli/web/: "index.html"
  std::string_view content_type;  // "text/html; charset=utf-8"
  std::string_view bytes;         // its content
};

// Every file of cli/web/, by name.
const std::vector<WebAsset>& web_assets();

}  // namespace kbcli

#endif  // KB_CLI_WEB_ASSETS_H_
