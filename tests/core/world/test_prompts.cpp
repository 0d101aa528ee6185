// Prompts and examples: GenEval's phrasing and schema, scenes that satisfy their prompts (judged on the rendered
// image), descriptions that are well formed and render back to scenes that satisfy the prompt, the corpus.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "core/util/error.h"
#include "core/world/description.h"
#include "core/world/held_out.h"
#include "core/world/judge.h"
#include "core/world/prompts.h"
#include "core/world/renderer.h"

using namespace milr::world;

TEST(Prompts, GenEvalPhrasingAndSchemaPerTag) {
    EXPECT_EQ(
        metadata_to_line(single_object_prompt(Shape::circle)),
        R"({"tag": "single_object", "include": [{"class": "circle", "count": 1}], "prompt": "a photo of a circle"})");
    EXPECT_EQ(
        metadata_to_line(counting_prompt(Shape::cross, 3)),
        R"({"tag": "counting", "include": [{"class": "cross", "count": 3}], "exclude": [{"class": "cross", "count": 4}], )"
        R"("prompt": "a photo of three crosses"})");
    EXPECT_EQ(metadata_to_line(position_prompt(Shape::triangle, "above", Shape::square)),
              R"({"tag": "position", "include": [{"class": "square", "count": 1}, {"class": "triangle", "count": 1, )"
              R"("position": ["above", 0]}], "prompt": "a photo of a triangle above a square"})");
    EXPECT_EQ(color_attr_prompt(Shape::circle, Colour::red, Shape::square, Colour::blue).prompt,
              "a photo of a red circle and a blue square");
    EXPECT_EQ(two_object_prompt(Shape::square, Shape::triangle).prompt, "a photo of a square and a triangle");
    EXPECT_EQ(colors_prompt(Shape::triangle, Colour::black).prompt, "a photo of a black triangle");
    EXPECT_EQ(article("orange"), "an");
    EXPECT_EQ(all_prompts("single_object").size(), 4u);
    EXPECT_EQ(all_prompts("two_object").size(), 12u);
    EXPECT_EQ(all_prompts("counting").size(), 12u);
    EXPECT_EQ(all_prompts("colors").size(), 24u);
    EXPECT_EQ(all_prompts("position").size(), 48u);
    EXPECT_EQ(all_prompts("color_attr").size(), 360u);
    EXPECT_THROW(all_prompts("spatial"), milr::Error);
}

TEST(Prompts, MetadataJsonlRoundTrip) {
    std::vector<Metadata> all;
    for (const std::string& tag : geneval_tags())
        for (const Metadata& m : all_prompts(tag)) all.push_back(m);
    const auto path = std::filesystem::temp_directory_path() / "milr_world_metadata_round_trip.jsonl";
    write_metadata_jsonl(path.string(), all);
    const auto lines = read_metadata_jsonl(path.string());
    ASSERT_EQ(lines.size(), all.size());
    for (size_t i = 0; i < all.size(); ++i) {
        ASSERT_TRUE(lines[i].metadata.has_value()) << lines[i].error;
        EXPECT_EQ(*lines[i].metadata, all[i]) << all[i].prompt;
        EXPECT_TRUE(unsupported_terms(all[i]).empty());
    }
    std::filesystem::remove(path);
}

TEST(Prompts, MetadataFilesAreReadLineByLineWithABoundedLineLength) {
    const auto path = std::filesystem::temp_directory_path() / "milr_world_metadata_long_line.jsonl";
    std::ofstream(path) << metadata_to_line(single_object_prompt(Shape::circle)) << "\n\n"
                        << metadata_to_line(single_object_prompt(Shape::square)) << "\n"
                        << std::string(5000, 'x');  // a last line without a newline, over the limit below
    std::vector<int> seen;
    for_each_metadata_line(
        path.string(),
        [&](const MetadataLine& line) {
            seen.push_back(line.line_number);
            return false;  // stop after the first line
        },
        4096);
    EXPECT_EQ(seen, std::vector<int>{1});
    try {
        for_each_metadata_line(
            path.string(), [&](const MetadataLine&) { return true; }, 4096);
        FAIL() << "a line over the limit must be refused";
    } catch (const milr::Error& e) {
        EXPECT_NE(std::string(e.what()).find(path.string() + " line 4: longer than the limit of 4096 bytes"),
                  std::string::npos)
            << e.what();
    }
    std::filesystem::remove(path);
}

