// An exclusive lock on a folder for one process at a time (flock on a lock file in it), naming its holder.
#pragma once
#include <filesystem>
#include <string>

namespace milr {

// Holds flock(LOCK_EX) on FOLDER/<file_name> for the object's lifetime; the kernel releases it when the process
// ends, however it ends. The holder writes "pid <n> on host <name>, started <UTC time>" into the file, so a
// refused process can say who holds it. The file is left in place afterwards (removing it would race with
// a process opening it); its text then describes the last holder, and the lock is free.
class FolderLock {
public:
    // Creates the folder if needed. Throws milr::Error when another process (or another FolderLock in this one)
    // holds the lock, naming the folder, `purpose` (e.g. "milr bench"), the holder and the lock file:
    // "OUT is in use by another milr bench, pid 12 on host h, started 2026-12-02T07:00:00Z (lock file ...); ...".
    FolderLock(const std::filesystem::path& folder, const std::string& file_name, const std::string& purpose);
    ~FolderLock();
    FolderLock(const FolderLock&) = delete;
    FolderLock& operator=(const FolderLock&) = delete;

    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
    int m_fd = -1;
};

// "pid 1234 on host node7, started 2026-12-02T07:00:00Z" for this process, now.
std::string describe_this_process();

}  // namespace milr
