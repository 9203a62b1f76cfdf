// Tests for kb::Status, kb::Result<T> and kb::code_name (kb/status.h).
#include <catch2/catch.hpp>

#include <iterator>
#include <memory>
#include <set>
#include <string>

#include "kb/status.h"

namespace {

kb::Result<int> parse_digit(char c) {
  if (c < '0' || c > '9') {
    return kb::Status::invalid_argument(std::string(1, c), "not a digit");
  }
  return c - '0';
}

}  // namespace

TEST_CASE("code_name gives a stable lower-case name for every code",
          "[status]") {
  struct Row {
    kb::Code code;
    const char* name;
  };
  const Row rows[] = {
      {kb::Code::kOk, "ok"},
      {kb::Code::kNotFound, "not-found"},
      {kb::Code::kInvalidArgument, "invalid-argument"},
      {kb::Code::kIOError, "io-error"},
      {kb::Code::kParseError, "parse-error"},
      {kb::Code::kCorruption, "corruption"},
      {kb::Code::kLocked, "locked"},
      {kb::Code::kVersionMismatch, "version-mismatch"},
      {kb::Code::kInternal, "internal"},
  };
  std::set<std::string> seen;
  for (const Row& row : rows) {
    INFO("expected " << row.name);
    CHECK(std::string(kb::code_name(row.code)) == row.name);
    seen.insert(kb::code_name(row.code));
  }
  CHECK(seen.size() == std::size(rows));
}

TEST_CASE("a default Status is OK and prints as ok", "[status]") {
  const kb::Status status;
  CHECK(status.ok());
  CHECK(status.code() == kb::Code::kOk);
  CHECK(status.subject().empty());
  CHECK(status.message().empty());
  CHECK(status.to_string() == "ok");
  CHECK(kb::Status::ok_status().ok());
}

TEST_CASE("each Status factory sets its code, subject and message",
          "[status]") {
  struct Row {
    kb::Status status;
    kb::Code code;
  };
  const Row rows[] = {
      {kb::Status::not_found("s", "m"), kb::Code::kNotFound},
      {kb::Status::invalid_argument("s", "m"), kb::Code::kInvalidArgument},
      {kb::Status::io_error("s", "m"), kb::Code::kIOError},
      {kb::Status::parse_error("s", "m"), kb::Code::kParseError},
      {kb::Status::corruption("s", "m"), kb::Code::kCorruption},
      {kb::Status::locked("s", "m"), kb::Code::kLocked},
      {kb::Status::version_mismatch("s", "m"), kb::Code::kVersionMismatch},
      {kb::Status::internal("s", "m"), kb::Code::kInternal},
  };
  for (const Row& row : rows) {
    INFO("code " << kb::code_name(row.code));
    CHECK_FALSE(row.status.ok());
    CHECK(row.status.code() == row.code);
    CHECK(row.status.subject() == "s");
    CHECK(row.status.message() == "m");
  }
}

TEST_CASE("Status::to_string joins subject and message, or shows the message",
          "[status]") {
  CHECK(kb::Status::not_found("notes/a.md", "no such file").to_string() ==
        "notes/a.md: no such file");
  CHECK(kb::Status::parse_error("", "unbalanced quote").to_string() ==
        "unbalanced quote");
  CHECK(kb::Status::io_error("日记/2024-10-21.md", "read failed").to_string() ==
        "日记/2024-10-21.md: read failed");
}

TEST_CASE("a Result holding a value gives access to it", "[status]") {
  kb::Result<int> result = parse_digit('7');
  REQUIRE(result.has_value());
  CHECK(static_cast<bool>(result));
  CHECK(result.value() == 7);
  CHECK(*result == 7);
  CHECK(result.status().ok());

  kb::Result<std::string> text = std::string("注意力");
  CHECK(text->size() == std::string("注意力").size());
  const kb::Result<std::string>& const_text = text;
  CHECK(*const_text == "注意力");
}

TEST_CASE("a Result holding an error reports it through error() and status()",
          "[status]") {
  const kb::Result<int> result = parse_digit('x');
  REQUIRE_FALSE(result.has_value());
  CHECK_FALSE(static_cast<bool>(result));
  CHECK(result.error().code() == kb::Code::kInvalidArgument);
  CHECK(result.error().subject() == "x");
  CHECK(result.status().code() == kb::Code::kInvalidArgument);
  CHECK(result.status().to_string() == "x: not a digit");
}

TEST_CASE("a Result can hold and hand over a move-only value", "[status]") {
  kb::Result<std::unique_ptr<int>> result = std::make_unique<int>(42);
  REQUIRE(result.has_value());
  std::unique_ptr<int> taken = std::move(result).value();
  REQUIRE(taken != nullptr);
  CHECK(*taken == 42);
}
