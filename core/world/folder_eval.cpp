// Folder evaluation in GenEval's layout: reads metadata and samples, judges, writes results.jsonl and the summary.
#include "core/world/folder_eval.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "core/io/atomic_file.h"
#include "core/util/error.h"
#include "core/world/image_file.h"
#include "core/world/judge.h"

namespace milr::world {
namespace fs = std::filesystem;
namespace {

bool all_digits(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

// GenEval keeps images whose name matches r"\d+\.png" (leading digits, then ".png").
bool is_sample_name(const std::string& name) {
    const size_t digits =
        std::find_if(name.begin(), name.end(), [](unsigned char c) { return !std::isdigit(c); }) - name.begin();
    return digits > 0 && name.compare(digits, 4, ".png") == 0;
}

std::vector<fs::path> sorted_entries(const fs::path& dir) {
    std::vector<fs::path> entries;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) entries.push_back(entry.path());
    std::sort(entries.begin(), entries.end());
    return entries;
}

struct PromptFolder {
    fs::path path;
    nlohmann::ordered_json metadata_json;
    Metadata metadata;
    std::vector<fs::path> samples;
};

}  // namespace

FolderEvaluation evaluate_folder(const std::string& dir, const FolderEvaluationOptions& options) {
    if (!fs::is_directory(dir)) throw Error("judge: " + dir + " is not a folder");
    FolderEvaluation result;
    result.results_path =
        options.results_path.empty() ? (fs::path(dir) / "results.jsonl").string() : options.results_path;
    const fs::path out_dir = fs::path(result.results_path).parent_path();
    result.summary_path = (out_dir / "summary.txt").string();
    result.summary_json_path = (out_dir / "summary.json").string();

    std::vector<PromptFolder> folders;
    std::vector<std::string> unsupported;
    int total_images = 0, prompt_folders = 0;
    for (const fs::path& sub : sorted_entries(dir)) {
        if (!fs::is_directory(sub) || !all_digits(sub.filename().string())) continue;
        ++prompt_folders;
        const fs::path metadata_path = sub / "metadata.jsonl";
        PromptFolder folder;
        folder.path = sub;
        try {
            std::ifstream in(metadata_path);
            if (!in) throw Error(metadata_path.string() + ": missing or unreadable");
            std::string line, text;
            while (text.find_first_not_of(" \t\r\n") == std::string::npos && std::getline(in, line)) text = line;
            try {
                folder.metadata_json = nlohmann::ordered_json::parse(text);
            } catch (const nlohmann::json::exception& e) {
                throw Error(metadata_path.string() + ": not valid JSON (" + e.what() + ")");
            }
            folder.metadata = metadata_from_json(nlohmann::json::parse(text), metadata_path.string());
        } catch (const Error& e) {
            result.errors.push_back(e.what());
            continue;
        }
        if (const auto terms = unsupported_terms(folder.metadata); !terms.empty()) {
            std::string names;
            for (const std::string& t : terms) names += (names.empty() ? "" : ", ") + t;
            unsupported.push_back(sub.filename().string() + " ('" + folder.metadata.prompt + "'): " + names);
            continue;
        }
        if (fs::is_directory(sub / "samples"))
            for (const fs::path& image : sorted_entries(sub / "samples"))
                if (fs::is_regular_file(image) && is_sample_name(image.filename().string()))
                    folder.samples.push_back(image);
        if (folder.samples.empty()) result.errors.push_back((sub / "samples").string() + ": no NNNN.png samples");
        total_images += int(folder.samples.size());
        folders.push_back(std::move(folder));
    }

    if (prompt_folders == 0)
        throw Error("judge: " + dir + " holds no prompt folders: expected GenEval's layout, " + dir +
                    "/NNNNN/metadata.jsonl with the images in " + dir + "/NNNNN/samples/NNNN.png");
    if (!out_dir.empty()) fs::create_directories(out_dir);
    AtomicFileWriter out(result.results_path);
    std::vector<JudgedImage> judged;
    int done = 0;
    for (const PromptFolder& folder : folders) {
        const std::string metadata_text = python_json_dumps(folder.metadata_json);
        for (const fs::path& image_path : folder.samples) {
            milr::RgbImage image;
            try {
                image = read_image(image_path.string());
            } catch (const Error& e) {
                result.errors.push_back(e.what());
                continue;
            }
            const Judgement j = judge_image(folder.metadata, image, options.detector);
            nlohmann::ordered_json line;
            line["filename"] = image_path.string();
            line["tag"] = folder.metadata.tag;
            line["prompt"] = folder.metadata.prompt;
            line["correct"] = j.correct;
            line["reason"] = j.reason();
            line["metadata"] = metadata_text;
            line["details"] = python_json_dumps(j.details());
            line["score"] = j.score;
            line["checks"] = nlohmann::ordered_json::object();
            for (const JudgeCheck& check : j.checks) line["checks"][check.name] = check.value;
            out.write(line.dump() + '\n');
            judged.push_back({folder.metadata.tag, metadata_text, j.correct});
            ++result.images_judged;
            if (options.progress) options.progress(++done, total_images);
        }
    }
    out.commit();

    result.summary = summarise(judged, unsupported);
    nlohmann::ordered_json summary_json = result.summary.to_json();
    summary_json["errors"] = result.errors;
    write_file_atomic(result.summary_path, result.summary.to_text());
    write_file_atomic(result.summary_json_path, summary_json.dump(2) + "\n");
    return result;
}

void write_sample_folder(const std::string& dir, int index, const Metadata& metadata,
                         const std::vector<milr::RgbImage>& samples) {
    char name[16];
    std::snprintf(name, sizeof name, "%05d", index);
    const fs::path folder = fs::path(dir) / name;
    std::error_code ec;
    fs::create_directories(folder / "samples", ec);
    if (ec) throw Error("sample folder " + folder.string() + ": cannot be created (" + ec.message() + ")");
    write_metadata_jsonl((folder / "metadata.jsonl").string(), {metadata});
    for (size_t i = 0; i < samples.size(); ++i) {
        char image_name[16];
        std::snprintf(image_name, sizeof image_name, "%04zu.png", i);
        write_image((folder / "samples" / image_name).string(), samples[i]);
    }
}

}  // namespace milr::world
