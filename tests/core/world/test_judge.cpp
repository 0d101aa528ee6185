// The judge follows GenEval's rules: include AND, exclude OR, first `count` objects per class, colour on those,
// position from box centres with the 0.1 threshold and the 0.5 direction rule; unknown terms are unsupported.
#include <gtest/gtest.h>

#include "core/world/judge.h"
#include "core/world/prompts.h"
#include "core/world/renderer.h"
#include "core/world/summary.h"

using namespace milr::world;

namespace {

DetectedObject object(Shape shape, Colour colour, float x0, float y0, float size = 20, float confidence = 0.9f) {
    DetectedObject o;
    o.shape = shape;
    o.colour = colour;
    o.box = {x0, y0, x0 + size, y0 + size};
    o.confidence = confidence;
    o.area = int(size * size);
    return o;
}

Clause clause(const std::string& cls, int count = 1, std::optional<std::string> colour = std::nullopt) {
    Clause c;
    c.object_class = cls;
    c.count = count;
    c.colour = std::move(colour);
    return c;
}

Metadata counting(const std::string& cls, int n) {
    return {"counting", {clause(cls, n)}, {clause(cls, n + 1)}, "a photo of some " + cls + "s"};
}

Metadata position(const std::string& a, const std::string& relation, const std::string& b) {
    Clause with = clause(a);
    with.position = PositionRequirement{relation, 0};
    return {"position", {clause(b), with}, {}, "a photo of a " + a + " " + relation + " a " + b};
}

const JudgeCheck* find_check(const Judgement& j, const std::string& prefix) {
    for (const JudgeCheck& c : j.checks)
        if (c.name.rfind(prefix, 0) == 0) return &c;
    return nullptr;
}

}  // namespace

TEST(RelativePosition, ThresholdShrinksOffsetsBySumOfSizes) {
    const Box a{0, 0, 20, 20};
    EXPECT_EQ(relative_position(a, Box{22, 0, 42, 20}), std::set<std::string>{"left of"});
    EXPECT_EQ(relative_position(Box{22, 0, 42, 20}, a), std::set<std::string>{"right of"});
    // An offset of 4 px between boxes 20 px wide is eaten by the threshold (0.1 x 40): no relation at all.
    EXPECT_TRUE(relative_position(a, Box{4, 0, 24, 20}).empty());
    // The shrunk offset must exceed half the true offset: 8 px leaves 4/8 = 0.5 (not enough), 9 px leaves 5/9.
    EXPECT_TRUE(relative_position(a, Box{8, 0, 28, 20}).empty());
    EXPECT_EQ(relative_position(a, Box{9, 0, 29, 20}), std::set<std::string>{"left of"});
    // A diagonal at 45 degrees holds both directions (each component 16/28.3 > 0.5).
    EXPECT_EQ(relative_position(a, Box{20, 20, 40, 40}), (std::set<std::string>{"left of", "above"}));
    // Steeper than that, only the vertical one (dx = 16/36.1 < 0.5 < dy = 26/36.1).
    EXPECT_EQ(relative_position(a, Box{20, 30, 40, 50}), std::set<std::string>{"above"});
    EXPECT_EQ(relative_position(Box{20, 30, 40, 50}, a), std::set<std::string>{"below"});
    // Image y grows downwards: a box higher up is "above".
    EXPECT_EQ(relative_position(Box{0, 0, 20, 20}, Box{0, 60, 20, 80}), std::set<std::string>{"above"});
}

TEST(Judge, CountingNeedsTheCountAndFailsOnTheExcludedCount) {
    const Metadata two = counting("circle", 2);
    auto two_circles = std::vector<DetectedObject>{object(Shape::circle, Colour::red, 0, 0),
                                                   object(Shape::circle, Colour::blue, 50, 0),
                                                   object(Shape::square, Colour::red, 90, 90)};
    Judgement ok = judge_detections(two, two_circles);
    EXPECT_TRUE(ok.correct) << ok.reason();
    EXPECT_DOUBLE_EQ(ok.score, 1.0);
    EXPECT_TRUE(ok.reasons.empty());

    auto three = two_circles;
    three.push_back(object(Shape::circle, Colour::green, 50, 50));
    Judgement over = judge_detections(two, three);
    EXPECT_FALSE(over.correct);
    EXPECT_EQ(over.reason(), "expected circle<3, found 3");
    EXPECT_DOUBLE_EQ(over.score, 0.5);  // count holds, exclusion fails

    Judgement under = judge_detections(two, {object(Shape::circle, Colour::red, 0, 0)});
    EXPECT_FALSE(under.correct);
    EXPECT_EQ(under.reason(), "expected circle>=2, found 1");
    EXPECT_DOUBLE_EQ(under.score, 0.75);  // half the count, exclusion holds
    ASSERT_NE(find_check(under, "count: circle >= 2"), nullptr);
    EXPECT_DOUBLE_EQ(find_check(under, "count: circle >= 2")->value, 0.5);
}

