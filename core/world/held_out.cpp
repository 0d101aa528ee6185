// The held-out sets of GenEval-Shapes (rule in held_out.h): membership tests and the seeded set generators.
#include "core/world/held_out.h"

#include <algorithm>
#include <random>

#include "core/world/prompts.h"

namespace milr::world {
namespace {

// Repeats the prompts (in order) until `lines` lines, then shuffles with the seed.
std::vector<Metadata> repeated(const std::vector<Metadata>& prompts, int lines, std::mt19937_64& rng) {
    std::vector<Metadata> out;
    for (int i = 0; i < lines && !prompts.empty(); ++i) out.push_back(prompts[i % prompts.size()]);
    std::shuffle(out.begin(), out.end(), rng);
    return out;
}

std::vector<Metadata> sampled(std::vector<Metadata> prompts, size_t lines, std::mt19937_64& rng) {
    std::shuffle(prompts.begin(), prompts.end(), rng);
    if (prompts.size() > lines) prompts.resize(lines);
    return prompts;
}

// Lines per tag that make every prompt of the tag appear equally often, between 60 and 100.
int lines_for(size_t prompts) {
    const int per_prompt = int((80 + prompts - 1) / prompts);
    return int(std::min<size_t>(100, per_prompt * prompts));
}

}  // namespace

bool is_held_out_colour_shape(Colour colour, Shape shape) {
    return (colour == Colour::yellow && shape == Shape::triangle) ||
        (colour == Colour::purple && shape == Shape::cross) || (colour == Colour::green && shape == Shape::square);
}

bool is_held_out_shape_pair(Shape a, Shape b) {
    auto is = [&](Shape x, Shape y) { return (a == x && b == y) || (a == y && b == x); };
    return is(Shape::circle, Shape::triangle) || is(Shape::square, Shape::cross);
}

uint64_t prompt_hash(const std::string& prompt) {
    uint64_t hash = 14695981039346656037ull;
    for (unsigned char c : prompt) hash = (hash ^ c) * 1099511628211ull;
    return hash;
}

bool is_reserved_prompt(const Metadata& metadata) {
    return metadata.tag == "color_attr" && prompt_hash(metadata.prompt) % 10 < 3;
}

bool names_held_out_pair(const Metadata& metadata) {
    for (const Clause& clause : metadata.include) {
        const auto shape = shape_from_name(clause.object_class);
        const auto colour = clause.colour ? colour_from_name(*clause.colour) : std::nullopt;
        if (shape && colour && is_held_out_colour_shape(*colour, *shape)) return true;
    }
    return false;
}

bool is_compositional(const Metadata& metadata) {
    if (metadata.tag == "color_attr") return names_held_out_pair(metadata);
    if (metadata.tag == "position" && metadata.include.size() == 2) {
        const auto a = shape_from_name(metadata.include[0].object_class),
                   b = shape_from_name(metadata.include[1].object_class);
        return a && b && is_held_out_shape_pair(*a, *b);
    }
    return false;
}

bool allowed_in_training(const Metadata& metadata) {
    return !is_reserved_prompt(metadata) && !is_compositional(metadata) && !names_held_out_pair(metadata);
}

bool allowed_in_training(const Metadata& metadata, const Scene& scene) {
    if (!allowed_in_training(metadata)) return false;
    for (const SceneObject& o : scene.objects)
        if (is_held_out_colour_shape(o.colour, o.shape)) return false;
    return true;
}

std::vector<Metadata> evaluation_set(uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::vector<Metadata> set;
    for (const std::string& tag : geneval_tags()) {
        std::vector<Metadata> prompts;
        for (Metadata& m : all_prompts(tag))
            if (!is_compositional(m) && !names_held_out_pair(m) && (tag != "color_attr" || is_reserved_prompt(m)))
                prompts.push_back(std::move(m));
        const std::vector<Metadata> lines =
            tag == "color_attr" ? sampled(prompts, 100, rng) : repeated(prompts, lines_for(prompts.size()), rng);
        set.insert(set.end(), lines.begin(), lines.end());
    }
    return set;
}

std::vector<Metadata> compositional_set(uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::vector<Metadata> colour_pairs, shape_pairs;
    for (Metadata& m : all_prompts("color_attr"))
        if (is_compositional(m)) colour_pairs.push_back(std::move(m));
    for (Metadata& m : all_prompts("position"))
        if (is_compositional(m)) shape_pairs.push_back(std::move(m));
    std::vector<Metadata> set = sampled(colour_pairs, 80, rng);
    const std::vector<Metadata> positions = repeated(shape_pairs, 80, rng);
    set.insert(set.end(), positions.begin(), positions.end());
    return set;
}

}  // namespace milr::world
