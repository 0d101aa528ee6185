// In-process sentencepiece training for the embedded model's tokenizer, with the Janus special strings.
#pragma once
#include <string>
#include <vector>

namespace milr {

struct SentencepieceTrainOptions {
    int vocab_size = 2000;
    std::string model_type = "bpe";  // "bpe" or "unigram"
    // Extra user-defined pieces (matched atomically in text) beyond <|User|> and <|Assistant|>.
    std::vector<std::string> extra_user_symbols;
    // Defaults chosen so that decode(encode(s)) == s for any UTF-8 text: identity normalisation, no dummy
    // prefix, whitespace kept as it is, bytes for characters outside the vocabulary, one piece per digit.
    bool byte_fallback = true;
    bool split_digits = true;
};

// Trains on `corpus` (one entry per sentence; entries containing newlines are split into lines, empty lines
// dropped) and returns the serialized model (the bytes of a .model file). The pieces are fixed:
//   BOS = <｜begin▁of▁sentence｜>, EOS = <｜end▁of▁sentence｜>, pad = <｜▁pad▁｜>, unk = <unk> (ids 0..3),
//   control: <begin_of_image>, <end_of_image>, <image_placeholder>; user-defined: <|User|>, <|Assistant|>.
// Reproducible: the same corpus (same order), options and sentencepiece build give the same bytes. The result
// depends on the order of the corpus; training uses one thread, reads every sentence (no sampling or
// shuffling) and seeds sentencepiece's random generator with a fixed value. Errors are milr::Error.
std::string train_sentencepiece(const std::vector<std::string>& corpus, const SentencepieceTrainOptions& options);

}  // namespace milr
