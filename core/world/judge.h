// The GenEval-Shapes judge: GenEval's rules (include AND, exclude OR, first `count` objects per class by confidence,
// colour on those, position from box centres) on the shapes detector's output, plus a dense score and reasons.
#pragma once
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/util/image.h"
#include "core/world/detector.h"
#include "core/world/metadata.h"

namespace milr::world {

// GenEval's relative_position: the relations of box a to box b ("left of", "right of", "above", "below"; image y
// grows downwards). Offsets between centres shrink by threshold x (size of a + size of b) per axis; a direction
// holds when its component of the shrunk offset, divided by the length of the original offset, exceeds 0.5.
std::set<std::string> relative_position(const Box& a, const Box& b, double threshold = 0.1);

// One clause check of the dense score: "count: circle >= 2", "colour: red circle", "position: circle left of
// square", "exclude: circle < 3"; value in [0, 1] (fraction of what the check asks for that holds).
struct JudgeCheck {
    std::string name;
    double value = 0.0;
    bool passed() const { return value >= 1.0; }
};

struct Judgement {
    bool supported = true;                 // false: the metadata names terms the shapes world does not know
    std::vector<std::string> unsupported;  // those terms by name ("class 'dog'", "colour 'pink'")
    bool correct = false;                  // GenEval's binary verdict (never true when unsupported)
    double score = 0.0;                    // mean of the checks' values; 1 exactly when correct
    std::vector<JudgeCheck> checks;
    std::vector<std::string> reasons;     // GenEval's wording per failed check, with the detector's notes
    std::vector<DetectedObject> objects;  // what the detector read, highest confidence first

    std::string reason() const;              // reasons joined with newlines, as GenEval's "reason" field
    nlohmann::ordered_json details() const;  // GenEval's "details": class -> [[x0, y0, x1, y1, confidence], ...]
};

Judgement judge_detections(const Metadata& metadata, const std::vector<DetectedObject>& objects);
Judgement judge_image(const Metadata& metadata, const milr::RgbImage& image, const DetectorOptions& options = {});

}  // namespace milr::world
