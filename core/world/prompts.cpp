// GenEval-Shapes prompts: builders in GenEval's phrasing, enumeration per tag, scenes that satisfy a prompt on
// the description grid, training examples and the tokenizer corpus.
#include "core/world/prompts.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <map>

#include "core/util/error.h"
#include "core/world/held_out.h"

namespace milr::world {
namespace {

Clause make_clause(Shape shape, int count = 1, std::optional<Colour> colour = std::nullopt) {
    Clause clause;
    clause.object_class = shape_name(shape);
    clause.count = count;
    if (colour) clause.colour = colour_name(*colour);
    return clause;
}

std::string a(const std::string& phrase) { return article(phrase) + " " + phrase; }

struct Cell {
    int row, column;
};

// Whether objects at the centres of these cells (within the grid layout's sizes and jitter) stand in `relation`
// under GenEval's rule: same row (or column) in the right order, or two apart with one row (column) of slant.
bool cells_satisfy(const std::string& relation, Cell a, Cell b) {
    const int dc = b.column - a.column, dr = b.row - a.row;
    if (relation == "left of") return dc > 0 && (dr == 0 || (dc == 2 && std::abs(dr) == 1));
    if (relation == "right of") return dc < 0 && (dr == 0 || (dc == -2 && std::abs(dr) == 1));
    if (relation == "above") return dr > 0 && (dc == 0 || (dr == 2 && std::abs(dc) == 1));
    if (relation == "below") return dr < 0 && (dc == 0 || (dr == -2 && std::abs(dc) == 1));
    return false;
}

// Cells for a group of n objects: one row or column for up to three, two parallel lines of two for four.
std::vector<Cell> group_cells(int n, std::mt19937_64& rng) {
    std::uniform_int_distribution<int> line(0, 2), coin(0, 1);
    const bool rows = coin(rng) == 1;
    std::vector<int> lines{line(rng)};
    if (n > 3) {
        if (n > 6) throw Error("a group of " + std::to_string(n) + " objects does not fit two lines of the 3 x 3 grid");
        int second = line(rng);
        while (second == lines[0]) second = line(rng);
        lines.push_back(second);
    }
    std::vector<Cell> cells;
    const int per_line[2] = {n > 3 ? n / 2 : n, n - n / 2};
    for (size_t l = 0; l < lines.size(); ++l) {
        std::array<int, 3> slots{0, 1, 2};
        std::shuffle(slots.begin(), slots.end(), rng);
        for (int k = 0; k < per_line[l]; ++k)
            cells.push_back(rows ? Cell{lines[l], slots[k]} : Cell{slots[k], lines[l]});
    }
    return cells;
}

}  // namespace

std::string article(const std::string& word) {
    return !word.empty() && std::string("aeiou").find(word[0]) != std::string::npos ? "an" : "a";
}

std::string number_word(int n) {
    static const std::array<const char*, 10> words{"zero", "one", "two",   "three", "four",
                                                   "five", "six", "seven", "eight", "nine"};
    return n >= 0 && n < int(words.size()) ? words[n] : std::to_string(n);
}

Metadata single_object_prompt(Shape shape) {
    return {"single_object", {make_clause(shape)}, {}, "a photo of " + a(shape_name(shape))};
}

Metadata two_object_prompt(Shape a_shape, Shape b_shape) {
    return {"two_object",
            {make_clause(a_shape), make_clause(b_shape)},
            {},
            "a photo of " + a(shape_name(a_shape)) + " and " + a(shape_name(b_shape))};
}

Metadata counting_prompt(Shape shape, int count) {
    return {"counting",
            {make_clause(shape, count)},
            {make_clause(shape, count + 1)},
            "a photo of " + number_word(count) + " " + shape_plural(shape)};
}

Metadata colors_prompt(Shape shape, Colour colour) {
    return {"colors",
            {make_clause(shape, 1, colour)},
            {},
            "a photo of " + a(colour_name(colour) + " " + shape_name(shape))};
}

Metadata position_prompt(Shape a_shape, const std::string& relation, Shape b_shape) {
    Clause moved = make_clause(a_shape);
    moved.position = PositionRequirement{relation, 0};
    return {"position",
            {make_clause(b_shape), moved},
            {},
            "a photo of " + a(shape_name(a_shape)) + " " + relation + " " + a(shape_name(b_shape))};
}

Metadata color_attr_prompt(Shape a_shape, Colour colour_a, Shape b_shape, Colour colour_b) {
    return {"color_attr",
            {make_clause(a_shape, 1, colour_a), make_clause(b_shape, 1, colour_b)},
            {},
            "a photo of " + a(colour_name(colour_a) + " " + shape_name(a_shape)) + " and " +
                a(colour_name(colour_b) + " " + shape_name(b_shape))};
}

std::vector<Metadata> all_prompts(const std::string& tag) {
    std::vector<Metadata> prompts;
    const auto& shapes = all_shapes();
    const auto& colours = all_colours();
    if (tag == "single_object") {
        for (Shape s : shapes) prompts.push_back(single_object_prompt(s));
    } else if (tag == "two_object") {
        for (Shape s : shapes)
            for (Shape t : shapes)
                if (s != t) prompts.push_back(two_object_prompt(s, t));
    } else if (tag == "counting") {
        for (Shape s : shapes)
            for (int n = 2; n <= 4; ++n) prompts.push_back(counting_prompt(s, n));
    } else if (tag == "colors") {
        for (Shape s : shapes)
            for (Colour c : colours) prompts.push_back(colors_prompt(s, c));
    } else if (tag == "position") {
        for (Shape s : shapes)
            for (const std::string& relation : geneval_relations())
                for (Shape t : shapes)
                    if (s != t) prompts.push_back(position_prompt(s, relation, t));
    } else if (tag == "color_attr") {
        for (Shape s : shapes)
            for (Colour c : colours)
                for (Shape t : shapes)
                    for (Colour d : colours)
                        if (s != t && c != d) prompts.push_back(color_attr_prompt(s, c, t, d));
    } else {
        throw Error("all_prompts: unknown tag '" + tag +
                    "' (GenEval's tags: single_object, two_object, counting, colors, "
                    "position, color_attr)");
    }
    return prompts;
}

Scene scene_for_metadata(const Metadata& metadata, std::mt19937_64& rng, const GridLayout& layout,
                         bool (*avoid)(Colour, Shape)) {
    const std::vector<std::string> unsupported = unsupported_terms(metadata);
    if (!unsupported.empty()) throw Error("scene_for_metadata: '" + metadata.prompt + "' names " + unsupported.front());
    // The objects each include clause asks for, with a colour drawn where the clause names none.
    struct Group {
        Shape shape;
        std::vector<Colour> colours;
    };
    std::vector<Group> groups;
    std::map<std::string, int> per_class;
    std::uniform_int_distribution<size_t> colour_dist(0, all_colours().size() - 1);
    int total = 0;
    for (const Clause& clause : metadata.include) {
        Group group{*shape_from_name(clause.object_class), {}};
        std::optional<Colour> colour;
        if (clause.colour) colour = colour_from_name(*clause.colour);
        for (int attempt = 0; !colour && attempt < 100; ++attempt) {
            const Colour c = all_colours()[colour_dist(rng)];
            if (!avoid || !avoid(c, group.shape)) colour = c;
        }
        if (!colour) throw Error("scene_for_metadata: every colour of a " + clause.object_class + " is avoided");
        group.colours.assign(clause.count, *colour);  // a group shares one colour: a shorter description
        per_class[clause.object_class] += clause.count;
        total += clause.count;
        groups.push_back(group);
    }
    for (const Clause& clause : metadata.exclude)
        if (per_class[clause.object_class] >= clause.count)
            throw Error("scene_for_metadata: '" + metadata.prompt + "' asks for " +
                        std::to_string(per_class[clause.object_class]) + " " + clause.object_class +
                        " objects and excludes " + std::to_string(clause.count));
    if (total > 9)
        throw Error("scene_for_metadata: '" + metadata.prompt + "' asks for more objects than the 9 grid cells");

    for (int attempt = 0; attempt < 2000; ++attempt) {
        std::array<std::array<bool, 3>, 3> taken{};
        std::vector<std::vector<Cell>> cells(groups.size());
        bool ok = true;
        std::uniform_int_distribution<int> cell_dist(0, 8);
        for (size_t g = 0; g < groups.size() && ok; ++g) {
            const int n = int(groups[g].colours.size());
            if (n > 1) {
                cells[g] = group_cells(n, rng);
            } else {
                const int c = cell_dist(rng);
                cells[g] = {{c / 3, c % 3}};
            }
            for (const Cell& c : cells[g]) {
                ok = ok && !taken[c.row][c.column];
                taken[c.row][c.column] = true;
            }
        }
        for (size_t g = 0; g < groups.size() && ok; ++g) {
            const auto& position = metadata.include[g].position;
            if (!position) continue;
            for (const Cell& mine : cells[g])
                for (const Cell& theirs : cells[position->target])
                    ok = ok && cells_satisfy(position->relation, mine, theirs);
        }
        if (!ok) continue;
        Scene scene;
        for (size_t g = 0; g < groups.size(); ++g)
            for (size_t k = 0; k < cells[g].size(); ++k)
                scene.objects.push_back(object_in_cell(groups[g].shape, groups[g].colours[k], cells[g][k].row,
                                                       cells[g][k].column, rng, layout));
        return scene;
    }
    throw Error("scene_for_metadata: no arrangement on the 3 x 3 grid satisfies '" + metadata.prompt + "'");
}

Example sample_training_example(const std::string& tag, std::mt19937_64& rng, const GridLayout& layout) {
    static const std::map<std::string, std::vector<Metadata>> allowed = [] {
        std::map<std::string, std::vector<Metadata>> by_tag;
        for (const std::string& t : geneval_tags())
            for (Metadata& m : all_prompts(t))
                if (allowed_in_training(m)) by_tag[t].push_back(std::move(m));
        return by_tag;
    }();
    const auto it = allowed.find(tag);
    if (it == allowed.end() || it->second.empty())
        throw Error("sample_training_example: unknown tag '" + tag +
                    "' (GenEval's tags: single_object, two_object, counting, "
                    "colors, position, color_attr)");
    std::uniform_int_distribution<size_t> pick(0, it->second.size() - 1);
    Example example;
    example.metadata = it->second[pick(rng)];
    example.scene = scene_for_metadata(example.metadata, rng, layout, &is_held_out_colour_shape);
    example.description = describe_scene(example.scene);
    return example;
}

std::vector<std::string> world_corpus(uint64_t seed, int descriptions) {
    std::vector<std::string> lines;
    for (const std::string& tag : geneval_tags())
        for (const Metadata& m : all_prompts(tag))
            if (allowed_in_training(m)) lines.push_back(m.prompt);
    for (Shape s : all_shapes())
        for (Colour c : all_colours()) {
            if (is_held_out_colour_shape(c, s)) continue;
            for (int r = 0; r < 3; ++r) {
                lines.push_back(DescriptionItem{1, c, s, {Place::Kind::cell, r, 0}}.text());
                lines.push_back(DescriptionItem{1, c, s, {Place::Kind::cell, r, 1}}.text());
                lines.push_back(DescriptionItem{1, c, s, {Place::Kind::cell, r, 2}}.text());
                lines.push_back(DescriptionItem{2 + r % 2, c, s, {Place::Kind::row, r, 0}}.text());
                lines.push_back(DescriptionItem{2 + (r + 1) % 2, c, s, {Place::Kind::column, 0, r}}.text());
            }
        }
    std::mt19937_64 rng(seed);
    for (int i = 0; i < descriptions; ++i)
        lines.push_back(sample_training_example(geneval_tags()[i % geneval_tags().size()], rng).description);
    return lines;
}

}  // namespace milr::world
