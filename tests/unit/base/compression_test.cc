// Tests for compression.h: frames, with and without a trained dictionary.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "base/compression.h"

namespace {

// `count` small records of one layout and one vocabulary, as a knowledge
// base's are; the same for the same `seed`.
std::vector<std::string> records(int count, std::uint32_t seed) {
  static const char* const kWords[] = {"注意力", "机制", "softmax", "attention", "周报",
                                       "模型",   "训练", "query",   "key",       "value",
                                       "数据集", "实验", "loss",    "梯度",      "layer"};
  std::vector<std::string> out;
  for (int i = 0; i < count; ++i) {
    std::string r = "title\x1f" "笔记 " + std::to_string(i) + "\x1e" "tags\x1f" "LLM\x1f" "attention\x1e";
    for (int w = 0; w < 60; ++w) {
      seed = seed * 1664525u + 1013904223u;
      r += kWords[(seed >> 16) % (sizeof kWords / sizeof *kWords)];
      r += (seed >> 8) % 7 == 0 ? "。\n" : " ";
    }
    out.push_back(r);
  }
  return out;
}

std::size_t total_size(const std::vector<std::string>& frames) {
  std::size_t n = 0;
  for (const std::string& f : frames) n += f.size();
  return n;
}

}  // namespace

TEST_CASE("A frame reads back what it holds, and refuses to be larger than asked",
          "[compression]") {
  const std::string text = records(1, 1).front();
  const std::string frame = kb::compress(text);
  CHECK(kb::dictionary_id(frame) == 0);
  CHECK(kb::decompress(frame, text.size()) == text);
  CHECK_FALSE(kb::decompress(frame, text.size() - 1).has_value());
  CHECK_FALSE(kb::decompress(frame.substr(0, frame.size() - 1), text.size()).has_value());
  CHECK_FALSE(kb::decompress(frame + "x", text.size()).has_value());
  CHECK_FALSE(kb::decompress("not a frame", 100).has_value());
}

TEST_CASE("A dictionary trained on records makes other records of their kind smaller",
          "[compression]") {
  const auto dictionary = kb::CompressionDictionary::train(records(400, 7), 16 << 10);
  REQUIRE(dictionary.has_value());
  CHECK(dictionary->id() != 0);
  CHECK(dictionary->bytes().size() <= (16u << 10));

  // Records it did not learn from.
  const std::vector<std::string> unseen = records(50, 99);
  std::vector<std::string> alone, with;
  for (const std::string& r : unseen) {
    alone.push_back(kb::compress(r));
    with.push_back(kb::compress(r, &*dictionary));
  }
  INFO("alone " << total_size(alone) << " bytes, with the dictionary " << total_size(with));
  CHECK(total_size(with) < total_size(alone) * 9 / 10);
  for (std::size_t i = 0; i < unseen.size(); ++i) {
    CHECK(kb::dictionary_id(with[i]) == dictionary->id());
    CHECK(kb::decompress(with[i], 1 << 20, &*dictionary) == unseen[i]);
  }
}

TEST_CASE("A frame made with a dictionary reads only with that one", "[compression]") {
  const auto one = kb::CompressionDictionary::train(records(300, 1), 8 << 10);
  const auto other = kb::CompressionDictionary::train(records(300, 2), 8 << 10);
  REQUIRE(one.has_value());
  REQUIRE(other.has_value());
  REQUIRE(one->id() != other->id());
  const std::string text = records(1, 3).front();
  const std::string frame = kb::compress(text, &*one);
  CHECK_FALSE(kb::decompress(frame, 1 << 20).has_value());
  CHECK_FALSE(kb::decompress(frame, 1 << 20, &*other).has_value());
  CHECK(kb::decompress(frame, 1 << 20, &*one) == text);
  // A frame made without one reads either way.
  CHECK(kb::decompress(kb::compress(text), 1 << 20, &*one) == text);
}

TEST_CASE("A dictionary loads from its bytes; other bytes are no dictionary", "[compression]") {
  const auto trained = kb::CompressionDictionary::train(records(300, 5), 8 << 10);
  REQUIRE(trained.has_value());
  const auto loaded = kb::CompressionDictionary::load(trained->bytes());
  REQUIRE(loaded.has_value());
  CHECK(loaded->id() == trained->id());
  const std::string text = records(1, 6).front();
  CHECK(kb::decompress(kb::compress(text, &*trained), 1 << 20, &*loaded) == text);

  CHECK_FALSE(kb::CompressionDictionary::load("").has_value());
  CHECK_FALSE(kb::CompressionDictionary::load("plain text, not a dictionary").has_value());
  CHECK_FALSE(kb::CompressionDictionary::train({}, 8 << 10).has_value());
  CHECK_FALSE(kb::CompressionDictionary::train({"too", "few"}, 8 << 10).has_value());
}
