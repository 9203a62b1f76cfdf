// Writer identity: which process holds an index open for writing, so that
// a second writer that finds it locked can name it ("pid 4242: kbsearch
// index --kb ~/notes"). Xapian's lock says only that it is held.
#ifndef KB_SRC_STORE_WRITER_IDENTITY_H_
#define KB_SRC_STORE_WRITER_IDENTITY_H_

#include <filesystem>
#include <string>

namespace kb {

// Records this process as the writer of the index of `root`. Called once
// the write lock is held; best effort (a failure only loses the name).
void record_writer(const std::filesystem::path& root);

// Removes the record if it names this process.
void forget_writer(const std::filesystem::path& root);

// "pid N: COMMAND LINE" of the recorded writer while that process runs;
// "" when there is no record or its process is gone.
std::string describe_writer(const std::filesystem::path& root);

}  // namespace kb

#endif  // KB_SRC_STORE_WRITER_IDENTITY_H_
