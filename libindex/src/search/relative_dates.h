// Relative dates: the periods people name by words ("today", "last-month",
// "7d") rather than by a calendar date, as the date: filter reads them.
#ifndef KB_SRC_RELATIVE_DATES_H_
#define KB_SRC_RELATIVE_DATES_H_

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace kb {

// A period of whole days, both ends included.
struct DayRange {
  std::chrono::sys_days first;
  std::chrono::sys_days last;
};

// The period `name` stands for, counted from the day `today`: "today",
// "yesterday", "this-week" and "last-week" (weeks start on Monday, as in
// ISO 8601 and in China), "this-month", "last-month", "this-year",
// "last-year", and "Nd", the last N days up to today (N from 1 to 100000;
// "1d" is today). Names are compared without case. nullopt for anything
// else.
std::optional<DayRange> relative_period(std::string_view name, std::chrono::sys_days today);

// The day "YYYY-MM-DD" names, or nullopt when it is not a valid date in
// that form.
std::optional<std::chrono::sys_days> day_of(std::string_view iso_day);

// Today's date in local time (the TZ environment variable, else the
// system's zone), from the system clock.
std::chrono::sys_days local_today();

// "YYYYMMDD", as the index keeps a note's date.
std::string day_key(std::chrono::sys_days day);

}  // namespace kb

#endif  // KB_SRC_RELATIVE_DATES_H_
