// The reasoning text: a short canonical description of a scene ("two red circles along the top, one blue square
// at the bottom right") that the embedded model learns to write before drawing, parsed and rendered back here.
#pragma once
#include <random>
#include <string>
#include <vector>

#include "core/world/scene.h"

namespace milr::world {

// Scenes of the description language sit on a 3 x 3 grid of cells: row 0 is the top, column 0 the left.
struct GridLayout {
    float min_size = 0.17f;  // 22 px at 128 px
    float max_size = 0.26f;  // 33 px at 128 px: neighbours in adjacent cells stay apart
    float jitter = 0.015f;   // how far a centre may stray from its cell's centre
};

int cell_column(const SceneObject& object);  // 0..2 from the object's centre
int cell_row(const SceneObject& object);

// Where an item of a description stands: one cell (a single object), or a row or column of cells (a group).
struct Place {
    enum class Kind { cell, row, column };
    Kind kind = Kind::cell;
    int row = 0;                 // for cell and row
    int column = 0;              // for cell and column
    std::string phrase() const;  // "at the top left", "along the top", "down the right", ...
    bool operator==(const Place& other) const;
};

// One item of a description: count objects of one colour and shape, standing in place.
struct DescriptionItem {
    int count = 1;
    Colour colour = Colour::red;
    Shape shape = Shape::circle;
    Place place;
    std::string text() const;  // "two red circles along the top"
};

// Canonical, deterministic description of any scene: objects grouped by colour and shape, each group as one item
// when it fits one cell, row or column (else split into as few rows or columns as possible, rows on a tie),
// items in reading order of their places (a row at its left end, a column at its top end).
std::vector<DescriptionItem> describe_items(const Scene& scene);
std::string describe_scene(const Scene& scene);

// Parses a description; throws milr::Error naming the item and the words that do not fit the grammar.
std::vector<DescriptionItem> parse_description(const std::string& text);
bool is_well_formed_description(const std::string& text);

// A random scene that matches a description: objects at the centres of distinct cells of their places (with a
// small jitter and random sizes). Throws milr::Error when the description asks for more cells than it has.
Scene scene_from_description(const std::vector<DescriptionItem>& items, std::mt19937_64& rng,
                             const GridLayout& layout = {});

// Puts an object at a cell centre with the layout's jitter and a random size.
SceneObject object_in_cell(Shape shape, Colour colour, int row, int column, std::mt19937_64& rng,
                           const GridLayout& layout = {});

}  // namespace milr::world
