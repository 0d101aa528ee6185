// GenEval-Shapes scenes: the world's shapes and colours, a scene of 1 to 4 objects, and a seeded scene sampler.
#pragma once
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace milr::world {

// Shapes a contour tells apart (circle and square by extent, triangle by extent, cross by solidity).
enum class Shape { circle, square, triangle, cross };

// Colours from GenEval's list, each with a fixed RGB chosen to stay apart after a lossy VQ round trip.
enum class Colour { red, yellow, green, blue, purple, black };

struct Rgb {
    uint8_t r = 0, g = 0, b = 0;
};

const std::vector<Shape>& all_shapes();
const std::vector<Colour>& all_colours();

std::string shape_name(Shape shape);                            // "circle"
std::string shape_plural(Shape shape);                          // "circles"
std::string colour_name(Colour colour);                         // "red"
std::optional<Shape> shape_from_name(const std::string& name);  // singular class name as in metadata
std::optional<Colour> colour_from_name(const std::string& name);

Rgb colour_rgb(Colour colour);
Rgb background_rgb();  // plain neutral light grey

// One object; positions and sizes are fractions of the (square) canvas so a scene renders at any size.
struct SceneObject {
    Shape shape = Shape::circle;
    Colour colour = Colour::red;
    float cx = 0.5f;     // centre of the bounding box, 0 = left edge, 1 = right edge
    float cy = 0.5f;     // centre of the bounding box, 0 = top edge, 1 = bottom edge
    float size = 0.25f;  // side of the (square) bounding box

    float left() const { return cx - size / 2; }
    float right() const { return cx + size / 2; }
    float top() const { return cy - size / 2; }
    float bottom() const { return cy + size / 2; }
};

struct Scene {
    std::vector<SceneObject> objects;
};

struct SceneOptions {
    int min_objects = 1;
    int max_objects = 4;
    float min_size = 0.17f;  // 22 px at 128 px
    float max_size = 0.30f;  // 38 px at 128 px
    float margin = 0.04f;    // free border between any object and the canvas edge
    float gap = 0.04f;       // free space between the bounding boxes of two objects
};

// True when the object stays inside the margins and keeps `gap` from every object of the scene.
bool fits(const Scene& scene, const SceneObject& object, const SceneOptions& options);

// Draws a size and a position for `object` (shape and colour kept) until it fits; false after
// `attempts` failures. `region` restricts the centre to [x0, x1] x [y0, y1] (fractions of the canvas).
struct Region {
    float x0 = 0.f, x1 = 1.f, y0 = 0.f, y1 = 1.f;
};
bool place_object(Scene& scene, SceneObject object, std::mt19937_64& rng, const SceneOptions& options,
                  const Region& region = {}, int attempts = 200);

// A random scene of min_objects..max_objects objects of random shape and colour, without overlap.
Scene sample_scene(std::mt19937_64& rng, const SceneOptions& options = {});

}  // namespace milr::world
