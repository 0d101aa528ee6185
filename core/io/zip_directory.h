// A zip archive's central directory read without extracting anything: each entry's name, method and sizes.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace milr {

// One entry as the central directory declares it (ZIP64 sizes resolved).
struct ZipEntry {
    std::string name;
    uint16_t method = 0;  // 0 stored, 8 deflate
    uint64_t compressed_size = 0;
    uint64_t uncompressed_size = 0;
};

// Copies `size` bytes of the archive from `offset` into `out` (the caller has checked the range).
using ZipByteReader = std::function<void(uint64_t offset, char* out, size_t size)>;

// Reads the end record (ZIP64 too) and every central directory header of an archive of `archive_size`
// bytes. Throws milr::Error naming `source` when a record is missing, truncated or out of range.
std::vector<ZipEntry> read_zip_directory(uint64_t archive_size, const ZipByteReader& read, const std::string& source);
std::vector<ZipEntry> read_zip_directory(const std::filesystem::path& path);

}  // namespace milr
