// sentencepiece tokenizer: in-process training, determinism, round trips, special pieces, the folder factory.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "core/text/bpe_tokenizer.h"
#include "core/text/chat_template.h"
#include "core/text/spm/load_tokenizer.h"
#include "core/text/spm/sentencepiece_tokenizer.h"
#include "core/text/spm/sentencepiece_trainer.h"
#include "core/util/error.h"

namespace {

std::vector<std::string> corpus() {
    const std::vector<std::string> colours{"red", "green", "blue", "yellow", "purple", "orange", "black", "white"};
    const std::vector<std::string> shapes{"cube", "sphere", "cylinder", "cone", "triangle", "star"};
    const std::vector<std::string> counts{"one", "two", "three", "four"};
    const std::vector<std::string> relations{"to the left of", "to the right of", "above", "below"};
    std::vector<std::string> lines;
    for (size_t i = 0; i < 400; ++i) {
        const std::string a = colours[i % colours.size()] + " " + shapes[(i / 3) % shapes.size()];
        const std::string b = colours[(i / 7) % colours.size()] + " " + shapes[(i / 2) % shapes.size()];
        lines.push_back("a photo of " + counts[i % counts.size()] + " " + a + "s " + relations[i % relations.size()] +
                        " a " + b + ".");
        lines.push_back("<|User|>: draw a " + a + "\n\n<|Assistant|>: The image shows a " + a + " in the middle.");
    }
    return lines;
}

milr::SentencepieceTrainOptions small_options() {
    milr::SentencepieceTrainOptions options;
    options.vocab_size = 400;
    return options;
}

const std::string& trained_model() {
    static const std::string bytes = milr::train_sentencepiece(corpus(), small_options());
    return bytes;
}

const milr::SentencepieceTokenizer& tokenizer() {
    static const auto instance = milr::SentencepieceTokenizer::from_bytes(trained_model(), "trained test model");
    return *instance;
}

std::filesystem::path fresh_dir(const std::string& name) {
    const auto dir = std::filesystem::temp_directory_path() / ("milr_text_spm_" + name);
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

TEST(SentencepieceTokenizer, TrainingIsReproducibleByteForByte) {
    EXPECT_EQ(milr::train_sentencepiece(corpus(), small_options()), trained_model());
    // A different corpus gives a different model (the check above is not vacuous).
    auto other = corpus();
    other.push_back("a completely different sentence about zebras and xylophones");
    EXPECT_NE(milr::train_sentencepiece(other, small_options()), trained_model());
    // The unigram trainer (EM over piece probabilities) is reproducible too.
    auto unigram = small_options();
    unigram.model_type = "unigram";
    const std::string first = milr::train_sentencepiece(corpus(), unigram);
    EXPECT_EQ(milr::train_sentencepiece(corpus(), unigram), first);
    const auto tok = milr::SentencepieceTokenizer::from_bytes(first, "unigram test model");
    EXPECT_EQ(tok->decode(tok->encode("three purple stars below a cone", true), true),
              "three purple stars below a cone");
}

TEST(SentencepieceTokenizer, DecodeOfEncodeGivesTheTextBack) {
    const std::vector<std::string> texts{"a photo of two red cubes to the left of a blue sphere.",
                                         "  leading and trailing spaces  ",
                                         "tabs\tand\nnewlines\n\n",
                                         "digits 1234567890",
                                         "unseen words: zebra xylophone quixotic",
                                         "你好，世界",
                                         "emoji 😀👍🏽 and ümlauts",
                                         ""};
    for (const auto& text : texts) {
        EXPECT_EQ(tokenizer().decode(tokenizer().encode(text, false), false), text) << text;
        EXPECT_EQ(tokenizer().decode(tokenizer().encode(text, true), true), text) << text;
    }
    // Digits are one piece each.
    const auto digits = tokenizer().encode("2024", false);
    EXPECT_EQ(digits.size(), 4u);
    // Known words become few pieces.
    EXPECT_LE(tokenizer().encode("sphere", false).size(), 2u);
}

TEST(SentencepieceTokenizer, JanusSpecialPiecesAreLookedUpByStringAndMatchedAtomically) {
    const auto& tok = tokenizer();
    const auto special = milr::JanusSpecialTokens::resolve(tok);
    EXPECT_EQ(tok.bos_id(), special.bos);
    EXPECT_EQ(tok.eos_id(), special.eos);
    EXPECT_TRUE(tok.is_special(special.pad));
    EXPECT_TRUE(tok.is_special(special.begin_of_image));
    const int64_t user = tok.require_token_id("<|User|>");
    EXPECT_FALSE(tok.is_special(user));
    const auto ids = tok.encode("<|User|>: a cube<begin_of_image><｜end▁of▁sentence｜>", true);
    EXPECT_EQ(ids[0], special.bos);
    EXPECT_EQ(ids[1], user);
    EXPECT_EQ(ids[ids.size() - 2], special.begin_of_image);
    EXPECT_EQ(ids.back(), special.eos);
    EXPECT_EQ(tok.decode(ids, false), "<｜begin▁of▁sentence｜><|User|>: a cube<begin_of_image><｜end▁of▁sentence｜>");
    EXPECT_EQ(tok.decode(ids, true), "<|User|>: a cube");
    EXPECT_FALSE(tok.token_id("<not a piece>"));
}

TEST(SentencepieceTokenizer, TokenTextsConcatenateToTheDecodedText) {
    const auto ids = tokenizer().encode("two green cones above a star 😀 x", false);
    std::string joined;
    for (int64_t id : ids) joined += tokenizer().token_text(id);
    EXPECT_EQ(joined, tokenizer().decode(ids, false));
    std::string shown;
    for (const auto& piece : milr::display_pieces(tokenizer(), ids, false)) shown += piece;
    EXPECT_EQ(shown, "two green cones above a star 😀 x");
}

TEST(SentencepieceTokenizer, ImagePromptAndUnconditionalRow) {
    const auto special = milr::JanusSpecialTokens::resolve(tokenizer());
    const auto cond = milr::image_prompt_ids(tokenizer(), "a red cube", milr::ChatTemplate::janus_pro());
    EXPECT_EQ(tokenizer().decode(cond, false),
              "<｜begin▁of▁sentence｜><|User|>: a red cube\n\n<|Assistant|>:<begin_of_image>");
    const auto uncond = milr::unconditional_row(cond, special);
    ASSERT_EQ(uncond.size(), cond.size());
    EXPECT_EQ(uncond.front(), special.bos);
    EXPECT_EQ(uncond.back(), special.begin_of_image);
    EXPECT_EQ(std::count(uncond.begin(), uncond.end(), special.pad), static_cast<long>(cond.size() - 2));
}

TEST(SentencepieceTokenizer, BadInputIsAnError) {
    EXPECT_THROW(tokenizer().decode({tokenizer().vocab_size()}, false), milr::Error);
    EXPECT_THROW(tokenizer().token_text(-3), milr::Error);
    EXPECT_THROW(tokenizer().encode(std::string("\xC3", 1), false), milr::Error);
    EXPECT_THROW(milr::train_sentencepiece({"", "\n"}, small_options()), milr::Error);
    auto bad_type = small_options();
    bad_type.model_type = "word-piece";
    EXPECT_THROW(milr::train_sentencepiece(corpus(), bad_type), milr::Error);
    const auto dir = fresh_dir("garbage");
    std::ofstream(dir / "tokenizer.model") << "not a model";
    try {
        milr::load_tokenizer(dir.string());
        ADD_FAILURE() << "no error";
    } catch (const milr::Error& e) {
        EXPECT_NE(std::string(e.what()).find((dir / "tokenizer.model").string()), std::string::npos) << e.what();
    }
}

// Found by fuzzing: a unigram model with an empty piece made sentencepiece's trie builder throw its own
// exception type, which escaped as an unexplained crash instead of an error naming the file.
TEST(SentencepieceTokenizer, ModelThatSentencepieceThrowsOnIsAnErrorNamingTheFile) {
    const std::string path = std::string(MILR_TEST_DATA) + "/text/sentencepiece/unigram-empty-piece.model";
    try {
        milr::SentencepieceTokenizer::load(path);
        ADD_FAILURE() << "no error";
    } catch (const milr::Error& e) {
        EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("zero-length key"), std::string::npos) << e.what();
    }
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_THROW(milr::SentencepieceTokenizer::from_bytes(bytes, "fuzzed model"), milr::Error);
}

TEST(LoadTokenizer, PicksTheFormatOfTheFolder) {
    const auto spm_dir = fresh_dir("model");
    std::ofstream(spm_dir / "tokenizer.model", std::ios::binary) << trained_model();
    const auto from_file = milr::load_tokenizer(spm_dir.string());
    EXPECT_NE(from_file->description().find("sentencepiece"), std::string::npos);
    EXPECT_EQ(from_file->encode("a blue cone", true), tokenizer().encode("a blue cone", true));

    const auto bpe = milr::load_tokenizer(std::string(MILR_TEST_DATA) + "/text/deepseek-style");
    EXPECT_NE(bpe->description().find("byte-level BPE"), std::string::npos);
    EXPECT_TRUE(bpe->token_id("<begin_of_image>"));

    const auto empty = fresh_dir("empty");
    try {
        milr::load_tokenizer(empty.string());
        ADD_FAILURE() << "no error";
    } catch (const milr::Error& e) {
        EXPECT_NE(std::string(e.what()).find(empty.string()), std::string::npos);
    }
}

}  // namespace
