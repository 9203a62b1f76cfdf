// stem_words: reads words, one per line, from stdin and prints the English
// stem of each (Xapian's, as kbsearch indexes it), one per line, so that
// bench/recall.py can tell which extra hits stemming explains.
#include <xapian.h>

#include <iostream>
#include <string>

int main() {
  const Xapian::Stem stem("english");
  std::string word;
  while (std::getline(std::cin, word)) std::cout << stem(word) << '\n';
  return 0;
}
