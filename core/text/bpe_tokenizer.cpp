// Byte-level BPE: added tokens split out first, then pre-tokenizer, BPE merges per word; ByteLevel decoding.
#include "core/text/bpe_tokenizer.h"

#include <filesystem>

#include <nlohmann/json.hpp>

#include "core/io/json_file.h"
#include "core/text/byte_level.h"
#include "core/text/utf8.h"
#include "core/util/error.h"

namespace milr {

namespace {

// tokenizer_config.json writes special tokens as a string or as {"content": ...} (AddedToken form).
std::optional<std::string> token_string(const nlohmann::json& config, const char* key) {
    const auto it = config.find(key);
    if (it == config.end() || it->is_null()) return std::nullopt;
    if (it->is_string()) return it->get<std::string>();
    if (it->is_object() && it->contains("content") && (*it)["content"].is_string()) {
        return (*it)["content"].get<std::string>();
    }
    return std::nullopt;
}

// The leading SpecialToken of a TemplateProcessing post-processor's "single" template, if any.
std::optional<std::string> template_bos(const nlohmann::json& tokenizer) {
    const auto it = tokenizer.find("post_processor");
    if (it == tokenizer.end() || !it->is_object() || it->value("type", std::string()) != "TemplateProcessing") {
        return std::nullopt;
    }
    const auto single = it->find("single");
    if (single == it->end() || !single->is_array() || single->empty()) return std::nullopt;
    const auto& first = (*single)[0];
    if (first.contains("SpecialToken") && first["SpecialToken"].contains("id")) {
        return first["SpecialToken"]["id"].get<std::string>();
    }
    return std::nullopt;
}

void check_decoder(const nlohmann::json& tokenizer, const std::string& source) {
    const auto it = tokenizer.find("decoder");
    if (it == tokenizer.end() || it->is_null()) return;
    const std::string type = it->value("type", std::string("<no type>"));
    if (type != "ByteLevel") {
        throw Error(source + ": unsupported decoder type '" + type + "' (only ByteLevel is supported)");
    }
}

}  // namespace

BpeTokenizer::BpeTokenizer(std::string source, PreTokenizer pre_tokenizer, BpeModel model)
    : m_source(std::move(source)), m_pre_tokenizer(std::move(pre_tokenizer)), m_model(std::move(model)) {}

std::unique_ptr<BpeTokenizer> BpeTokenizer::load_folder(const std::string& folder) {
    const std::filesystem::path dir(folder);
    const auto json_path = dir / "tokenizer.json";
    if (!std::filesystem::exists(json_path)) throw Error(folder + ": no tokenizer.json in this folder");
    const auto config_path = dir / "tokenizer_config.json";
    return load(json_path.string(), std::filesystem::exists(config_path) ? config_path.string() : std::string());
}

std::unique_ptr<BpeTokenizer> BpeTokenizer::load(const std::string& tokenizer_json, const std::string& config_json) {
    const nlohmann::json tokenizer = read_json_file(tokenizer_json);
    if (config_json.empty()) return from_json(tokenizer, nullptr, tokenizer_json);
    const nlohmann::json config = read_json_file(config_json);
    if (!config.is_object()) throw Error(config_json + ": not a JSON object");
    return from_json(tokenizer, &config, tokenizer_json);
}

std::unique_ptr<BpeTokenizer> BpeTokenizer::from_json(const nlohmann::json& tokenizer, const nlohmann::json* config,
                                                      const std::string& source) try {
    if (!tokenizer.is_object()) throw Error(source + ": not a JSON object");
    const auto normalizer = tokenizer.find("normalizer");
    if (normalizer != tokenizer.end() && !normalizer->is_null()) {
        throw Error(source + ": normalizer '" + normalizer->value("type", std::string("<no type>")) +
                    "' is not supported (byte-level tokenizers of the DeepSeek/LLaMA-3/GPT-2 kind have none)");
    }
    const auto pre = tokenizer.find("pre_tokenizer");
    if (pre == tokenizer.end() || pre->is_null()) throw Error(source + ": \"pre_tokenizer\" is missing");
    const auto model = tokenizer.find("model");
    if (model == tokenizer.end()) throw Error(source + ": \"model\" is missing");
    check_decoder(tokenizer, source);

    std::unique_ptr<BpeTokenizer> result(
        new BpeTokenizer(source, PreTokenizer::from_json(*pre, source), BpeModel::from_json(*model, source)));
    for (const std::string& byte_char : byte_level_alphabet()) {
        if (!result->m_model.id(byte_char)) {
            throw Error(source + ": model.vocab lacks the byte-level character '" + byte_char +
                        "'; every one of the 256 must be present");
        }
    }
    result->m_vocab_size = result->m_model.size();
    const auto added = tokenizer.find("added_tokens");
    if (added != tokenizer.end() && !added->is_null()) {
        try {
            for (const auto& entry : *added) {
                AddedToken token;
                token.content = entry.at("content").get<std::string>();
                token.id = entry.at("id").get<int64_t>();
                if (token.id < 0) throw Error(source + ": added token '" + token.content + "' has a negative id");
                token.special = entry.value("special", false);
                token.lstrip = entry.value("lstrip", false);
                token.rstrip = entry.value("rstrip", false);
                token.single_word = entry.value("single_word", false);
                result->m_added.add(token);
                result->m_vocab_size = std::max(result->m_vocab_size, token.id + 1);
            }
        } catch (const nlohmann::json::exception& e) {
            throw Error(source + ": malformed added_tokens: " + e.what());
        }
    }

    std::optional<std::string> bos = config ? token_string(*config, "bos_token") : std::nullopt;
    const std::optional<std::string> from_template = template_bos(tokenizer);
    if (!bos) bos = from_template;
    if (config && config->contains("add_bos_token") && (*config)["add_bos_token"].is_boolean()) {
        result->m_add_bos_by_default = (*config)["add_bos_token"].get<bool>();
    } else {
        result->m_add_bos_by_default = from_template.has_value();
    }
    if (bos) result->m_bos = result->require_token_id(*bos);
    if (const auto eos = config ? token_string(*config, "eos_token") : std::nullopt) {
        result->m_eos = result->require_token_id(*eos);
    }
    if (result->m_add_bos_by_default && !result->m_bos) {
        throw Error(source + ": add_bos_token is set but no BOS token is defined");
    }
    return result;
} catch (const nlohmann::json::exception& e) {
    // A member of an unexpected type (found by fuzzing: "normalizer": 7) is an error naming the file.
    throw Error(source + ": a member has an unexpected type (" + json_error_reason(e) + ")");
}

std::vector<int64_t> BpeTokenizer::encode(const std::string& text, bool add_bos) const {
    const size_t bad = utf8_first_invalid(text);
    if (bad != std::string::npos) {
        throw Error(description() + ": text to encode is not valid UTF-8 at byte " + std::to_string(bad));
    }
    std::vector<int64_t> ids;
    if (add_bos) {
        if (!m_bos) throw Error(description() + ": BOS requested but the tokenizer defines none");
        ids.push_back(*m_bos);
    }
    for (const TextSegment& segment : m_added.split(text)) {
        if (segment.id >= 0) {
            ids.push_back(segment.id);
            continue;
        }
        for (const std::string& word : m_pre_tokenizer.split(segment.text)) m_model.encode_word(word, ids);
    }
    return ids;
}

void BpeTokenizer::check_id(int64_t id) const {
    if (!m_added.find(id) && !m_model.token(id)) {
        throw Error(description() + ": token id " + std::to_string(id) + " is not in the vocabulary (size " +
                    std::to_string(m_vocab_size) + ")");
    }
}

std::string BpeTokenizer::token_text(int64_t id) const {
    check_id(id);
    const AddedToken* added = m_added.find(id);
    const std::string& entry = added ? added->content : *m_model.token(id);
    // The ByteLevel decoder maps each stand-in back to its byte; a token with any other character (such as
    // "<｜end▁of▁sentence｜>") is taken literally. Added tokens go through the same rule, as in the Rust crate.
    const auto bytes = byte_level_decode(entry);
    return bytes ? *bytes : entry;
}

std::string BpeTokenizer::decode(const std::vector<int64_t>& ids, bool skip_special) const {
    std::string bytes;
    for (int64_t id : ids) {
        if (skip_special && is_special(id)) {
            check_id(id);
            continue;
        }
        bytes += token_text(id);
    }
    return utf8_lossy(bytes);
}

std::optional<int64_t> BpeTokenizer::token_id(const std::string& token) const {
    if (const AddedToken* added = m_added.find(token)) return added->id;
    return m_model.id(token);
}

bool BpeTokenizer::is_special(int64_t id) const {
    const AddedToken* added = m_added.find(id);
    return added && added->special;
}

}  // namespace milr
