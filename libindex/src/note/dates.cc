#include "note/dates.h"

#include <cstdio>

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

}  // namespace

std::string iso_date(std::string_view text) {
  const std::string_view s = trim_ascii_whitespace(text);
  std::size_t i = 0;
  int year = 0, month = 0, day = 0;
  if (!read_exactly(s, i, 4, year) || i >= s.size()) return "";
  const char separator = s[i];
  if (separator != '-' && separator != '/' && separator != '.') return "";
  ++i;
  if (!read_number(s, i, 2, month) || i >= s.size() || s[i] != separator) return "";
  ++i;
  if (!read_number(s, i, 2, day)) return "";
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) {
    return "";
  }
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  std::string out = buffer;
  if (i == s.size()) return out;

  if (s[i] != ' ' && s[i] != 'T') return "";
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

}  // namespace kb
