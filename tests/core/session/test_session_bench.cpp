// Trajectory folders, the reward factory, and the benchmark on a small model folder: all methods, judged
// like `milr judge`, resumed after an interruption (also one inside a prompt), sharded without overlap, a resume
// with other settings refused, one process per output folder, and the prompt file read only as far as needed.
#include <gtest/gtest.h>

#include <sys/resource.h>
#include <unistd.h>

#include <fstream>

#include "../engine/tiny_model.h"
#include "core/milr/engine/milr_engine.h"
#include "core/io/folder_lock.h"
#include "core/model/loader.h"
#include "core/session/bench.h"
#include "core/session/bench_method.h"
#include "core/session/bench_manifest.h"
#include "core/session/run_metadata.h"
#include "core/session/trajectory.h"
#include "core/world/folder_eval.h"
#include "core/world/metadata.h"
#include "session_test_support.h"

using namespace milr;
namespace fs = std::filesystem;

namespace {

using milr::testing::fresh_folder;

// A model folder as users have them: config.json, model.safetensors and a tokenizer.
fs::path tiny_model_folder() {
    static const fs::path folder = [] {
        const fs::path f = fresh_folder("model");
        auto tokenizer = milr::testing::test_tokenizer();
        JanusModel model = milr::testing::tiny_model(tokenizer->vocab_size());
        save_janus_model(model, f);
        for (const char* file : {"tokenizer.json", "tokenizer_config.json"})
            fs::copy_file(fs::path(MILR_TEST_DATA) / "text/deepseek-style" / file, f / file);
        return f;
    }();
    return folder;
}

fs::path six_prompts() {
    const fs::path file = fresh_folder("prompts") / "prompts.jsonl";
    std::vector<world::Metadata> lines;
    const char* texts[] = {
        R"({"tag": "single_object", "include": [{"class": "circle", "count": 1}], "prompt": "a photo of a circle"})",
        R"({"tag": "two_object", "include": [{"class": "circle", "count": 1}, {"class": "square", "count": 1}], "prompt": "a photo of a circle and a square"})",
        R"({"tag": "counting", "include": [{"class": "star", "count": 2}], "exclude": [{"class": "star", "count": 3}], "prompt": "a photo of two stars"})",
        R"({"tag": "colors", "include": [{"class": "square", "count": 1, "color": "blue"}], "prompt": "a photo of a blue square"})",
        R"({"tag": "position", "include": [{"class": "circle", "count": 1}, {"class": "cross", "count": 1, "position": ["left of", 0]}], "prompt": "a photo of a cross left of a circle"})",
        R"({"tag": "color_attr", "include": [{"class": "circle", "count": 1, "color": "red"}, {"class": "square", "count": 1, "color": "blue"}], "prompt": "a photo of a red circle and a blue square"})",
    };
    std::ofstream out(file);
    for (const char* t : texts) out << t << "\n";
    return file;
}

BenchOptions bench_options(const fs::path& out) {
    BenchOptions options;
    options.prompts = six_prompts();
    options.out = out;
    options.run.steps = 1;
    options.run.max_reasoning_tokens = 6;
    options.run.lambda_text = 0.5;
    options.run.lambda_image = 0.25;
    options.run.cfg_weight = 3.0;
    return options;
}

ModelBundle tiny_bundle() { return load_model_bundle(tiny_model_folder()); }

int count_samples(const fs::path& method_folder) {
    int count = 0;
    if (!fs::exists(method_folder)) return 0;
    for (const auto& entry : fs::directory_iterator(method_folder))
        if (fs::exists(entry.path() / "samples" / "0000.png")) ++count;
    return count;
}

}  // namespace

