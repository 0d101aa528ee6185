// Pre-tokenisation with the split semantics of Hugging Face tokenizers (NormalizedString::split).
#include "core/text/pre_tokenizer.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/text/byte_level.h"
#include "core/util/error.h"

namespace milr {

namespace {

// The pattern the ByteLevel pre-tokenizer uses when "use_regex" is true (GPT-2).
const char* kGpt2Pattern = R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)";

using Behavior = PreTokenizer::Behavior;

Behavior parse_behavior(const nlohmann::json& value, const std::string& where) {
    const std::string name = value.is_string() ? value.get<std::string>() : std::string("<not a string>");
    if (name == "Removed") return Behavior::Removed;
    if (name == "Isolated") return Behavior::Isolated;
    if (name == "MergedWithPrevious") return Behavior::MergedWithPrevious;
    if (name == "MergedWithNext") return Behavior::MergedWithNext;
    if (name == "Contiguous") return Behavior::Contiguous;
    throw Error(where + ": unknown split behavior '" + name + "'");
}

bool bool_field(const nlohmann::json& object, const char* key, bool fallback) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) return fallback;
    return it->get<bool>();
}

struct Span {
    size_t begin, end;
    bool is_match;
};

// Gaps and matches covering the whole piece, in order (find_matches of the Rust crate).
std::vector<Span> spans(std::string_view piece, const UnicodeRegex& regex, bool invert) {
    std::vector<Span> out;
    size_t previous = 0;
    for (const auto& [begin, end] : regex.find_all(piece)) {
        if (begin > previous) out.push_back({previous, begin, invert});
        out.push_back({begin, end, !invert});
        previous = end;
    }
    if (previous < piece.size()) out.push_back({previous, piece.size(), invert});
    return out;
}

// Applies one split behavior to the spans of a piece; returns the kept [begin, end) ranges.
std::vector<std::pair<size_t, size_t>> apply_behavior(const std::vector<Span>& parts, Behavior behavior) {
    std::vector<std::pair<size_t, size_t>> out;
    bool previous_match = false;
    switch (behavior) {
        case Behavior::Removed:
            for (const Span& s : parts) {
                if (!s.is_match) out.emplace_back(s.begin, s.end);
            }
            break;
        case Behavior::Isolated:
            for (const Span& s : parts) out.emplace_back(s.begin, s.end);
            break;
        case Behavior::MergedWithPrevious:
            for (const Span& s : parts) {
                if (s.is_match && !previous_match && !out.empty())
                    out.back().second = s.end;
                else
                    out.emplace_back(s.begin, s.end);
                previous_match = s.is_match;
            }
            break;
        case Behavior::MergedWithNext:
            for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
                if (it->is_match && !previous_match && !out.empty())
                    out.back().first = it->begin;
                else
                    out.emplace_back(it->begin, it->end);
                previous_match = it->is_match;
            }
            std::reverse(out.begin(), out.end());
            break;
        case Behavior::Contiguous:
            for (const Span& s : parts) {
                if (s.is_match == previous_match && !out.empty())
                    out.back().second = s.end;
                else
                    out.emplace_back(s.begin, s.end);
                previous_match = s.is_match;
            }
            break;
    }
    return out;
}

}  // namespace

PreTokenizer PreTokenizer::from_json(const nlohmann::json& config, const std::string& source) {
    PreTokenizer result;
    result.add_steps(config, source, "pre_tokenizer");
    if (!result.m_byte_level) {
        throw Error(source + ": pre_tokenizer has no ByteLevel step; only byte-level BPE tokenizers are supported");
    }
    return result;
}

void PreTokenizer::add_steps(const nlohmann::json& config, const std::string& source, const std::string& path) {
    if (!config.is_object() || !config.contains("type") || !config["type"].is_string()) {
        throw Error(source + ": " + path + " is not an object with a \"type\"");
    }
    const std::string type = config["type"].get<std::string>();
    const std::string where = source + ": " + path + " (" + type + ")";
    if (m_byte_level) {
        throw Error(where + " comes after ByteLevel; ByteLevel must be the last pre-tokenizer");
    }
    try {
        if (type == "Sequence") {
            const auto& list = config.at("pretokenizers");
            for (size_t i = 0; i < list.size(); ++i) {
                add_steps(list[i], source, path + ".pretokenizers[" + std::to_string(i) + "]");
            }
        } else if (type == "Split") {
            const auto& pattern = config.at("pattern");
            Step step;
            if (pattern.contains("Regex")) {
                step.regex = std::make_shared<UnicodeRegex>(pattern["Regex"].get<std::string>(), where);
            } else if (pattern.contains("String")) {
                step.regex = std::make_shared<UnicodeRegex>(pattern["String"].get<std::string>(), where, true);
            } else {
                throw Error(where + ": pattern has neither \"Regex\" nor \"String\"");
            }
            step.behavior = parse_behavior(config.at("behavior"), where);
            step.invert = bool_field(config, "invert", false);
            m_steps.push_back(std::move(step));
        } else if (type == "Digits") {
            // Rust's char::is_numeric (categories Nd, Nl, No): every numeric character is one match.
            Step step;
            step.regex = std::make_shared<UnicodeRegex>(R"(\p{N})", where);
            step.behavior = bool_field(config, "individual_digits", false) ? Behavior::Isolated : Behavior::Contiguous;
            m_steps.push_back(std::move(step));
        } else if (type == "ByteLevel") {
            m_byte_level = true;
            m_add_prefix_space = bool_field(config, "add_prefix_space", true);
            if (bool_field(config, "use_regex", true)) {
                m_byte_level_regex = std::make_shared<UnicodeRegex>(kGpt2Pattern, where);
            }
        } else {
            throw Error(where + ": unsupported pre-tokenizer type '" + type +
                        "' (supported: Sequence, Split, Digits, ByteLevel)");
        }
    } catch (const nlohmann::json::exception& e) {
        throw Error(where + ": malformed entry: " + e.what());
    }
}

std::vector<std::string> PreTokenizer::split(std::string_view text) const {
    std::vector<std::string> pieces{std::string(text)};
    const auto run_step = [&pieces](const UnicodeRegex& regex, Behavior behavior, bool invert) {
        std::vector<std::string> next;
        next.reserve(pieces.size());
        for (const std::string& piece : pieces) {
            for (const auto& [begin, end] : apply_behavior(spans(piece, regex, invert), behavior)) {
                if (end > begin) next.push_back(piece.substr(begin, end - begin));
            }
        }
        pieces = std::move(next);
    };
    for (const Step& step : m_steps) run_step(*step.regex, step.behavior, step.invert);
    if (m_add_prefix_space) {
        for (std::string& piece : pieces) {
            if (piece.empty() || piece[0] != ' ') piece.insert(piece.begin(), ' ');
        }
    }
    if (m_byte_level_regex) run_step(*m_byte_level_regex, Behavior::Isolated, false);
    for (std::string& piece : pieces) piece = byte_level_encode(piece);
    return pieces;
}

}  // namespace milr
