// Shared by the fuzz targets: a parser's clean rejection (milr::Error) is expected; anything else is a finding.
#pragma once
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/util/error.h"

namespace milr::fuzz {

inline std::string as_string(const uint8_t* data, size_t size) {
    return std::string(reinterpret_cast<const char*>(data), size);
}

// Runs `parse`. A milr::Error is the parser rejecting the input with a message, which is what it promises for
// bad input; any other exception escapes to libFuzzer, which reports it as a crash with the input saved.
template <class Parse>
void expect_clean(Parse&& parse) {
    try {
        parse();
    } catch (const milr::Error&) {}
}

// A promise of the parser that the input broke: reported as a crash, with the input saved.
inline void require(bool condition, const char* promise) {
    if (condition) return;
    std::fprintf(stderr, "broken promise: %s\n", promise);
    std::abort();
}

// A file of this process for parsers that read paths, rewritten for each input and removed at exit.
inline const std::filesystem::path& scratch_file(const char* extension) {
    static const std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("milr-fuzz-" + std::to_string(::getpid()) + extension);
    static const bool registered = std::atexit([] {
                                       std::error_code ignored;
                                       std::filesystem::remove(path, ignored);
                                   }) == 0;
    (void)registered;
    return path;
}

inline void write_file(const std::filesystem::path& path, const uint8_t* data, size_t size) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    require(static_cast<bool>(out), "the scratch file can be written");
}

// A file of the test data (tests/data/...), for targets that fuzz one input against a fixed model.
inline std::string test_data(const std::string& relative) { return std::string(MILR_FUZZ_TEST_DATA) + "/" + relative; }

}  // namespace milr::fuzz
