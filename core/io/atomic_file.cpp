// Atomic file writes through a temporary file in the target's folder, fsync and rename.
#include "core/io/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "core/util/error.h"

namespace milr {
namespace {

std::filesystem::path folder_of(const std::filesystem::path& target) {
    const auto parent = target.parent_path();
    return parent.empty() ? std::filesystem::path(".") : parent;
}

// ".<name>.tmp-<pid>-<n>": hidden, unique within this process, and recognisable as ours.
std::filesystem::path temporary_name(const std::filesystem::path& target) {
    static std::atomic<unsigned> counter{0};
    const std::string name = "." + target.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" +
        std::to_string(counter.fetch_add(1));
    return folder_of(target) / name;
}

// Makes the rename itself durable; a folder that cannot be opened or synced is not an error of the write.
void sync_folder(const std::filesystem::path& folder) {
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

}  // namespace

AtomicFileWriter::AtomicFileWriter(std::filesystem::path target) : m_target(std::move(target)) {
    if (m_target.filename().empty()) throw Error(m_target.string() + ": not a file path");
    for (int attempt = 0; attempt < 100 && m_fd < 0; ++attempt) {
        m_temporary = temporary_name(m_target);
        m_fd = ::open(m_temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (m_fd < 0 && errno != EEXIST) {
            const int error_number = errno;
            m_temporary.clear();
            fail("cannot create a temporary file in " + folder_of(m_target).string(), error_number);
        }
    }
    if (m_fd < 0) fail("cannot find a free temporary file name", EEXIST);
}

AtomicFileWriter::~AtomicFileWriter() {
    if (!m_committed) discard();
}

void AtomicFileWriter::write(const void* data, size_t size) {
    if (m_fd < 0) throw Error(m_target.string() + ": write after the file was committed or failed");
    const char* bytes = static_cast<const char*>(data);
    while (size > 0) {
        const ssize_t written = ::write(m_fd, bytes, size);
        if (written < 0) {
            if (errno == EINTR) continue;
            fail("write failed", errno);
        }
        bytes += written;
        size -= static_cast<size_t>(written);
    }
}

void AtomicFileWriter::commit() {
    if (m_fd < 0) throw Error(m_target.string() + ": commit after the file was committed or failed");
    if (::fsync(m_fd) != 0) fail("fsync failed", errno);
    const int fd = m_fd;
    m_fd = -1;
    if (::close(fd) != 0) fail("close failed", errno);
    if (::rename(m_temporary.c_str(), m_target.c_str()) != 0) fail("cannot rename the temporary file over it", errno);
    m_committed = true;
    sync_folder(folder_of(m_target));
}

void AtomicFileWriter::fail(const std::string& what, int error_number) {
    discard();
    throw Error(m_target.string() + ": " + what + " (" + std::strerror(error_number) + "); the file is unchanged");
}

void AtomicFileWriter::discard() noexcept {
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    if (!m_temporary.empty()) {
        ::unlink(m_temporary.c_str());
        m_temporary.clear();
    }
}

void write_file_atomic(const std::filesystem::path& path, std::string_view bytes) {
    AtomicFileWriter writer(path);
    writer.write(bytes);
    writer.commit();
}

}  // namespace milr
