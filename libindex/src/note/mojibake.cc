#include "note/mojibake.h"

#include <unicode/uchar.h>
#include <unicode/ucharstrie.h>
#include <unicode/ucnv.h>
#include <unicode/udata.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

#include "text/segmenter.h"
#include "text/utf8.h"

// The damage this undoes is diagnosed in ../shared/notes/toolchain.md §8:
// UTF-8 bytes decoded as a Windows code page that silently drops the bytes
// it does not define, with soft hyphens stripped, then saved as UTF-8. The
// ASCII survives; a multi-byte character survives when none of its bytes
// was dropped, and is otherwise left as a lead byte short of continuation
// bytes. Since only continuation bytes (0x80-0xBF) are ever dropped, each
// broken character is exactly one lead byte with too few followers, and the
// missing bytes come from a set of at most eight values.

namespace kb {

namespace {

constexpr std::size_t kMinBytes = 64;
constexpr std::size_t kMinNonAscii = 16;

// ---------------------------------------------------------------------------
// Code pages. Each maps bytes 0x80-0xFF to characters; 0 marks a byte the
// code page leaves undefined, which the damaging decoder dropped.

using HighHalf = std::array<char32_t, 128>;

struct ReverseEntry {
  char32_t c = 0;
  unsigned char byte = 0;
};

struct Codepage {
  const char* name;
  HighHalf to_char;
  std::array<ReverseEntry, 128> to_byte;  // sorted by character
};

constexpr HighHalf latin1_high_half() {
  HighHalf t{};
  for (std::size_t i = 0; i < t.size(); ++i)
    t[i] = static_cast<char32_t>(0x80 + i);
  return t;
}

constexpr HighHalf cp1252_high_half() {
  // 0x80-0x9F; 0xA0-0xFF are Latin-1.
  constexpr std::array<char32_t, 32> kLow = {
      0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
      0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
      0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};
  HighHalf t = latin1_high_half();
  std::copy(kLow.begin(), kLow.end(), t.begin());
  return t;
}

constexpr HighHalf cp1254_high_half() {
  // cp1252 without Ž ž, and six Turkish letters in place of Ð Ý Þ ð ý þ.
  HighHalf t = cp1252_high_half();
  t[0x8E - 0x80] = 0;
  t[0x9E - 0x80] = 0;
  t[0xD0 - 0x80] = 0x011E;  // Ğ
  t[0xDD - 0x80] = 0x0130;  // İ
  t[0xDE - 0x80] = 0x015E;  // Ş
  t[0xF0 - 0x80] = 0x011F;  // ğ
  t[0xFD - 0x80] = 0x0131;  // ı
  t[0xFE - 0x80] = 0x015F;  // ş
  return t;
}

constexpr Codepage make_codepage(const char* name, const HighHalf& to_char) {
  Codepage cp{name, to_char, {}};
  for (std::size_t i = 0; i < to_char.size(); ++i) {
    cp.to_byte[i] = {to_char[i], static_cast<unsigned char>(0x80 + i)};
  }
  std::sort(
      cp.to_byte.begin(), cp.to_byte.end(),
      [](const ReverseEntry& a, const ReverseEntry& b) { return a.c < b.c; });
  return cp;
}

// In order of preference when two fit equally well: cp1254 first, because
// it drops the most bytes, so its repair candidates include the others'.
constexpr std::array<Codepage, 3> kCodepages = {
    make_codepage("cp1254", cp1254_high_half()),
    make_codepage("cp1252", cp1252_high_half()),
    make_codepage("latin-1", latin1_high_half())};

// The byte `cp` maps to `c`, or -1 when no byte does.
int to_byte(const Codepage& cp, char32_t c) {
  if (c < 0x80) return static_cast<int>(c);
  auto it = std::lower_bound(
      cp.to_byte.begin(), cp.to_byte.end(), c,
      [](const ReverseEntry& e, char32_t value) { return e.c < value; });
  return it != cp.to_byte.end() && it->c == c ? it->byte : -1;
}

bool in_repertoire(char32_t c) {
  return std::any_of(kCodepages.begin(), kCodepages.end(),
                     [c](const Codepage& cp) { return to_byte(cp, c) >= 0; });
}

// The bytes the damage may have removed: those `cp` leaves undefined, and
// 0xAD, whose character (the invisible soft hyphen) tools strip.
std::vector<unsigned char> dropped_bytes(const Codepage& cp) {
  std::vector<unsigned char> out;
  for (std::size_t i = 0; i < cp.to_char.size(); ++i) {
    if (cp.to_char[i] == 0) out.push_back(static_cast<unsigned char>(0x80 + i));
  }
  out.push_back(0xAD);
  return out;
}

// ---------------------------------------------------------------------------
// Detection, step 1: nearly every non-ASCII character must be one a code
// page maps a byte to (1.00 in mojibake, 0.01 in real Chinese text).

// At least 90% in the repertoire: in >= 9 * out.
constexpr std::size_t kInPerOut = 9;

// Counts the non-ASCII characters of `text` into *non_ascii and tells
// whether the share in the repertoire is high enough. Stops as soon as the
// rest of the text could no longer lift the share (each non-ASCII character
// takes at least two bytes), so real Chinese text costs a fraction of a pass.
bool mostly_in_repertoire(std::string_view text, std::size_t* non_ascii) {
  std::size_t in = 0;
  std::size_t out = 0;
  for (std::size_t i = 0; i < text.size();) {
    const char32_t c = utf8::next(text, i);
    if (c < 0x80) continue;
    if (in_repertoire(c)) {
      ++in;
    } else {
      ++out;
      if (in + (text.size() - i) / 2 < kInPerOut * out) return false;
    }
  }
  *non_ascii = in + out;
  return in >= kInPerOut * out;
}

// ---------------------------------------------------------------------------
// Reversal: each character back to its byte in one code page, and the bytes
// decoded as UTF-8 again, piece by piece.

std::size_t sequence_length(unsigned char lead) {
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;  // a continuation byte, or a byte UTF-8 never uses
}

bool is_continuation(unsigned char b) { return (b & 0xC0) == 0x80; }

// Calls, in text order,
//   sink.ascii(c)        for an ASCII character,
//   sink.character(c)    for a valid multi-byte sequence, decoded,
//   sink.foreign(c)      for a character `cp` has no byte for (kept as is),
//   sink.broken(bytes)   for a lead byte with too few continuation bytes, a
//                        complete but invalid sequence, or a byte that can
//                        start no sequence.
template <typename Sink>
void decode_reversed(std::string_view text, const Codepage& cp, Sink& sink) {
  std::string group;  // a lead byte and the continuation bytes seen so far
  std::size_t need = 0;
  const auto flush = [&] {
    if (!group.empty()) sink.broken(std::string_view(group));
    group.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    const char32_t c = utf8::next(text, i);
    const int b = to_byte(cp, c);
    if (b < 0) {
      flush();
      sink.foreign(c);
    } else if (b < 0x80) {
      flush();
      sink.ascii(static_cast<char>(b));
    } else if (!group.empty() &&
               is_continuation(static_cast<unsigned char>(b))) {
      group += static_cast<char>(b);
      if (group.size() == need) {
        if (utf8::valid_sequence_length(group, 0) == need) {
          std::size_t at = 0;
          sink.character(utf8::next(group, at));
          group.clear();
        } else {
          flush();
        }
      }
    } else {
      flush();
      group += static_cast<char>(b);
      need = sequence_length(static_cast<unsigned char>(b));
      if (need == 0) flush();
    }
  }
  flush();
}

// Detection, step 2, and the choice of code page: how the reversed text
// decodes.
struct Tally {
  std::size_t valid = 0;    // multi-byte sequences that decode
  std::size_t cjk = 0;      // ... to a CJK character
  std::size_t damaged = 0;  // broken pieces plus characters with no byte
  void ascii(char) {}
  void character(char32_t c) {
    ++valid;
    if (is_cjk(c)) ++cjk;
  }
  void foreign(char32_t) { ++damaged; }
  void broken(std::string_view) { ++damaged; }
};

// Mojibake when most pieces decode, and mostly to CJK. Western text fails
// the first test: "é" reverses to E9, the lead byte of a three-byte
// sequence, and the next letter is not a continuation byte. Latin mojibake
// ("Ã©") passes it but fails the second, on purpose: a note quoting such a
// string cannot be told from a damaged one, and rewriting a correct note is
// worse than leaving a damaged one alone.
bool looks_like_mojibake(const Tally& t) {
  return t.valid > t.damaged && 2 * t.cjk >= t.valid;
}

// ---------------------------------------------------------------------------
// Repair: the characters that could have been there, and their costs.

// ICU's Chinese and Japanese word dictionary (the one its word break
// iterator uses): a UCharsTrie from words, single characters included, to
// costs, lower meaning more frequent. ICU offers no API over it, but the
// data item is public through udata, and its layout (DictionaryData in
// ICU's dictionarydata.h: int32 indexes, the trie at byte offset
// indexes[0], the trie type in indexes[4]) has been stable since ICU 50.
// It is the only word-frequency data available without shipping our own.
struct CjkDictionary {
  UDataMemory* data = nullptr;     // kept open for the process lifetime
  const char16_t* trie = nullptr;  // null when the dictionary is missing
};

UBool is_dictionary(void*, const char*, const char*, const UDataInfo* info) {
  return info->size >= 20 && info->isBigEndian == U_IS_BIG_ENDIAN &&
         info->charsetFamily == U_CHARSET_FAMILY &&
         info->dataFormat[0] == 'D' && info->dataFormat[1] == 'i' &&
         info->dataFormat[2] == 'c' && info->dataFormat[3] == 't' &&
         info->formatVersion[0] == 1;
}

const CjkDictionary& cjk_dictionary() {
  static const CjkDictionary dictionary = [] {
    constexpr int32_t kTrieTypeMask = 7, kTrieTypeUChars = 1, kHasValues = 8;
    CjkDictionary d;
    UErrorCode err = U_ZERO_ERROR;
    d.data = udata_openChoice(U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "brkitr",
                              "dict", "cjdict", is_dictionary, nullptr, &err);
    if (U_FAILURE(err)) return CjkDictionary{};
    const auto* indexes = static_cast<const int32_t*>(udata_getMemory(d.data));
    if ((indexes[4] & kTrieTypeMask) != kTrieTypeUChars ||
        (indexes[4] & kHasValues) == 0) {
      udata_close(d.data);
      return CjkDictionary{};
    }
    d.trie = reinterpret_cast<const char16_t*>(
        reinterpret_cast<const char*>(indexes) + indexes[0]);
    return d;
  }();
  return dictionary;
}

// Without a dictionary entry, a character costs more than any entry (the
// highest is 251; ICU's own break engine uses 255 for unknown characters);
// among such candidates, GB2312's tiers stand in for frequency. Alone,
// those tiers repair 67 of 001's 193 broken characters; with the
// dictionary, 165.
constexpr int kUnknownCost = 255;
constexpr int kTierCost = 20;

struct Option {
  char32_t c = 0;
  int cost = 0;
};

class CostModel {
 public:
  CostModel() {
    UErrorCode err = U_ZERO_ERROR;
    gb2312_.reset(ucnv_open("GB2312", &err));
    if (U_FAILURE(err)) {
      gb2312_.reset();
      return;
    }
    ucnv_setFromUCallBack(gb2312_.get(), UCNV_FROM_U_CALLBACK_STOP, nullptr,
                          nullptr, nullptr, &err);
  }

