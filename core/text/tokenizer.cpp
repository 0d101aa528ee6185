// Tokenizer helpers shared by every implementation: required lookups, display pieces, Janus specials.
#include "core/text/tokenizer.h"

#include "core/text/utf8.h"
#include "core/util/error.h"

namespace milr {

int64_t Tokenizer::require_token_id(const std::string& token) const {
    const auto id = token_id(token);
    if (!id) throw Error(description() + ": token '" + token + "' is not in the vocabulary");
    return *id;
}

std::vector<std::string> display_pieces(const Tokenizer& tokenizer, const std::vector<int64_t>& ids,
                                        bool skip_special) {
    std::vector<std::string> pieces;
    pieces.reserve(ids.size());
    std::string pending;  // bytes of a character that is not complete yet
    for (int64_t id : ids) {
        if (skip_special && tokenizer.is_special(id)) {
            tokenizer.token_text(id);  // still validates the id
            pieces.emplace_back();
            continue;
        }
        pending += tokenizer.token_text(id);
        const size_t complete = utf8_complete_prefix(pending);
        pieces.push_back(utf8_lossy(std::string_view(pending).substr(0, complete)));
        pending.erase(0, complete);
    }
    if (!pending.empty() && !pieces.empty()) pieces.back() += utf8_lossy(pending);
    return pieces;
}

JanusSpecialTokens JanusSpecialTokens::resolve(const Tokenizer& tokenizer) {
    JanusSpecialTokens result;
    std::string missing;
    const auto lookup = [&](const char* token, int64_t& slot) {
        if (const auto id = tokenizer.token_id(token)) {
            slot = *id;
        } else {
            missing += std::string(missing.empty() ? "" : ", ") + token;
        }
    };
    lookup(janus_tokens::kBos, result.bos);
    lookup(janus_tokens::kEos, result.eos);
    lookup(janus_tokens::kPad, result.pad);
    lookup(janus_tokens::kBeginOfImage, result.begin_of_image);
    lookup(janus_tokens::kEndOfImage, result.end_of_image);
    lookup(janus_tokens::kImagePlaceholder, result.image_placeholder);
    if (!missing.empty()) {
        throw Error(tokenizer.description() + ": Janus special tokens missing from the vocabulary: " + missing);
    }
    return result;
}

}  // namespace milr
