// The zip central directory parser: the end record (and its ZIP64 form), then one header per entry.
#include "core/io/zip_directory.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "core/util/error.h"

namespace milr {
namespace {

constexpr uint32_t kEndSignature = 0x06054b50;
constexpr uint32_t kZip64LocatorSignature = 0x07064b50;
constexpr uint32_t kZip64EndSignature = 0x06064b50;
constexpr uint32_t kHeaderSignature = 0x02014b50;
constexpr uint64_t kEndSize = 22;  // without the comment
constexpr uint64_t kMaxCommentSize = 65535;
constexpr uint64_t kLocatorSize = 20;
constexpr uint64_t kZip64EndSize = 56;
constexpr uint64_t kHeaderSize = 46;  // without name, extra field and comment
constexpr uint16_t kZip64ExtraId = 0x0001;
constexpr uint64_t kMaxDirectoryBytes = uint64_t{64} << 20;  // a torch.save directory is ~100 bytes a tensor

uint64_t little_endian(const std::string& bytes, size_t at, int width) {
    uint64_t value = 0;
    for (int i = 0; i < width; ++i) value |= uint64_t{static_cast<uint8_t>(bytes[at + i])} << (8 * i);
    return value;
}

// Where the central directory lies and how many headers it holds.
struct DirectoryPlace {
    uint64_t offset = 0;
    uint64_t size = 0;
    uint64_t entries = 0;
};

class DirectoryReader {
public:
    DirectoryReader(uint64_t archive_size, const ZipByteReader& read, const std::string& source)
        : m_archive_size(archive_size), m_read(read), m_source(source) {}

    std::vector<ZipEntry> entries() {
        const DirectoryPlace place = directory_place();
        if (place.size > kMaxDirectoryBytes)
            fail("its central directory is " + std::to_string(place.size) + " bytes; at most " +
                 std::to_string(kMaxDirectoryBytes) + " are read");
        if (place.entries > place.size / kHeaderSize)
            fail("its central directory declares " + std::to_string(place.entries) + " entries in " +
                 std::to_string(place.size) + " bytes");
        const std::string directory = bytes_at(place.offset, place.size);
        std::vector<ZipEntry> out;
        size_t at = 0;
        for (uint64_t i = 0; i < place.entries; ++i) out.push_back(header_at(directory, at));
        return out;
    }

private:
    [[noreturn]] void fail(const std::string& what) const {
        throw Error(m_source + ": not a readable zip archive: " + what);
    }

    std::string bytes_at(uint64_t offset, uint64_t size) const {
        if (offset > m_archive_size || size > m_archive_size - offset)
            fail("a record at byte " + std::to_string(offset) + " reaches past the end of the file (truncated?)");
        std::string bytes(size, '\0');
        if (size > 0) m_read(offset, bytes.data(), size);
        return bytes;
    }

    // The end record is the last thing in the file, followed only by a comment of up to 65535 bytes.
    uint64_t end_record_offset() const {
        const uint64_t tail_size = std::min(m_archive_size, kEndSize + kMaxCommentSize);
        const uint64_t tail_offset = m_archive_size - tail_size;
        const std::string tail = bytes_at(tail_offset, tail_size);
        for (uint64_t at = tail_size < kEndSize ? 0 : tail_size - kEndSize + 1; at-- > 0;)
            if (little_endian(tail, at, 4) == kEndSignature) return tail_offset + at;
        fail("no end of central directory record");
    }

    DirectoryPlace directory_place() const {
        const uint64_t end_offset = end_record_offset();
        const std::string end = bytes_at(end_offset, kEndSize);
        DirectoryPlace place{little_endian(end, 16, 4), little_endian(end, 12, 4), little_endian(end, 10, 2)};
        const bool zip64 = place.entries == 0xffff || place.size == 0xffffffff || place.offset == 0xffffffff;
        return zip64 ? zip64_place(end_offset) : place;
    }

