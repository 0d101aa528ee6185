// Chat template strings, MILR think / image prompts and the unconditional CFG row.
#include <gtest/gtest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "core/text/bpe_tokenizer.h"
#include "core/text/chat_template.h"
#include "core/util/error.h"

namespace {

const milr::BpeTokenizer& tokenizer() {
    static const auto instance = milr::BpeTokenizer::load_folder(std::string(MILR_TEST_DATA) + "/text/deepseek-style");
    return *instance;
}

using milr::ChatRole;
using milr::ChatTemplate;

TEST(ChatTemplate, JanusProTextToImagePromptIsExactlyTheReferenceString) {
    EXPECT_EQ(milr::image_prompt_text("  a red cube \n", ChatTemplate::janus_pro()),
              "<|User|>: a red cube\n\n<|Assistant|>:");
}

TEST(ChatTemplate, PlainRolesAndSystemPrompt) {
    ChatTemplate chat = ChatTemplate::plain_roles();
    chat.system_prompt = "Be brief.";
    EXPECT_EQ(milr::single_turn_prompt(chat, "hi"), "Be brief.\n\nUser: hi\n\nAssistant:");
}

TEST(ChatTemplate, MultiTurnEndsAssistantTurnsWithEos) {
    const std::string text = milr::format_conversation(
        ChatTemplate::janus_pro(),
        {{ChatRole::User, "q1"}, {ChatRole::Assistant, " a1 "}, {ChatRole::User, "q2"}, {ChatRole::Assistant, ""}});
    EXPECT_EQ(text, "<|User|>: q1\n\n<|Assistant|>: a1<｜end▁of▁sentence｜><|User|>: q2\n\n<|Assistant|>:");
}

TEST(ChatTemplate, WholePromptIsStrippedLikePython) {
    // A closed final assistant turn ends in sep2; nothing is stripped from an EOS string, but a trailing
    // separator made of whitespace is.
    ChatTemplate chat = ChatTemplate::janus_pro();
    chat.sep2 = "\n";
    EXPECT_EQ(milr::format_conversation(chat, {{ChatRole::User, "q"}, {ChatRole::Assistant, "a"}}),
              "<|User|>: q\n\n<|Assistant|>: a");
    // Unicode whitespace (ideographic space, no-break space) counts as whitespace, as in str.strip().
    EXPECT_EQ(milr::image_prompt_text("\u3000a cube\u00a0", ChatTemplate::plain_roles()), "User: a cube\n\nAssistant:");
}

TEST(ChatTemplate, ThinkPromptHasSystemPromptInstructionAndPlainRoles) {
    const std::string text = milr::think_prompt_text("two blue spheres");
    const std::string expected =
        milr::think_system_prompt() + "\n\nUser: " + milr::think_instruction("two blue spheres") + "\n\nAssistant:";
    EXPECT_EQ(text, expected);
    EXPECT_NE(milr::think_instruction("two blue spheres").find("\"two blue spheres\""), std::string::npos);
    for (const char* word : {"colour", "number", "shape", "texture", "relations", "50 words", "no explanation"}) {
        EXPECT_NE(milr::think_instruction("x").find(word), std::string::npos) << word;
    }
    const auto ids = milr::think_prompt_ids(tokenizer(), "two blue spheres");
    EXPECT_EQ(ids.front(), *tokenizer().bos_id());
    EXPECT_EQ(tokenizer().decode(ids, true), expected);
}

TEST(ChatTemplate, ImagePromptIdsEndInBeginOfImage) {
    const auto special = milr::JanusSpecialTokens::resolve(tokenizer());
    const auto ids = milr::image_prompt_ids(tokenizer(), "a red cube", ChatTemplate::janus_pro());
    EXPECT_EQ(ids.front(), special.bos);
    EXPECT_EQ(ids.back(), special.begin_of_image);
    // Appending the id equals tokenizing the tag as text, as the reference does.
    EXPECT_EQ(ids, tokenizer().encode("<|User|>: a red cube\n\n<|Assistant|>:<begin_of_image>", true));
    // The role strings are atomic added tokens.
    EXPECT_EQ(ids[1], tokenizer().require_token_id("<|User|>"));
}

TEST(ChatTemplate, UnconditionalRowKeepsBosAndBeginOfImageAndPadsTheRest) {
    const auto special = milr::JanusSpecialTokens::resolve(tokenizer());
    const auto cond = milr::image_prompt_ids(tokenizer(), "a photo of two red cubes", ChatTemplate::plain_roles());
    const auto uncond = milr::unconditional_row(cond, special);
    ASSERT_EQ(uncond.size(), cond.size());
    EXPECT_EQ(uncond.front(), special.bos);
    EXPECT_EQ(uncond.back(), special.begin_of_image);
    for (size_t i = 1; i + 1 < uncond.size(); ++i) EXPECT_EQ(uncond[i], special.pad) << i;
    EXPECT_THROW(milr::unconditional_row({special.bos}, special), milr::Error);
    EXPECT_THROW(milr::unconditional_row({special.bos, 5, 6}, special), milr::Error);
}

TEST(ChatTemplate, MissingJanusTokensAreNamedInOneError) {
    nlohmann::json json =
        nlohmann::json::parse(std::ifstream(std::string(MILR_TEST_DATA) + "/text/deepseek-style/tokenizer.json"));
    nlohmann::json kept = nlohmann::json::array();
    for (const auto& token : json["added_tokens"]) {
        const std::string content = token["content"].get<std::string>();
        if (content != "<begin_of_image>" && content != "<｜▁pad▁｜>") kept.push_back(token);
    }
    json["added_tokens"] = kept;
    const auto tok = milr::BpeTokenizer::from_json(json, nullptr, "reduced tokenizer.json");
    try {
        milr::JanusSpecialTokens::resolve(*tok);
        ADD_FAILURE() << "no error";
    } catch (const milr::Error& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("<begin_of_image>"), std::string::npos) << message;
        EXPECT_NE(message.find("<｜▁pad▁｜>"), std::string::npos) << message;
        EXPECT_NE(message.find("reduced tokenizer.json"), std::string::npos) << message;
        EXPECT_EQ(message.find("<end_of_image>"), std::string::npos) << message;
    }
}

}  // namespace
