// Leftmost-longest matching of added tokens, with the lstrip / rstrip / single_word options of tokenizer.json.
#include "core/text/added_tokens.h"

#include <algorithm>

#include "core/text/utf8.h"

namespace milr {

void AddedTokenMatcher::add(const AddedToken& token) {
    if (token.content.empty()) return;
    const auto existing = m_by_content.find(token.content);
    if (existing != m_by_content.end()) {  // the last definition wins, as in a JSON object
        m_tokens[existing->second] = token;
        m_by_id[token.id] = existing->second;
        return;
    }
    const size_t index = m_tokens.size();
    m_tokens.push_back(token);
    m_by_content[token.content] = index;
    m_by_id[token.id] = index;
    auto& bucket = m_by_first_byte[static_cast<unsigned char>(token.content[0])];
    bucket.push_back(index);
    std::stable_sort(bucket.begin(), bucket.end(),
                     [&](size_t a, size_t b) { return m_tokens[a].content.size() > m_tokens[b].content.size(); });
}

const AddedToken* AddedTokenMatcher::find(std::string_view content) const {
    const auto it = m_by_content.find(std::string(content));
    return it == m_by_content.end() ? nullptr : &m_tokens[it->second];
}

const AddedToken* AddedTokenMatcher::find(int64_t id) const {
    const auto it = m_by_id.find(id);
    return it == m_by_id.end() ? nullptr : &m_tokens[it->second];
}

namespace {

// A word character for single_word: ASCII letters, digits, '_' and every non-ASCII character except whitespace
// (a conservative stand-in for Unicode alphanumerics, which only matters for tokens flagged single_word).
bool is_word_char(char32_t c) {
    if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    return !is_python_space(c);
}

char32_t char_before(std::string_view text, size_t pos) {
    size_t start = pos - 1;
    while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
    return utf8_next(text, start);
}

size_t whitespace_before(std::string_view text, size_t pos, size_t floor) {
    while (pos > floor) {
        size_t start = pos - 1;
        while (start > floor && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
        size_t p = start;
        if (!is_python_space(utf8_next(text, p))) break;
        pos = start;
    }
    return pos;
}

size_t whitespace_after(std::string_view text, size_t pos) {
    while (pos < text.size()) {
        size_t p = pos;
        if (!is_python_space(utf8_next(text, p))) break;
        pos = p;
    }
    return pos;
}

}  // namespace

std::vector<TextSegment> AddedTokenMatcher::split(std::string_view text) const {
    std::vector<TextSegment> out;
    size_t plain_start = 0;
    size_t pos = 0;
    while (pos < text.size()) {
        const AddedToken* hit = nullptr;
        const auto bucket = m_by_first_byte.find(static_cast<unsigned char>(text[pos]));
        if (bucket != m_by_first_byte.end()) {
            for (size_t index : bucket->second) {
                const AddedToken& token = m_tokens[index];
                if (text.compare(pos, token.content.size(), token.content) != 0) continue;
                if (token.single_word) {
                    const size_t stop = pos + token.content.size();
                    size_t after = stop;
                    const bool left_ok = pos == 0 || !is_word_char(char_before(text, pos));
                    const bool right_ok = stop == text.size() || !is_word_char(utf8_next(text, after));
                    if (!left_ok || !right_ok) continue;
                }
                hit = &token;
                break;
            }
        }
        if (!hit) {
            const size_t n = utf8_sequence_length(text, pos);
            pos += n == 0 ? 1 : n;
            continue;
        }
        size_t begin = pos;
        size_t end = pos + hit->content.size();
        if (hit->lstrip) begin = whitespace_before(text, begin, plain_start);
        if (hit->rstrip) end = whitespace_after(text, end);
        if (begin > plain_start) out.push_back({text.substr(plain_start, begin - plain_start), -1});
        out.push_back({text.substr(begin, end - begin), hit->id});
        pos = plain_start = end;
    }
    if (plain_start < text.size()) out.push_back({text.substr(plain_start), -1});
    return out;
}

}  // namespace milr