TEST(Bench, RunsEveryMethodAndMatchesTheJudge) {
    ModelBundle bundle = tiny_bundle();
    const fs::path out = fresh_folder("bench");
    const auto results = run_bench(bundle, bench_options(out));
    ASSERT_EQ(results.size(), 5u);
    for (const auto& r : results) {
        SCOPED_TRACE(r.method);
        // "a photo of two stars": the shapes world has no stars, so the judge refuses it for optimising methods.
        EXPECT_EQ(r.ran + static_cast<int>(r.failures.size()), 6);
        const world::FolderEvaluation again = world::evaluate_folder((out / r.method).string());
        EXPECT_DOUBLE_EQ(again.summary.overall, r.evaluation.summary.overall);
        EXPECT_EQ(again.images_judged, r.evaluation.images_judged);
        if (r.method != "base") EXPECT_TRUE(fs::exists(out / r.method / "00000" / "trajectory" / kTrajectoryFile));
        // Each sample carries the parameters of its run: its prompt, its seed and the reward that judged it.
        const RunMetadata sample = read_run_png(out / r.method / "00000" / "samples" / "0000.png");
        EXPECT_EQ(sample.run.milr.prompt,
                  world::read_metadata_jsonl((out / r.method / "00000" / "metadata.jsonl").string())
                      .front()
                      .metadata->prompt);
        EXPECT_EQ(sample.run.milr.seed, bench_options(out).run.seed);
        EXPECT_EQ(sample.reward.empty(), r.method == "base");
    }
}

TEST(Bench, EveryMethodOfTheTableRunsAndItsSamplesNameWhatRanThem) {
    ModelBundle bundle = tiny_bundle();
    const fs::path out = fresh_folder("bench-methods");
    BenchOptions options = bench_options(out);
    options.prompt_limit = 1;
    options.methods.clear();
    for (const BenchMethod& method : bench_methods()) options.methods.push_back(method.name);
    const auto results = run_bench(bundle, options);
    ASSERT_EQ(results.size(), bench_methods().size());
    for (const auto& r : results) {
        SCOPED_TRACE(r.method);
        EXPECT_EQ(r.ran, 1) << (r.failures.empty() ? "" : r.failures.front());
        const MilrOptions sample = read_run_png(out / r.method / "00000" / "samples" / "0000.png").run.milr;
        MilrOptions expected = options.run;
        bench_method(r.method).apply(expected);
        EXPECT_EQ(sample.mode, expected.mode);
        EXPECT_EQ(sample.estimator, expected.estimator);
        EXPECT_EQ(sample.update_direction, expected.update_direction);
        EXPECT_EQ(sample.sample_source, expected.sample_source);
        EXPECT_EQ(sample.learning_rate, expected.learning_rate);
    }
    EXPECT_EQ(read_run_png(out / "lr-0" / "00000" / "samples" / "0000.png").run.milr.learning_rate, 0.0);
    EXPECT_THROW(bench_method("both-magic"), Error);
}

TEST(Bench, ResumesWithoutRedoingFinishedPrompts) {
    ModelBundle bundle = tiny_bundle();
    const fs::path out = fresh_folder("resume");
    BenchOptions options = bench_options(out);
    options.methods = {"both"};
    options.progress = [&](const BenchProgress& p) {
        if (p.done == 3) options.cancel.cancel();  // interrupted while the 4th prompt starts
    };
    EXPECT_THROW(run_bench(bundle, options), Cancelled);
    const int finished = count_samples(out / "both");
    EXPECT_GE(finished, 2);
    EXPECT_LT(finished, 6);
    const auto before = fs::last_write_time(out / "both" / "00000" / "samples" / "0000.png");
    options.cancel = CancelToken();
    options.progress = {};
    const auto results = run_bench(bundle, options);
    EXPECT_EQ(results[0].resumed, finished);
    EXPECT_EQ(fs::last_write_time(out / "both" / "00000" / "samples" / "0000.png"), before)
        << "finished prompts are not redone";
}

