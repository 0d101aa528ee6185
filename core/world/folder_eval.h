// Evaluation of a folder in GenEval's output layout (NNNNN/metadata.jsonl, NNNNN/samples/*.png): results.jsonl
// with GenEval's fields and the summary, as GenEval's evaluate_images.py and summary_scores.py produce them.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "core/util/image.h"
#include "core/world/detector.h"
#include "core/world/metadata.h"
#include "core/world/summary.h"

namespace milr::world {

struct FolderEvaluationOptions {
    std::string results_path;  // default: DIR/results.jsonl; summary.txt and summary.json go beside it
    DetectorOptions detector;
    // Called after each image with (images done, images in all); may throw milr::Cancelled to stop.
    std::function<void(int, int)> progress;
};

struct FolderEvaluation {
    Summary summary;
    int images_judged = 0;
    std::vector<std::string> errors;  // folders or images that could not be read, by path and cause
    std::string results_path;
    std::string summary_path;       // summary.txt
    std::string summary_json_path;  // summary.json
};

// Judges every NNNNN/samples/<digits>.png against NNNNN/metadata.jsonl (folders and images in name order) and
// writes results.jsonl: filename, tag, prompt, correct, reason, metadata, details (GenEval's fields), plus score
// and checks (the dense score and its parts). Folders whose metadata the shapes world cannot judge are listed in
// the summary as unsupported by name and counted nowhere. Throws milr::Error when DIR is not a folder, holds no
// NNNNN prompt folder at all, or the results cannot be written (each file is written atomically: a failed write,
// e.g. on a full disk, leaves the previous file as it was); a broken subfolder or image is an entry of `errors`.
FolderEvaluation evaluate_folder(const std::string& dir, const FolderEvaluationOptions& options = {});

// Writes one prompt's folder in GenEval's layout: DIR/NNNNN/metadata.jsonl and DIR/NNNNN/samples/0000.png, ...
void write_sample_folder(const std::string& dir, int index, const Metadata& metadata,
                         const std::vector<milr::RgbImage>& samples);

}  // namespace milr::world