  const char16_t* trie() const { return dictionary_.trie; }

  // The cost of `c` as a word on its own: its dictionary cost, or
  // kUnknownCost.
  int single(char32_t c) const {
    if (dictionary_.trie == nullptr) return kUnknownCost;
    icu::UCharsTrie trie(dictionary_.trie);
    const UStringTrieResult r = trie.next(static_cast<int32_t>(c));
    return USTRINGTRIE_HAS_VALUE(r) ? trie.getValue() : kUnknownCost;
  }

  // The GB2312 code of `c` (two bytes, big-endian), or 0xFFFF when GB2312
  // has no code for it. Rows 0xA1-0xA9 hold the punctuation and symbols
  // Chinese text uses, roughly most common first (row 1 opens with 、。,
  // row 3 with ！); rows 0xB0-0xD7 the 3,755 common hanzi (level 1), rows
  // 0xD8-0xF7 the 3,008 rarer ones (level 2).
  unsigned gb2312(char32_t c) {
    if (!gb2312_) return 0xFFFF;
    UChar units[2];
    UErrorCode err = U_ZERO_ERROR;
    int32_t length = 0;
    U16_APPEND_UNSAFE(units, length, c);
    char bytes[4];
    ucnv_resetFromUnicode(gb2312_.get());
    const int32_t n = ucnv_fromUChars(gb2312_.get(), bytes, sizeof bytes, units,
                                      length, &err);
    if (U_FAILURE(err) || n != 2) return 0xFFFF;
    return static_cast<unsigned>(static_cast<unsigned char>(bytes[0])) << 8 |
           static_cast<unsigned char>(bytes[1]);
  }

