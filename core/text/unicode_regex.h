// A compiled Unicode regular expression (PCRE2, UTF-8 mode) for the patterns of tokenizer.json pre-tokenizers.
//
// Why PCRE2: the Hugging Face files use Oniguruma syntax with Unicode properties (\p{L}, \p{N}, \s over all
// Unicode whitespace, (?i:...), (?!\S), possessive/lazy quantifiers), which std::regex cannot express. PCRE2 is in
// Debian (libpcre2-dev) and implements all of these. It is compiled with UTF + UCP (Unicode classes and
// properties; \s and \S are rewritten to \p{White_Space} / \P{White_Space}, Oniguruma's set) and MULTILINE
// with LF newlines, so that ^ and $ match at line ends as in Oniguruma's Ruby syntax.
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace milr {

class UnicodeRegex {
public:
    // Throws milr::Error naming `where` (e.g. the file and pre-tokenizer) and the position of a syntax error.
    UnicodeRegex(const std::string& pattern, const std::string& where, bool literal = false);
    ~UnicodeRegex();
    UnicodeRegex(UnicodeRegex&&) noexcept;
    UnicodeRegex& operator=(UnicodeRegex&&) noexcept;

    // Non-overlapping, non-empty matches from left to right as [begin, end) byte ranges.
    // `text` must be valid UTF-8. Thread-safe (each call uses its own match data).
    std::vector<std::pair<size_t, size_t>> find_all(std::string_view text) const;

    const std::string& pattern() const { return m_pattern; }

private:
    struct Compiled;
    std::string m_pattern;
    std::string m_where;
    std::unique_ptr<Compiled> m_compiled;
};

}  // namespace milr
