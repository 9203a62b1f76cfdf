#include "note/dates.h"

#include <cstdio>

#include "note/file_stem.h"
#include "text/whitespace.h"

namespace kb {

namespace {

// Reads 1 to `max_digits` digits at s[i]; false when there are none.
bool read_number(std::string_view s, std::size_t& i, int max_digits, int& out) {
  int digits = 0;
  out = 0;
  while (i < s.size() && digits < max_digits && s[i] >= '0' && s[i] <= '9') {
    out = out * 10 + (s[i] - '0');
    ++i;
    ++digits;
  }
  return digits > 0;
}

bool read_exactly(std::string_view s, std::size_t& i, int digits, int& out) {
  const std::size_t start = i;
  return read_number(s, i, digits, out) && i - start == static_cast<std::size_t>(digits);
}

int days_in_month(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// Skips `word` at s[i]; false when it is not there.
bool skip(std::string_view s, std::size_t& i, std::string_view word) {
  if (s.substr(i, word.size()) != word) return false;
  i += word.size();
  return true;
}

// Reads the month and day after the year of "YYYY-MM-DD", "YYYY/M/D",
// "YYYY.M.D" or "YYYY年M月D日". `cjk` tells which of them it was.
bool read_month_and_day(std::string_view s, std::size_t& i, int& month, int& day,
                        bool& cjk) {
  cjk = skip(s, i, "年");
  if (cjk) {
    return read_number(s, i, 2, month) && skip(s, i, "月") && read_number(s, i, 2, day) &&
           skip(s, i, "日");
  }
  if (i >= s.size()) return false;
  const char separator = s[i];
  if (separator != '-' && separator != '/' && separator != '.') return false;
  ++i;
  if (!read_number(s, i, 2, month) || i >= s.size() || s[i] != separator) return false;
  ++i;
  return read_number(s, i, 2, day);
}

}  // namespace

std::string iso_date(std::string_view text) {
  const std::string_view s = trim_ascii_whitespace(text);
  std::size_t i = 0;
  int year = 0, month = 0, day = 0;
  bool cjk = false;
  if (!read_exactly(s, i, 4, year) || !read_month_and_day(s, i, month, day, cjk)) {
    return "";
  }
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) {
    return "";
  }
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  std::string out = buffer;
  if (i == s.size()) return out;

  // "2024年10月20日21:40" needs no space: Chinese is written without.
  if (!cjk && s[i] != ' ' && s[i] != 'T') return "";
  while (i < s.size() && (s[i] == ' ' || s[i] == 'T')) ++i;
  int hour = 0, minute = 0, second = 0;
  if (!read_number(s, i, 2, hour) || i >= s.size() || s[i] != ':') return "";
  ++i;
  if (!read_exactly(s, i, 2, minute)) return "";
  if (i < s.size() && s[i] == ':') {
    ++i;
    if (!read_exactly(s, i, 2, second)) return "";
    if (i < s.size() && s[i] == '.') {  // fractions of a second are dropped
      ++i;
      int fraction = 0;
      if (!read_number(s, i, 9, fraction)) return "";
    }
  }
  if (hour > 23 || minute > 59 || second > 60) return "";
  std::snprintf(buffer, sizeof buffer, "T%02d:%02d:%02d", hour, minute, second);
  out += buffer;

  while (i < s.size() && s[i] == ' ') ++i;
  if (i == s.size()) return out;
  if (s[i] == 'Z' && i + 1 == s.size()) return out + "+00:00";
  if (s[i] != '+' && s[i] != '-') return "";
  const char sign = s[i++];
  int zone_hour = 0, zone_minute = 0;
  if (!read_exactly(s, i, 2, zone_hour)) return "";
  if (i < s.size() && s[i] == ':') ++i;
  if (i < s.size() && !read_exactly(s, i, 2, zone_minute)) return "";
  if (i != s.size() || zone_hour > 14 || zone_minute > 59) return "";
  std::snprintf(buffer, sizeof buffer, "%c%02d:%02d", sign, zone_hour, zone_minute);
  return out + buffer;
}

std::string date_in_file_name(std::string_view path) {
  const std::string_view stem = file_stem(path);

  const std::string whole = iso_date(stem);
  if (whole.size() == 10) return whole;
  std::size_t i = 0;
  int digits = 0;
  if (stem.size() == 8 && read_exactly(stem, i, 8, digits)) {
    const std::string day = std::string(stem.substr(0, 4)) + "-" +
                            std::string(stem.substr(4, 2)) + "-" + std::string(stem.substr(6));
    return iso_date(day);
  }
  // "YYYY-MM-DD" exactly, then a separator: "2024-1-2-3" is no date.
  const bool separated = stem.size() > 10 && stem[4] == '-' && stem[7] == '-' &&
                         (stem[10] == '-' || stem[10] == '_' || stem[10] == ' ');
  if (!separated) return "";
  const std::string day = iso_date(stem.substr(0, 10));
  return day.size() == 10 ? day : "";
}

}  // namespace kb

namespace kb {

namespace {

// Reads `format` against the start of `stem`; the day it gives, or "".
// `end` is where the match ended.
std::string read_by_format(std::string_view stem, std::string_view format, std::size_t& end) {
  std::size_t i = 0;
  int year = -1, month = -1, day = -1;
  for (std::size_t f = 0; f < format.size(); ++f) {
    if (format[f] != '%' || f + 1 >= format.size() || format[f + 1] == '%') {
      if (i >= stem.size() || stem[i] != format[f]) return "";
      ++i;
      if (format[f] == '%') ++f;
      continue;
    }
    const char directive = format[++f];
    const bool directive_next = f + 2 < format.size() && format[f + 1] == '%' &&
                                format[f + 2] != '%';
    const bool ok = directive == 'Y'   ? read_exactly(stem, i, 4, year)
                    : directive_next ? read_exactly(stem, i, 2, directive == 'm' ? month : day)
                                     : read_number(stem, i, 2, directive == 'm' ? month : day);
    if (!ok) return "";
  }
  end = i;
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  return iso_date(buffer);
}

}  // namespace

std::string file_name_date_format_problem(std::string_view format) {
  int years = 0, months = 0, days = 0;
  for (std::size_t f = 0; f < format.size(); ++f) {
    if (format[f] != '%') continue;
    if (f + 1 >= format.size()) return "ends with a lone %";
    const char directive = format[++f];
    if (directive == 'Y') {
      ++years;
    } else if (directive == 'm') {
      ++months;
    } else if (directive == 'd') {
      ++days;
    } else if (directive != '%') {
      return std::string("has %") + directive + ", which is not one of %Y, %m, %d, %%";
    }
  }
  if (years != 1 || months != 1 || days != 1) return "must have each of %Y, %m and %d once";
  return "";
}

std::string date_in_file_name(std::string_view path, const std::vector<std::string>& formats) {
  const std::string_view stem = file_stem(path);
  for (const std::string& format : formats) {
    if (!file_name_date_format_problem(format).empty()) continue;
    std::size_t end = 0;
    const std::string day = read_by_format(stem, format, end);
    if (day.empty()) continue;
    if (end == stem.size() || stem[end] == '-' || stem[end] == '_' || stem[end] == ' ') return day;
  }
  return "";
}

}  // namespace kb
