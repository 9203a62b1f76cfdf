// Dates: the front-matter date formats notes use, normalised to ISO 8601.
#ifndef KB_SRC_DATES_H_
#define KB_SRC_DATES_H_

#include <string>
#include <string_view>
#include <vector>

namespace kb {

// "2023-05-29" -> "2023-05-29"; "2024-10-20 21:40:17" and
// "2024-10-20T21:40" -> "2024-10-20T21:40:17" / "2024-10-20T21:40:00";
// a zone "Z", "+0800" or "+08:00" -> "...+08:00" ("Z" -> "+00:00").
// '/' and '.' also separate the date ("2024/4/3", "2024.4.3"), and one-digit
// months and days are accepted. Chinese dates are written "2024年10月20日",
// a time after them with or without a space ("2024年10月20日 21:40").
// Anything else, or an impossible date (2024-02-30, 25:00), gives "".
std::string iso_date(std::string_view text);

// The day a note's file name gives, "YYYY-MM-DD", or "". The file stem (the
// name without its extension, folders ignored) is either a day iso_date()
// reads ("2024-10-21", "2024.10.21", "2024年10月21日"), eight digits of a
// day ("20241021"), or starts with "YYYY-MM-DD" and then '-', '_' or a
// space: Jekyll's and Hexo's posts ("2023-05-06-title") and dated notes
// ("2024-10-21 周报"). No other number is a date: "2024-10" (a month),
// "1234567890".
std::string date_in_file_name(std::string_view path);

// Why `format` cannot be a format of file-name dates, or "" when it can:
// each of %Y (four digits), %m and %d (one or two digits; exactly two when
// another directive follows at once, as in "%Y%m%d") once, "%%" for '%',
// every other character itself.
std::string file_name_date_format_problem(std::string_view format);

// The day the file name of `path` gives in the first of `formats` that
// reads it (one file_name_date_format_problem() rejects reads none), or "": the
// file stem is the format filled in, or starts with it and then '-', '_'
// or a space, as date_in_file_name() reads "2023-05-06-title". An
// impossible day (2024-02-30) is no date. O(stem length · formats).
std::string date_in_file_name(std::string_view path, const std::vector<std::string>& formats);

}  // namespace kb

#endif  // KB_SRC_DATES_H_