  // The cost of `c` as a repair candidate: its dictionary cost when it has
  // one, else kUnknownCost plus a penalty for each GB2312 tier it misses.
  int candidate(char32_t c, unsigned gb) const {
    const int cost = single(c);
    if (cost != kUnknownCost) return cost;
    const unsigned lead = gb >> 8;
    const int tier = (lead >= 0xA1 && lead <= 0xD7)   ? 0
                     : (lead >= 0xD8 && lead <= 0xF7) ? 1
                                                      : 2;
    return kUnknownCost + tier * kTierCost;
  }

 private:
  struct ConverterCloser {
    void operator()(UConverter* c) const { ucnv_close(c); }
  };
  const CjkDictionary& dictionary_ = cjk_dictionary();
  std::unique_ptr<UConverter, ConverterCloser> gb2312_;
};

// A character a text may plausibly contain: not a control or format
// character (ZWJ, direction marks, U+00AD), not unassigned, not private.
bool plausible(char32_t c) {
  switch (u_charType(static_cast<UChar32>(c))) {
    case U_UNASSIGNED:
    case U_CONTROL_CHAR:
    case U_FORMAT_CHAR:
    case U_PRIVATE_USE_CHAR:
    case U_SURROGATE:
      return false;
    default:
      return true;
  }
}

// Inserts `missing` bytes from `dropped` into `seq` at every position after
// the lead byte, collecting the characters that come out valid.
void insert_bytes(std::string& seq, std::size_t missing,
                  const std::vector<unsigned char>& dropped,
                  std::vector<char32_t>& out) {
  if (missing == 0) {
    if (utf8::valid_sequence_length(seq, 0) != seq.size()) return;
    std::size_t at = 0;
    const char32_t c = utf8::next(seq, at);
    if (plausible(c)) out.push_back(c);
    return;
  }
  for (std::size_t pos = 1; pos <= seq.size(); ++pos) {
    for (unsigned char b : dropped) {
      seq.insert(pos, 1, static_cast<char>(b));
      insert_bytes(seq, missing - 1, dropped, out);
      seq.erase(pos, 1);
    }
  }
}

// ---------------------------------------------------------------------------
// Repair: choosing among candidates. A run of non-ASCII characters is
// segmented into dictionary words, as ICU's break engine does, with the
// twist that a broken slot may be filled by any of its candidates: the
// cheapest segmentation picks the candidates. A candidate that completes a
// word with its neighbours beats a more frequent character that forms none:
// in "架构" the broken 构 (E6 84, 9E lost) could also be the commoner 意
// (E6 84 8F). On 001, character frequency alone picks 116 of the 193
// broken characters right; with words, 165.

struct Slot {
  std::vector<Option> options;  // one for a known character, else best first
};

// A pair of characters the knowledge base holds costs this much for both,
// less than any dictionary word (the cheapest cost about 20 a character), so
// such evidence wins.
constexpr int kKnownPairCost = 4;

class RunSolver {
 public:
  RunSolver(const std::vector<Slot>& run, const char16_t* trie,
            const Vocabulary& vocabulary)
      : run_(run), trie_(trie), vocabulary_(vocabulary),
        best_(run.size() + 1) {}

