// Base64 (RFC 4648, standard alphabet, padded), for bytes JSON cannot hold
// as text: the name of a file that is not UTF-8.
#ifndef KB_CLI_BASE64_H_
#define KB_CLI_BASE64_H_

#include <string>
#include <string_view>

namespace kbcli {

std::string base64(std::string_view bytes);

}  // namespace kbcli

#endif  // KB_CLI_BASE64_H_
