#include "store/note_record.h"

#include <cstdint>
#include <optional>
#include <string_view>

#include "base/compression.h"
#include "text/utf8.h"

namespace kb {

namespace {

// Read for every hit of every search, so a compact binary layout rather
// than JSON (which took 60% of a query's time): a version byte, the sizes
// of the summary's, the links' and the blocks' zstd frames as varints,
// then the summary's, the links', the blocks' and the tagged blocks'
// frames (no frame when there are none). Each part is varints and
// length-prefixed strings, in the order
// encode_note_record writes them. Compressed, records take a third of the
// room (they were 40% of a compacted index); in four frames, so that a
// search decompresses no links, the link graph no blocks, and `blocks
// tag:X` only the few tagged blocks of each note.
constexpr unsigned char kRecordVersion = 9;
// No record is larger (index.cc keeps them under 256 MiB): a damaged size
// must not make a reader allocate more.
constexpr std::size_t kMaxPartBytes = 512u << 20;

void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

// Ints that may be negative (a section of -1) are stored plus one.
void put_int(std::string& out, std::int64_t v) {
  put_varint(out, static_cast<std::uint64_t>(v + 1));
}

// Text that is not UTF-8 (from a caller of Index::put; the parser never
// makes any) is stored with U+FFFD, as the snippet code reads UTF-8.
void put_string(std::string& out, std::string_view s) {
  if (!utf8::is_valid(s)) {
    const std::string valid = utf8::replace_invalid(s, nullptr);
    put_varint(out, valid.size());
    out.append(valid);
    return;
  }
  put_varint(out, s.size());
  out.append(s);
}

class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}

  bool varint(std::uint64_t& v) {
    v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= data_.size()) return false;
      const auto byte = static_cast<unsigned char>(data_[pos_++]);
      v |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
      if ((byte & 0x80) == 0) return true;
    }
    return false;
  }
  template <typename Int>
  bool integer(Int& out) {
    std::uint64_t v = 0;
    if (!varint(v)) return false;
    out = static_cast<Int>(static_cast<std::int64_t>(v) - 1);
    return true;
  }
  bool string(std::string& out) {
    std::uint64_t size = 0;
    if (!varint(size) || size > data_.size() - pos_) return false;
    out.assign(data_.substr(pos_, size));
    pos_ += size;
    return true;
  }
  bool count(std::uint64_t& n) {
    // Each element takes at least one byte: a larger count is corrupt.
    return varint(n) && n <= data_.size() - pos_;
  }
  bool at_end() const { return pos_ == data_.size(); }
  // The bytes after what was read.
  std::string_view rest() const { return data_.substr(pos_); }

 private:
  std::string_view data_;
  std::size_t pos_ = 0;
};

}  // namespace

