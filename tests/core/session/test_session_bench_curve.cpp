// Scores against the step budget: read from one long bench's trajectories, they equal what a shorter bench with
// the same seed returns (the embedded model, so that some prompts pass and some do not).
#include <gtest/gtest.h>

#include "core/session/bench.h"
#include "core/session/bench_curve.h"
#include "core/session/model_bundle.h"
#include "session_test_support.h"

using namespace milr;
namespace fs = std::filesystem;

namespace {

using milr::testing::fresh_folder;

BenchOptions curve_bench(const fs::path& out, int steps) {
    BenchOptions options;
    options.prompts = find_resource("geneval-shapes/evaluation_metadata.jsonl");
    options.per_tag_limit = 2;
    options.methods = {"both", "best-of-n"};
    options.out = out;
    options.run.steps = steps;
    options.run.cfg_weight = 3.0;
    options.run.lambda_text = 0.2;
    options.run.lambda_image = 0.05;
    options.run.seed = 7;
    return options;
}

void expect_same_summary(const world::Summary& a, const world::Summary& b) {
    EXPECT_DOUBLE_EQ(a.overall, b.overall);
    ASSERT_EQ(a.tags.size(), b.tags.size());
    for (size_t i = 0; i < a.tags.size(); ++i) {
        EXPECT_EQ(a.tags[i].tag, b.tags[i].tag);
        EXPECT_EQ(a.tags[i].correct, b.tags[i].correct) << a.tags[i].tag;
        EXPECT_EQ(a.tags[i].total, b.tags[i].total) << a.tags[i].tag;
    }
}

}  // namespace

TEST(BenchCurve, ABudgetOfKStepsScoresWhatAKStepBenchReturns) {
    ModelBundle bundle = load_model_bundle(embedded_model_folder());
    const fs::path long_run = fresh_folder("curve-long"), short_run = fresh_folder("curve-short");
    const auto long_results = run_bench(bundle, curve_bench(long_run, 3));
    const auto short_results = run_bench(bundle, curve_bench(short_run, 1));
    ASSERT_EQ(long_results.size(), 2u);
    for (size_t m = 0; m < long_results.size(); ++m) {
        SCOPED_TRACE(long_results[m].method);
        const auto scores = scores_by_budget(long_run / long_results[m].method, {0, 1, 3});
        ASSERT_EQ(scores.size(), 3u);
        EXPECT_EQ(scores[0].summary.images, 12);
        expect_same_summary(scores[1].summary, short_results[m].evaluation.summary);
        expect_same_summary(scores[2].summary, long_results[m].evaluation.summary);
        EXPECT_LE(scores[0].summary.overall, scores[2].summary.overall);  // the best of more steps never scores less
    }
    const auto json = budget_scores_to_json(scores_by_budget(long_run / "both", {0, 3}));
    EXPECT_EQ(json["budgets"].size(), 2u);
    EXPECT_EQ(json["tags"].size(), 6u);
}

TEST(BenchCurve, AFolderThatIsNotABenchIsAnError) {
    EXPECT_THROW(scores_by_budget(fresh_folder("curve-missing") / "nothing", {1}), Error);
}
