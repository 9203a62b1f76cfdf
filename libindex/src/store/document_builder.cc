#include "store/document_builder.h"

#include <cstdio>
#include <ctime>

#include "base/content_hash.h"

#include "note/file_stem.h"
#include "note/language.h"
#include "note/mojibake.h"
#include "store/index_schema.h"
#include "store/link_keys.h"
#include "store/property_term.h"
#include "store/tag_terms.h"
#include "text/exact_key.h"
#include "text/segmenter.h"
#include "store/term_prefixes.h"

namespace kb {

namespace {


// Path words: "大模型LM/文献精读/Transformer.md" -> "大模型LM 文献精读 Transformer md".
std::string path_words(const std::string& path) {
  std::string words = path;
  for (char& c : words) {
    if (c == '/' || c == '.' || c == '_' || c == '-') c = ' ';
  }
  return words;
}

// "YYYYMMDD" of the front-matter date, else of the modification time's
// day in local time (TZ): the day the user saw the edit happen, which
// date:today and the other relative periods count in.
std::string date_key(const Note& note) {
  if (note.date.size() >= 10) {
    return note.date.substr(0, 4) + note.date.substr(5, 2) + note.date.substr(8, 2);
  }
  const std::time_t seconds = static_cast<std::time_t>(note.mtime_ns / 1'000'000'000);
  std::tm local{};
  localtime_r(&seconds, &local);
  char buffer[16];
  std::strftime(buffer, sizeof buffer, "%Y%m%d", &local);
  return buffer;
}

// The names the note answers to, and the names its links look for; the
// link graph turns these into one query for a note's backlinks.
void add_link_terms(const Note& note, Xapian::Document& doc) {
  doc.add_boolean_term(key_term(prefix::kNamePath, name_key(note.path)));
  if (const std::optional<std::string> folder = folder_key(note.path)) {
    doc.add_boolean_term(key_term(prefix::kNameFolder, *folder));
  }
  for (const std::string& key : suffix_keys(note.path)) {
    doc.add_boolean_term(key_term(prefix::kNameSuffix, key));
  }
  doc.add_boolean_term(key_term(prefix::kNameStem, stem_key(note.path)));
  doc.add_boolean_term(key_term(prefix::kNameTitle, name_key(note.title)));
  for (const std::string& alias : note.aliases) {
    doc.add_boolean_term(key_term(prefix::kNameAlias, name_key(alias)));
  }
  for (const Link& link : note.links) {
    for (const std::string& term : link_terms(note.path, link)) doc.add_boolean_term(term);
  }
}

// What fm.KEY:VALUE looks for: a term for each scalar and list item.
void add_property_terms(const Note& note, Xapian::Document& doc) {
  for (const auto& [key, values] : note.properties) {
    for (const std::string& value : values) {
      const std::string term = property_term(key, value);
      if (!term.empty()) doc.add_boolean_term(term);
    }
  }
}

// XE + the exact key of the title, the file stem and each alias.
void add_exact_name_terms(const Note& note, Xapian::Document& doc) {
  const auto add = [&](std::string_view name) {
    const std::string key = exact_key(name);
    if (!key.empty()) doc.add_boolean_term(key_term(prefix::kExactName, key));
  };
  add(note.title);
  add(file_stem(note.path));
  for (const std::string& alias : note.aliases) add(alias);
}

// The text key, as hex, in slot::kTextKey and as an XD term: a hash of the
// title and the blocks as read, so an exact copy of a note shares it,
// whatever its path and file bytes. The characters a mojibake repair may
// have guessed wrong are left out of every note's key (about 1% of Chinese
// characters), so a repaired copy shares its original's too.
void add_text_key(const Note& note, Xapian::Document& doc) {
  std::string text = note.title;
  for (const Block& block : note.blocks) {
    text += '\0';
    text += block.text;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx",
                static_cast<unsigned long long>(content_hash(without_guessed_characters(text))));
  doc.add_value(slot::kTextKey, hex);
  doc.add_boolean_term(prefix::kTextKey + std::string(hex));
}

}  // namespace

Xapian::Document DocumentBuilder::build(const Note& note) {
  Xapian::Document doc;
  analyzer_.set_document(doc);

  analyzer_.index_text(note.title, weight::kTitle, prefix::kTitle);
  analyzer_.end_field();
  analyzer_.index_text(path_words(note.path), weight::kPath,
                       prefix::kPathWord);
  analyzer_.end_field();
  analyzer_.index_field_only(path_words(std::string(file_stem(note.path))), prefix::kStemWord);
  analyzer_.end_field();
  for (const std::string& name : note.tag_names()) {
    analyzer_.index_text(name, weight::kTag, prefix::kTagWord);
    analyzer_.end_field();
    add_tag_terms(name, doc);
  }
  for (const TaggedBlock& block : note.tagged_blocks) {
    for (const std::string& name : block.tags) add_tag_terms(name, doc, prefix::kBlockTag);
  }
  for (const std::string& alias : note.aliases) {
    analyzer_.index_text(alias, weight::kAlias, prefix::kAlias);
    analyzer_.end_field();
  }
  // Other front-matter values (date, categories, ...) are searchable text.
  for (const auto& [key, value] : note.fields) {
    if (key == "title") continue;
    analyzer_.index_text(value, weight::kBody);
    analyzer_.end_field();
  }
  for (const std::string& value : note.front_matter_values) {
    analyzer_.index_text(value, weight::kBody);
    analyzer_.end_field();
  }
  if (!note.properties.empty()) {
    // One call for all keys: most are a word each, and a call has its cost.
    std::string keys;
    for (const auto& [key, values] : note.properties) keys += key + '\n';
    analyzer_.index_text(keys, weight::kFrontMatterKey);
    analyzer_.end_field();
  }
  // Link destinations, raw HTML and code-fence languages as written: a
  // search for a site, a file name or an attribute finds them, as grep would.
  for (const Link& link : note.links) {
    analyzer_.index_text(link.raw, weight::kHidden);
    analyzer_.end_field();
  }
  for (const std::string& text : note.hidden_text) {
    analyzer_.index_text(text, weight::kHidden);
    analyzer_.end_field();
  }
  for (const Block& block : note.blocks) {
    switch (block.kind) {
      case Block::Kind::kHeading:
        analyzer_.index_text(block.text, weight::kHeading, prefix::kHeading);
        break;
      case Block::Kind::kCode:
        analyzer_.index_text(block.text, weight::kCode);
        break;
      case Block::Kind::kParagraph:
      case Block::Kind::kHtml:
        analyzer_.index_text(block.text, weight::kBody);
        break;
    }
    analyzer_.end_field();
  }

  for (std::size_t slash = note.path.find('/'); slash != std::string::npos;
       slash = note.path.find('/', slash + 1)) {
    if (std::optional<std::string> folder = folder_term(note.path.substr(0, slash))) {
      doc.add_boolean_term(*folder);
    }
  }
  add_link_terms(note, doc);
  add_property_terms(note, doc);
  add_exact_name_terms(note, doc);
  add_text_key(note, doc);
  doc.add_boolean_term(prefix::kLanguage + note_language(note));
  if (!note.repaired.empty()) doc.add_boolean_term(prefix::kRepaired);
  doc.add_boolean_term(note_id_term(note.path));
  doc.add_value(slot::kFileStamp,
                encode_file_stamp(FileStamp{note.mtime_ns, note.size, note.content_hash}));
  doc.add_value(slot::kPath, note.path);
  doc.add_value(slot::kDate, date_key(note));
  doc.add_value(slot::kTitleKey, normalize(note.title));
  analyzer_.release_document();  // the document may go to another thread
  return doc;
}

}  // namespace kb
