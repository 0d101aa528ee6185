// Parses a prompt typed in the world's phrasing ("a photo of two red circles left of a blue square", "three
// crosses", "a red circle and a blue square") into GenEval metadata, so a typed prompt can be judged.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/world/metadata.h"

namespace milr::world {

struct PromptParse {
    std::optional<Metadata> metadata;        // set when the prompt was understood
    std::vector<std::string> unknown_words;  // words outside the world's vocabulary, in order of appearance
    // For each unknown word that is one or two letters from a known one (a typo): that word ("gren" -> "green").
    std::vector<std::pair<std::string, std::string>> suggestions;
    std::string message;  // why it was not understood (names the words), empty on success
    bool ok() const { return metadata.has_value(); }
};

// Accepts an optional lead ("a photo of", "an image of", "a picture of", "a drawing of"), objects as
// [a|an|one..four|1..4] [colour] shape(s), joined by "and" or commas, or two objects joined by one relation
// ("left of", "to the left of", "on the left of", "right of", ..., "above", "over", "on top of", "below",
// "under", "beneath"). Tags follow GenEval: one object -> single_object, colors (coloured) or counting (two or
// more, with the exclusion of one more); objects joined by a relation -> position; several objects ->
// color_attr when all are coloured, else two_object. A count of two or more excludes one more of that shape.
PromptParse parse_prompt(const std::string& prompt);

// Every word the parser understands (quantities, colours, shapes in both numbers, connectors, relation words,
// lead nouns), sorted.
std::vector<std::string> prompt_vocabulary();

}  // namespace milr::world
