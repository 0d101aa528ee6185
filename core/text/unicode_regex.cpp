// PCRE2 wrapper: compile once (with JIT when available), find all matches per call.
#define PCRE2_CODE_UNIT_WIDTH 8
#include "core/text/unicode_regex.h"

#include <pcre2.h>

#include "core/util/error.h"
#include "core/text/utf8.h"

namespace milr {

struct UnicodeRegex::Compiled {
    pcre2_code* code = nullptr;
    ~Compiled() {
        if (code) pcre2_code_free(code);
    }
};

static std::string pcre2_message(int code) {
    PCRE2_UCHAR buffer[256];
    pcre2_get_error_message(code, buffer, sizeof(buffer));
    return reinterpret_cast<const char*>(buffer);
}

// Oniguruma's \s is the Unicode White_Space property; PCRE2's \s with UCP also takes U+180E. Rewriting the
// escapes (outside and inside classes) to the property itself gives Oniguruma's set exactly.
static std::string oniguruma_spaces(const std::string& pattern) {
    std::string out;
    for (size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '\\' && i + 1 < pattern.size()) {
            const char next = pattern[++i];
            if (next == 's')
                out += "\\p{White_Space}";
            else if (next == 'S')
                out += "\\P{White_Space}";
            else
                out += std::string{'\\', next};
        } else {
            out += pattern[i];
        }
    }
    return out;
}

UnicodeRegex::UnicodeRegex(const std::string& original, const std::string& where, bool literal)
    : m_pattern(original), m_where(where), m_compiled(std::make_unique<Compiled>()) {
    const std::string pattern = literal ? original : oniguruma_spaces(original);
    pcre2_compile_context* context = pcre2_compile_context_create(nullptr);
    pcre2_set_newline(context, PCRE2_NEWLINE_LF);
    const uint32_t options = literal ? PCRE2_UTF | PCRE2_LITERAL : PCRE2_UTF | PCRE2_UCP | PCRE2_MULTILINE;
    int error = 0;
    PCRE2_SIZE offset = 0;
    m_compiled->code =
        pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(), options, &error, &offset, context);
    pcre2_compile_context_free(context);
    if (!m_compiled->code) {
        throw Error(where + ": regular expression '" + original + "' does not compile at byte " +
                    std::to_string(offset) + ": " + pcre2_message(error));
    }
    pcre2_jit_compile(m_compiled->code, PCRE2_JIT_COMPLETE);  // optional speed-up; the interpreter is the fallback
}

UnicodeRegex::~UnicodeRegex() = default;
UnicodeRegex::UnicodeRegex(UnicodeRegex&&) noexcept = default;
UnicodeRegex& UnicodeRegex::operator=(UnicodeRegex&&) noexcept = default;

std::vector<std::pair<size_t, size_t>> UnicodeRegex::find_all(std::string_view text) const {
    std::vector<std::pair<size_t, size_t>> matches;
    pcre2_match_data* data = pcre2_match_data_create_from_pattern(m_compiled->code, nullptr);
    const auto subject = reinterpret_cast<PCRE2_SPTR>(text.data());
    size_t start = 0;
    while (start <= text.size()) {
        // PCRE2 checks the UTF-8 of the whole subject on the first call only (invalid text is an error, not UB).
        const uint32_t flags = start == 0 ? 0 : PCRE2_NO_UTF_CHECK;
        const int rc = pcre2_match(m_compiled->code, subject, text.size(), start, flags, data, nullptr);
        if (rc == PCRE2_ERROR_NOMATCH) break;
        if (rc < 0) {
            pcre2_match_data_free(data);
            throw Error(m_where + ": matching regular expression '" + m_pattern + "' failed: " + pcre2_message(rc));
        }
        const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(data);
        const size_t begin = ovector[0], end = ovector[1];
        if (end > begin) {
            matches.emplace_back(begin, end);
            start = end;
        } else {  // an empty match: step over one character
            if (begin >= text.size()) break;
            const size_t n = utf8_sequence_length(text, begin);
            start = begin + (n == 0 ? 1 : n);
        }
    }
    pcre2_match_data_free(data);
    return matches;
}

}  // namespace milr
