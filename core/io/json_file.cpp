// Strict JSON parsing (positions in errors, duplicate keys rejected) and whole-file reads.
#include "core/io/json_file.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>
#include <vector>

#include "core/util/error.h"

namespace milr {
namespace {

// "line L, column C" of a byte offset (1-based, as editors count).
std::string describe_position(const std::string& text, size_t byte) {
    size_t line = 1, column = 1;
    for (size_t i = 0; i < byte && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

struct DuplicateKey {
    std::string key;
};

}  // namespace

std::string json_error_reason(const nlohmann::json::exception& e) {
    std::string reason = e.what();
    const auto bracket = reason.find("] ");
    return bracket == std::string::npos ? reason : reason.substr(bracket + 2);
}

nlohmann::json parse_json_strict(const std::string& text, const std::string& source) {
    // One set of seen keys per open object; arrays push an unused set so the depths line up.
    std::vector<std::set<std::string>> seen;
    auto callback = [&seen](int /*depth*/, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
        using Event = nlohmann::json::parse_event_t;
        if (event == Event::object_start || event == Event::array_start) {
            seen.emplace_back();
        } else if (event == Event::object_end || event == Event::array_end) {
            if (!seen.empty()) seen.pop_back();
        } else if (event == Event::key && !seen.empty()) {
            const std::string key = parsed.get<std::string>();
            if (!seen.back().insert(key).second) throw DuplicateKey{key};
        }
        return true;
    };
    try {
        return nlohmann::json::parse(text, callback);
    } catch (const DuplicateKey& duplicate) {
        throw Error(source + ": the key \"" + duplicate.key + "\" appears twice in one JSON object");
    } catch (const nlohmann::json::parse_error& e) {
        const size_t byte = e.byte > 0 ? e.byte - 1 : 0;
        std::string reason = e.what();
        const auto column = reason.find("column");  // nlohmann's own "parse error at line L, column C: why"
        const auto colon = reason.find(": ", column == std::string::npos ? 0 : column);
        if (colon != std::string::npos) reason = reason.substr(colon + 2);
        throw Error(source + ": invalid JSON at " + describe_position(text, byte) + " (" + reason + ")");
    } catch (const nlohmann::json::exception& e) {  // e.g. out_of_range 406: a number too large for a double
        throw Error(source + ": invalid JSON (" + json_error_reason(e) + ")");
    }
}

std::string read_file_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(path.string() + ": cannot open (" + std::strerror(errno) + ")");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) throw Error(path.string() + ": read failed (" + std::strerror(errno) + ")");
    return buffer.str();
}

nlohmann::json read_json_file(const std::filesystem::path& path) {
    std::error_code code;
    if (std::filesystem::is_directory(path, code)) throw Error(path.string() + ": is a folder, not a JSON file");
    return parse_json_strict(read_file_bytes(path), path.string());
}

}  // namespace milr
