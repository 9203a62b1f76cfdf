#include "search/relative_dates.h"

#include <charconv>
#include <cstdio>
#include <ctime>


namespace kb {

namespace chr = std::chrono;

namespace {

// ASCII lower case: the names are ASCII, and a folded non-ASCII name is
// no name anyway.
std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

chr::sys_days first_of_month(chr::year_month ym) { return chr::sys_days(ym / 1); }
chr::sys_days last_of_month(chr::year_month ym) { return chr::sys_days(ym / chr::last); }

// The Monday of the week `day` is in.
chr::sys_days monday_of(chr::sys_days day) {
  return day - (chr::weekday(day) - chr::Monday);
}

// N of "Nd", or nullopt.
std::optional<int> days_back(std::string_view name) {
  constexpr int kMostDays = 100000;  // past any note's age; keeps the date valid
  if (name.size() < 2 || name.back() != 'd') return std::nullopt;
  const std::string_view digits = name.substr(0, name.size() - 1);
  int n = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (error != std::errc() || end != digits.data() + digits.size() || n < 1 || n > kMostDays) {
    return std::nullopt;
  }
  return n;
}

}  // namespace

std::optional<DayRange> relative_period(std::string_view name, chr::sys_days today) {
  const std::string word = lower_ascii(name);
  const chr::year_month this_month = chr::year_month_day(today).year() /
                                     chr::year_month_day(today).month();
  const chr::year this_year = chr::year_month_day(today).year();
  if (word == "today") return DayRange{today, today};
  if (word == "yesterday") return DayRange{today - chr::days(1), today - chr::days(1)};
  if (word == "this-week") return DayRange{monday_of(today), monday_of(today) + chr::days(6)};
  if (word == "last-week") {
    const chr::sys_days monday = monday_of(today) - chr::days(7);
    return DayRange{monday, monday + chr::days(6)};
  }
  if (word == "this-month") return DayRange{first_of_month(this_month), last_of_month(this_month)};
  if (word == "last-month") {
    const chr::year_month last = this_month - chr::months(1);
    return DayRange{first_of_month(last), last_of_month(last)};
  }
  if (word == "this-year") {
    return DayRange{chr::sys_days(this_year / 1 / 1), chr::sys_days(this_year / 12 / 31)};
  }
  if (word == "last-year") {
    const chr::year last = this_year - chr::years(1);
    return DayRange{chr::sys_days(last / 1 / 1), chr::sys_days(last / 12 / 31)};
  }
  if (const std::optional<int> n = days_back(word)) {
    return DayRange{today - chr::days(*n - 1), today};
  }
  return std::nullopt;
}

std::optional<chr::sys_days> day_of(std::string_view iso_day) {
  int y = 0;
  unsigned m = 0, d = 0;
  if (iso_day.size() != 10 || iso_day[4] != '-' || iso_day[7] != '-') return std::nullopt;
  const char* s = iso_day.data();
  const bool numbers = std::from_chars(s, s + 4, y).ptr == s + 4 &&
                       std::from_chars(s + 5, s + 7, m).ptr == s + 7 &&
                       std::from_chars(s + 8, s + 10, d).ptr == s + 10;
  const chr::year_month_day day{chr::year(y), chr::month(m), chr::day(d)};
  if (!numbers || !day.ok()) return std::nullopt;
  return chr::sys_days(day);
}

chr::sys_days local_today() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return chr::sys_days(chr::year(local.tm_year + 1900) / chr::month(local.tm_mon + 1) /
                       chr::day(local.tm_mday));
}

std::string day_key(chr::sys_days day) {
  const chr::year_month_day ymd(day);
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d%02u%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buffer;
}

}  // namespace kb
