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
      // Chinese dates, with a time after them or not, with a space or not
      {"2024年10月20日", "2024-10-20"},
      {"2024年4月3日", "2024-04-03"},
      {"2024年10月20日 21:40", "2024-10-20T21:40:00"},
      {"2024年10月20日21:40:17", "2024-10-20T21:40:17"},
      {"2024/10/20", "2024-10-20"},
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
      {"2024年10月20", ""},   // no 日
      {"2024年2月30日", ""},
      {"2024年10-20", ""},
      {"2024-10-20日", ""},
  };
  for (const Row& row : rows) {
    INFO("'" << row.in << "'");
    CHECK(kb::iso_date(row.in) == row.out);
  }
}

TEST_CASE("date_in_file_name reads the dates Jekyll posts and daily notes are named by",
          "[dates]") {
  struct Row {
    const char* path;
    const char* date;
  };
  const Row rows[] = {
      {"_posts/2023-05-06-title.md", "2023-05-06"},
      {"source/_posts/2023-05-06-多个-词.markdown", "2023-05-06"},
      {"日记/2024-10-21.md", "2024-10-21"},
      {"2024-10-21 周报.md", "2024-10-21"},
      {"2024-10-21_meeting.md", "2024-10-21"},
      {"daily/20241021.md", "2024-10-21"},
      {"2024.10.21.md", "2024-10-21"},
      {"日记/2024年10月21日.md", "2024-10-21"},
      {"2024-02-29.md", "2024-02-29"},
      // the folders do not count, only the stem
      {"2024-10-21/notes.md", ""},
      // not a day
      {"2024-10.md", ""},
      {"2024.md", ""},
      {"12345678.md", ""},
      {"20241301.md", ""},
      {"2024-02-30-title.md", ""},
      {"2024-1-2-title.md", ""},
      {"2024-10-21x.md", ""},
      {"2024-10-21T10:00.md", ""},
      {"notes-2024-10-21.md", ""},
      {"Transformer.md", ""},
  };
  for (const Row& row : rows) {
    INFO(row.path);
    CHECK(kb::date_in_file_name(row.path) == row.date);
  }
}

TEST_CASE("date_in_file_name reads the configured formats, and only them", "[dates]") {
  const std::vector<std::string> formats = {"%d.%m.%Y", "%Y%m%d"};
  struct Row {
    const char* path;
    const char* date;
  };
  const Row rows[] = {
      {"journal/21.10.2024.md", "2024-10-21"},
      {"21.10.2024 meeting.md", "2024-10-21"},
      {"1.2.2024.md", "2024-02-01"},
      {"20241021.md", "2024-10-21"},
      {"20241021-title.md", "2024-10-21"},
      // the built-in rule's forms are not read once formats are configured
      {"2024-10-21.md", ""},
      // a format read whole, then something that is no separator
      {"21.10.2024x.md", ""},
      {"202410211.md", ""},
      // an impossible day
      {"30.02.2024.md", ""},
  };
  for (const Row& row : rows) {
    INFO(row.path);
    CHECK(kb::date_in_file_name(row.path, formats) == row.date);
  }
  CHECK(kb::date_in_file_name("2024-10-21.md", {}).empty());
  CHECK(kb::date_in_file_name("2024年10月21日.md", {"%Y年%m月%d日"}) == "2024-10-21");
  CHECK(kb::date_in_file_name("100%-2024-10-21.md", {"100%%-%Y-%m-%d"}) == "2024-10-21");
}

TEST_CASE("file_name_date_format_problem names what a format lacks or has too much of",
          "[dates]") {
  CHECK(kb::file_name_date_format_problem("%Y-%m-%d").empty());
  CHECK(kb::file_name_date_format_problem("%d.%m.%Y").empty());
  CHECK(kb::file_name_date_format_problem("100%% %Y%m%d").empty());
  CHECK(kb::file_name_date_format_problem("%Y-%m").find("%d") != std::string::npos);
  CHECK(kb::file_name_date_format_problem("%Y-%m-%d-%d").find("once") != std::string::npos);
  CHECK(kb::file_name_date_format_problem("%Y-%b-%d").find("%b") != std::string::npos);
  CHECK(kb::file_name_date_format_problem("%Y-%m-%d%").find("lone") != std::string::npos);
}

TEST_CASE("date_in_file_name reads nothing with a format it would reject", "[dates]") {
  CHECK(kb::date_in_file_name("2024-10-21-05.md", {"%Y-%m-%d-%d"}).empty());
  CHECK(kb::date_in_file_name("2024-10.md", {"%Y-%m"}).empty());
}
