// The shapes detector: segmentation against the background, shape by contour, colour by nearest palette colour.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/util/image.h"
#include "core/world/scene.h"

namespace milr::world {

// A box in pixels, GenEval's [x0, y0, x1, y1] (x1, y1 one past the last pixel).
struct Box {
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    float width() const { return x1 - x0; }
    float height() const { return y1 - y0; }
    float cx() const { return (x0 + x1) / 2; }
    float cy() const { return (y0 + y1) / 2; }
};

struct DetectedObject {
    std::optional<Shape> shape;      // empty: a blob that reads as none of the world's shapes
    std::optional<Shape> runner_up;  // the second-closest shape
    Colour colour = Colour::red;
    Box box;
    int area = 0;                 // pixels
    float confidence = 0.f;       // in [0, 1]: how clearly the contour reads as `shape` rather than `runner_up`
    float solidity = 0.f;         // area / convex hull area
    float extent = 0.f;           // area / box area
    float colour_distance = 0.f;  // RGB distance of the object's median colour to its palette colour's blend line
    std::string note;             // set when the reading is doubtful, e.g. "a rounded square read as a circle"
};

struct DetectorOptions {
    double foreground_threshold = 60.0;  // RGB distance from the background above which a pixel is an object's
    double min_area_fraction = 0.006;    // smaller blobs (of the image area) are noise, not objects
    float ambiguity_margin = 0.3f;       // confidence below which a shape reading gets a note
    float max_shape_distance = 3.0f;     // farther from every shape prototype (in feature sigmas): not a shape
};

// Reads every object of a GenEval-Shapes image, sorted by confidence (highest first).
std::vector<DetectedObject> detect_objects(const milr::RgbImage& image, const DetectorOptions& options = {});

// Describes an object for reasons: "red circle at (31, 40)" or "purple blob at (80, 12)".
std::string describe_detection(const DetectedObject& object);

}  // namespace milr::world