namespace {

std::string encode_summary(const Note& note) {
  std::string out;
  put_string(out, note.path);
  put_string(out, note.title);
  put_string(out, note.date);
  put_int(out, note.mtime_ns);
  const std::vector<std::string> tags = note.tag_names();
  put_varint(out, tags.size());
  for (const std::string& tag : tags) put_string(out, tag);
  put_varint(out, note.headings.size());
  for (const Heading& h : note.headings) {
    put_int(out, h.level);
    put_int(out, h.line);
    put_string(out, h.text);
    // Anchors to repeated headings ("usage-1") are only known from these.
    put_string(out, h.slug);
    put_string(out, h.docsify_slug);
  }
  return out;
}

std::string encode_links(const Note& note) {
  std::string out;
  put_varint(out, note.links.size());
  for (const Link& l : note.links) {
    put_int(out, static_cast<int>(l.kind));
    put_string(out, l.raw);
    put_string(out, l.target);
    put_string(out, l.anchor);
    put_string(out, l.text);
    put_int(out, l.line);
    put_int(out, l.external ? 1 : 0);
    put_string(out, l.context);
    put_int(out, static_cast<std::int64_t>(l.shown_begin));
    put_int(out, static_cast<std::int64_t>(l.shown_end));
  }
  return out;
}

std::string encode_blocks(const Note& note) {
  std::string out;
  put_varint(out, note.blocks.size());
  for (const Block& b : note.blocks) {
    put_int(out, static_cast<int>(b.kind));
    put_int(out, b.first_line);
    put_int(out, b.last_line);
    put_int(out, b.section);
    put_string(out, b.text);
  }
  return out;
}

std::string encode_tagged_blocks(const Note& note) {
  std::string out;
  put_varint(out, note.tagged_blocks.size());
  for (const TaggedBlock& b : note.tagged_blocks) {
    put_int(out, static_cast<int>(b.kind));
    put_int(out, b.first_line);
    put_int(out, b.last_line);
    put_string(out, b.text);
    put_varint(out, b.tags.size());
    for (const std::string& tag : b.tags) put_string(out, tag);
  }
  return out;
}

bool decode_summary(std::string_view data, Note& note) {
  Reader in(data);
  std::uint64_t count = 0;
  if (!in.string(note.path) || !in.string(note.title) || !in.string(note.date) ||
      !in.integer(note.mtime_ns) || !in.count(count)) {
    return false;
  }
  for (std::uint64_t i = 0; i < count; ++i) {
    Tag tag;
    tag.source = Tag::Source::kFrontMatter;
    if (!in.string(tag.name)) return false;
    note.tags.push_back(std::move(tag));
  }
  if (!in.count(count)) return false;
  for (std::uint64_t i = 0; i < count; ++i) {
    Heading h;
    if (!in.integer(h.level) || !in.integer(h.line) || !in.string(h.text) ||
        !in.string(h.slug) || !in.string(h.docsify_slug)) {
      return false;
    }
    note.headings.push_back(std::move(h));
  }
  return in.at_end();
}

bool decode_links(std::string_view data, Note& note) {
  Reader in(data);
  std::uint64_t count = 0;
  if (!in.count(count)) return false;
  for (std::uint64_t i = 0; i < count; ++i) {
    Link l;
    int kind = 0;
    int external = 0;
    if (!in.integer(kind) || kind < 0 || kind > static_cast<int>(Link::Kind::kAssetLink) ||
        !in.string(l.raw) || !in.string(l.target) || !in.string(l.anchor) ||
        !in.string(l.text) || !in.integer(l.line) || !in.integer(external) ||
        !in.string(l.context) || !in.integer(l.shown_begin) ||
        !in.integer(l.shown_end)) {
      return false;
    }
    l.kind = static_cast<Link::Kind>(kind);
    l.external = external != 0;
    note.links.push_back(std::move(l));
  }
  return in.at_end();
}

bool decode_blocks(std::string_view data, Note& note) {
  Reader in(data);
  std::uint64_t count = 0;
  if (!in.count(count)) return false;
  for (std::uint64_t i = 0; i < count; ++i) {
    Block b;
    int kind = 0;
    if (!in.integer(kind) || kind < 0 || kind > static_cast<int>(Block::Kind::kHtml) ||
        !in.integer(b.first_line) || !in.integer(b.last_line) ||
        !in.integer(b.section) || !in.string(b.text)) {
      return false;
    }
    b.kind = static_cast<Block::Kind>(kind);
    note.blocks.push_back(std::move(b));
  }
  return in.at_end();
}

bool decode_tagged_blocks(std::string_view data, Note& note) {
  Reader in(data);
  std::uint64_t count = 0;
  if (!in.count(count)) return false;
  for (std::uint64_t i = 0; i < count; ++i) {
    TaggedBlock b;
    int kind = 0;
    std::uint64_t tags = 0;
    if (!in.integer(kind) || kind < 0 || kind > static_cast<int>(TaggedBlock::Kind::kHeading) ||
        !in.integer(b.first_line) || !in.integer(b.last_line) || !in.string(b.text) ||
        !in.count(tags)) {
      return false;
    }
    b.kind = static_cast<TaggedBlock::Kind>(kind);
    for (std::uint64_t t = 0; t < tags; ++t) {
      if (!in.string(b.tags.emplace_back())) return false;
    }
    note.tagged_blocks.push_back(std::move(b));
  }
  return in.at_end();
}

}  // namespace

std::string encode_note_record(const Note& note) {
  const std::string summary = compress(encode_summary(note));
  const std::string links = compress(encode_links(note));
  const std::string blocks = compress(encode_blocks(note));
  std::string out;
  out.push_back(static_cast<char>(kRecordVersion));
  put_varint(out, summary.size());
  put_varint(out, links.size());
  put_varint(out, blocks.size());
  out += summary;
  out += links;
  out += blocks;
  // Most notes have none: no frame then, rather than a zstd call for each.
  if (!note.tagged_blocks.empty()) out += compress(encode_tagged_blocks(note));
  return out;
}

Result<Note> decode_note_record(const std::string& data, RecordParts parts) {
  const Status corrupt =
      Status::corruption("", "unreadable note record in the index");
  if (data.empty() || static_cast<unsigned char>(data[0]) != kRecordVersion) {
    return corrupt;
  }
  Reader in(std::string_view(data).substr(1));
  std::uint64_t summary_size = 0;
  std::uint64_t links_size = 0;
  std::uint64_t blocks_size = 0;
  if (!in.count(summary_size) || !in.count(links_size) || !in.count(blocks_size)) return corrupt;
  const std::string_view frames = in.rest();
  if (summary_size + links_size + blocks_size > frames.size()) return corrupt;
  Note note;
  const std::optional<std::string> summary =
      decompress(frames.substr(0, summary_size), kMaxPartBytes);
  if (!summary || !decode_summary(*summary, note)) return corrupt;
  if (parts.links) {
    const std::optional<std::string> links =
        decompress(frames.substr(summary_size, links_size), kMaxPartBytes);
    if (!links || !decode_links(*links, note)) return corrupt;
  }
  if (parts.blocks) {
    const std::optional<std::string> blocks =
        decompress(frames.substr(summary_size + links_size, blocks_size), kMaxPartBytes);
    if (!blocks || !decode_blocks(*blocks, note)) return corrupt;
  }
  const std::string_view tagged_frame = frames.substr(summary_size + links_size + blocks_size);
  if (parts.tagged_blocks && !tagged_frame.empty()) {
    const std::optional<std::string> tagged = decompress(tagged_frame, kMaxPartBytes);
    if (!tagged || !decode_tagged_blocks(*tagged, note)) return corrupt;
  }
  return note;
}

}  // namespace kb
