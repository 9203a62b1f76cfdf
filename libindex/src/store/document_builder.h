// Document builder: the single place that decides which terms, values and
// data a note gets in the index.
#ifndef KB_SRC_DOCUMENT_BUILDER_H_
#define KB_SRC_DOCUMENT_BUILDER_H_

#include <xapian.h>

#include <string>

#include "text/analyzer.h"
#include "kb/note.h"

namespace kb {

// The unique id term of the note at `path`.
std::string note_id_term(const std::string& path);

// The metadata key under which the index keeps the note record of `path`
// (see note_record.h): in metadata rather than the document data, because
// Xapian compresses document data, and decompressing 20 records took half of
// a search's time.
std::string record_key(const std::string& path);

// "MTIME_NS SIZE": the stamp update() compares to decide a note is unchanged.
std::string file_stamp(std::int64_t mtime_ns, std::uint64_t size);

class DocumentBuilder {
 public:
  // The terms and values of `note`; its record goes under record_key().
  Xapian::Document build(const Note& note);

 private:
  Analyzer analyzer_;
};

}  // namespace kb

#endif  // KB_SRC_DOCUMENT_BUILDER_H_