  // The cheapest choice of one character per slot.
  std::u32string solve() {
    best_[0].cost = 0;
    for (std::size_t i = 0; i < run_.size(); ++i) {
      for (const Option& o : run_[i].options) {
        relax(i, i + 1, best_[i].cost + o.cost, std::u32string(1, o.c));
      }
      if (trie_ != nullptr) {
        icu::UCharsTrie trie(trie_);
        std::u32string word;
        extend_word(trie, i, i, word);
      }
      if (i + 1 < run_.size()) relax_known_pairs(i);
    }
    std::vector<std::size_t> ends;  // of the chosen steps, last first
    for (std::size_t end = run_.size(); end > 0; end = best_[end].from) {
      ends.push_back(end);
    }
    std::u32string chars;
    for (auto it = ends.rbegin(); it != ends.rend(); ++it) {
      chars += best_[*it].chars;
    }
    return chars;
  }

 private:
  struct Step {
    long cost = std::numeric_limits<long>::max();
    std::size_t from = 0;
    std::u32string chars;  // the characters of slots [from, end)
  };

  void relax(std::size_t from, std::size_t end, long cost,
             const std::u32string& chars) {
    if (cost >= best_[end].cost) return;  // on ties the earlier option stays
    best_[end] = Step{cost, from, chars};
  }

