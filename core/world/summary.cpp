// GenEval's summary of judged images, computed and printed as evaluation/summary_scores.py does.
#include "core/world/summary.h"

#include <algorithm>
#include <cstdio>
#include <map>

namespace milr::world {

Summary summarise(const std::vector<JudgedImage>& images, const std::vector<std::string>& unsupported) {
    Summary summary;
    summary.images = int(images.size());
    summary.unsupported = unsupported;
    std::map<std::string, bool> prompt_correct;
    int correct = 0;
    for (const JudgedImage& image : images) {
        correct += image.correct;
        bool& any = prompt_correct[image.metadata_key];
        any = any || image.correct;
        auto it = std::find_if(summary.tags.begin(), summary.tags.end(),
                               [&](const TagScore& t) { return t.tag == image.tag; });
        if (it == summary.tags.end()) it = summary.tags.insert(summary.tags.end(), TagScore{image.tag, 0, 0});
        it->correct += image.correct;
        ++it->total;
    }
    summary.prompts = int(prompt_correct.size());
    summary.correct_images = images.empty() ? 0.0 : double(correct) / images.size();
    int prompts_ok = 0;
    for (const auto& [key, ok] : prompt_correct) prompts_ok += ok;
    summary.correct_prompts = prompt_correct.empty() ? 0.0 : double(prompts_ok) / prompt_correct.size();
    double sum = 0;
    for (const TagScore& t : summary.tags) sum += t.accuracy();
    summary.overall = summary.tags.empty() ? 0.0 : sum / summary.tags.size();
    return summary;
}

std::string Summary::to_text() const {
    std::string text;
    char line[256];
    text += "Summary\n=======\n";
    text += "Total images: " + std::to_string(images) + "\n";
    text += "Total prompts: " + std::to_string(prompts) + "\n";
    std::snprintf(line, sizeof line, "%% correct images: %.2f%%\n%% correct prompts: %.2f%%\n\n", 100 * correct_images,
                  100 * correct_prompts);
    text += line;
    text += "Task breakdown\n==============\n";
    for (const TagScore& t : tags) {
        std::snprintf(line, sizeof line, "%-16s = %.2f%% (%d / %d)\n", t.tag.c_str(), 100 * t.accuracy(), t.correct,
                      t.total);
        text += line;
    }
    std::snprintf(line, sizeof line, "\nOverall score (avg. over tasks): %.5f\n", overall);
    text += line;
    if (!unsupported.empty()) {
        text += "\nUnsupported by the shapes judge (not counted): " + std::to_string(unsupported.size()) + "\n";
        for (const std::string& u : unsupported) text += "  " + u + "\n";
    }
    return text;
}

nlohmann::ordered_json Summary::to_json() const {
    nlohmann::ordered_json json;
    json["total_images"] = images;
    json["total_prompts"] = prompts;
    json["correct_images"] = correct_images;
    json["correct_prompts"] = correct_prompts;
    json["tags"] = nlohmann::ordered_json::object();
    for (const TagScore& t : tags)
        json["tags"][t.tag] = {{"accuracy", t.accuracy()}, {"correct", t.correct}, {"total", t.total}};
    json["overall"] = overall;
    json["unsupported"] = unsupported;
    return json;
}

}  // namespace milr::world
