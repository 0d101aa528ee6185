// Fuzz target: tokenizer.json (model, merges, pre-tokenizer, added tokens, post-processor), loaded and used.
#include "core/io/json_file.h"
#include "core/text/bpe_tokenizer.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace milr::fuzz;
    expect_clean([&] {
        const nlohmann::json json = milr::parse_json_strict(as_string(data, size), "tokenizer.json");
        const auto tokenizer = milr::BpeTokenizer::from_json(json, nullptr, "tokenizer.json");
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