TEST(Prompts, ReadsGenEvalsOwnFileAndNamesWhatIsUnsupported) {
    const std::string path = std::string(MILR_TEST_DATA) + "/world/geneval_sample.jsonl";
    const auto lines = read_metadata_jsonl(path);
    ASSERT_EQ(lines.size(), 5u);
    ASSERT_TRUE(lines[0].metadata.has_value());
    EXPECT_EQ(lines[0].metadata->include[1].position->relation, "right of");
    EXPECT_EQ(unsupported_terms(*lines[0].metadata), (std::vector<std::string>{"class 'teddy bear'", "class 'dog'"}));
    EXPECT_EQ(unsupported_terms(*lines[1].metadata), (std::vector<std::string>{"class 'clock'"}));
    EXPECT_EQ(unsupported_terms(*lines[2].metadata), (std::vector<std::string>{"colour 'pink'"}));
    EXPECT_FALSE(lines[3].metadata.has_value());  // broken JSON: reported for its line, the rest still read
    EXPECT_NE(lines[3].error.find("line 4"), std::string::npos) << lines[3].error;
    EXPECT_FALSE(lines[4].metadata.has_value());
    EXPECT_NE(lines[4].error.find("'count'"), std::string::npos) << lines[4].error;
}

TEST(Examples, ScenesSatisfyTheirPromptsAndDescriptionsRenderBackToSatisfyingScenes) {
    std::mt19937_64 rng(11);
    int judged = 0;
    for (const std::string& tag : geneval_tags())
        for (int i = 0; i < 150; ++i) {
            const Example e = sample_training_example(tag, rng);
            ASSERT_EQ(e.metadata.tag, tag);
            ASSERT_GE(e.scene.objects.size(), 1u);
            ASSERT_LE(e.scene.objects.size(), 4u);
            const Judgement direct = judge_image(e.metadata, render_scene(e.scene));
            ASSERT_TRUE(direct.correct) << e.metadata.prompt << " / " << e.description << ": " << direct.reason();
            ASSERT_TRUE(is_well_formed_description(e.description)) << e.description;
            const Scene again = scene_from_description(parse_description(e.description), rng);
            // The same objects stand in the same places: a group of four may be read along rows or down columns.
            const std::string again_text = describe_scene(again);
            if (again.objects.size() < 4) {
                EXPECT_EQ(again_text, e.description);
            }
            EXPECT_EQ(parse_description(again_text).size(), parse_description(e.description).size());
            const Judgement back = judge_image(e.metadata, render_scene(again));
            ASSERT_TRUE(back.correct) << e.metadata.prompt << " / " << e.description << ": " << back.reason();
            ++judged;
        }
    EXPECT_EQ(judged, 900);
}

TEST(Examples, DescriptionsAreShortAndCanonical) {
    Scene scene;
    std::mt19937_64 rng(5);
    scene.objects = {object_in_cell(Shape::circle, Colour::red, 0, 0, rng),
                     object_in_cell(Shape::circle, Colour::red, 0, 2, rng),
                     object_in_cell(Shape::square, Colour::blue, 2, 2, rng)};
    EXPECT_EQ(describe_scene(scene), "two red circles along the top, one blue square at the bottom right");
    std::reverse(scene.objects.begin(), scene.objects.end());
    EXPECT_EQ(describe_scene(scene), "two red circles along the top, one blue square at the bottom right");
    scene.objects = {object_in_cell(Shape::cross, Colour::black, 0, 1, rng),
                     object_in_cell(Shape::cross, Colour::black, 2, 1, rng),
                     object_in_cell(Shape::cross, Colour::black, 1, 1, rng)};
    EXPECT_EQ(describe_scene(scene), "three black crosses down the middle");
    scene.objects = {
        object_in_cell(Shape::cross, Colour::black, 0, 0, rng), object_in_cell(Shape::cross, Colour::black, 0, 2, rng),
        object_in_cell(Shape::cross, Colour::black, 2, 0, rng), object_in_cell(Shape::cross, Colour::black, 2, 2, rng)};
    EXPECT_EQ(describe_scene(scene), "two black crosses along the top, two black crosses along the bottom");
}

TEST(Examples, MalformedDescriptionsAreRejectedWithTheOffendingWords) {
    for (const char* bad :
         {"", "two red circle along the top", "one red circle along the top", "two red circles at the top left",
          "one teal circle in the centre", "one red blob in the centre", "one red circle somewhere",
          "five red circles along the top", "one red circle in the centre,"}) {
        EXPECT_FALSE(is_well_formed_description(bad)) << bad;
    }
    try {
        parse_description("one red circle at the top left, one teal square on the right");
        FAIL();
    } catch (const milr::Error& e) {
        EXPECT_NE(std::string(e.what()).find("'teal'"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("item 2"), std::string::npos) << e.what();
    }
    std::mt19937_64 rng(1);
    EXPECT_THROW(
        scene_from_description(parse_description("one red circle at the top, three blue squares along the top"), rng),
        milr::Error);
}

TEST(Examples, CorpusCoversPromptsAndDescriptions) {
    const auto corpus = world_corpus(1, 600);
    std::set<std::string> lines(corpus.begin(), corpus.end());
    EXPECT_TRUE(lines.count("a photo of four triangles"));
    EXPECT_TRUE(lines.count("one red circle at the top left"));
    EXPECT_GT(corpus.size(), 600u);
    for (const std::string& line : corpus) EXPECT_EQ(line.find("yellow triangle"), std::string::npos) << line;
}
