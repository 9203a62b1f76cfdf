// Document builder: the single place that decides which terms, values and
// data a note gets in the index.
#ifndef KB_SRC_DOCUMENT_BUILDER_H_
#define KB_SRC_DOCUMENT_BUILDER_H_

#include <xapian.h>

#include <string>

#include "text/analyzer.h"
#include "kb/note.h"

namespace kb {

class DocumentBuilder {
 public:
  // The terms and values of `note`; its record goes under record_key()
  // (index_schema.h). The builder keeps no reference to the document, so
  // it may be handed to another thread. One builder per thread.
  Xapian::Document build(const Note& note);

 private:
  Analyzer analyzer_;
};

}  // namespace kb

#endif  // KB_SRC_DOCUMENT_BUILDER_H_