  // Walks the dictionary from slot `start`, `word` holding the characters
  // chosen for slots [start, at); every word of two characters or more
  // found on the way is a step from `start`.
  void extend_word(icu::UCharsTrie& trie, std::size_t start, std::size_t at,
                   std::u32string& word) {
    if (at == run_.size()) return;
    icu::UCharsTrie::State state;
    trie.saveState(state);
    for (const Option& o : run_[at].options) {
      const UStringTrieResult r = trie.next(static_cast<int32_t>(o.c));
      if (r != USTRINGTRIE_NO_MATCH) {
        word.push_back(o.c);
        if (word.size() >= 2 && USTRINGTRIE_HAS_VALUE(r)) {
          relax(start, at + 1, best_[start].cost + trie.getValue(), word);
        }
        if (USTRINGTRIE_HAS_NEXT(r)) extend_word(trie, start, at + 1, word);
        word.pop_back();
      }
      trie.resetToState(state);
    }
  }

  // Steps over slots i and i+1 for every choice of the two that the
  // knowledge base holds. Only where a choice is left: two known characters
  // need no evidence.
  void relax_known_pairs(std::size_t i) {
    const std::vector<Option>& first = run_[i].options;
    const std::vector<Option>& second = run_[i + 1].options;
    if (first.size() == 1 && second.size() == 1) return;
    for (const Option& a : first) {
      for (const Option& b : second) {
        std::string pair;
        utf8::append(pair, a.c);
        utf8::append(pair, b.c);
        if (vocabulary_.cjk_pair_frequency(pair) > 0) {
          relax(i, i + 2, best_[i].cost + kKnownPairCost,
                std::u32string{a.c, b.c});
        }
      }
    }
  }

  const std::vector<Slot>& run_;
  const char16_t* trie_;
  const Vocabulary& vocabulary_;
  std::vector<Step> best_;
};

// Builds the repaired text from the pieces of decode_reversed().
class Repairer {
 public:
  Repairer(const Codepage& cp, const Vocabulary& vocabulary)
      : dropped_(dropped_bytes(cp)), vocabulary_(vocabulary) {
    result_.codepage = cp.name;
  }

