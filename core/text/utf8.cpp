// UTF-8 helpers: well-formedness per RFC 3629, lossy repair, and Python's whitespace set.
#include "core/text/utf8.h"

namespace milr {

size_t utf8_sequence_length(std::string_view text, size_t pos) {
    const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
    const size_t left = text.size() - pos;
    const unsigned char b0 = byte(pos);
    if (b0 < 0x80) return 1;
    size_t length = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        length = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        length = 3;
        if (b0 == 0xE0) lo = 0xA0;
        if (b0 == 0xED) hi = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        length = 4;
        if (b0 == 0xF0) lo = 0x90;
        if (b0 == 0xF4) hi = 0x8F;
    } else {
        return 0;
    }
    if (left < length) return 0;
    if (byte(pos + 1) < lo || byte(pos + 1) > hi) return 0;
    for (size_t i = 2; i < length; ++i) {
        if ((byte(pos + i) & 0xC0) != 0x80) return 0;
    }
    return length;
}

size_t utf8_first_invalid(std::string_view text) {
    for (size_t pos = 0; pos < text.size();) {
        const size_t n = utf8_sequence_length(text, pos);
        if (n == 0) return pos;
        pos += n;
    }
    return std::string_view::npos;
}

bool is_valid_utf8(std::string_view text) { return utf8_first_invalid(text) == std::string_view::npos; }

// Number of bytes from `pos` that form a valid prefix of some sequence (at least 1): the "maximal subpart".
static size_t maximal_invalid_subpart(std::string_view text, size_t pos) {
    const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char b0 = byte(pos);
    size_t length = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF)
        length = 2;
    else if (b0 >= 0xE0 && b0 <= 0xEF) {
        length = 3;
        if (b0 == 0xE0) lo = 0xA0;
        if (b0 == 0xED) hi = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        length = 4;
        if (b0 == 0xF0) lo = 0x90;
        if (b0 == 0xF4) hi = 0x8F;
    } else
        return 1;
    size_t n = 1;
    while (n < length && pos + n < text.size()) {
        const unsigned char b = byte(pos + n);
        const bool ok = n == 1 ? (b >= lo && b <= hi) : (b & 0xC0) == 0x80;
        if (!ok) break;
        ++n;
    }
    return n;
}

std::string utf8_lossy(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size());
    for (size_t pos = 0; pos < bytes.size();) {
        const size_t n = utf8_sequence_length(bytes, pos);
        if (n > 0) {
            out.append(bytes.substr(pos, n));
            pos += n;
        } else {
            out += "\xEF\xBF\xBD";
            pos += maximal_invalid_subpart(bytes, pos);
        }
    }
    return out;
}

size_t utf8_complete_prefix(std::string_view bytes) {
    size_t pos = 0;
    while (pos < bytes.size()) {
        const size_t n = utf8_sequence_length(bytes, pos);
        if (n > 0) {
            pos += n;
            continue;
        }
        const size_t part = maximal_invalid_subpart(bytes, pos);
        const unsigned char lead = static_cast<unsigned char>(bytes[pos]);
        if (pos + part == bytes.size() && lead >= 0xC2 && lead <= 0xF4) {
            return pos;  // an unfinished sequence at the very end: more bytes may complete it
        }
        pos += part;  // malformed for good: it belongs to this prefix (it will be shown as U+FFFD)
    }
    return pos;
}

std::string utf8_encode(char32_t cp) {
    std::string out;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
    return out;
}

char32_t utf8_next(std::string_view text, size_t& pos) {
    const unsigned char b0 = static_cast<unsigned char>(text[pos]);
    const size_t n = b0 < 0x80 ? 1 : b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? b0 : n == 2 ? (b0 & 0x1F) : n == 3 ? (b0 & 0x0F) : (b0 & 0x07);
    for (size_t i = 1; i < n; ++i) cp = (cp << 6) | (static_cast<unsigned char>(text[pos + i]) & 0x3F);
    pos += n;
    return cp;
}

bool is_python_space(char32_t c) {
    return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
        (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

std::string python_strip(std::string_view text) {
    size_t begin = 0;
    size_t end = text.size();
    // Leading whitespace.
    while (begin < end) {
        const size_t n = utf8_sequence_length(text, begin);
        if (n == 0) break;
        size_t pos = begin;
        if (!is_python_space(utf8_next(text, pos))) break;
        begin = pos;
    }
    // Trailing whitespace: walk back to the start of the last sequence.
    while (end > begin) {
        size_t start = end - 1;
        while (start > begin && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
        if (utf8_sequence_length(text, start) != end - start) break;
        size_t pos = start;
        if (!is_python_space(utf8_next(text, pos))) break;
        end = start;
    }
    return std::string(text.substr(begin, end - begin));
}

}  // namespace milr
