// The one run description and its range table: defaults, ranges named by option, JSON round trips, 0.1.0's format.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

#include "core/milr/parameter_table.h"
#include "core/milr/run_description.h"
#include "core/util/error.h"

using namespace milr;

namespace {
std::string error_of(const RunDescription& run) {
    try {
        validate(run);
    } catch (const Error& e) {
        return e.what();
    }
    return {};
}
}  // namespace

TEST(RangeTable, CoversEveryNumericParameterOnceWithItsDefaultInRange) {
    std::set<std::string> options;
    for (const ParameterRange& row : run_parameter_table()) {
        EXPECT_TRUE(options.insert(row.option).second) << row.option << " is listed twice";
        EXPECT_LT(row.min, row.max) << row.option;
        EXPECT_EQ(range_problem(row.parameter, parameter_default(row.parameter)), "") << row.option;
        // set and get address the same field
        RunDescription run;
        set_parameter_value(run, row.parameter, row.max);
        EXPECT_EQ(parameter_value(run, row.parameter), row.max) << row.option;
    }
    EXPECT_EQ(options.size(), 9u);
    // The paper's values are the defaults.
    EXPECT_EQ(parameter_default(RunParameter::lambda_text), 0.2);
    EXPECT_EQ(parameter_default(RunParameter::lambda_image), 0.02);
    EXPECT_EQ(parameter_default(RunParameter::learning_rate), 0.03);
    EXPECT_EQ(parameter_default(RunParameter::steps), 30);
}

TEST(RangeTable, ProblemsNameTheOptionAndTheRange) {
    EXPECT_EQ(range_problem(RunParameter::lambda_text, 1.5), "lambda-t must be within [0, 1], not 1.5");
    EXPECT_EQ(range_problem(RunParameter::steps, 2.5), "steps must be a whole number within [0, 200], not 2.5");
    EXPECT_EQ(range_problem(RunParameter::steps, 201), "steps must be a whole number within [0, 200], not 201");
    EXPECT_NE(range_problem(RunParameter::temperature, NAN), "");
    EXPECT_EQ(range_problem(RunParameter::steps, 200), "");
    EXPECT_EQ(clamp_to_range(RunParameter::steps, 7.6), 8);
    EXPECT_EQ(clamp_to_range(RunParameter::lambda_image, INFINITY), 0.02);
}

TEST(RunDescription, EngineValidationUsesTheTable) {
    RunDescription run;
    run.milr.prompt = "a red circle";
    EXPECT_EQ(error_of(run), "");
    run.milr.lambda_text = 1.5;
    EXPECT_EQ(error_of(run), "lambda-t must be within [0, 1], not 1.5");
    run.milr.lambda_text = 0.2;
    run.milr.steps = 10000;
    EXPECT_EQ(error_of(run), "steps must be a whole number within [0, 200], not 10000");
    run.milr.steps = 3;
    run.reward.timeout_s = 0;
    EXPECT_EQ(error_of(run), "reward-timeout must be within [0.1, 86400], not 0");
    run.reward.timeout_s = 60;
    run.milr.prompt = "  ";
    EXPECT_EQ(error_of(run), "the prompt is empty");
}

TEST(RunDescription, JsonRoundTripKeepsEveryField) {
    RunDescription run;
    run.milr.prompt = "一只红色的圆形";
    run.milr.mode = MilrMode::text;
    run.milr.lambda_text = 0.1 + 0.2;
    run.milr.seed = 18446744073709551557ull;
    apply_preset(run.milr, "reference");
    run.milr.estimator = Estimator::reinforce;
    run.milr.update_direction = UpdateDirection::random;
    run.milr.sample_source = SampleSource::prompt_only;
    run.milr.learning_rate = 0.0;  // the control run
    run.reward.kind = RewardKind::judge_plus_self;
    run.reward.metadata_given = true;
    run.reward.metadata_json = "{\"tag\": \"single_object\"}";
    run.reward.command_line = "judge --strict";
    run.reward.timeout_s = 2.5;
    run.reward.self_weight = 0.25;
    run.model = {"/models/Janus-Pro-1B", "cuda:1", "bf16"};
    const RunDescription back = run_description_from_json(nlohmann::json::parse(to_json(run).dump()));
    EXPECT_TRUE(back == run);
    EXPECT_TRUE(run_description_from_json(to_json(RunDescription{})) == RunDescription{});
    RunDescription other = run;
    other.milr.estimator = Estimator::authors;
    EXPECT_FALSE(same_trajectory(run, other)) << "another estimator makes another trajectory";
}

TEST(RunDescription, ReadsVersion010AndStrictReadingThrowsNamingTheKey) {
    const nlohmann::json old = {{"prompt", "two red circles"},
                                {"lambda_t", 0.3},
                                {"stop_threshold", 0.7},
                                {"reward", "geneval-shapes"},
                                {"seed", "123"},
                                {"model_folder", "/m"},
                                {"metadata_source", "from-prompt"},
                                {"metadata", "not json, kept as typed"}};
    const RunDescription run = run_description_from_json(old);
    EXPECT_EQ(run.milr.lambda_text, 0.3);
    EXPECT_EQ(run.milr.reward_threshold, 0.7);
    EXPECT_EQ(run.milr.seed, 123u);
    EXPECT_EQ(run.reward.kind, RewardKind::judge);
    EXPECT_FALSE(run.reward.metadata_given);
    EXPECT_EQ(run.reward.metadata_json, "not json, kept as typed");
    EXPECT_EQ(run.model.folder, "/m");
    EXPECT_TRUE(run.milr.metadata.is_null());

    EXPECT_THROW(run_description_from_json({{"steps", "many"}}), Error);
    EXPECT_THROW(run_description_from_json({{"reward_spec", {{"kind", "magic"}}}}), Error);
    EXPECT_THROW(run_description_from_json(nlohmann::json::array()), Error);
    std::vector<std::string> problems;
    run_description_from_json({{"steps", "many"}, {"model_spec", {{"device", 3}}}}, &problems);
    ASSERT_EQ(problems.size(), 2u);
    EXPECT_EQ(problems[0], "run parameter 'steps' is not a number: \"many\"");
    EXPECT_EQ(problems[1], "run parameter 'device' is not a string: 3");
}

TEST(RunDescription, RewardNamesRoundTripAndOldNamesAreRead) {
    for (RewardKind kind : {RewardKind::judge, RewardKind::judge_binary, RewardKind::self, RewardKind::judge_plus_self,
                            RewardKind::external})
        EXPECT_EQ(reward_kind_from_name(reward_kind_name(kind)), kind);
    EXPECT_EQ(reward_kind_from_name("self-judgement"), RewardKind::self);
    EXPECT_EQ(reward_kind_from_name("external-command"), RewardKind::external);
    EXPECT_THROW(reward_kind_from_name("magic"), Error);
    EXPECT_TRUE(reward_needs_model(RewardKind::judge_plus_self));
    EXPECT_FALSE(reward_needs_model(RewardKind::external));
}

TEST(RangeTable, TheUserGuideListsTheSameRanges) {
    std::ifstream guide(std::string(MILR_SOURCE_ROOT) + "/docs/user-guide.md");
    ASSERT_TRUE(guide) << "docs/user-guide.md";
    const std::string text((std::istreambuf_iterator<char>(guide)), std::istreambuf_iterator<char>());
    for (const ParameterRange& row : run_parameter_table()) {
        std::ostringstream line;
        line << "| `--" << row.option << "` | " << row.min << " to " << row.max;
        EXPECT_NE(text.find(line.str()), std::string::npos) << "the user guide's range table lacks: " << line.str();
    }
}
