#include "kb/note_parser.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "front_matter.h"
#include "markdown.h"
#include "template_tags.h"
#include "text_decoder.h"

namespace kb {

namespace {

std::string file_stem(const std::string& path) {
  std::size_t slash = path.rfind('/');
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  std::size_t dot = name.rfind('.');
  return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
}

std::string trimmed(const std::string& s) {
  std::size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  std::size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::string choose_title(const Note& note) {
  auto it = note.fields.find("title");
  if (it != note.fields.end() && !trimmed(it->second).empty()) {
    return trimmed(it->second);
  }
  for (const Heading& h : note.headings) {
    if (h.level == 1 && !trimmed(h.text).empty()) return trimmed(h.text);
  }
  return file_stem(note.path);
}

}  // namespace

Note parse_note(std::string path, std::string_view bytes) {
  Note note;
  note.path = std::move(path);
  note.size = bytes.size();

  DecodedText decoded = decode_text(bytes);
  for (std::string& warning : decoded.warnings) {
    note.diagnostics.push_back(Diagnostic{note.path, 0, std::move(warning)});
  }
  std::string text = std::move(decoded.text);

  FrontMatter front = take_front_matter(text);
  note.fields = std::move(front.fields);
  note.front_matter_values = std::move(front.nested_values);
  for (Diagnostic& d : front.diagnostics) {
    d.path = note.path;
    note.diagnostics.push_back(std::move(d));
  }
  strip_template_tags(text);

  MarkdownDocument doc = parse_markdown(text);
  note.headings = std::move(doc.headings);
  note.blocks = std::move(doc.blocks);
  note.title = choose_title(note);
  return note;
}

Result<Note> read_note(const std::filesystem::path& root,
                       const std::string& path) {
  const std::filesystem::path full = root / path;
  const int fd = ::open(full.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return Status::not_found(path, "no such file");
    return Status::io_error(path, std::string("cannot open: ") +
                                      std::strerror(errno));
  }
  std::string bytes;
  char buffer[1 << 16];
  while (true) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      const int error = errno;
      ::close(fd);
      return Status::io_error(path, std::string("cannot read: ") +
                                        std::strerror(error));
    }
    bytes.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  if (looks_binary(bytes)) {
    return Status::invalid_argument(path, "binary file, not a note: skipped");
  }
  return parse_note(path, bytes);
}

}  // namespace kb