  void ascii(char c) {
    finish_run();
    result_.text += c;
  }
  void character(char32_t c) { run_.push_back(known(c)); }
  void foreign(char32_t c) { run_.push_back(known(c)); }
  void broken(std::string_view bytes) {
    Slot slot = candidates(bytes);
    if (slot.options.empty()) {
      ++result_.unrepaired;
      run_.push_back(known(U'\uFFFD'));
    } else {
      ++result_.repaired;
      run_.push_back(std::move(slot));
    }
  }

  MojibakeRepair finish() {
    finish_run();
    return std::move(result_);
  }

 private:
  Slot known(char32_t c) const { return Slot{{Option{c, model_.single(c)}}}; }

  // One or two missing bytes, inserted anywhere after the lead byte; more
  // would be guesswork (64 candidates for two bytes already).
  Slot candidates(std::string_view bytes) {
    constexpr std::size_t kMaxMissing = 2;
    Slot slot;
    const std::size_t need =
        sequence_length(static_cast<unsigned char>(bytes[0]));
    if (need <= bytes.size() || need - bytes.size() > kMaxMissing) return slot;
    std::string seq(bytes);
    std::vector<char32_t> chars;
    insert_bytes(seq, need - bytes.size(), dropped_, chars);
    std::sort(chars.begin(), chars.end());
    chars.erase(std::unique(chars.begin(), chars.end()), chars.end());

    struct Ranked {
      Option option;
      unsigned gb;
    };
    std::vector<Ranked> ranked;
    for (char32_t c : chars) {
      const unsigned gb = model_.gb2312(c);
      ranked.push_back({Option{c, model_.candidate(c, gb)}, gb});
    }
    // Cheapest first; then GB2312 order, whose symbol rows list the common
    // punctuation first; then code point, to stay deterministic.
    std::sort(ranked.begin(), ranked.end(),
              [](const Ranked& a, const Ranked& b) {
                if (a.option.cost != b.option.cost)
                  return a.option.cost < b.option.cost;
                if (a.gb != b.gb) return a.gb < b.gb;
                return a.option.c < b.option.c;
              });
    for (const Ranked& r : ranked) slot.options.push_back(r.option);
    return slot;
  }

  void finish_run() {
    if (run_.empty()) return;
    for (char32_t c : RunSolver(run_, model_.trie(), vocabulary_).solve()) {
      utf8::append(result_.text, c);
    }
    run_.clear();
  }

  std::vector<unsigned char> dropped_;
  const Vocabulary& vocabulary_;
  CostModel model_;
  std::vector<Slot> run_;  // the non-ASCII characters since the last ASCII
  MojibakeRepair result_;
};

}  // namespace

std::optional<MojibakeRepair> repair_mojibake(
    std::string_view text, const Vocabulary& vocabulary) {
  if (text.size() < kMinBytes) return std::nullopt;
  std::size_t non_ascii = 0;
  if (!mostly_in_repertoire(text, &non_ascii) || non_ascii < kMinNonAscii) {
    return std::nullopt;
  }

  // The code page whose reversal leaves the fewest damaged pieces.
  const Codepage* best = nullptr;
  Tally best_tally;
  for (const Codepage& cp : kCodepages) {
    Tally tally;
    decode_reversed(text, cp, tally);
    if (best == nullptr || tally.damaged < best_tally.damaged) {
      best = &cp;
      best_tally = tally;
    }
  }
  if (!looks_like_mojibake(best_tally)) return std::nullopt;

  Repairer repairer(*best, vocabulary);
  decode_reversed(text, *best, repairer);
  return repairer.finish();
}

std::string without_guessed_characters(std::string_view text) {
  static const std::array<bool, 256> guessed = [] {
    std::array<bool, 256> bytes{};
    for (const Codepage& cp : kCodepages) {
      for (const unsigned char byte : dropped_bytes(cp)) bytes[byte] = true;
    }
    return bytes;
  }();
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    const std::string_view character = text.substr(i, length);
    const bool was_guessed = std::any_of(character.begin(), character.end(), [](char c) {
      return guessed[static_cast<unsigned char>(c)];
    });
    if (was_guessed) {
      out += "\uFFFD";
    } else {
      out += character;
    }
    i += character.size();
  }
  return out;
}

}  // namespace kb
