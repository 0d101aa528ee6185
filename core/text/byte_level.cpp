// GPT-2 byte-to-unicode map and its inverse.
#include "core/text/byte_level.h"

#include <unordered_map>

#include "core/text/utf8.h"

namespace milr {

namespace {

struct ByteLevelTables {
    std::array<std::string, 256> alphabet;
    std::unordered_map<char32_t, unsigned char> inverse;

    ByteLevelTables() {
        std::array<char32_t, 256> code_point{};
        std::array<bool, 256> printable{};
        for (int b = '!'; b <= '~'; ++b) printable[b] = true;
        for (int b = 0xA1; b <= 0xAC; ++b) printable[b] = true;
        for (int b = 0xAE; b <= 0xFF; ++b) printable[b] = true;
        char32_t next = 256;
        for (int b = 0; b < 256; ++b) code_point[b] = printable[b] ? static_cast<char32_t>(b) : next++;
        for (int b = 0; b < 256; ++b) {
            alphabet[b] = utf8_encode(code_point[b]);
            inverse[code_point[b]] = static_cast<unsigned char>(b);
        }
    }
};

const ByteLevelTables& tables() {
    static const ByteLevelTables instance;
    return instance;
}

}  // namespace

const std::array<std::string, 256>& byte_level_alphabet() { return tables().alphabet; }

std::string byte_level_encode(std::string_view bytes) {
    const auto& alphabet = tables().alphabet;
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char b : bytes) out += alphabet[b];
    return out;
}

std::optional<std::string> byte_level_decode(std::string_view token) {
    const auto& inverse = tables().inverse;
    std::string out;
    out.reserve(token.size());
    for (size_t pos = 0; pos < token.size();) {
        if (utf8_sequence_length(token, pos) == 0) return std::nullopt;
        const auto it = inverse.find(utf8_next(token, pos));
        if (it == inverse.end()) return std::nullopt;
        out += static_cast<char>(it->second);
    }
    return out;
}

}  // namespace milr
