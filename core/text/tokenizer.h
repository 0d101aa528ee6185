// The tokenizer interface the engine uses for every model, and the Janus special tokens resolved by string.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace milr {

// The special strings of Janus-Pro (DeepSeek-LLM vocabulary plus the Janus additions). Ids are never hard-coded:
// they are looked up in each tokenizer with Tokenizer::token_id.
namespace janus_tokens {
inline constexpr const char* kBos = "<｜begin▁of▁sentence｜>";
inline constexpr const char* kEos = "<｜end▁of▁sentence｜>";
inline constexpr const char* kPad = "<｜▁pad▁｜>";  // the CFG pad of the unconditional row
inline constexpr const char* kBeginOfImage = "<begin_of_image>";
inline constexpr const char* kEndOfImage = "<end_of_image>";
inline constexpr const char* kImagePlaceholder = "<image_placeholder>";
inline constexpr const char* kUser = "<|User|>";
inline constexpr const char* kAssistant = "<|Assistant|>";
}  // namespace janus_tokens

class Tokenizer {
public:
    virtual ~Tokenizer() = default;

    // Token ids of `text` (UTF-8; invalid UTF-8 is a milr::Error). Special/added tokens written in the text
    // (e.g. "<begin_of_image>") are matched atomically. With `add_bos` the BOS id comes first; asking for it
    // from a tokenizer without BOS is an error.
    virtual std::vector<int64_t> encode(const std::string& text, bool add_bos) const = 0;

    // Text of `ids`; with `skip_special` the special tokens (BOS, EOS, pad, image markers) are left out.
    // Bytes that do not form valid UTF-8 become U+FFFD. An id outside the vocabulary is a milr::Error.
    virtual std::string decode(const std::vector<int64_t>& ids, bool skip_special) const = 0;

    // The text one token stands for, as raw bytes: for byte-level BPE, concatenating token_text over a sequence
    // gives exactly the bytes decode(ids, false) is made of. Caveat: one token may hold only part of a
    // multi-byte character (emoji, CJK), so a single token_text can be invalid UTF-8; use display_pieces() to
    // get per-token strings that are always valid. For sentencepiece models with a dummy prefix, decode drops
    // the leading space of the first piece, token_text keeps it.
    virtual std::string token_text(int64_t id) const = 0;

    // The id of a vocabulary entry or added token given by its exact string (the lookup for special tokens).
    virtual std::optional<int64_t> token_id(const std::string& token) const = 0;

    virtual std::optional<int64_t> bos_id() const = 0;
    virtual std::optional<int64_t> eos_id() const = 0;
    // Number of ids (largest id + 1); a model's embedding table may have more rows than this.
    virtual int64_t vocab_size() const = 0;
    virtual bool is_special(int64_t id) const = 0;
    // Whether the model's own configuration asks for BOS on every encode (tokenizer_config add_bos_token).
    virtual bool adds_bos_by_default() const = 0;
    // Where the tokenizer came from, for messages (e.g. "byte-level BPE from /m/tokenizer.json").
    virtual std::string description() const = 0;

    // token_id, or a milr::Error naming the token and description() when it is missing.
    int64_t require_token_id(const std::string& token) const;
};

// Per-token text that is always valid UTF-8 and concatenates to decode(ids, skip_special) when the decoded
// bytes are valid: bytes of a character split over several tokens are shown with the token that completes
// it (the earlier tokens get ""). Skipped special tokens give "". For highlighting changed tokens in a view.
std::vector<std::string> display_pieces(const Tokenizer& tokenizer, const std::vector<int64_t>& ids, bool skip_special);

// The special ids of Janus-Pro in one tokenizer; resolve() lists every missing string in one error.
struct JanusSpecialTokens {
    int64_t bos = -1;
    int64_t eos = -1;
    int64_t pad = -1;
    int64_t begin_of_image = -1;
    int64_t end_of_image = -1;
    int64_t image_placeholder = -1;

    static JanusSpecialTokens resolve(const Tokenizer& tokenizer);
};

}  // namespace milr