TEST(Judge, ColourIsReadOnTheFirstCountObjectsByConfidence) {
    const Metadata red_circle{"colors", {clause("circle", 1, "red")}, {}, "a photo of a red circle"};
    // The most confident circle is blue: GenEval checks it, not the red one behind it.
    const std::vector<DetectedObject> objects{object(Shape::circle, Colour::red, 0, 0, 20, 0.5f),
                                              object(Shape::circle, Colour::blue, 60, 0, 20, 0.9f)};
    Judgement j = judge_detections(red_circle, objects);
    EXPECT_FALSE(j.correct);
    EXPECT_EQ(j.reason(), "expected red circle>=1, found 0 red; and 1 blue");
    EXPECT_DOUBLE_EQ(j.score, 0.5);
    // Swapping the confidences makes it correct.
    const std::vector<DetectedObject> swapped{object(Shape::circle, Colour::red, 0, 0, 20, 0.9f),
                                              object(Shape::circle, Colour::blue, 60, 0, 20, 0.5f)};
    EXPECT_TRUE(judge_detections(red_circle, swapped).correct);
    // Two red crosses asked, two crosses found, one red: the count holds, the colour does not.
    const Metadata two_red{"counting", {clause("cross", 2, "red")}, {clause("cross", 3)}, "a photo of two red crosses"};
    Judgement k = judge_detections(
        two_red, {object(Shape::cross, Colour::red, 0, 0), object(Shape::cross, Colour::green, 60, 0)});
    EXPECT_FALSE(k.correct);
    EXPECT_EQ(k.reasons.at(0), "expected red cross>=2, found 1 red; and 1 red, 1 green");
    EXPECT_DOUBLE_EQ(find_check(k, "colour: red cross")->value, 0.5);
}

TEST(Judge, IncludeClausesAreJoinedWithAnd) {
    const Metadata two{"two_object", {clause("circle"), clause("triangle")}, {}, "a photo of a circle and a triangle"};
    EXPECT_TRUE(
        judge_detections(two, {object(Shape::circle, Colour::red, 0, 0), object(Shape::triangle, Colour::red, 60, 0)})
            .correct);
    Judgement half = judge_detections(two, {object(Shape::circle, Colour::red, 0, 0)});
    EXPECT_FALSE(half.correct);
    EXPECT_EQ(half.reason(), "expected triangle>=1, found 0");
    EXPECT_DOUBLE_EQ(half.score, 0.5);
}

TEST(Judge, ExcludeClausesAreJoinedWithOr) {
    const Metadata m{
        "counting", {clause("circle", 1)}, {clause("square", 1), clause("cross", 2)}, "a photo of a circle alone"};
    const auto circle = object(Shape::circle, Colour::red, 0, 0);
    EXPECT_TRUE(judge_detections(m, {circle, object(Shape::cross, Colour::red, 60, 0)}).correct);  // one cross < 2
    Judgement j = judge_detections(m, {circle, object(Shape::square, Colour::red, 60, 0)});
    EXPECT_FALSE(j.correct);  // the square alone violates the first exclusion
    EXPECT_EQ(j.reason(), "expected square<1, found 1");
}

TEST(Judge, PositionUsesBoxCentresAndNeedsItsTarget) {
    const Metadata m = position("circle", "left of", "square");
    Judgement ok =
        judge_detections(m, {object(Shape::circle, Colour::red, 10, 50), object(Shape::square, Colour::blue, 80, 55)});
    EXPECT_TRUE(ok.correct) << ok.reason();
    EXPECT_DOUBLE_EQ(find_check(ok, "position: circle left of square")->value, 1.0);

    Judgement wrong =
        judge_detections(m, {object(Shape::circle, Colour::red, 80, 50), object(Shape::square, Colour::blue, 10, 50)});
    EXPECT_FALSE(wrong.correct);
    EXPECT_EQ(wrong.reason(), "expected circle left of target, found right of target");

    // Too close to tell (offset within the threshold): no relation found.
    Judgement close =
        judge_detections(m, {object(Shape::circle, Colour::red, 50, 50), object(Shape::square, Colour::blue, 53, 50)});
    EXPECT_FALSE(close.correct);
    EXPECT_EQ(close.reason(), "expected circle left of target, found  target");

    Judgement no_target = judge_detections(m, {object(Shape::circle, Colour::red, 10, 50)});
    EXPECT_FALSE(no_target.correct);
    EXPECT_EQ(no_target.reason(), "expected square>=1, found 0\nno target for circle to be left of");
    EXPECT_DOUBLE_EQ(no_target.score, 1.0 / 3.0);  // count of the circle holds; square count and relation fail
}

TEST(Judge, UnknownTermsAreUnsupportedByNameNeverCorrect) {
    const Metadata dog{"single_object", {clause("dog")}, {}, "a photo of a dog"};
    Judgement j = judge_detections(dog, {object(Shape::circle, Colour::red, 0, 0)});
    EXPECT_FALSE(j.supported);
    EXPECT_FALSE(j.correct);
    EXPECT_DOUBLE_EQ(j.score, 0.0);
    ASSERT_EQ(j.unsupported.size(), 1u);
    EXPECT_EQ(j.unsupported[0], "class 'dog'");
    EXPECT_NE(j.reason().find("class 'dog'"), std::string::npos);

    const Metadata pink{"colors", {clause("circle", 1, "pink")}, {}, "a photo of a pink circle"};
    EXPECT_EQ(judge_detections(pink, {}).unsupported, std::vector<std::string>{"colour 'pink'"});
    Metadata odd = position("circle", "near", "square");
    odd.tag = "spatial";
    EXPECT_EQ(judge_detections(odd, {}).unsupported, (std::vector<std::string>{"tag 'spatial'", "relation 'near'"}));
    Metadata bad_target = position("circle", "above", "square");
    bad_target.include[1].position->target = 5;
    EXPECT_FALSE(judge_detections(bad_target, {}).supported);
}

