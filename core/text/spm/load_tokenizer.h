// Picks the tokenizer of a model folder: tokenizer.json (byte-level BPE) or tokenizer.model (sentencepiece).
#pragma once
#include <memory>
#include <string>

#include "core/text/tokenizer.h"

namespace milr {

// tokenizer.json wins when both files are there (as in Hugging Face's fast tokenizers); neither is an error
// naming the folder. Engine-only builds (no sentencepiece) use BpeTokenizer::load_folder directly.
std::unique_ptr<Tokenizer> load_tokenizer(const std::string& folder);

}  // namespace milr
