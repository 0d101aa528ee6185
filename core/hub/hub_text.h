// Small text helpers shared by the Hub client's files: environment variables, trimming, sizes in messages.
#pragma once
#include <cstdint>
#include <string>

namespace milr {

// The variable's value, or "" when it is not set.
std::string environment_text(const char* name);
// Without leading and trailing white space.
std::string trimmed_text(std::string text);
// "27.5 MB": sizes in the fetch's messages and progress.
std::string megabytes_text(std::uint64_t bytes);

}  // namespace milr
