#include "note_record.h"

#include <nlohmann/json.hpp>

namespace kb {

namespace {

constexpr int kRecordVersion = 2;

using nlohmann::json;

int kind_code(Block::Kind kind) { return static_cast<int>(kind); }

Block::Kind kind_from_code(int code) {
  switch (code) {
    case 1: return Block::Kind::kHeading;
    case 2: return Block::Kind::kCode;
    case 3: return Block::Kind::kHtml;
    default: return Block::Kind::kParagraph;
  }
}

}  // namespace

std::string encode_note_record(const Note& note) {
  json headings = json::array();
  for (const Heading& h : note.headings) {
    headings.push_back(json::array({h.level, h.line, h.text}));
  }
  json blocks = json::array();
  for (const Block& b : note.blocks) {
    blocks.push_back(json::array(
        {kind_code(b.kind), b.first_line, b.last_line, b.section, b.text}));
  }
  json record = {{"v", kRecordVersion},
                 {"path", note.path},
                 {"title", note.title},
                 {"date", note.date},
                 {"mtime_ns", note.mtime_ns},
                 {"tags", note.tag_names()},
                 {"headings", std::move(headings)},
                 {"blocks", std::move(blocks)}};
  return record.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<Note> decode_note_record(const std::string& data) {
  json record = json::parse(data, nullptr, /*allow_exceptions=*/false);
  try {
    if (record.is_discarded() || !record.is_object() ||
        record.value("v", 0) != kRecordVersion) {
      return Status::corruption("", "unreadable note record in the index");
    }
    Note note;
    note.path = record.at("path").get<std::string>();
    note.title = record.at("title").get<std::string>();
    note.date = record.at("date").get<std::string>();
    note.mtime_ns = record.at("mtime_ns").get<std::int64_t>();
    for (const json& name : record.at("tags")) {
      note.tags.push_back(Tag{name.get<std::string>(), Tag::Source::kFrontMatter, 0, -1});
    }
    for (const json& h : record.at("headings")) {
      note.headings.push_back(Heading{h.at(0).get<int>(),
                                      h.at(2).get<std::string>(),
                                      h.at(1).get<int>()});
    }
    for (const json& b : record.at("blocks")) {
      Block block;
      block.kind = kind_from_code(b.at(0).get<int>());
      block.first_line = b.at(1).get<int>();
      block.last_line = b.at(2).get<int>();
      block.section = b.at(3).get<int>();
      block.text = b.at(4).get<std::string>();
      note.blocks.push_back(std::move(block));
    }
    return note;
  } catch (const json::exception& e) {
    return Status::corruption("", std::string("bad note record: ") + e.what());
  }
}

}  // namespace kb
