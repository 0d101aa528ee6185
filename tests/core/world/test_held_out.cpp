// Held-out sets: sizes per tag, the committed jsonl equals the seeded generator, and the training sampler never
// produces a held-out prompt, a held-out colour-shape pair or a held-out position shape pair.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include "core/world/held_out.h"
#include "core/world/prompts.h"

using namespace milr::world;

namespace {

std::map<std::string, int> lines_per_tag(const std::vector<Metadata>& set) {
    std::map<std::string, int> per_tag;
    for (const Metadata& m : set) ++per_tag[m.tag];
    return per_tag;
}

// Compares a committed set with the generator; MILR_REGENERATE_HELD_OUT=1 rewrites the file first.
void expect_committed(const char* relative, const std::vector<Metadata>& generated) {
    const std::string path = std::string(MILR_SOURCE_ROOT) + "/" + relative;
    if (const char* regenerate = std::getenv("MILR_REGENERATE_HELD_OUT"); regenerate && std::string(regenerate) == "1")
        write_metadata_jsonl(path, generated);
    ASSERT_TRUE(std::filesystem::exists(path)) << path;
    const auto lines = read_metadata_jsonl(path);
    ASSERT_EQ(lines.size(), generated.size()) << path;
    for (size_t i = 0; i < lines.size(); ++i) {
        ASSERT_TRUE(lines[i].metadata.has_value()) << lines[i].error;
        EXPECT_EQ(*lines[i].metadata, generated[i]) << path << " line " << i + 1;
    }
}

}  // namespace

TEST(HeldOut, EvaluationSetHas60To100LinesPerTag) {
    const auto set = evaluation_set();
    const auto per_tag = lines_per_tag(set);
    ASSERT_EQ(per_tag.size(), 6u);
    for (const auto& [tag, n] : per_tag) {
        std::printf("evaluation set: %-13s %d lines\n", tag.c_str(), n);
        EXPECT_GE(n, 60) << tag;
        EXPECT_LE(n, 100) << tag;
    }
    std::set<std::string> colour_attr_prompts;
    for (const Metadata& m : set) {
        EXPECT_TRUE(unsupported_terms(m).empty()) << m.prompt;
        EXPECT_FALSE(is_compositional(m)) << m.prompt;
        if (m.tag == "color_attr") {
            EXPECT_TRUE(is_reserved_prompt(m)) << m.prompt;
            EXPECT_FALSE(allowed_in_training(m)) << m.prompt;
            colour_attr_prompts.insert(m.prompt);
        }
    }
    EXPECT_EQ(int(colour_attr_prompts.size()), per_tag.at("color_attr"));  // distinct, unseen prompts
    EXPECT_EQ(set, evaluation_set());                                      // seeded: the same every time
}

TEST(HeldOut, CompositionalSetHoldsOutColourShapeAndShapePairs) {
    const auto set = compositional_set();
    const auto per_tag = lines_per_tag(set);
    EXPECT_EQ(per_tag.at("color_attr"), 80);
    EXPECT_EQ(per_tag.at("position"), 80);
    for (const Metadata& m : set) {
        EXPECT_TRUE(is_compositional(m)) << m.prompt;
        EXPECT_FALSE(allowed_in_training(m)) << m.prompt;
    }
}

TEST(HeldOut, CommittedFilesMatchTheSeededGenerators) {
    expect_committed(kEvaluationSetPath, evaluation_set());
    expect_committed(kCompositionalSetPath, compositional_set());
}

TEST(HeldOut, TrainingSamplerNeverProducesHeldOutPromptsOrPairs) {
    std::set<std::string> held_out;
    for (const Metadata& m : evaluation_set())
        if (m.tag == "color_attr") held_out.insert(m.prompt);
    for (const Metadata& m : compositional_set()) held_out.insert(m.prompt);
    std::mt19937_64 rng(99);
    std::map<std::string, std::set<std::string>> seen;
    for (int i = 0; i < 12000; ++i) {
        const std::string& tag = geneval_tags()[i % 6];
        const Example e = sample_training_example(tag, rng);
        ASSERT_EQ(held_out.count(e.metadata.prompt), 0u) << e.metadata.prompt;
        ASSERT_TRUE(allowed_in_training(e.metadata, e.scene)) << e.metadata.prompt << " / " << e.description;
        for (const SceneObject& o : e.scene.objects)
            ASSERT_FALSE(is_held_out_colour_shape(o.colour, o.shape)) << e.description;
        if (tag == "position") {
            const auto a = shape_from_name(e.metadata.include[0].object_class),
                       b = shape_from_name(e.metadata.include[1].object_class);
            ASSERT_FALSE(is_held_out_shape_pair(*a, *b)) << e.metadata.prompt;
        }
        seen[tag].insert(e.metadata.prompt);
    }
    // Training still covers every allowed prompt of the small tags, and most of color_attr's.
    EXPECT_EQ(seen["single_object"].size(), 4u);
    EXPECT_EQ(seen["counting"].size(), 12u);
    EXPECT_EQ(seen["colors"].size(), 21u);    // 24 minus the three held-out colour-shape pairs
    EXPECT_EQ(seen["position"].size(), 32u);  // 48 minus the two held-out shape pairs (16 prompts)
    EXPECT_GT(seen["color_attr"].size(), 150u);
    std::printf("training sampler: %zu color_attr prompts seen in 2,000 draws\n", seen["color_attr"].size());
}
