// sentencepiece training from an in-memory corpus with fixed special pieces and deterministic settings.
#include "core/text/spm/sentencepiece_trainer.h"

#include <sentencepiece_processor.h>
#include <sentencepiece_trainer.h>

#include <sstream>
#include <unordered_map>

#include "core/text/tokenizer.h"
#include "core/util/error.h"

namespace milr {

namespace {

class LineIterator : public sentencepiece::SentenceIterator {
public:
    explicit LineIterator(const std::vector<std::string>& corpus) {
        for (const std::string& entry : corpus) {
            std::istringstream lines(entry);
            std::string line;
            while (std::getline(lines, line)) {
                if (!line.empty() && line.back() == '\r') line.pop_back();
                if (!line.empty()) m_lines.push_back(line);
            }
        }
    }
    bool done() const override { return m_index >= m_lines.size(); }
    void Next() override { ++m_index; }
    const std::string& value() const override { return m_lines[m_index]; }
    sentencepiece::util::Status status() const override { return sentencepiece::util::Status(); }
    size_t size() const { return m_lines.size(); }

private:
    std::vector<std::string> m_lines;
    size_t m_index = 0;
};

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& item : items) {
        if (item.find(',') != std::string::npos)
            throw Error("train_sentencepiece: symbol '" + item + "' contains a comma");
        out += (out.empty() ? "" : ",") + item;
    }
    return out;
}

}  // namespace

std::string train_sentencepiece(const std::vector<std::string>& corpus, const SentencepieceTrainOptions& options) {
    if (options.model_type != "bpe" && options.model_type != "unigram") {
        throw Error("train_sentencepiece: unknown model_type '" + options.model_type + "' (bpe or unigram)");
    }
    LineIterator lines(corpus);
    if (lines.size() == 0) throw Error("train_sentencepiece: the corpus has no non-empty line");

    std::vector<std::string> user_symbols{janus_tokens::kUser, janus_tokens::kAssistant};
    user_symbols.insert(user_symbols.end(), options.extra_user_symbols.begin(), options.extra_user_symbols.end());
    const std::unordered_map<std::string, std::string> args{
        {"model_type", options.model_type},
        {"vocab_size", std::to_string(options.vocab_size)},
        {"character_coverage", "1.0"},
        {"byte_fallback", options.byte_fallback ? "true" : "false"},
        {"split_digits", options.split_digits ? "true" : "false"},
        {"normalization_rule_name", "identity"},
        {"add_dummy_prefix", "false"},
        {"remove_extra_whitespaces", "false"},
        {"allow_whitespace_only_pieces", "true"},
        {"unk_id", "3"},
        {"bos_id", "0"},
        {"eos_id", "1"},
        {"pad_id", "2"},
        {"unk_piece", "<unk>"},
        {"bos_piece", janus_tokens::kBos},
        {"eos_piece", janus_tokens::kEos},
        {"pad_piece", janus_tokens::kPad},
        {"control_symbols",
         join({janus_tokens::kBeginOfImage, janus_tokens::kEndOfImage, janus_tokens::kImagePlaceholder})},
        {"user_defined_symbols", join(user_symbols)},
        {"hard_vocab_limit", "false"},
        {"num_threads", "1"},
        {"input_sentence_size", "0"},
        {"shuffle_input_sentence", "false"},
        {"minloglevel", "2"},
    };
    sentencepiece::SetRandomGeneratorSeed(20260131u);
    std::string model;
    const auto status = sentencepiece::SentencePieceTrainer::Train(args, &lines, &model);
    if (!status.ok()) throw Error("train_sentencepiece: " + status.ToString());
    return model;
}

}  // namespace milr
