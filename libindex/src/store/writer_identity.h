// Writer identity: whether a process holds an index open for writing, and
// which, so that a second writer that finds it locked can name it ("pid
// 4242: kbsearch index --kb ~/notes") and a reader can tell an index being
// built from one whose build died. Xapian's lock says only that it is held.
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

// True while some process holds the write lock of the index of `root`
// (WriterLock, index_folder.h), this one included; false when the folder
// or its lock file is not there. Never waits. The lock is
// the kernel's: it goes with the process that held it, even on SIGKILL.
bool write_locked(const std::filesystem::path& root);

// "pid N: COMMAND LINE" of the recorded writer while it holds the write
// lock; "" when there is no record, or the process it names is gone or
// does not hold the lock (a record left by a killed writer whose pid now
// belongs to another process names nobody).
std::string describe_writer(const std::filesystem::path& root);

}  // namespace kb

#endif  // KB_SRC_STORE_WRITER_IDENTITY_H_