TEST(Bench, CancelInsideAPromptStopsItAndAResumeRunsItAgain) {
    ModelBundle bundle = tiny_bundle();
    const fs::path out = fresh_folder("cancel-in-prompt");
    BenchOptions options = bench_options(out);
    options.methods = {"both"};
    options.run.steps = 6;
    options.run.reward_threshold = 1.0;  // never exceeded: the prompt would run all its steps
    int cancelled_at_step = -1, last_step_seen = -1;
    options.progress = [&](const BenchProgress& p) {
        if (p.done != 0) return;
        last_step_seen = std::max(last_step_seen, p.step);
        if (p.step == 2 && cancelled_at_step < 0) {
            cancelled_at_step = p.step;
            options.cancel.cancel();
        }
    };
    EXPECT_THROW(run_bench(bundle, options), Cancelled);
    EXPECT_EQ(cancelled_at_step, 2) << "the bench reports its steps while a prompt runs";
    EXPECT_EQ(last_step_seen, 2) << "no step after the cancel ran";
    EXPECT_FALSE(fs::exists(out / "both" / "00000" / "samples" / "0000.png"))
        << "the interrupted prompt is not finished";
    options.cancel = CancelToken();
    options.progress = {};
    options.prompt_limit = 1;
    const auto results = run_bench(bundle, options);
    EXPECT_EQ(results[0].resumed, 0);
    EXPECT_EQ(results[0].ran, 1) << "a resume runs the interrupted prompt";
}

TEST(Bench, AResumeWithOtherSettingsIsRefused) {
    ModelBundle bundle = tiny_bundle();
    const fs::path out = fresh_folder("other-settings");
    BenchOptions options = bench_options(out);
    options.methods = {"base"};
    options.prompt_limit = 2;
    EXPECT_EQ(run_bench(bundle, options)[0].ran, 2);
    EXPECT_TRUE(fs::exists(out / kBenchManifestFile));
    BenchOptions other = options;
    other.run.steps = 8;
    other.run.seed = 99;
    try {
        run_bench(bundle, other);
        FAIL() << "a resume with other settings must be refused";
    } catch (const Error& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("steps: 1 in the folder, 8 now"), std::string::npos) << message;
        EXPECT_NE(message.find("seed: 42 in the folder, 99 now"), std::string::npos) << message;
        EXPECT_NE(message.find("another --out folder"), std::string::npos) << message;
    }
    EXPECT_EQ(count_samples(out / "base"), 2) << "nothing was run";
    // Another prompt file: line 1 is not the prompt the finished folder 00000 was run for.
    BenchOptions other_prompts = options;
    other_prompts.prompts = fresh_folder("other-prompts") / "prompts.jsonl";
    std::ofstream(other_prompts.prompts)
        << R"({"tag": "single_object", "include": [{"class": "square", "count": 1}], "prompt": "a photo of a square"})"
        << "\n";
    EXPECT_THROW(run_bench(bundle, other_prompts), Error);
    // The same settings resume.
    EXPECT_EQ(run_bench(bundle, options)[0].resumed, 2);
}

TEST(Bench, ASecondProcessOnTheFolderIsRefused) {
    ModelBundle bundle = tiny_bundle();
    const fs::path out = fresh_folder("locked");
    BenchOptions options = bench_options(out);
    options.methods = {"base"};
    options.prompt_limit = 1;
    {
        const FolderLock other(out, "bench.lock", "another bench");  // as a running bench holds it
        try {
            run_bench(bundle, options);
            FAIL() << "a second bench on a folder in use must be refused";
        } catch (const Error& e) {
            EXPECT_NE(std::string(e.what()).find("is in use by another milr bench, pid " + std::to_string(::getpid())),
                      std::string::npos)
                << e.what();
        }
        EXPECT_FALSE(fs::exists(out / "base")) << "the refused bench wrote nothing";
    }
    EXPECT_EQ(run_bench(bundle, options)[0].ran, 1) << "the folder is free once the holder is gone";
}

// The needed prompts come first, then a gigabyte without a newline (a sparse file): the bench must stop reading
// after the prompts it runs, never reading (or holding) the rest.
TEST(Bench, ThePromptFileIsReadOnlyAsFarAsNeeded) {
    ModelBundle bundle = tiny_bundle();
    const fs::path out = fresh_folder("huge-prompts");
    BenchOptions options = bench_options(out);
    const fs::path huge = fresh_folder("huge-prompt-file") / "prompts.jsonl";
    fs::copy_file(options.prompts, huge);
    fs::resize_file(huge, fs::file_size(huge) + (uintmax_t{1} << 30));
    options.prompts = huge;
    options.methods = {"base"};
    options.per_tag_limit = 1;
    options.prompt_limit = 2;
    rusage before{}, after{};
    getrusage(RUSAGE_SELF, &before);
    const auto results = run_bench(bundle, options);
    getrusage(RUSAGE_SELF, &after);
    EXPECT_EQ(results[0].ran, 2);
    EXPECT_LT(after.ru_maxrss - before.ru_maxrss, 256L * 1024)
        << "peak memory grew by " << (after.ru_maxrss - before.ru_maxrss) << " KiB";
    // Without a limit the whole file is read, line by line: the gigabyte-long line is refused by name.
    options.prompt_limit = 0;
    try {
        run_bench(bundle, options);
        FAIL() << "a line over the limit must be refused";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("line 7: longer than the limit"), std::string::npos) << e.what();
    }
}

