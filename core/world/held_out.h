// The held-out sets of GenEval-Shapes and the rule that keeps them out of training.
//
// Rule (also in resources/geneval-shapes/README.md):
//  1. Compositional split: the colour-shape pairs yellow triangle, purple cross and green square, and the shape
//     pairs {circle, triangle} and {square, cross} in position prompts, are never trained on. No training prompt
//     names a held-out colour-shape pair and no training scene shows one (in any tag); no position prompt relating
//     a held-out shape pair (either order, any relation) is trained on. The split's prompts are the color_attr
//     prompts naming at least one held-out colour-shape pair and the position prompts of the held-out shape pairs.
//  2. Evaluation set: color_attr has hundreds of prompts, so a fixed share of them is reserved by hashing the
//     prompt string (FNV-1a 64 of the prompt, modulo 10, below 3) and never trained on. The other tags have
//     4 to 48 prompts, all of which training needs: their evaluation lines are fresh samples of the tag's
//     prompts (each repeated), so for them "held out" means unseen images and draws, not unseen prompts.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/world/metadata.h"
#include "core/world/scene.h"

namespace milr::world {

bool is_held_out_colour_shape(Colour colour, Shape shape);
bool is_held_out_shape_pair(Shape a, Shape b);  // unordered

uint64_t prompt_hash(const std::string& prompt);     // FNV-1a 64
bool is_reserved_prompt(const Metadata& metadata);   // rule 2: a color_attr prompt kept for evaluation
bool is_compositional(const Metadata& metadata);     // rule 1: a prompt of the compositional split
bool names_held_out_pair(const Metadata& metadata);  // any clause naming a held-out colour-shape pair

// True when training may use this prompt (not reserved, not compositional, no held-out pair named).
bool allowed_in_training(const Metadata& metadata);
// True when training may use this example: its prompt is allowed and its scene shows no held-out pair.
bool allowed_in_training(const Metadata& metadata, const Scene& scene);

// The evaluation set: 60 to 100 lines per tag, GenEval's tag order, seeded order within each tag.
std::vector<Metadata> evaluation_set(uint64_t seed = 2026);
// The compositional split: 80 color_attr and 80 position lines, seeded.
std::vector<Metadata> compositional_set(uint64_t seed = 2026);

// The committed files (relative to the source root) that hold these sets.
constexpr const char* kEvaluationSetPath = "resources/geneval-shapes/evaluation_metadata.jsonl";
constexpr const char* kCompositionalSetPath = "resources/geneval-shapes/compositional_metadata.jsonl";

}  // namespace milr::world
