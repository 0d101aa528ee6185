// The reasoning text: canonical scene descriptions on a 3 x 3 grid, their parser and a renderer back to scenes.
#include "core/world/description.h"

#include <algorithm>
#include <array>
#include <map>
#include <sstream>

#include "core/util/error.h"

namespace milr::world {
namespace {

const std::array<std::array<const char*, 3>, 3> kCellPhrases{
    {{"at the top left", "at the top", "at the top right"},
     {"on the left", "in the centre", "on the right"},
     {"at the bottom left", "at the bottom", "at the bottom right"}}};
const std::array<const char*, 3> kRowPhrases{"along the top", "across the middle", "along the bottom"};
const std::array<const char*, 3> kColumnPhrases{"down the left", "down the middle", "down the right"};
const std::array<const char*, 10> kNumbers{"zero", "one", "two",   "three", "four",
                                           "five", "six", "seven", "eight", "nine"};

int to_cell(float centre) { return std::clamp(int(centre * 3.f), 0, 2); }

struct Cell {
    int row, column;
};

// Items of one colour-shape group whose cells are split into rows (by_rows) or columns.
std::vector<DescriptionItem> split_group(Colour colour, Shape shape, const std::vector<Cell>& cells, bool by_rows) {
    std::map<int, std::vector<Cell>> lines;
    for (const Cell& c : cells) lines[by_rows ? c.row : c.column].push_back(c);
    std::vector<DescriptionItem> items;
    for (const auto& [line, members] : lines) {
        DescriptionItem item{int(members.size()), colour, shape, {}};
        if (members.size() == 1)
            item.place = {Place::Kind::cell, members[0].row, members[0].column};
        else if (by_rows)
            item.place = {Place::Kind::row, line, 0};
        else
            item.place = {Place::Kind::column, 0, line};
        items.push_back(item);
    }
    return items;
}

std::vector<DescriptionItem> group_items(Colour colour, Shape shape, const std::vector<Cell>& cells) {
    if (cells.size() == 1) return {{1, colour, shape, {Place::Kind::cell, cells[0].row, cells[0].column}}};
    const bool one_row = std::all_of(cells.begin(), cells.end(), [&](const Cell& c) { return c.row == cells[0].row; });
    const bool one_column =
        std::all_of(cells.begin(), cells.end(), [&](const Cell& c) { return c.column == cells[0].column; });
    if (one_row) return {{int(cells.size()), colour, shape, {Place::Kind::row, cells[0].row, 0}}};
    if (one_column) return {{int(cells.size()), colour, shape, {Place::Kind::column, 0, cells[0].column}}};
    auto rows = split_group(colour, shape, cells, true), columns = split_group(colour, shape, cells, false);
    return columns.size() < rows.size() ? columns : rows;
}

std::vector<std::string> words_of(const std::string& text) {
    std::istringstream in(text);
    std::vector<std::string> words;
    for (std::string w; in >> w;) words.push_back(w);
    return words;
}

std::string join_words(const std::vector<std::string>& words, size_t from) {
    std::string out;
    for (size_t i = from; i < words.size(); ++i) out += (out.empty() ? "" : " ") + words[i];
    return out;
}

}  // namespace

int cell_column(const SceneObject& object) { return to_cell(object.cx); }
int cell_row(const SceneObject& object) { return to_cell(object.cy); }

std::string Place::phrase() const {
    switch (kind) {
        case Kind::cell:
            return kCellPhrases[row][column];
        case Kind::row:
            return kRowPhrases[row];
        case Kind::column:
            return kColumnPhrases[column];
    }
    return "";
}

bool Place::operator==(const Place& other) const {
    return kind == other.kind && (kind == Kind::column || row == other.row) &&
        (kind == Kind::row || column == other.column);
}

std::string DescriptionItem::text() const {
    const std::string number = count < int(kNumbers.size()) ? kNumbers[count] : std::to_string(count);
    return number + " " + colour_name(colour) + " " + (count == 1 ? shape_name(shape) : shape_plural(shape)) + " " +
        place.phrase();
}

std::vector<DescriptionItem> describe_items(const Scene& scene) {
    std::map<std::pair<int, int>, std::vector<Cell>> groups;  // (colour, shape) in palette order
    for (const SceneObject& o : scene.objects) {
        const int colour = int(std::find(all_colours().begin(), all_colours().end(), o.colour) - all_colours().begin());
        const int shape = int(std::find(all_shapes().begin(), all_shapes().end(), o.shape) - all_shapes().begin());
        groups[{colour, shape}].push_back({cell_row(o), cell_column(o)});
    }
    struct Keyed {
        int first_cell, colour, shape;
        DescriptionItem item;
    };
    std::vector<Keyed> keyed;
    for (auto& [key, cells] : groups) {
        std::sort(cells.begin(), cells.end(),
                  [](const Cell& a, const Cell& b) { return a.row * 3 + a.column < b.row * 3 + b.column; });
        for (const DescriptionItem& item : group_items(all_colours()[key.first], all_shapes()[key.second], cells)) {
            // Reading order of the place itself (a row by its first cell, a column by its top cell), so the
            // description does not depend on which cells of a line its objects took.
            const int first = item.place.kind == Place::Kind::cell ? item.place.row * 3 + item.place.column
                : item.place.kind == Place::Kind::row              ? item.place.row * 3
                                                                   : item.place.column;
            keyed.push_back({first, key.first, key.second, item});
        }
    }
    std::sort(keyed.begin(), keyed.end(), [](const Keyed& a, const Keyed& b) {
        return std::tie(a.first_cell, a.colour, a.shape) < std::tie(b.first_cell, b.colour, b.shape);
    });
    std::vector<DescriptionItem> items;
    for (const Keyed& k : keyed) items.push_back(k.item);
    return items;
}

std::string describe_scene(const Scene& scene) {
    std::string text;
    for (const DescriptionItem& item : describe_items(scene)) text += (text.empty() ? "" : ", ") + item.text();
    return text;
}

std::vector<DescriptionItem> parse_description(const std::string& text) {
    std::vector<DescriptionItem> items;
    std::vector<std::string> parts{""};
    for (char c : text) {
        if (c == ',')
            parts.emplace_back();
        else
            parts.back() += c;
    }
    int index = 0;
    for (const std::string& part : parts) {
        ++index;
        const std::string where =
            "description item " + std::to_string(index) + " '" + join_words(words_of(part), 0) + "'";
        const std::vector<std::string> words = words_of(part);
        if (words.size() < 4)
            throw Error(where + ": expected '<number> <colour> <shape> <place>'" + (words.empty() ? " (empty)" : ""));
        DescriptionItem item;
        const auto number = std::find(kNumbers.begin() + 1, kNumbers.end(), words[0]);
        if (number == kNumbers.end()) throw Error(where + ": '" + words[0] + "' is not a number word (one, two, ...)");
        item.count = int(number - kNumbers.begin());
        const auto colour = colour_from_name(words[1]);
        if (!colour) throw Error(where + ": '" + words[1] + "' is not a colour of the world");
        item.colour = *colour;
        bool shape_found = false;
        for (Shape s : all_shapes()) {
            const std::string expected = item.count == 1 ? shape_name(s) : shape_plural(s);
            if (words[2] == expected)
                item.shape = s, shape_found = true;
            else if (words[2] == shape_name(s) || words[2] == shape_plural(s))
                throw Error(where + ": '" + words[2] + "' should be '" + expected + "' after '" + words[0] + "'");
        }
        if (!shape_found) throw Error(where + ": '" + words[2] + "' is not a shape of the world");
        const std::string phrase = join_words(words, 3);
        bool place_found = false;
        for (int r = 0; r < 3; ++r)
            for (int c = 0; c < 3; ++c)
                if (phrase == kCellPhrases[r][c]) item.place = {Place::Kind::cell, r, c}, place_found = true;
        for (int k = 0; k < 3; ++k) {
            if (phrase == kRowPhrases[k]) item.place = {Place::Kind::row, k, 0}, place_found = true;
            if (phrase == kColumnPhrases[k]) item.place = {Place::Kind::column, 0, k}, place_found = true;
        }
        if (!place_found)
            throw Error(where + ": '" + phrase + "' is not a place (e.g. 'at the top left', 'along the top')");
        if (item.count == 1 && item.place.kind != Place::Kind::cell)
            throw Error(where + ": one object stands in a cell ('" + phrase + "' is a row or column)");
        if (item.count > 1 && item.place.kind == Place::Kind::cell)
            throw Error(where + ": " + words[0] + " objects stand along a row or down a column, not in one cell");
        if (item.count > 3) throw Error(where + ": a row or column has only three cells");
        items.push_back(item);
    }
    return items;
}

bool is_well_formed_description(const std::string& text) {
    try {
        parse_description(text);
        return true;
    } catch (const Error&) {
        return false;
    }
}

SceneObject object_in_cell(Shape shape, Colour colour, int row, int column, std::mt19937_64& rng,
                           const GridLayout& layout) {
    std::uniform_real_distribution<float> unit(0.f, 1.f);
    SceneObject object;
    object.shape = shape;
    object.colour = colour;
    object.cx = (column + 0.5f) / 3.f + layout.jitter * (2 * unit(rng) - 1);
    object.cy = (row + 0.5f) / 3.f + layout.jitter * (2 * unit(rng) - 1);
    object.size = layout.min_size + (layout.max_size - layout.min_size) * unit(rng);
    return object;
}

Scene scene_from_description(const std::vector<DescriptionItem>& items, std::mt19937_64& rng,
                             const GridLayout& layout) {
    std::array<std::array<bool, 3>, 3> taken{};
    std::vector<std::vector<Cell>> cells_of(items.size());
    for (size_t i = 0; i < items.size(); ++i) {  // single cells first: they have no choice
        if (items[i].place.kind != Place::Kind::cell) continue;
        const Place& p = items[i].place;
        if (taken[p.row][p.column])
            throw Error("description item '" + items[i].text() + "': its cell is already taken");
        taken[p.row][p.column] = true;
        cells_of[i].push_back({p.row, p.column});
    }
    for (size_t i = 0; i < items.size(); ++i) {
        const Place& p = items[i].place;
        if (p.kind == Place::Kind::cell) continue;
        std::vector<Cell> free;
        for (int k = 0; k < 3; ++k) {
            const Cell c = p.kind == Place::Kind::row ? Cell{p.row, k} : Cell{k, p.column};
            if (!taken[c.row][c.column]) free.push_back(c);
        }
        if (int(free.size()) < items[i].count)
            throw Error("description item '" + items[i].text() + "' needs " + std::to_string(items[i].count) +
                        " free cells, " + std::to_string(free.size()) + " are free");
        std::shuffle(free.begin(), free.end(), rng);
        free.resize(items[i].count);
        std::sort(free.begin(), free.end(),
                  [](const Cell& a, const Cell& b) { return a.row * 3 + a.column < b.row * 3 + b.column; });
        for (const Cell& c : free) taken[c.row][c.column] = true, cells_of[i].push_back(c);
    }
    Scene scene;
    for (size_t i = 0; i < items.size(); ++i)
        for (const Cell& c : cells_of[i])
            scene.objects.push_back(object_in_cell(items[i].shape, items[i].colour, c.row, c.column, rng, layout));
    return scene;
}

}  // namespace milr::world