TEST(Bench, ShardsCoverTheSetOnce) {
    ModelBundle bundle = tiny_bundle();
    const fs::path out = fresh_folder("shards");
    BenchOptions options = bench_options(out);
    options.methods = {"base"};
    options.shard_count = 2;
    for (int shard = 0; shard < 2; ++shard) {
        options.shard_index = shard;
        const auto results = run_bench(bundle, options);
        EXPECT_EQ(results[0].ran, 3);
        EXPECT_EQ(results[0].resumed, 0) << "shards never overlap";
    }
    EXPECT_EQ(count_samples(out / "base"), 6);
    EXPECT_THROW(parse_shard("2/2"), Error);
    EXPECT_THROW(parse_shard("a/b"), Error);
    EXPECT_EQ(parse_shard("1/4"), std::make_pair(1, 4));
}

TEST(Trajectory, RoundTripWithImages) {
    ModelBundle bundle = tiny_bundle();
    MilrEngine engine(bundle.model, bundle.tokenizer);
    milr::testing::MeanRedReward reward;
    MilrOptions options = bench_options(fs::temp_directory_path()).run;
    options.prompt = "a photo of a circle";
    options.steps = 2;
    const MilrRunResult result = engine.run(options, reward);
    ASSERT_TRUE(result.error.empty()) << result.error;
    Trajectory written{options, bundle.name(), reward.name(), result.records, result.returned_index, false, false, ""};
    const fs::path folder = fresh_folder("trajectory");
    write_trajectory(folder, written);
    EXPECT_TRUE(fs::exists(folder / "final.png"));
    const Trajectory read = read_trajectory(folder);
    ASSERT_EQ(read.records.size(), written.records.size());
    EXPECT_EQ(read.returned_index, written.returned_index);
    EXPECT_EQ(to_json(read.options), to_json(written.options));
    for (size_t i = 0; i < read.records.size(); ++i) {
        EXPECT_EQ(to_json(read.records[i]), to_json(written.records[i]));
        EXPECT_EQ(read.records[i].image, written.records[i].image) << "PNG keeps the pixels exactly";
    }
    std::ofstream(folder / kTrajectoryFile) << "{\"format\": \"something else\"}";
    EXPECT_THROW(read_trajectory(folder), Error);
}

TEST(RewardFactory, JudgeFromThePromptOrRefusal) {
    const BuiltReward judge = make_reward(RewardSpec{}, "a photo of two red circles");
    EXPECT_EQ(judge.metadata["tag"], "counting");
    try {
        make_reward(RewardSpec{}, "a photo of a dog on a sofa");
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("dog"), std::string::npos) << e.what();
    }
    RewardSpec external;
    external.kind = RewardKind::external;
    EXPECT_THROW(make_reward(external, "p"), Error) << "an external reward needs a command";
    external.command_line = "python3 'open";
    EXPECT_THROW(make_reward(external, "p"), Error) << "an unclosed quote";
    external.command_line = "python3 judge.py";
    external.timeout_s = 0;
    EXPECT_THROW(make_reward(external, "p"), Error) << "a timeout out of range";
    RewardSpec given;
    given.metadata_given = true;
    given.metadata_json = "{not json";
    EXPECT_THROW(make_reward(given, "a photo of two red circles"), Error) << "given metadata that is not JSON";
    EXPECT_EQ(split_command_line("python3 'my judge.py' --x \"a b\" c\\ d"),
              (std::vector<std::string>{"python3", "my judge.py", "--x", "a b", "c d"}));
    EXPECT_THROW(split_command_line("python3 'open"), Error);
}
