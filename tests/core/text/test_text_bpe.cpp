// Byte-level BPE tokenizer: agreement with the JavaScript reference, round trips, special tokens, BOS, errors.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/text/bpe_tokenizer.h"
#include "core/text/utf8.h"
#include "core/util/error.h"

namespace {

const std::string kFolder = std::string(MILR_TEST_DATA) + "/text/deepseek-style";

nlohmann::json read_json(const std::string& path) {
    std::ifstream in(path);
    return nlohmann::json::parse(in);
}

const milr::BpeTokenizer& tokenizer() {
    static const auto instance = milr::BpeTokenizer::load_folder(kFolder);
    return *instance;
}

struct ReferenceCase {
    std::string text;
    std::vector<int64_t> ids;
};

const std::vector<ReferenceCase>& reference_cases() {
    static const std::vector<ReferenceCase> cases = [] {
        std::vector<ReferenceCase> out;
        for (const auto& entry : read_json(std::string(MILR_TEST_DATA) + "/text/bpe_reference_cases.json")) {
            out.push_back({entry["text"].get<std::string>(), entry["ids"].get<std::vector<int64_t>>()});
        }
        return out;
    }();
    return cases;
}

std::string write_temp_json(const std::string& name, const nlohmann::json& value) {
    const auto path = std::filesystem::temp_directory_path() / ("milr_text_" + name + ".json");
    std::ofstream(path) << value.dump();
    return path.string();
}

TEST(BpeTokenizer, AgreesWithJavaScriptReferenceOnEveryCase) {
    const auto& cases = reference_cases();
    ASSERT_GE(cases.size(), 1000u);
    size_t mismatches = 0;
    for (const auto& c : cases) {
        const auto ids = tokenizer().encode(c.text, true);
        if (ids != c.ids) {
            if (++mismatches <= 5) ADD_FAILURE() << "mismatch for " << nlohmann::json(c.text).dump();
        }
    }
    EXPECT_EQ(mismatches, 0u) << "of " << cases.size() << " reference strings";
}

TEST(BpeTokenizer, DecodeOfEncodeGivesTheTextBack) {
    for (const auto& c : reference_cases()) {
        EXPECT_EQ(tokenizer().decode(tokenizer().encode(c.text, false), false), c.text);
    }
}

TEST(BpeTokenizer, ConcatenatedTokenTextsEqualTheDecodedText) {
    for (const auto& c : reference_cases()) {
        std::string joined;
        for (int64_t id : c.ids) joined += tokenizer().token_text(id);
        EXPECT_EQ(joined, tokenizer().decode(c.ids, false));
        const auto pieces = milr::display_pieces(tokenizer(), c.ids, false);
        std::string shown;
        for (const auto& piece : pieces) {
            EXPECT_TRUE(milr::is_valid_utf8(piece));
            shown += piece;
        }
        EXPECT_EQ(shown, tokenizer().decode(c.ids, false));
    }
}

TEST(BpeTokenizer, SpecialTokensAreAtomicInsideText) {
    const auto& tok = tokenizer();
    const int64_t boi = tok.require_token_id("<begin_of_image>");
    const int64_t eos = tok.require_token_id("<｜end▁of▁sentence｜>");
    const auto ids = tok.encode("a red cube<begin_of_image>x<｜end▁of▁sentence｜>", false);
    EXPECT_EQ(std::count(ids.begin(), ids.end(), boi), 1);
    EXPECT_EQ(std::count(ids.begin(), ids.end(), eos), 1);
    // The pieces around the special tokens are encoded on their own.
    auto expected = tok.encode("a red cube", false);
    expected.push_back(boi);
    for (int64_t id : tok.encode("x", false)) expected.push_back(id);
    expected.push_back(eos);
    EXPECT_EQ(ids, expected);
    // An incomplete special string is plain text.
    const auto partial = tok.encode("<begin_of_imag", false);
    EXPECT_EQ(std::count(partial.begin(), partial.end(), boi), 0);
    EXPECT_EQ(tok.decode(partial, false), "<begin_of_imag");
}

TEST(BpeTokenizer, DecodeCanSkipSpecialTokens) {
    const auto& tok = tokenizer();
    const auto ids = tok.encode("<|User|>: hi<begin_of_image><｜end▁of▁sentence｜>", true);
    EXPECT_EQ(tok.decode(ids, false), "<｜begin▁of▁sentence｜><|User|>: hi<begin_of_image><｜end▁of▁sentence｜>");
    // <|User|> is an added token but not special: it stays.
    EXPECT_EQ(tok.decode(ids, true), "<|User|>: hi");
    EXPECT_TRUE(tok.is_special(*tok.bos_id()));
    EXPECT_FALSE(tok.is_special(tok.require_token_id("<|User|>")));
}

TEST(BpeTokenizer, BosComesFromTokenizerConfig) {
    const auto& tok = tokenizer();
    ASSERT_TRUE(tok.bos_id());
    EXPECT_EQ(*tok.bos_id(), tok.require_token_id("<｜begin▁of▁sentence｜>"));
    EXPECT_EQ(*tok.eos_id(), tok.require_token_id("<｜end▁of▁sentence｜>"));
    EXPECT_TRUE(tok.adds_bos_by_default());
    const auto with = tok.encode("Hello world", true);
    const auto without = tok.encode("Hello world", false);
    ASSERT_EQ(with.size(), without.size() + 1);
    EXPECT_EQ(with.front(), *tok.bos_id());
    EXPECT_TRUE(std::equal(without.begin(), without.end(), with.begin() + 1));
    EXPECT_EQ(tok.encode("", true), std::vector<int64_t>{*tok.bos_id()});
}

TEST(BpeTokenizer, WithoutConfigBosComesFromThePostProcessor) {
    const auto tok = milr::BpeTokenizer::load(kFolder + "/tokenizer.json");
    ASSERT_TRUE(tok->bos_id());
    EXPECT_EQ(*tok->bos_id(), tokenizer().bos_id());
    EXPECT_FALSE(tok->eos_id());
}

TEST(BpeTokenizer, JanusSpecialTokensResolveByString) {
    const auto special = milr::JanusSpecialTokens::resolve(tokenizer());
    EXPECT_EQ(special.bos, *tokenizer().bos_id());
    EXPECT_EQ(special.pad, tokenizer().require_token_id("<｜▁pad▁｜>"));
    EXPECT_EQ(special.image_placeholder, tokenizer().require_token_id("<image_placeholder>"));
    EXPECT_EQ(tokenizer().decode({special.end_of_image}, false), "<end_of_image>");
    EXPECT_FALSE(tokenizer().token_id("<not_a_token>"));
}

TEST(BpeTokenizer, DigitsAreOneTokenEachAndSpacesAttachToWords) {
    const auto& tok = tokenizer();
    const auto ids = tok.encode("3333", false);
    ASSERT_EQ(ids.size(), 4u);
    for (int64_t id : ids) EXPECT_EQ(tok.token_text(id), "3");
    const auto spaced = tok.encode(" Hello", false);
    ASSERT_FALSE(spaced.empty());
    EXPECT_EQ(tok.token_text(spaced.front()).front(), ' ');
}

TEST(BpeTokenizer, ArrayMergesGiveTheSameIdsAsStringMerges) {
    nlohmann::json json = read_json(kFolder + "/tokenizer.json");
    nlohmann::json arrays = nlohmann::json::array();
    for (const auto& merge : json["model"]["merges"]) {
        const std::string line = merge.get<std::string>();
        const size_t space = line.find(' ');
        arrays.push_back({line.substr(0, space), line.substr(space + 1)});
    }
    json["model"]["merges"] = arrays;
    const auto config = read_json(kFolder + "/tokenizer_config.json");
    const auto tok = milr::BpeTokenizer::from_json(json, &config, "array-merges tokenizer.json");
    for (size_t i = 0; i < reference_cases().size(); i += 7) {
        const auto& c = reference_cases()[i];
        EXPECT_EQ(tok->encode(c.text, true), c.ids);
    }
}

TEST(BpeTokenizer, BadInputIsAnErrorNotACrash) {
    const auto& tok = tokenizer();
    EXPECT_THROW(tok.encode(std::string("abc\xFF", 4), false), milr::Error);
    EXPECT_THROW(tok.decode({tok.vocab_size() + 5}, false), milr::Error);
    EXPECT_THROW(tok.decode({-1}, true), milr::Error);
    EXPECT_THROW(tok.token_text(tok.vocab_size()), milr::Error);
    // A token that ends inside a multi-byte character decodes to U+FFFD, never to invalid UTF-8.
    const auto emoji = tok.encode("🦜", false);  // not in the training corpus: several byte tokens
    ASSERT_GT(emoji.size(), 1u);
    EXPECT_TRUE(milr::is_valid_utf8(tok.decode({emoji.front()}, false)));
}

std::string error_of(const nlohmann::json& json) {
    const std::string path = write_temp_json("broken", json);
    try {
        milr::BpeTokenizer::load(path);
    } catch (const milr::Error& e) {
        return e.what();
    }
    return "";
}

TEST(BpeTokenizer, BrokenTokenizerJsonIsAnErrorNamingTheFileAndTheProblem) {
    const nlohmann::json good = read_json(kFolder + "/tokenizer.json");
    const std::string path = write_temp_json("broken", good);

    nlohmann::json no_model = good;
    no_model.erase("model");
    std::string message = error_of(no_model);
    EXPECT_NE(message.find(path), std::string::npos) << message;
    EXPECT_NE(message.find("\"model\" is missing"), std::string::npos) << message;

    nlohmann::json unknown_pre = good;
    unknown_pre["pre_tokenizer"]["pretokenizers"][1] = {{"type", "Metaspace"}, {"replacement", "▁"}};
    message = error_of(unknown_pre);
    EXPECT_NE(message.find(path), std::string::npos) << message;
    EXPECT_NE(message.find("Metaspace"), std::string::npos) << message;

    nlohmann::json unknown_model = good;
    unknown_model["model"]["type"] = "WordPiece";
    EXPECT_NE(error_of(unknown_model).find("WordPiece"), std::string::npos);

    // Found by fuzzing: a member of the wrong JSON type escaped as an nlohmann exception.
    nlohmann::json number_normalizer = good;
    number_normalizer["normalizer"] = 7;
    message = error_of(number_normalizer);
    EXPECT_NE(message.find(path), std::string::npos) << message;
    EXPECT_NE(message.find("unexpected type"), std::string::npos) << message;

    nlohmann::json bad_regex = good;
    bad_regex["pre_tokenizer"]["pretokenizers"][0]["pattern"]["Regex"] = "[unclosed";
    EXPECT_NE(error_of(bad_regex).find("[unclosed"), std::string::npos);

    nlohmann::json bad_merge = good;
    bad_merge["model"]["merges"][0] = "notatoken alsonot";
    EXPECT_NE(error_of(bad_merge).find("merges[0]"), std::string::npos);

    nlohmann::json no_bytes = good;
    no_bytes["model"]["vocab"].erase("Ġ");
    no_bytes["model"]["merges"] = nlohmann::json::array();
    EXPECT_NE(error_of(no_bytes).find("byte-level character"), std::string::npos);

    EXPECT_THROW(milr::BpeTokenizer::load_folder("/nonexistent/folder"), milr::Error);
    const std::string not_json = write_temp_json("notjson", nlohmann::json("x"));
    std::ofstream(not_json) << "{ this is not json";
    try {
        milr::BpeTokenizer::load(not_json);
        ADD_FAILURE() << "no error for invalid JSON";
    } catch (const milr::Error& e) {
        EXPECT_NE(std::string(e.what()).find(not_json), std::string::npos);
    }
}

TEST(BpeTokenizer, Gpt2StyleByteLevelWithRegexSplitsContractionsAndWords) {
    // ByteLevel with use_regex (GPT-2 pattern) and no Split steps: " don't" -> " don", "'t".
    nlohmann::json json = read_json(kFolder + "/tokenizer.json");
    json["pre_tokenizer"] = {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"use_regex", true}};
    const auto tok = milr::BpeTokenizer::from_json(json, nullptr, "gpt2-style tokenizer.json");
    const std::string text = "I don't  know 123!";
    EXPECT_EQ(tok->decode(tok->encode(text, false), false), text);
    const auto pieces = milr::display_pieces(*tok, tok->encode("don't", false), false);
    std::string joined;
    bool split_at_apostrophe = false;
    for (const auto& p : pieces) {
        if (!p.empty() && p[0] == '\'') split_at_apostrophe = true;
        joined += p;
    }
    EXPECT_EQ(joined, "don't");
    EXPECT_TRUE(split_at_apostrophe);
}

}  // namespace

