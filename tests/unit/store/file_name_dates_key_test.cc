// Tests for store/file_name_dates_key.h: the formats the index keeps read
// back as they were, the built-in rule apart from "no formats".
#include <catch2/catch.hpp>

#include "store/file_name_dates_key.h"

TEST_CASE("file-name date formats read back as they were kept", "[file_name_dates_key]") {
  using Formats = std::optional<std::vector<std::string>>;
  for (const Formats& formats :
       {Formats(), Formats(std::vector<std::string>{}),
        Formats(std::vector<std::string>{"%Y-%m-%d", "%d.%m.%Y", "%Y年%m月%d日"})}) {
    CHECK(kb::decode_file_name_dates(kb::encode_file_name_dates(formats)) == formats);
  }
  // An index without the key (older, or never configured) is the built-in rule.
  CHECK(kb::decode_file_name_dates("") == Formats());
  CHECK(kb::encode_file_name_dates(std::vector<std::string>{}) !=
        kb::encode_file_name_dates(std::nullopt));
}
