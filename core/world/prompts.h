// GenEval-Shapes prompts: every prompt of each GenEval tag in GenEval's phrasing and metadata, training examples
// (prompt, metadata, a scene that satisfies it, its description) and the text corpus for the tokenizer.
#pragma once
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "core/world/description.h"
#include "core/world/metadata.h"
#include "core/world/scene.h"

namespace milr::world {

// "a" or "an" for the word that follows.
std::string article(const std::string& word);
// "two", "three", "four" for 2..4 (GenEval's counting numbers); digits beyond.
std::string number_word(int n);

// Builders in GenEval's phrasing ("a photo of ...") and schema.
Metadata single_object_prompt(Shape shape);
Metadata two_object_prompt(Shape a, Shape b);
Metadata counting_prompt(Shape shape, int count);  // include count, exclude count + 1
Metadata colors_prompt(Shape shape, Colour colour);
Metadata position_prompt(Shape a, const std::string& relation, Shape b);  // "a photo of a <a> <relation> a <b>"
Metadata color_attr_prompt(Shape a, Colour colour_a, Shape b, Colour colour_b);

// Every prompt of a tag in a fixed order (two_object, position and color_attr use two different shapes;
// color_attr two different colours; counting 2 to 4). Throws milr::Error for an unknown tag.
std::vector<Metadata> all_prompts(const std::string& tag);

// A training example: the prompt's metadata, a grid scene that satisfies it, and the scene's description.
struct Example {
    Metadata metadata;
    Scene scene;
    std::string description;
};

// A scene on the description grid that satisfies the metadata (objects the prompt asks for, colours at random
// where it names none, positions that hold under GenEval's rule); `avoid` rejects colour-shape pairs for the
// objects whose colour is free. Throws milr::Error for metadata the world cannot draw.
Scene scene_for_metadata(const Metadata& metadata, std::mt19937_64& rng, const GridLayout& layout = {},
                         bool (*avoid)(Colour, Shape) = nullptr);

// An example of the tag for training: its prompt is drawn uniformly among the tag's prompts that the held-out
// sets leave to training (see held_out.h), and its scene never shows a held-out colour-shape pair.
Example sample_training_example(const std::string& tag, std::mt19937_64& rng, const GridLayout& layout = {});

// Lines for the tokenizer trainer: every prompt of every tag, every description item, and the descriptions of
// `descriptions` training examples drawn from `seed` (tags in turn).
std::vector<std::string> world_corpus(uint64_t seed = 1, int descriptions = 6000);

}  // namespace milr::world
