// The Tokenizer interface over a sentencepiece .model (the embedded model's tokenizer).
#pragma once
#include <memory>
#include <string>

#include "core/text/added_tokens.h"
#include "core/text/tokenizer.h"

namespace sentencepiece {
class SentencePieceProcessor;
}

namespace milr {

class SentencepieceTokenizer : public Tokenizer {
public:
    // Reads a .model file; errors name the file.
    static std::unique_ptr<SentencepieceTokenizer> load(const std::string& model_path);
    // From the serialized model bytes (as train_sentencepiece returns them); `source` names it in messages.
    static std::unique_ptr<SentencepieceTokenizer> from_bytes(const std::string& model_bytes,
                                                              const std::string& source);
    ~SentencepieceTokenizer() override;

    // Control pieces (BOS, EOS, pad, image markers) written in the text are matched atomically first; the runs
    // between them go through sentencepiece, which matches user-defined pieces (the roles) atomically itself.
    std::vector<int64_t> encode(const std::string& text, bool add_bos) const override;
    // Pieces are joined with U+2581 as space and byte pieces as bytes; control pieces appear as their string
    // unless skipped. A model with a dummy prefix loses the leading space of the very first piece, as in
    // sentencepiece's own decode.
    std::string decode(const std::vector<int64_t>& ids, bool skip_special) const override;
    std::string token_text(int64_t id) const override;
    std::optional<int64_t> token_id(const std::string& token) const override;
    std::optional<int64_t> bos_id() const override { return m_bos; }
    std::optional<int64_t> eos_id() const override { return m_eos; }
    int64_t vocab_size() const override { return m_vocab_size; }
    // Control pieces (BOS, EOS, pad, the image markers of a trained model) and the unknown piece.
    bool is_special(int64_t id) const override;
    bool adds_bos_by_default() const override { return m_bos.has_value(); }
    std::string description() const override { return "sentencepiece model " + m_source; }

private:
    explicit SentencepieceTokenizer(std::string source);
    void init();
    void check_id(int64_t id) const;

    std::string m_source;
    std::unique_ptr<sentencepiece::SentencePieceProcessor> m_processor;
    AddedTokenMatcher m_atomic;  // control pieces (sentencepiece never matches them in text)
    std::string m_unk_surface;   // what the unknown piece decodes to
    std::optional<int64_t> m_bos;
    std::optional<int64_t> m_eos;
    int64_t m_vocab_size = 0;
    bool m_dummy_prefix = false;
};

}  // namespace milr
