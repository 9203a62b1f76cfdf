// Tests for dates.h: front-matter dates as the seed notes write them.
#include <catch2/catch.hpp>

#include "note/dates.h"

TEST_CASE("iso_date normalises the formats notes use", "[dates]") {
  struct Row {
    const char* in;
    const char* out;
  };
  const Row rows[] = {
      // the three formats of the seed notes
      {"2024-10-20 21:40:17", "2024-10-20T21:40:17"},
      {"2024-11-17 23:12:00+0800", "2024-11-17T23:12:00+08:00"},
      {"2023-05-29", "2023-05-29"},
      // ISO forms and zones
      {"2024-10-20T21:40:17Z", "2024-10-20T21:40:17+00:00"},
      {"2024-10-20T21:40:17+08:00", "2024-10-20T21:40:17+08:00"},
      {"2024-10-20T21:40:17-05:30", "2024-10-20T21:40:17-05:30"},
      {"2024-10-20T21:40:17.123Z", "2024-10-20T21:40:17+00:00"},
      {"2024-10-20 21:40", "2024-10-20T21:40:00"},
      {"2024-10-20 21:40:17 +0800", "2024-10-20T21:40:17+08:00"},
      // other separators, short months and days (the journal headings)
      {"2024/4/3", "2024-04-03"},
      {"2024.4.3", "2024-04-03"},
      {"  2024-02-29  ", "2024-02-29"},  // leap year
      // not dates
      {"", ""},
      {"yesterday", ""},
      {"2024-02-30", ""},
      {"2023-02-29", ""},
      {"2024-13-01", ""},
      {"2024-10-20 25:00", ""},
      {"2024-10-20x", ""},
      {"2024-4/3", ""},                   // mixed separators
      {"24-10-20", ""},
      {"2024-10-20 21:40:17+0800 extra", ""},
  };
  for (const Row& row : rows) {
    INFO("'" << row.in << "'");
    CHECK(kb::iso_date(row.in) == row.out);
  }
}
