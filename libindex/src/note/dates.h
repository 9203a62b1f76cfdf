// Dates: the front-matter date formats notes use, normalised to ISO 8601.
#ifndef KB_SRC_DATES_H_
#define KB_SRC_DATES_H_

#include <string>
#include <string_view>

namespace kb {

// "2023-05-29" -> "2023-05-29"; "2024-10-20 21:40:17" and
// "2024-10-20T21:40" -> "2024-10-20T21:40:17" / "2024-10-20T21:40:00";
// a zone "Z", "+0800" or "+08:00" -> "...+08:00" ("Z" -> "+00:00").
// '/' and '.' also separate the date ("2024/4/3", "2024.4.3"), and one-digit
// months and days are accepted. Anything else, or an impossible date
// (2024-02-30, 25:00), gives "".
std::string iso_date(std::string_view text);

}  // namespace kb

#endif  // KB_SRC_DATES_H_
