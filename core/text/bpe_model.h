// The BPE model of a tokenizer.json: vocabulary and ranked merges, applied to one pre-tokenized word.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace milr {

class BpeModel {
public:
    // Reads the "model" object (type BPE). Merges may be "a b" strings or [a, b] arrays; both halves and their
    // concatenation must be in the vocabulary. Unsupported options (dropout, subword prefixes/suffixes,
    // byte_fallback) are errors naming `source`.
    static BpeModel from_json(const nlohmann::json& model, const std::string& source);

    // Appends the ids of `word` (in the byte-level alphabet): characters, then merges lowest rank first
    // (leftmost on ties), as the Rust crate does. A character outside the vocabulary maps to unk or is dropped.
    void encode_word(std::string_view word, std::vector<int64_t>& out) const;

    std::optional<int64_t> id(std::string_view token) const;
    // The vocabulary entry of `id`, or nullptr when the id has none.
    const std::string* token(int64_t id) const;
    int64_t size() const { return static_cast<int64_t>(m_tokens.size()); }  // largest id + 1

private:
    std::unordered_map<std::string, int64_t> m_vocab;
    std::vector<std::string> m_tokens;
    std::vector<bool> m_has_token;
    std::unordered_map<uint64_t, std::pair<int32_t, int64_t>> m_merges;  // (left id, right id) -> (rank, merged id)
    std::optional<int64_t> m_unk;
    bool m_ignore_merges = false;
};

}  // namespace milr
