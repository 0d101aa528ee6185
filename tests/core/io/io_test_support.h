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
