// Added (special) tokens matched atomically in raw text before any pre-tokenisation, leftmost-longest.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace milr {

struct AddedToken {
    std::string content;
    int64_t id = -1;
    bool special = false;      // skipped by decode(..., skip_special = true)
    bool lstrip = false;       // the match swallows whitespace on its left
    bool rstrip = false;       // ... and on its right
    bool single_word = false;  // matches only where no word character touches it
};

// A piece of the input: either plain text for the model (id < 0) or one added token.
struct TextSegment {
    std::string_view text;
    int64_t id = -1;
};

class AddedTokenMatcher {
public:
    void add(const AddedToken& token);

    // Splits `text` into plain runs and added tokens: at each position the longest added token wins; plain runs
    // never contain a complete added token. Empty plain runs are dropped. `text` must outlive the result.
    std::vector<TextSegment> split(std::string_view text) const;

    const AddedToken* find(std::string_view content) const;
    const AddedToken* find(int64_t id) const;
    const std::vector<AddedToken>& tokens() const { return m_tokens; }

private:
    std::vector<AddedToken> m_tokens;
    std::unordered_map<std::string, size_t> m_by_content;
    std::unordered_map<int64_t, size_t> m_by_id;
    std::unordered_map<unsigned char, std::vector<size_t>> m_by_first_byte;  // longest first
};

}  // namespace milr