    DirectoryPlace zip64_place(uint64_t end_offset) const {
        if (end_offset < kLocatorSize) fail("a ZIP64 archive without its locator");
        const std::string locator = bytes_at(end_offset - kLocatorSize, kLocatorSize);
        if (little_endian(locator, 0, 4) != kZip64LocatorSignature) fail("a ZIP64 archive without its locator");
        const std::string end = bytes_at(little_endian(locator, 8, 8), kZip64EndSize);
        if (little_endian(end, 0, 4) != kZip64EndSignature) fail("the ZIP64 end record is missing");
        return {little_endian(end, 48, 8), little_endian(end, 40, 8), little_endian(end, 32, 8)};
    }

    ZipEntry header_at(const std::string& directory, size_t& at) const {
        if (directory.size() - at < kHeaderSize || little_endian(directory, at, 4) != kHeaderSignature)
            fail("central directory header at byte " + std::to_string(at) + " is damaged");
        const uint64_t name_size = little_endian(directory, at + 28, 2);
        const uint64_t extra_size = little_endian(directory, at + 30, 2);
        const uint64_t comment_size = little_endian(directory, at + 32, 2);
        if (directory.size() - at - kHeaderSize < name_size + extra_size + comment_size)
            fail("central directory header at byte " + std::to_string(at) + " is truncated");
        ZipEntry entry;
        entry.method = static_cast<uint16_t>(little_endian(directory, at + 10, 2));
        entry.compressed_size = little_endian(directory, at + 20, 4);
        entry.uncompressed_size = little_endian(directory, at + 24, 4);
        entry.name = directory.substr(at + kHeaderSize, name_size);
        apply_zip64_sizes(entry, directory.substr(at + kHeaderSize + name_size, extra_size));
        at += kHeaderSize + name_size + extra_size + comment_size;
        return entry;
    }

    // Sizes of 0xffffffff stand for 8-byte values in the ZIP64 extra field: uncompressed first, then compressed.
    void apply_zip64_sizes(ZipEntry& entry, const std::string& extra) const {
        const bool uncompressed = entry.uncompressed_size == 0xffffffff;
        const bool compressed = entry.compressed_size == 0xffffffff;
        if (!uncompressed && !compressed) return;
        for (size_t at = 0; extra.size() - at >= 4;) {
            const uint64_t id = little_endian(extra, at, 2);
            const uint64_t size = little_endian(extra, at + 2, 2);
            if (extra.size() - at - 4 < size) break;
            if (id == kZip64ExtraId) {
                const uint64_t needed = 8 * (uint64_t{uncompressed} + uint64_t{compressed});
                if (size < needed) break;
                size_t field = at + 4;
                if (uncompressed) entry.uncompressed_size = little_endian(extra, field, 8), field += 8;
                if (compressed) entry.compressed_size = little_endian(extra, field, 8);
                return;
            }
            at += 4 + size;
        }
        fail("entry \"" + entry.name + "\" lacks the ZIP64 sizes its header promises");
    }

    uint64_t m_archive_size;
    const ZipByteReader& m_read;
    const std::string& m_source;
};

}  // namespace

std::vector<ZipEntry> read_zip_directory(uint64_t archive_size, const ZipByteReader& read, const std::string& source) {
    return DirectoryReader(archive_size, read, source).entries();
}

std::vector<ZipEntry> read_zip_directory(const std::filesystem::path& path) {
    const std::string source = path.string();
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(source + ": cannot open (" + std::strerror(errno) + ")");
    std::error_code error;
    const uint64_t size = std::filesystem::file_size(path, error);
    if (error) throw Error(source + ": cannot read its size (" + error.message() + ")");
    const ZipByteReader read = [&](uint64_t offset, char* out, size_t count) {
        in.seekg(static_cast<std::streamoff>(offset));
        in.read(out, static_cast<std::streamsize>(count));
        if (static_cast<size_t>(in.gcount()) != count)
            throw Error(source + ": read failed at byte " + std::to_string(offset));
    };
    return read_zip_directory(size, read, source);
}

}  // namespace milr
