// Tag terms: how a tag is a term of the index, for notes and, in `blocks`
// searches, for the blocks it covers.
#ifndef KB_SRC_STORE_TAG_TERMS_H_
#define KB_SRC_STORE_TAG_TERMS_H_

#include <xapian.h>

#include <string>

#include "store/term_prefixes.h"

namespace kb {

// Adds `prefix` + the folded tag and `prefix` + each ancestor to `doc`:
// "项目/分子动力学" gives "K项目/分子动力学" and "K项目", so that tag:项目
// finds it with one term. Terms longer than kMaxTermBytes are left out.
void add_tag_terms(const std::string& name, Xapian::Document& doc,
                   const std::string& prefix = prefix::kTag);

}  // namespace kb

#endif  // KB_SRC_STORE_TAG_TERMS_H_
