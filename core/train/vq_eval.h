// Measures a codec on the world: render scenes, encode and decode them, and read them back with the detector.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/model/vq.h"
#include "core/util/cancel.h"
#include "core/util/image.h"
#include "core/world/scene.h"

namespace milr {

struct VQRoundTripReport {
    int64_t scenes = 0;
    int64_t read_back = 0;              // scenes the detector reads back exactly from the decoded image
    int64_t read_back_original = 0;     // ... from the original rendering (the detector's own ceiling)
    double psnr_db = 0;                 // mean per-image PSNR of the 8-bit decoded image against the rendering
    int64_t codes_used = 0;             // distinct codes over all scenes
    double seconds = 0;                 // encode + decode + detection
    std::vector<std::string> failures;  // the first few reasons, e.g. "scene 12: red circle not found"

    double read_back_fraction() const { return scenes ? double(read_back) / double(scenes) : 0.0; }
};

// True when the detector finds exactly the scene's objects: same count, and each object matched one to one
// by shape, colour and a box centre within half its size. `reason` (if given) says what was wrong.
bool scene_read_back(const world::Scene& scene, const RgbImage& image, std::string* reason = nullptr);

// Renders `scenes` random scenes from `seed` at the codec's image size and measures the round trip.
VQRoundTripReport evaluate_vq_round_trip(VQModel& model, int64_t scenes, uint64_t seed, int64_t batch_size = 50,
                                         const ProgressCallback& progress = {});

}  // namespace milr
