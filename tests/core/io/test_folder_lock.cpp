// Folder locks between processes: a second process is refused with the holder's pid, host and start time, and
// the folder is free again once the holder has ended (however it ended).
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include "core/io/folder_lock.h"
#include "io_test_support.h"

using namespace milr;
using milr::test::error_of;
using milr::test::read_bytes;
using milr::test::TempFolder;

namespace {

// A child process that takes the lock, says so on a pipe, and holds it until the parent closes the other pipe.
class LockingChild {
public:
    explicit LockingChild(const std::filesystem::path& folder) {
        int ready[2], release[2];
        if (::pipe(ready) != 0 || ::pipe(release) != 0) throw std::runtime_error("pipe");
        m_pid = ::fork();
        if (m_pid == 0) {
            ::close(ready[0]);
            ::close(release[1]);
            try {
                const FolderLock lock(folder, "bench.lock", "the first bench");
                const char ok = 1;
                if (::write(ready[1], &ok, 1) != 1) ::_exit(2);
                char ignored = 0;
                while (::read(release[0], &ignored, 1) > 0) {}
            } catch (...) {
                ::_exit(1);
            }
            ::_exit(0);
        }
        ::close(ready[1]);
        ::close(release[0]);
        m_release = release[1];
        char ok = 0;
        m_locked = ::read(ready[0], &ok, 1) == 1 && ok == 1;
        ::close(ready[0]);
    }
    ~LockingChild() { end(); }
    int end() {
        if (m_pid <= 0) return -1;
        ::close(m_release);
        int status = 0;
        ::waitpid(m_pid, &status, 0);
        m_pid = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    pid_t pid() const { return m_pid; }
    bool locked() const { return m_locked; }

private:
    pid_t m_pid = -1;
    int m_release = -1;
    bool m_locked = false;
};

}  // namespace

TEST(FolderLock, ASecondProcessIsRefusedNamingTheHolder) {
    TempFolder folder;
    LockingChild child(folder.path());
    ASSERT_TRUE(child.locked());
    const std::string message = error_of([&] { FolderLock second(folder.path(), "bench.lock", "milr bench"); });
    EXPECT_CONTAINS(message,
                    folder.path().string() + " is in use by another milr bench, pid " + std::to_string(child.pid()));
    EXPECT_CONTAINS(message, "started ");
    EXPECT_CONTAINS(message, "use another folder");
    EXPECT_EQ(child.end(), 0);
    const FolderLock after(folder.path(), "bench.lock", "milr bench");  // free once the holder has ended
    EXPECT_CONTAINS(read_bytes(after.path()), "pid " + std::to_string(::getpid()) + " on host ");
}

TEST(FolderLock, OneProcessCannotTakeItTwice) {
    TempFolder folder;
    const FolderLock first(folder.path(), "bench.lock", "milr bench");
    const std::string message = error_of([&] { FolderLock second(folder.path(), "bench.lock", "milr bench"); });
    EXPECT_CONTAINS(message, "is in use by another milr bench, pid " + std::to_string(::getpid()));
}
