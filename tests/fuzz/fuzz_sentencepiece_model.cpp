// Fuzz target: a sentencepiece tokenizer.model (serialized protobuf), loaded and used.
#include "core/text/spm/sentencepiece_tokenizer.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace milr::fuzz;
    expect_clean([&] {
        const auto tokenizer = milr::SentencepieceTokenizer::from_bytes(as_string(data, size), "tokenizer.model");
        for (const char* text :
             {"a photo of two red circles left of a blue square", "<|User|>: 3 Ünïcödé 🦜\n", ""}) {
            const std::vector<int64_t> ids = tokenizer->encode(text, true);
            for (const int64_t id : ids)
                require(id >= 0 && id < tokenizer->vocab_size(), "token ids lie in the vocabulary");
            tokenizer->decode(ids, false);
        }
    });
    return 0;
}
