// The pre-tokenizer of a byte-level tokenizer.json: Split / Digits steps, then ByteLevel, as one pipeline.
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/text/unicode_regex.h"

namespace milr {

class PreTokenizer {
public:
    // Reads the "pre_tokenizer" object. Supported: Sequence, Split (Regex or String pattern, any behavior,
    // invert), Digits, ByteLevel (add_prefix_space, use_regex with the GPT-2 pattern). ByteLevel must come last
    // and exactly once; anything else is a milr::Error naming `source` and the type.
    static PreTokenizer from_json(const nlohmann::json& config, const std::string& source);

    // Splits one plain text run (valid UTF-8) into words, each already in the byte-level alphabet.
    std::vector<std::string> split(std::string_view text) const;

    enum class Behavior { Removed, Isolated, MergedWithPrevious, MergedWithNext, Contiguous };
    struct Step {
        std::shared_ptr<UnicodeRegex> regex;  // matches one "delimiter" (or one numeric character for Digits)
        Behavior behavior = Behavior::Isolated;
        bool invert = false;
    };

private:
    void add_steps(const nlohmann::json& config, const std::string& source, const std::string& path);

    std::vector<Step> m_steps;
    bool m_byte_level = false;
    bool m_add_prefix_space = false;
    std::shared_ptr<UnicodeRegex> m_byte_level_regex;  // GPT-2 pattern when ByteLevel has use_regex
};

}  // namespace milr