TEST(Judge, ReasonsCarryTheDetectorsDoubts) {
    DetectedObject doubtful = object(Shape::circle, Colour::blue, 40, 40, 30, 0.1f);
    doubtful.runner_up = Shape::square;
    doubtful.note = "a rounded square read as a circle";
    const Metadata m{"single_object", {clause("square")}, {}, "a photo of a square"};
    Judgement j = judge_detections(m, {doubtful});
    EXPECT_FALSE(j.correct);
    EXPECT_NE(j.reason().find("a rounded square read as a circle"), std::string::npos) << j.reason();
}

TEST(Judge, JudgesRenderedImagesAndReportsDetailsPerClass) {
    Scene scene;
    scene.objects = {{Shape::triangle, Colour::green, 0.2f, 0.5f, 0.25f},
                     {Shape::circle, Colour::purple, 0.8f, 0.5f, 0.25f}};
    const milr::RgbImage image = render_scene(scene, 128);
    EXPECT_TRUE(judge_image(position("triangle", "left of", "circle"), image).correct);
    EXPECT_FALSE(judge_image(position("triangle", "right of", "circle"), image).correct);
    const Metadata colours{"color_attr",
                           {clause("triangle", 1, "green"), clause("circle", 1, "purple")},
                           {},
                           "a photo of a green triangle and a purple circle"};
    Judgement j = judge_image(colours, image);
    EXPECT_TRUE(j.correct) << j.reason();
    const auto details = j.details();
    ASSERT_TRUE(details.contains("triangle"));
    ASSERT_EQ(details["triangle"].size(), 1u);
    EXPECT_EQ(details["triangle"][0].size(), 5u);  // x0, y0, x1, y1, confidence
    EXPECT_NEAR(details["circle"][0][0].get<double>(), 0.675 * 128, 1.5);
}

TEST(Summary, PerTagAccuracyAndMeanOverTagsAsGenEval) {
    std::vector<JudgedImage> images{{"counting", "a", true},
                                    {"counting", "a", false},
                                    {"counting", "b", false},
                                    {"counting", "b", false},
                                    {"colors", "c", true}};
    const Summary s = summarise(images, {"00007: class 'dog'"});
    EXPECT_EQ(s.images, 5);
    EXPECT_EQ(s.prompts, 3);
    EXPECT_DOUBLE_EQ(s.correct_images, 0.4);
    EXPECT_DOUBLE_EQ(s.correct_prompts, 2.0 / 3.0);
    ASSERT_EQ(s.tags.size(), 2u);
    EXPECT_EQ(s.tags[0].tag, "counting");  // order of first appearance
    EXPECT_DOUBLE_EQ(s.tags[0].accuracy(), 0.25);
    EXPECT_DOUBLE_EQ(s.overall, (0.25 + 1.0) / 2);
    const std::string text = s.to_text();
    EXPECT_NE(text.find("counting         = 25.00% (1 / 4)"), std::string::npos) << text;
    EXPECT_NE(text.find("Overall score (avg. over tasks): 0.62500"), std::string::npos) << text;
    EXPECT_NE(text.find("% correct prompts: 66.67%"), std::string::npos) << text;
    EXPECT_NE(text.find("class 'dog'"), std::string::npos);
    EXPECT_EQ(s.to_json()["tags"]["colors"]["correct"], 1);
}

TEST(Judge, DenseScoreIsOneExactlyWhenCorrectAndStaysInRange) {
    // Random scenes judged against random prompts of every tag: the dense score never contradicts the verdict.
    std::mt19937_64 rng(4);
    int correct = 0, total = 0;
    for (const std::string& tag : geneval_tags()) {
        const std::vector<Metadata> prompts = all_prompts(tag);
        for (int i = 0; i < 60; ++i) {
            const Metadata& m = prompts[rng() % prompts.size()];
            const Judgement j = judge_image(m, render_scene(sample_scene(rng)));
            ASSERT_TRUE(j.supported);
            EXPECT_GE(j.score, 0.0);
            EXPECT_LE(j.score, 1.0);
            EXPECT_EQ(j.correct, j.score == 1.0) << m.prompt << ": " << j.reason();
            EXPECT_EQ(j.correct, j.reasons.empty()) << m.prompt;
            for (const JudgeCheck& c : j.checks) EXPECT_TRUE(c.value >= 0.0 && c.value <= 1.0) << c.name;
            correct += j.correct;
            ++total;
        }
    }
    EXPECT_GT(correct, 0);
    EXPECT_LT(correct, total);
}
