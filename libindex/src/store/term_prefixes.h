// The one table of Xapian term prefixes and value slots used by the index.
// Prefixes follow the Omega conventions (xapian-omega termprefixes.rst).
#ifndef KB_SRC_TERM_PREFIXES_H_
#define KB_SRC_TERM_PREFIXES_H_

#include <xapian.h>

#include <cstddef>

namespace kb {

// Xapian's glass backend rejects terms longer than 245 bytes: every term
// the index makes stays within this.
inline constexpr std::size_t kMaxTermBytes = 240;

}  // namespace kb

namespace kb::prefix {

inline constexpr const char* kNoteId = "Q";   // Q + path: one per note
// Metadata key prefix: "R" + the note id term holds its note record.
inline constexpr const char* kRecordKey = "R";
inline constexpr const char* kTitle = "S";    // title words (title:)
inline constexpr const char* kHeading = "XH";  // heading words (heading:)
inline constexpr const char* kPathWord = "XP";  // words of the path (path:)
inline constexpr const char* kFolder = "P";   // P + each folder prefix
// K + the case-folded tag, and K + each of its ancestors ("a/b" also gives
// "Ka"), so that tag:a finds notes tagged a/b with one term.
inline constexpr const char* kTag = "K";
// XB + the folded tag, and XB + each ancestor, of each tag that covers a
// tagged block (kb::TaggedBlock): the notes `blocks tag:X` reads, without
// those tagged X in their front matter only.
inline constexpr const char* kBlockTag = "XB";
inline constexpr const char* kTagWord = "XK";  // words of tag names
inline constexpr const char* kAlias = "XA";    // words of aliases
// Words of the file stem, a field of their own for ranking (searcher.cc).
inline constexpr const char* kStemWord = "XF";
inline constexpr const char* kLanguage = "L";  // "Lzh" or "Len" (lang:)
// XM + "key:value" for each front-matter scalar and list item (fm.KEY:VALUE;
// property_term.h).
inline constexpr const char* kProperty = "XM";
// On each note whose text was repaired from mojibake (kb/vocabulary.h):
// its repair depends on the other notes' words, which its own are not.
inline constexpr const char* kRepaired = "XR";
// XE + the exact key (text/exact_key.h) of the note's title, file stem and
// each alias: a query that is one of them ranks the note first.
inline constexpr const char* kExactName = "XE";
// XD + the note's text key (slot::kTextKey): finds a hit's duplicates.
inline constexpr const char* kTextKey = "XD";

// Link resolution (see link_keys.h): each note is named by
inline constexpr const char* kNamePath = "XNP:";    // its path
inline constexpr const char* kNameFolder = "XNF:";  // its folder (index, README)
inline constexpr const char* kNameSuffix = "XNX:";  // each path suffix
inline constexpr const char* kNameStem = "XNS:";    // its file stem
inline constexpr const char* kNameTitle = "XNT:";   // its title
inline constexpr const char* kNameAlias = "XNA:";   // each alias
// and each link of a note is a term for the name it looks for:
inline constexpr const char* kLinkPath = "XLF:";    // Markdown link: a path
inline constexpr const char* kLinkName = "XLW:";    // wikilink: any name
inline constexpr const char* kLinkStem = "XLS:";    // post_link: a stem
// Metadata key prefix: "N" + folded tag holds how many notes use each of
// its spellings (tag_spellings.h).
inline constexpr const char* kTagNameKey = "N";

}  // namespace kb::prefix

namespace kb::slot {

// "MTIME_NS SIZE" of the file when it was indexed: what update() compares.
inline constexpr Xapian::valueno kFileStamp = 0;
// The note's path, in full (the id term may be shortened); sorts by path.
inline constexpr Xapian::valueno kPath = 1;
// "YYYYMMDD": the front-matter date, else the file's modification day
// (UTC). For date: ranges and sorting by date.
inline constexpr Xapian::valueno kDate = 2;
// The case-folded title, for sorting by title.
inline constexpr Xapian::valueno kTitleKey = 3;
// A hash of the note's text as read (title and blocks, after a mojibake
// repair): notes with the same one are duplicates, collapsed in search.
inline constexpr Xapian::valueno kTextKey = 4;

}  // namespace kb::slot

namespace kb::weight {

// Within-document frequency given to each word of a field: a crude but
// effective field boost under BM25.
inline constexpr Xapian::termcount kTitle = 10;
inline constexpr Xapian::termcount kHeading = 6;
inline constexpr Xapian::termcount kTag = 5;
inline constexpr Xapian::termcount kAlias = 4;
inline constexpr Xapian::termcount kPath = 3;
inline constexpr Xapian::termcount kBody = 2;
inline constexpr Xapian::termcount kCode = 1;
inline constexpr Xapian::termcount kHidden = 1;  // link targets, raw HTML
// Front-matter keys: `publish` finds `publish: true`, as grep would, but a
// key names what its value is, not what the note is about.
inline constexpr Xapian::termcount kFrontMatterKey = 1;

}  // namespace kb::weight

#endif  // KB_SRC_TERM_PREFIXES_H_
