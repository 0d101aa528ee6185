// Draws a GenEval-Shapes scene with OpenCV: flat colours, no anti-aliasing, plain neutral background.
#pragma once
#include "core/util/image.h"
#include "core/world/scene.h"

namespace milr::world {

// Renders the scene on a square canvas of image_size x image_size pixels (128 gives an 8 x 8 token grid at 16x).
milr::RgbImage render_scene(const Scene& scene, int image_size = 128);

}  // namespace milr::world
