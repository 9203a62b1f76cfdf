// sample_words DIR COUNT SEED zh|en: prints COUNT distinct words sampled
// from the Markdown files under DIR, one per line, reproducibly for a SEED.
// zh: words of 2-4 Han characters, as ICU's word breaker finds them; en:
// ASCII words of 4-12 letters. A word is drawn by picking a random file and a
// random word in it, so common words are likelier, as in real queries.
#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

bool is_han_word(const icu::UnicodeString& w) {
  const int32_t n = w.countChar32();
  if (n < 2 || n > 4) return false;
  for (int32_t i = 0; i < w.length(); i = w.moveIndex32(i, 1)) {
    UErrorCode err = U_ZERO_ERROR;
    if (uscript_getScript(w.char32At(i), &err) != USCRIPT_HAN) return false;
  }
  return true;
}

bool is_english_word(const icu::UnicodeString& w) {
  if (w.length() < 4 || w.length() > 12) return false;
  for (int32_t i = 0; i < w.length(); ++i) {
    const UChar c = w.charAt(i);
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: sample_words DIR COUNT SEED zh|en\n");
    return 2;
  }
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(argv[1])) {
    if (e.is_regular_file() && e.path().extension() == ".md" &&
        e.path().string().find("/.") == std::string::npos) {
      files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  const std::size_t count = std::stoul(argv[2]);
  std::mt19937 rng(static_cast<unsigned>(std::stoul(argv[3])));
  const bool zh = std::string(argv[4]) == "zh";

  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> words(
      icu::BreakIterator::createWordInstance(icu::Locale("zh"), err));
  if (U_FAILURE(err) || files.empty()) return 3;

  std::set<std::string> chosen;
  for (int attempt = 0; chosen.size() < count && attempt < 100000; ++attempt) {
    std::ifstream in(files[rng() % files.size()], std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), {});
    const icu::UnicodeString text = icu::UnicodeString::fromUTF8(bytes);
    words->setText(text);
    std::vector<icu::UnicodeString> candidates;
    for (int32_t start = words->first(), end = words->next();
         end != icu::BreakIterator::DONE; start = end, end = words->next()) {
      const icu::UnicodeString w = text.tempSubStringBetween(start, end);
      if (zh ? is_han_word(w) : is_english_word(w)) candidates.push_back(w);
    }
    if (candidates.empty()) continue;
    std::string word;
    candidates[rng() % candidates.size()].toUTF8String(word);
    if (!zh) std::transform(word.begin(), word.end(), word.begin(), ::tolower);
    chosen.insert(word);
  }
  for (const std::string& w : chosen) std::printf("%s\n", w.c_str());
  return chosen.size() == count ? 0 : 1;
}
