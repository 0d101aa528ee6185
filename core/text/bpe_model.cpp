// BPE merging with a priority queue over (rank, position), equivalent to the Rust tokenizers crate.
#include "core/text/bpe_model.h"

#include <queue>

#include <nlohmann/json.hpp>

#include "core/text/utf8.h"
#include "core/util/error.h"

namespace milr {

namespace {

uint64_t pair_key(int64_t left, int64_t right) {
    return (static_cast<uint64_t>(left) << 32) | static_cast<uint64_t>(right);
}

bool is_unset(const nlohmann::json& object, const char* key) {
    const auto it = object.find(key);
    return it == object.end() || it->is_null() || (it->is_string() && it->get<std::string>().empty()) ||
        (it->is_boolean() && !it->get<bool>()) || (it->is_number() && it->get<double>() == 0.0);
}

}  // namespace

BpeModel BpeModel::from_json(const nlohmann::json& model, const std::string& source) {
    const std::string where = source + ": model";
    if (!model.is_object()) throw Error(source + ": \"model\" is missing or not an object");
    const std::string type = model.value("type", std::string("BPE"));
    if (type != "BPE") throw Error(where + ": unsupported model type '" + type + "' (only BPE is supported)");
    for (const char* key : {"dropout", "continuing_subword_prefix", "end_of_word_suffix", "byte_fallback"}) {
        if (!is_unset(model, key)) throw Error(where + ": option '" + key + "' is not supported");
    }
    BpeModel bpe;
    try {
        const auto& vocab = model.at("vocab");
        if (!vocab.is_object()) throw Error(where + ".vocab is not an object");
        int64_t max_id = -1;
        for (const auto& [token, value] : vocab.items()) {
            const int64_t id = value.get<int64_t>();
            if (id < 0 || id >= (int64_t{1} << 31)) {
                throw Error(where + ".vocab: token '" + token + "' has an invalid id " + std::to_string(id));
            }
            bpe.m_vocab[token] = id;
            max_id = std::max(max_id, id);
        }
        bpe.m_tokens.assign(static_cast<size_t>(max_id + 1), std::string());
        bpe.m_has_token.assign(static_cast<size_t>(max_id + 1), false);
        for (const auto& [token, id] : bpe.m_vocab) {
            bpe.m_tokens[id] = token;
            bpe.m_has_token[id] = true;
        }
        const auto& merges = model.at("merges");
        if (!merges.is_array()) throw Error(where + ".merges is not an array");
        for (size_t rank = 0; rank < merges.size(); ++rank) {
            const auto& entry = merges[rank];
            std::string left, right;
            if (entry.is_string()) {
                const std::string line = entry.get<std::string>();
                const size_t space = line.find(' ');
                if (space == std::string::npos || line.find(' ', space + 1) != std::string::npos) {
                    throw Error(where + ".merges[" + std::to_string(rank) + "] '" + line +
                                "' is not two tokens separated by one space");
                }
                left = line.substr(0, space);
                right = line.substr(space + 1);
            } else if (entry.is_array() && entry.size() == 2 && entry[0].is_string() && entry[1].is_string()) {
                left = entry[0].get<std::string>();
                right = entry[1].get<std::string>();
            } else {
                throw Error(where + ".merges[" + std::to_string(rank) + "] is neither \"a b\" nor [\"a\", \"b\"]");
            }
            const auto l = bpe.m_vocab.find(left), r = bpe.m_vocab.find(right), m = bpe.m_vocab.find(left + right);
            if (l == bpe.m_vocab.end() || r == bpe.m_vocab.end() || m == bpe.m_vocab.end()) {
                throw Error(where + ".merges[" + std::to_string(rank) + "] ('" + left + "', '" + right +
                            "') uses a token that is not in the vocabulary");
            }
            bpe.m_merges.emplace(pair_key(l->second, r->second), std::make_pair(static_cast<int32_t>(rank), m->second));
        }
        const auto unk = model.find("unk_token");
        if (unk != model.end() && unk->is_string()) {
            const auto it = bpe.m_vocab.find(unk->get<std::string>());
            if (it == bpe.m_vocab.end()) {
                throw Error(where + ": unk_token '" + unk->get<std::string>() + "' is not in the vocabulary");
            }
            bpe.m_unk = it->second;
        }
        bpe.m_ignore_merges = model.value("ignore_merges", false);
    } catch (const nlohmann::json::exception& e) {
        throw Error(where + ": malformed: " + e.what());
    }
    return bpe;
}

std::optional<int64_t> BpeModel::id(std::string_view token) const {
    const auto it = m_vocab.find(std::string(token));
    if (it == m_vocab.end()) return std::nullopt;
    return it->second;
}

const std::string* BpeModel::token(int64_t id) const {
    if (id < 0 || id >= size() || !m_has_token[id]) return nullptr;
    return &m_tokens[id];
}

void BpeModel::encode_word(std::string_view word, std::vector<int64_t>& out) const {
    if (word.empty()) return;
    if (m_ignore_merges) {
        if (const auto whole = id(word)) {
            out.push_back(*whole);
            return;
        }
    }
    struct Symbol {
        int64_t id;
        int64_t prev, next;
        bool alive;
    };
    std::vector<Symbol> symbols;
    for (size_t pos = 0; pos < word.size();) {
        const size_t n = std::max<size_t>(1, utf8_sequence_length(word, pos));
        const auto found = id(word.substr(pos, n));
        pos += n;
        if (!found && !m_unk) continue;
        const int64_t index = static_cast<int64_t>(symbols.size());
        symbols.push_back({found ? *found : *m_unk, index - 1, index + 1, true});
    }
    if (symbols.empty()) return;
    symbols.back().next = -1;

    struct Candidate {
        int32_t rank;
        int64_t pos;
        int64_t merged;
        bool operator>(const Candidate& o) const { return rank != o.rank ? rank > o.rank : pos > o.pos; }
    };
    std::priority_queue<Candidate, std::vector<Candidate>, std::greater<Candidate>> queue;
    const auto push_pair = [&](int64_t left) {
        if (left < 0 || symbols[left].next < 0) return;
        const auto it = m_merges.find(pair_key(symbols[left].id, symbols[symbols[left].next].id));
        if (it != m_merges.end()) queue.push({it->second.first, left, it->second.second});
    };
    for (int64_t i = 0; i + 1 < static_cast<int64_t>(symbols.size()); ++i) push_pair(i);
    while (!queue.empty()) {
        const Candidate top = queue.top();
        queue.pop();
        Symbol& left = symbols[top.pos];
        if (!left.alive || left.next < 0) continue;
        Symbol& right = symbols[left.next];
        const auto current = m_merges.find(pair_key(left.id, right.id));
        if (current == m_merges.end() || current->second.second != top.merged) continue;  // stale entry
        left.id = top.merged;
        right.alive = false;
        left.next = right.next;
        if (right.next >= 0) symbols[right.next].prev = top.pos;
        push_pair(left.prev);
        push_pair(top.pos);
    }
    for (const Symbol& s : symbols) {
        if (s.alive) out.push_back(s.id);
    }
}

}  // namespace milr
