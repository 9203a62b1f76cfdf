// Document builder: the single place that decides which terms, values and
// data a note gets in the index.
#ifndef KB_SRC_DOCUMENT_BUILDER_H_
#define KB_SRC_DOCUMENT_BUILDER_H_

#include <xapian.h>

#include <string>

#include "analyzer.h"
#include "kb/note.h"

namespace kb {

// The unique id term of the note at `path`.
std::string note_id_term(const std::string& path);

// "MTIME_NS SIZE": the stamp update() compares to decide a note is unchanged.
std::string file_stamp(std::int64_t mtime_ns, std::uint64_t size);

class DocumentBuilder {
 public:
  Xapian::Document build(const Note& note);

 private:
  Analyzer analyzer_;
};

}  // namespace kb

#endif  // KB_SRC_DOCUMENT_BUILDER_H_
