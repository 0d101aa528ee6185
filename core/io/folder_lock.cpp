// Folder locks: flock on a lock file, with the holder's pid, host and start time written into it.
#include "core/io/folder_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>

#include "core/util/error.h"

namespace milr {
namespace {

std::string utc_now() {
    const std::time_t now = std::time(nullptr);
    std::tm parts{};
    gmtime_r(&now, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return text;
}

std::string host_name() {
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) != 0) return "unknown";
    return name;
}

// The holder's description from the lock file (its first line), or a note that it has not written one yet.
std::string read_holder(int fd) {
    char text[512] = {};
    const ssize_t size = ::pread(fd, text, sizeof text - 1, 0);
    std::string holder = size > 0 ? std::string(text, static_cast<size_t>(size)) : std::string();
    holder = holder.substr(0, holder.find('\n'));
    return holder.empty() ? "a process that has not written its name yet" : holder;
}

void write_holder(int fd, const std::filesystem::path& path) {
    const std::string text = describe_this_process() + "\n";
    if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, text.data(), text.size(), 0) != static_cast<ssize_t>(text.size()))
        throw Error("lock file " + path.string() + ": cannot be written (" + std::strerror(errno) + ")");
}

}  // namespace

std::string describe_this_process() {
    return "pid " + std::to_string(::getpid()) + " on host " + host_name() + ", started " + utc_now();
}

FolderLock::FolderLock(const std::filesystem::path& folder, const std::string& file_name, const std::string& purpose)
    : m_path(folder / file_name) {
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec)
        throw Error("folder " + folder.string() + " of the " + purpose + " cannot be created (" + ec.message() + ")");
    m_fd = ::open(m_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (m_fd < 0)
        throw Error("lock file " + m_path.string() + " of the " + purpose + " cannot be opened (" +
                    std::strerror(errno) + ")");
    if (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
        const int error_number = errno;
        const std::string holder = error_number == EWOULDBLOCK ? read_holder(m_fd) : std::string();
        ::close(m_fd);
        m_fd = -1;
        if (error_number != EWOULDBLOCK)
            throw Error("lock file " + m_path.string() + " of the " + purpose + " cannot be locked (" +
                        std::strerror(error_number) + ")");
        throw Error(folder.string() + " is in use by another " + purpose + ", " + holder + " (lock file " +
                    m_path.string() + "); wait until it ends, or use another folder");
    }
    try {
        write_holder(m_fd, m_path);
    } catch (...) {
        ::close(m_fd);
        throw;
    }
}

FolderLock::~FolderLock() {
    if (m_fd >= 0) ::close(m_fd);  // closing the last descriptor releases the lock
}

}  // namespace milr
