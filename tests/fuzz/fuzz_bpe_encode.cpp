// Fuzz target: the byte-level BPE encoder on any text, with the DeepSeek-style tokenizer of the tests.
#include "core/text/bpe_tokenizer.h"
#include "core/text/utf8.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace milr::fuzz;
    static const auto tokenizer = milr::BpeTokenizer::load_folder(test_data("text/deepseek-style"));
    const std::string text = as_string(data, size);
    expect_clean([&] {
        const std::vector<int64_t> ids = tokenizer->encode(text, false);  // invalid UTF-8 is a milr::Error
        for (const int64_t id : ids)
            require(id >= 0 && id < tokenizer->vocab_size(), "token ids lie in the vocabulary");
        require(tokenizer->decode(ids, false) == text, "decoding the encoded text gives the text back");
        for (const int64_t id : ids)
            require(milr::is_valid_utf8(tokenizer->decode({id}, false)), "a token decodes to valid UTF-8");
    });
    return 0;
}
