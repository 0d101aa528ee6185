// Folder evaluation on a small generated folder in GenEval's layout: results.jsonl fields, the summary,
// unsupported or broken folders reported by name without counting them, a folder without prompt folders refused,
// and a failed write (a full disk) that leaves the previous results as they were.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/resource.h>

#include <filesystem>
#include <fstream>

#include "core/util/error.h"
#include "core/world/folder_eval.h"
#include "core/world/prompts.h"
#include "core/world/renderer.h"

using namespace milr::world;
namespace fs = std::filesystem;

namespace {

std::vector<nlohmann::json> read_lines(const std::string& path) {
    std::ifstream in(path);
    std::vector<nlohmann::json> lines;
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) lines.push_back(nlohmann::json::parse(line));
    return lines;
}

std::string read_text(const std::string& path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST(FolderEval, JudgesGenEvalLayoutAndWritesResultsAndSummary) {
    const fs::path dir = fs::temp_directory_path() / "milr_world_folder_eval";
    fs::remove_all(dir);
    std::mt19937_64 rng(8);
    int index = 0;
    std::vector<Metadata> written;
    for (const std::string& tag : geneval_tags()) {
        const Example e = sample_training_example(tag, rng);
        written.push_back(e.metadata);
        // Sample 0 draws the prompt, sample 1 is an empty canvas: every tag scores one of two.
        write_sample_folder(dir.string(), index++, e.metadata, {render_scene(e.scene), render_scene(Scene{})});
    }
    // GenEval's own metadata (a COCO class): unsupported, listed by name, not counted.
    Metadata dog{"single_object", {Clause{"dog", 1, std::nullopt, std::nullopt}}, {}, "a photo of a dog"};
    write_sample_folder(dir.string(), index++, dog, {render_scene(Scene{})});
    // A broken metadata file, a folder that is not a prompt, and files GenEval ignores.
    fs::create_directories(dir / "00099" / "samples");
    std::ofstream(dir / "00099" / "metadata.jsonl") << "{\"tag\": ";
    fs::create_directories(dir / "notes");
    std::ofstream(dir / "00000" / "samples" / "readme.txt") << "not an image";

    int progress_calls = 0;
    FolderEvaluationOptions options;
    options.progress = [&](int done, int total) {
        ++progress_calls;
        EXPECT_LE(done, total);
    };
    const FolderEvaluation eval = evaluate_folder(dir.string(), options);
    EXPECT_EQ(eval.images_judged, 12);
    EXPECT_EQ(progress_calls, 12);
    ASSERT_EQ(eval.errors.size(), 1u);
    EXPECT_NE(eval.errors[0].find("00099"), std::string::npos) << eval.errors[0];

    const auto lines = read_lines(eval.results_path);
    ASSERT_EQ(lines.size(), 12u);
    for (const auto& line : lines) {
        for (const char* field :
             {"filename", "tag", "prompt", "correct", "reason", "metadata", "details", "score", "checks"})
            EXPECT_TRUE(line.contains(field)) << field;
        const auto metadata = nlohmann::json::parse(line["metadata"].get<std::string>());
        EXPECT_EQ(metadata["prompt"], line["prompt"]);
        EXPECT_TRUE(nlohmann::json::parse(line["details"].get<std::string>()).is_object());
        const bool empty_canvas = line["filename"].get<std::string>().find("0001.png") != std::string::npos;
        EXPECT_EQ(line["correct"].get<bool>(), !empty_canvas) << line.dump();
        EXPECT_EQ(line["reason"].get<std::string>().empty(), !empty_canvas);
        EXPECT_EQ(line["score"].get<double>() == 1.0, !empty_canvas);
    }
    EXPECT_EQ(lines[0]["prompt"], written[0].prompt);
    EXPECT_EQ(lines[0]["metadata"], metadata_to_line(written[0]));  // GenEval's json.dumps of the folder's metadata

    const Summary& s = eval.summary;
    EXPECT_EQ(s.images, 12);
    EXPECT_EQ(s.prompts, 6);
    ASSERT_EQ(s.tags.size(), 6u);
    for (const TagScore& t : s.tags) EXPECT_EQ(t.total, 2) << t.tag;
    EXPECT_DOUBLE_EQ(s.overall, 0.5);
    ASSERT_EQ(s.unsupported.size(), 1u);
    EXPECT_NE(s.unsupported[0].find("class 'dog'"), std::string::npos) << s.unsupported[0];
    const std::string text = read_text(eval.summary_path);
    EXPECT_NE(text.find("Overall score (avg. over tasks): 0.50000"), std::string::npos) << text;
    EXPECT_NE(text.find("class 'dog'"), std::string::npos) << text;
    EXPECT_EQ(nlohmann::json::parse(read_text(eval.summary_json_path))["overall"], 0.5);
    fs::remove_all(dir);
}

TEST(FolderEval, MissingFolderIsAnErrorNamingIt) {
    try {
        evaluate_folder("/nonexistent/geneval-out");
        FAIL();
    } catch (const milr::Error& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/geneval-out"), std::string::npos);
    }
}

TEST(FolderEval, AFolderWithoutPromptFoldersIsAnErrorSayingWhatWasExpected) {
    const fs::path dir = fs::temp_directory_path() / "milr_world_folder_eval_empty";
    fs::remove_all(dir);
    fs::create_directories(dir / "notes");
    std::ofstream(dir / "0000.png") << "an image where a prompt folder belongs";
    try {
        evaluate_folder(dir.string());
        FAIL() << "a folder without NNNNN prompt folders must be refused, not scored 0";
    } catch (const milr::Error& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find(dir.string() + " holds no prompt folders"), std::string::npos) << message;
        EXPECT_NE(message.find("NNNNN/samples/NNNN.png"), std::string::npos) << message;
    }
    EXPECT_FALSE(fs::exists(dir / "results.jsonl"));
    fs::remove_all(dir);
}

// The file-size limit stands in for a full disk: results.jsonl outgrows it on the second evaluation.
TEST(FolderEval, AFailedWriteKeepsThePreviousResults) {
    const fs::path dir = fs::temp_directory_path() / "milr_world_folder_eval_full";
    fs::remove_all(dir);
    std::mt19937_64 rng(9);
    write_sample_folder(dir.string(), 0, sample_training_example("colors", rng).metadata, {render_scene(Scene{})});
    const FolderEvaluation first = evaluate_folder(dir.string());
    const std::string results = read_text(first.results_path), summary = read_text(first.summary_json_path);
    ASSERT_FALSE(results.empty());
    for (int i = 1; i < 40; ++i)
        write_sample_folder(dir.string(), i, sample_training_example("colors", rng).metadata, {render_scene(Scene{})});
    rlimit previous{};
    ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &previous), 0);
    auto* previous_handler = ::signal(SIGXFSZ, SIG_IGN);
    rlimit small = previous;
    small.rlim_cur = results.size() * 4;
    ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
    std::string message;
    try {
        evaluate_folder(dir.string());
    } catch (const milr::Error& e) {
        message = e.what();
    }
    ::setrlimit(RLIMIT_FSIZE, &previous);
    ::signal(SIGXFSZ, previous_handler);
    EXPECT_NE(message.find("results.jsonl"), std::string::npos)
        << "the failed write is an error naming the file: " << message;
    EXPECT_EQ(read_text(first.results_path), results) << "the previous results.jsonl is intact";
    EXPECT_EQ(read_text(first.summary_json_path), summary) << "and so is its summary";
    fs::remove_all(dir);
}
