// Small string helpers shared by the engine's parsers and loaders.
#pragma once
#include <string>

namespace milr {

inline bool starts_with(const std::string& text, const std::string& prefix) {
    return text.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace milr
