// GenEval-Shapes scenes: names and RGB of the world's shapes and colours, placement without overlap, the sampler.
#include "core/world/scene.h"

#include <algorithm>

#include "core/util/error.h"

namespace milr::world {

const std::vector<Shape>& all_shapes() {
    static const std::vector<Shape> shapes{Shape::circle, Shape::square, Shape::triangle, Shape::cross};
    return shapes;
}

const std::vector<Colour>& all_colours() {
    static const std::vector<Colour> colours{Colour::red,  Colour::yellow, Colour::green,
                                             Colour::blue, Colour::purple, Colour::black};
    return colours;
}

std::string shape_name(Shape shape) {
    switch (shape) {
        case Shape::circle:
            return "circle";
        case Shape::square:
            return "square";
        case Shape::triangle:
            return "triangle";
        case Shape::cross:
            return "cross";
    }
    return "unknown shape";
}

std::string shape_plural(Shape shape) { return shape == Shape::cross ? "crosses" : shape_name(shape) + "s"; }

std::string colour_name(Colour colour) {
    switch (colour) {
        case Colour::red:
            return "red";
        case Colour::yellow:
            return "yellow";
        case Colour::green:
            return "green";
        case Colour::blue:
            return "blue";
        case Colour::purple:
            return "purple";
        case Colour::black:
            return "black";
    }
    return "unknown colour";
}

std::optional<Shape> shape_from_name(const std::string& name) {
    for (Shape shape : all_shapes())
        if (shape_name(shape) == name) return shape;
    return std::nullopt;
}

std::optional<Colour> colour_from_name(const std::string& name) {
    for (Colour colour : all_colours())
        if (colour_name(colour) == name) return colour;
    return std::nullopt;
}

Rgb colour_rgb(Colour colour) {
    // Pairwise RGB distances are at least ~130 (blue/purple), and every colour is far from the background.
    switch (colour) {
        case Colour::red:
            return {215, 35, 35};
        case Colour::yellow:
            return {240, 200, 20};
        case Colour::green:
            return {40, 160, 60};
        case Colour::blue:
            return {35, 75, 215};
        case Colour::purple:
            return {150, 40, 165};
        case Colour::black:
            return {30, 30, 30};
    }
    return {0, 0, 0};
}

Rgb background_rgb() { return {215, 215, 215}; }

bool fits(const Scene& scene, const SceneObject& object, const SceneOptions& options) {
    const float lo = options.margin, hi = 1.f - options.margin;
    if (object.left() < lo || object.top() < lo || object.right() > hi || object.bottom() > hi) return false;
    for (const SceneObject& other : scene.objects) {
        const bool apart_x =
            object.right() + options.gap <= other.left() || other.right() + options.gap <= object.left();
        const bool apart_y =
            object.bottom() + options.gap <= other.top() || other.bottom() + options.gap <= object.top();
        if (!apart_x && !apart_y) return false;
    }
    return true;
}

bool place_object(Scene& scene, SceneObject object, std::mt19937_64& rng, const SceneOptions& options,
                  const Region& region, int attempts) {
    std::uniform_real_distribution<float> unit(0.f, 1.f);
    for (int i = 0; i < attempts; ++i) {
        object.size = options.min_size + (options.max_size - options.min_size) * unit(rng);
        const float half = object.size / 2;
        const float x0 = std::max(region.x0, options.margin + half),
                    x1 = std::min(region.x1, 1.f - options.margin - half);
        const float y0 = std::max(region.y0, options.margin + half),
                    y1 = std::min(region.y1, 1.f - options.margin - half);
        if (x0 > x1 || y0 > y1) continue;
        object.cx = x0 + (x1 - x0) * unit(rng);
        object.cy = y0 + (y1 - y0) * unit(rng);
        if (fits(scene, object, options)) {
            scene.objects.push_back(object);
            return true;
        }
    }
    return false;
}

Scene sample_scene(std::mt19937_64& rng, const SceneOptions& options) {
    std::uniform_int_distribution<int> count_dist(options.min_objects, options.max_objects);
    std::uniform_int_distribution<size_t> shape_dist(0, all_shapes().size() - 1);
    std::uniform_int_distribution<size_t> colour_dist(0, all_colours().size() - 1);
    const int wanted = count_dist(rng);
    for (int restart = 0; restart < 1000; ++restart) {  // restart when a crowded draw leaves no room
        Scene scene;
        bool ok = true;
        for (int i = 0; i < wanted && ok; ++i) {
            SceneObject object;
            object.shape = all_shapes()[shape_dist(rng)];
            object.colour = all_colours()[colour_dist(rng)];
            ok = place_object(scene, object, rng, options);
        }
        if (ok) return scene;
    }
    throw Error("sample_scene: " + std::to_string(wanted) + " objects of size " + std::to_string(options.min_size) +
                ".." + std::to_string(options.max_size) + " do not fit on the canvas with the given margin and gap");
}

}  // namespace milr::world
