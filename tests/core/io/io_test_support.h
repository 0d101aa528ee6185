// Helpers of the checkpoint I/O tests: a temporary folder, raw file writes and error-message checks.
#pragma once
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/util/error.h"

namespace milr::test {

// A fresh folder under the system temp folder, removed with everything in it at the end of the test.
class TempFolder {
public:
    TempFolder() {
        static int counter = 0;
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        std::string name = info ? info->name() : "test";
        std::replace(name.begin(), name.end(), '/', '_');  // parameterised tests are named "Name/3"
        m_path = std::filesystem::temp_directory_path() /
            ("milr-io-" + name + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        std::filesystem::remove_all(m_path);
        std::filesystem::create_directories(m_path);
    }
    ~TempFolder() {
        std::error_code ignored;
        std::filesystem::remove_all(m_path, ignored);
    }
    const std::filesystem::path& path() const { return m_path; }
    std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

    // Names of everything in the folder, sorted.
    std::vector<std::string> entries() const {
        std::vector<std::string> names;
        for (const auto& entry : std::filesystem::directory_iterator(m_path)) names.push_back(entry.path().filename());
        std::sort(names.begin(), names.end());
        return names;
    }

private:
    std::filesystem::path m_path;
};

inline void write_bytes(const std::filesystem::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

inline std::string read_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// A safetensors file from a raw header text and data bytes: the 8-byte little-endian length first.
inline std::string safetensors_bytes(const std::string& header, const std::string& data, uint64_t header_length) {
    std::string bytes;
    for (int i = 0; i < 8; ++i) bytes.push_back(static_cast<char>((header_length >> (8 * i)) & 0xff));
    return bytes + header + data;
}
inline std::string safetensors_bytes(const std::string& header, const std::string& data) {
    return safetensors_bytes(header, data, header.size());
}

// --- hand-made zip archives (the layout torch.save writes: local headers, central directory, end record) ---

inline uint32_t crc32_of(const std::string& bytes) {
    uint32_t crc = 0xffffffffu;
    for (char c : bytes) {
        crc ^= static_cast<uint8_t>(c);
        for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

inline void put_le(std::string& out, uint64_t value, int bytes) {
    for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

// One archive entry: `data` as written; `method` 0 (stored) or 8 (deflate, `data` already deflated);
// `declared_size` the uncompressed size the headers claim (by default data's size).
struct ZipTestEntry {
    std::string name;
    std::string data;
    uint16_t method = 0;
    uint64_t declared_size = UINT64_MAX;
    uint32_t crc = 0;  // of the uncompressed bytes; computed from `data` for stored entries
};

inline std::string zip_bytes(std::vector<ZipTestEntry> entries) {
    std::string out, directory;
    for (ZipTestEntry& e : entries) {
        if (e.declared_size == UINT64_MAX) e.declared_size = e.data.size();
        if (e.method == 0) e.crc = crc32_of(e.data);
        const uint64_t offset = out.size();
        std::string common;  // version needed .. name length, shared by both headers
        put_le(common, 20, 2), put_le(common, 0, 2), put_le(common, e.method, 2), put_le(common, 0, 4);
        put_le(common, e.crc, 4), put_le(common, e.data.size(), 4), put_le(common, e.declared_size, 4);
        put_le(common, e.name.size(), 2), put_le(common, 0, 2);
        put_le(out, 0x04034b50, 4);
        out += common + e.name + e.data;
        put_le(directory, 0x02014b50, 4), put_le(directory, 20, 2);
        directory += common;
        put_le(directory, 0, 2), put_le(directory, 0, 2), put_le(directory, 0, 2), put_le(directory, 0, 4);
        put_le(directory, offset, 4);
        directory += e.name;
    }
    const uint64_t directory_offset = out.size();
    out += directory;
    put_le(out, 0x06054b50, 4), put_le(out, 0, 4), put_le(out, entries.size(), 2), put_le(out, entries.size(), 2);
    put_le(out, directory.size(), 4), put_le(out, directory_offset, 4), put_le(out, 0, 2);
    return out;
}

// The message of the milr::Error that `action` throws; a test failure if it throws nothing or another type.
template <typename Action>
std::string error_of(Action&& action) {
    try {
        action();
    } catch (const milr::Error& e) {
        return e.what();
    } catch (const std::exception& e) {
        ADD_FAILURE() << "expected milr::Error, got another exception: " << e.what();
        return e.what();
    }
    ADD_FAILURE() << "expected milr::Error, nothing was thrown";
    return "";
}

}  // namespace milr::test

#define EXPECT_CONTAINS(text, part) \
    EXPECT_NE(std::string(text).find(part), std::string::npos) << "\"" << (text) << "\" lacks \"" << (part) << "\""
