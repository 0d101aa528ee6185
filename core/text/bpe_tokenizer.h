// Byte-level BPE tokenizer read from a Hugging Face tokenizer.json (+ tokenizer_config.json), e.g. Janus-Pro's.
#pragma once
#include <memory>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "core/text/added_tokens.h"
#include "core/text/bpe_model.h"
#include "core/text/pre_tokenizer.h"
#include "core/text/tokenizer.h"

namespace milr {

class BpeTokenizer : public Tokenizer {
public:
    // `folder`/tokenizer.json, plus `folder`/tokenizer_config.json when present.
    static std::unique_ptr<BpeTokenizer> load_folder(const std::string& folder);
    // An explicit tokenizer.json and an optional tokenizer_config.json ("" = none).
    static std::unique_ptr<BpeTokenizer> load(const std::string& tokenizer_json, const std::string& config_json = "");
    // From parsed JSON; `config` may be null. `source` names the file in every error.
    // What is read: normalizer (must be null), pre_tokenizer (see PreTokenizer), model (BPE), added_tokens,
    // decoder (ByteLevel or null). BOS: tokenizer_config's bos_token / add_bos_token when given, otherwise the
    // leading special token of a TemplateProcessing post_processor. EOS: tokenizer_config's eos_token.
    static std::unique_ptr<BpeTokenizer> from_json(const nlohmann::json& tokenizer, const nlohmann::json* config,
                                                   const std::string& source);

    std::vector<int64_t> encode(const std::string& text, bool add_bos) const override;
    std::string decode(const std::vector<int64_t>& ids, bool skip_special) const override;
    std::string token_text(int64_t id) const override;
    std::optional<int64_t> token_id(const std::string& token) const override;
    std::optional<int64_t> bos_id() const override { return m_bos; }
    std::optional<int64_t> eos_id() const override { return m_eos; }
    int64_t vocab_size() const override { return m_vocab_size; }
    bool is_special(int64_t id) const override;
    bool adds_bos_by_default() const override { return m_add_bos_by_default; }
    std::string description() const override { return "byte-level BPE from " + m_source; }

private:
    BpeTokenizer(std::string source, PreTokenizer pre_tokenizer, BpeModel model);
    void check_id(int64_t id) const;

    std::string m_source;
    PreTokenizer m_pre_tokenizer;
    BpeModel m_model;
    AddedTokenMatcher m_added;
    std::optional<int64_t> m_bos;
    std::optional<int64_t> m_eos;
    bool m_add_bos_by_default = false;
    int64_t m_vocab_size = 0;
};

}  // namespace milr
