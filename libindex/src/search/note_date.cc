#include "search/note_date.h"

#include <ctime>

namespace kb {

std::string shown_date(const Note& note) {
  if (!note.date.empty()) return note.date;
  const std::time_t seconds = static_cast<std::time_t>(note.mtime_ns / 1'000'000'000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S+00:00", &utc);
  return buffer;
}

}  // namespace kb
