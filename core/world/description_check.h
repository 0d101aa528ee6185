// Does an image show what its description says? Every item's objects (colour, shape, number) in the item's
// place on the 3 x 3 grid, and nothing else: how the embedded model's drawing is checked against its reasoning.
#pragma once
#include <string>
#include <vector>

#include "core/util/image.h"
#include "core/world/description.h"
#include "core/world/detector.h"

namespace milr::world {

struct DescriptionCheck {
    bool well_formed = false;  // the text parses in the description grammar
    bool followed = false;     // the image shows exactly the described objects in their places
    std::string reason;        // why not, when either is false
};

// Checks detections (from an image of `image_size` pixels square) against parsed items.
DescriptionCheck check_detections_against_items(const std::vector<DescriptionItem>& items,
                                                const std::vector<DetectedObject>& objects, int image_size);

// Parses `description` and checks the image's detections against it.
DescriptionCheck check_image_against_description(const std::string& description, const milr::RgbImage& image);

}  // namespace milr::world