namespace {

TEST(PreTokenizer, Llama3PatternSplitsAsTheJavaScriptReference) {
    // LLaMA-3's split regex (case-insensitive group, \p{N}{1,3}, lookahead); the expected words were produced
    // once by @huggingface/tokenizers 0.2.0 with the same pre_tokenizer object.
    const nlohmann::json config = {
        {"type", "Sequence"},
        {"pretokenizers",
         {{{"type", "Split"},
           {"pattern",
            {{"Regex",
              "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+"
              "[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"}}},
           {"behavior", "Isolated"},
           {"invert", false}},
          {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"trim_offsets", true}, {"use_regex", false}}}}};
    const auto pre = milr::PreTokenizer::from_json(config, "llama3 pre_tokenizer");
    using Words = std::vector<std::string>;
    EXPECT_EQ(pre.split("Hello world's 1234567 THE'S"),
              (Words{"Hello", "Ġworld", "'s", "Ġ", "123", "456", "7", "ĠTHE", "'S"}));
    EXPECT_EQ(pre.split("  two   spaces\n\nnew line  "),
              (Words{"Ġ", "Ġtwo", "ĠĠ", "Ġspaces", "ĊĊ", "new", "Ġline", "ĠĠ"}));
    EXPECT_EQ(pre.split("emoji😀x"), (Words{"emoji", "ðŁĺĢx"}));
    EXPECT_EQ(pre.split("I'M fine.\r\n\tok"), (Words{"I", "'M", "Ġfine", ".čĊ", "ĉok"}));
}

TEST(PreTokenizer, SplitBehaviorsFollowTheRustCrate) {
    const auto split_with = [](const char* behavior, bool invert) {
        const nlohmann::json config = {
            {"type", "Sequence"},
            {"pretokenizers",
             {{{"type", "Split"}, {"pattern", {{"String", "-"}}}, {"behavior", behavior}, {"invert", invert}},
              {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"use_regex", false}}}}};
        return milr::PreTokenizer::from_json(config, "split test").split("a-b--c");
    };
    using Words = std::vector<std::string>;
    EXPECT_EQ(split_with("Removed", false), (Words{"a", "b", "c"}));
    EXPECT_EQ(split_with("Isolated", false), (Words{"a", "-", "b", "-", "-", "c"}));
    EXPECT_EQ(split_with("MergedWithPrevious", false), (Words{"a-", "b-", "-", "c"}));
    EXPECT_EQ(split_with("MergedWithNext", false), (Words{"a", "-b", "-", "-c"}));
    EXPECT_EQ(split_with("Contiguous", false), (Words{"a", "-", "b", "--", "c"}));
    EXPECT_EQ(split_with("Removed", true), (Words{"-", "-", "-"}));
}

}  // namespace
