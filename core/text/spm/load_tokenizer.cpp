// Tokenizer factory for model folders.
#include "core/text/spm/load_tokenizer.h"

#include <filesystem>

#include "core/text/bpe_tokenizer.h"
#include "core/text/spm/sentencepiece_tokenizer.h"
#include "core/util/error.h"

namespace milr {

std::unique_ptr<Tokenizer> load_tokenizer(const std::string& folder) {
    const std::filesystem::path dir(folder);
    if (std::filesystem::exists(dir / "tokenizer.json")) return BpeTokenizer::load_folder(folder);
    if (std::filesystem::exists(dir / "tokenizer.model")) {
        return SentencepieceTokenizer::load((dir / "tokenizer.model").string());
    }
    throw Error(folder + ": no tokenizer.json or tokenizer.model in this folder");
}

}  // namespace milr
