// Shared by the session tests: an empty temporary folder per test process.
#pragma once
#include <unistd.h>

#include <filesystem>
#include <string>

namespace milr::testing {

// An empty folder under the system's temporary folder, unique to this process and name.
inline std::filesystem::path fresh_folder(const std::string& name) {
    const std::filesystem::path folder =
        std::filesystem::temp_directory_path() / ("milr-test-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(folder);
    std::filesystem::create_directories(folder);
    return folder;
}

}  // namespace milr::testing
