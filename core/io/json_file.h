// JSON files and texts parsed strictly: errors name the source and the line/column, duplicate keys rejected.
#pragma once
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace milr {

// nlohmann's message without its "[json.exception.type_error.302] " prefix, for errors that name the file.
std::string json_error_reason(const nlohmann::json::exception& e);

// Parses `text`; `source` (a file name, "header of x.safetensors", ...) starts every error message.
// Rejects invalid JSON (with line and column) and any object that repeats a key (nlohmann itself would
// silently keep the last one).
nlohmann::json parse_json_strict(const std::string& text, const std::string& source);

// Reads and parses a whole file with parse_json_strict; a missing or unreadable file names the path.
nlohmann::json read_json_file(const std::filesystem::path& path);

// Reads a whole file into memory; errors name the path and the OS reason.
std::string read_file_bytes(const std::filesystem::path& path);

}  // namespace milr
