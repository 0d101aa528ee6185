// GenEval's summary of judged images: totals, per-tag accuracy and the overall score (mean over tags).
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace milr::world {

// One judged image as the summary sees it.
struct JudgedImage {
    std::string tag;
    std::string metadata_key;  // the metadata's JSON text: GenEval groups images by it to count prompts
    bool correct = false;
};

struct TagScore {
    std::string tag;
    int correct = 0;
    int total = 0;
    double accuracy() const { return total ? double(correct) / total : 0.0; }
};

struct Summary {
    int images = 0;
    int prompts = 0;
    double correct_images = 0.0;           // fraction
    double correct_prompts = 0.0;          // fraction of prompts with at least one correct image
    std::vector<TagScore> tags;            // in order of first appearance, as GenEval's summary_scores.py
    double overall = 0.0;                  // mean over tags of the tag accuracy
    std::vector<std::string> unsupported;  // lines the shapes judge could not judge, each with its terms by name

    // The text GenEval's summary_scores.py prints, plus a section listing unsupported lines when there are any.
    std::string to_text() const;
    nlohmann::ordered_json to_json() const;
};

// Unsupported lines are listed, never counted (neither correct nor in any denominator).
Summary summarise(const std::vector<JudgedImage>& images, const std::vector<std::string>& unsupported = {});

}  // namespace milr::world
