// Prompt parser: the world's phrasing and reasonable variants become GenEval metadata; anything else is reported
// with the words it did not understand.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/world/held_out.h"
#include "core/world/prompt_parser.h"
#include "core/world/prompts.h"

using namespace milr::world;

namespace {

Metadata parsed(const std::string& prompt) {
    const PromptParse p = parse_prompt(prompt);
    EXPECT_TRUE(p.ok()) << prompt << ": " << p.message;
    return p.metadata.value_or(Metadata{});
}

}  // namespace

TEST(PromptParser, EveryGeneratedPromptParsesBackToItsMetadata) {
    int n = 0;
    for (const std::string& tag : geneval_tags())
        for (const Metadata& m : all_prompts(tag)) {
            EXPECT_EQ(parsed(m.prompt), m) << m.prompt;
            ++n;
        }
    EXPECT_EQ(n, 460);
}

TEST(PromptParser, PositionWithColoursAndVariants) {
    const Metadata m = parsed("a photo of two red circles left of a blue square");
    EXPECT_EQ(m.tag, "position");
    ASSERT_EQ(m.include.size(), 2u);
    EXPECT_EQ(m.include[0].object_class, "square");
    EXPECT_EQ(m.include[0].colour, "blue");
    EXPECT_EQ(m.include[1].object_class, "circle");
    EXPECT_EQ(m.include[1].count, 2);
    EXPECT_EQ(m.include[1].colour, "red");
    EXPECT_EQ(m.include[1].position->relation, "left of");
    EXPECT_EQ(m.include[1].position->target, 0);
    ASSERT_EQ(m.exclude.size(), 1u);
    EXPECT_EQ(m.exclude[0].object_class, "circle");
    EXPECT_EQ(m.exclude[0].count, 3);
    EXPECT_EQ(m.prompt, "a photo of two red circles left of a blue square");

    const Metadata variant = parsed("Two red circles to the left of a blue square.");
    EXPECT_EQ(variant.include, m.include);
    EXPECT_EQ(parsed("a cross on top of a triangle").include[1].position->relation, "above");
    EXPECT_EQ(parsed("a cross under a triangle").include[1].position->relation, "below");
    EXPECT_EQ(parsed("an image of a circle on the right of a square").include[1].position->relation, "right of");
}

TEST(PromptParser, TagsFollowGenEval) {
    EXPECT_EQ(parsed("a circle").tag, "single_object");
    EXPECT_EQ(parsed("one black triangle").tag, "colors");
    const Metadata three = parsed("three crosses");
    EXPECT_EQ(three.tag, "counting");
    EXPECT_EQ(three.include[0].count, 3);
    EXPECT_EQ(three.exclude.at(0).count, 4);
    EXPECT_EQ(parsed("4 squares").include[0].count, 4);
    EXPECT_EQ(parsed("a red circle and a blue square").tag, "color_attr");
    EXPECT_EQ(parsed("a red circle and a square").tag, "two_object");
    const Metadata three_kinds = parsed("a circle, a square and two triangles");
    EXPECT_EQ(three_kinds.tag, "two_object");
    EXPECT_EQ(three_kinds.include.size(), 3u);
    EXPECT_EQ(three_kinds.exclude.size(), 1u);
    EXPECT_TRUE(unsupported_terms(three_kinds).empty());
}

TEST(PromptParser, UnparsablePromptsNameTheWordsNotUnderstood) {
    const PromptParse stars = parse_prompt("three stars");
    EXPECT_FALSE(stars.ok());
    EXPECT_EQ(stars.unknown_words, std::vector<std::string>{"stars"});
    EXPECT_NE(stars.message.find("'stars'"), std::string::npos) << stars.message;

    const PromptParse dog = parse_prompt("a photo of a teal dog next to a circle");
    EXPECT_FALSE(dog.ok());
    EXPECT_EQ(dog.unknown_words, (std::vector<std::string>{"teal", "dog", "next"}));

    const PromptParse pink = parse_prompt("a pink circle");
    EXPECT_FALSE(pink.ok());
    EXPECT_NE(pink.message.find("colours the shapes world does not draw: 'pink'"), std::string::npos) << pink.message;

    for (const char* bad :
         {"", "circle red", "a red", "circles", "a circle and", "a circle left of a square above a cross",
          "a circle left of", "five circles", "a red circle and a blue circle", "a circle a square"}) {
        const PromptParse p = parse_prompt(bad);
        EXPECT_FALSE(p.ok()) << bad;
        EXPECT_FALSE(p.message.empty()) << bad;
        EXPECT_TRUE(p.unknown_words.empty()) << bad;
    }
    EXPECT_NE(parse_prompt("circles").message.find("how many"), std::string::npos);
}

TEST(PromptParser, TyposGetTheNearestKnownWord) {
    const PromptParse typo = parse_prompt("three gren triangels");
    EXPECT_FALSE(typo.ok());
    EXPECT_EQ(typo.unknown_words, (std::vector<std::string>{"gren", "triangels"}));
    ASSERT_EQ(typo.suggestions.size(), 2u);
    EXPECT_EQ(typo.suggestions[0], (std::pair<std::string, std::string>{"gren", "green"}));
    EXPECT_EQ(typo.suggestions[1], (std::pair<std::string, std::string>{"triangels", "triangles"}));
    // A word far from every known one gets no guess.
    EXPECT_TRUE(parse_prompt("a dog").suggestions.empty());
    const std::vector<std::string> vocabulary = prompt_vocabulary();
    for (const char* word : {"green", "triangles", "left", "above", "two", "photo"})
        EXPECT_TRUE(std::binary_search(vocabulary.begin(), vocabulary.end(), word)) << word;
}

TEST(PromptParser, AnotherScriptIsNotCalledEmpty) {
    const PromptParse chinese = parse_prompt("三个绿色三角形");
    EXPECT_FALSE(chinese.ok());
    EXPECT_NE(chinese.message.find("English words only"), std::string::npos) << chinese.message;
    EXPECT_EQ(parse_prompt("   ").message, "the prompt is empty");
}
