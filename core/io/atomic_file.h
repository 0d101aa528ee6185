// Atomic file writes: readers see the old complete file or the new complete file, never a partial one.
#pragma once
#include <filesystem>
#include <string>
#include <string_view>

namespace milr {

// Streams bytes into a temporary file next to `target` (same folder, so the final rename is atomic);
// commit() flushes it to disk (fsync) and renames it over the target. If commit() is never reached (an
// exception, a write error such as ENOSPC), the temporary file is removed and the target is untouched.
// Every error (milr::Error) names the target path and the OS reason.
class AtomicFileWriter {
public:
    explicit AtomicFileWriter(std::filesystem::path target);
    ~AtomicFileWriter();
    AtomicFileWriter(const AtomicFileWriter&) = delete;
    AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

    void write(const void* data, size_t size);
    void write(std::string_view bytes) { write(bytes.data(), bytes.size()); }
    void commit();

    const std::filesystem::path& target() const { return m_target; }
    const std::filesystem::path& temporary() const { return m_temporary; }

private:
    [[noreturn]] void fail(const std::string& what, int error_number);
    void discard() noexcept;

    std::filesystem::path m_target;
    std::filesystem::path m_temporary;
    int m_fd = -1;
    bool m_committed = false;
};

// Writes `bytes` to `path` atomically (see AtomicFileWriter).
void write_file_atomic(const std::filesystem::path& path, std::string_view bytes);

}  // namespace milr
