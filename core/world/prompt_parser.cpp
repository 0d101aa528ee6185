// Prompt parser for the world's phrasing: tokens, a small grammar of objects, connectors and one relation.
#include "core/world/prompt_parser.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "core/world/scene.h"

namespace milr::world {
namespace {

const std::map<std::string, int> kQuantities{
    {"a", 1}, {"an", 1},   {"one", 1}, {"two", 2},   {"three", 3}, {"four", 4}, {"1", 1},    {"2", 2}, {"3", 3},
    {"4", 4}, {"five", 5}, {"six", 6}, {"seven", 7}, {"eight", 8}, {"nine", 9}, {"ten", 10}, {"5", 5}, {"6", 6}};
// Relation phrases, longest first so "to the left of" wins over "left of".
const std::vector<std::pair<std::vector<std::string>, std::string>> kRelations{
    {{"to", "the", "left", "of"}, "left of"},
    {{"on", "the", "left", "of"}, "left of"},
    {{"to", "the", "right", "of"}, "right of"},
    {{"on", "the", "right", "of"}, "right of"},
    {{"on", "top", "of"}, "above"},
    {{"left", "of"}, "left of"},
    {{"right", "of"}, "right of"},
    {{"above"}, "above"},
    {{"over"}, "above"},
    {{"below"}, "below"},
    {{"under"}, "below"},
    {{"beneath"}, "below"},
    {{"underneath"}, "below"}};
const std::vector<std::string> kLeadNouns{"photo", "picture", "image", "drawing", "painting", "render", "rendering"};
// GenEval's colours the world does not draw: reported as such rather than as unknown words.
const std::vector<std::string> kOtherGenEvalColours{"orange", "pink", "brown", "white"};

struct ObjectPhrase {
    int count = 1;
    bool counted = false;
    std::optional<std::string> colour;
    std::string shape;
};

std::vector<std::string> tokenize(const std::string& text) {
    std::vector<std::string> tokens;
    std::string word;
    auto flush = [&] {
        if (!word.empty()) tokens.push_back(word), word.clear();
    };
    for (char raw : text) {
        const char c = char(std::tolower(static_cast<unsigned char>(raw)));
        if (std::isalnum(static_cast<unsigned char>(c)))
            word += c;
        else if (c == ',' || c == ';')
            flush(), tokens.push_back(",");
        else
            flush();  // spaces, hyphens and other punctuation separate words
    }
    flush();
    return tokens;
}

std::optional<std::pair<Shape, bool>> shape_word(const std::string& word) {  // shape, plural
    for (Shape s : all_shapes()) {
        if (word == shape_name(s)) return std::make_pair(s, false);
        if (word == shape_plural(s)) return std::make_pair(s, true);
    }
    if (word == "crosss") return std::make_pair(Shape::cross, true);
    return std::nullopt;
}

bool known_word(const std::string& w) {
    if (kQuantities.count(w) || colour_from_name(w) || shape_word(w) || w == "and" || w == "," || w == "of" ||
        w == "the")
        return true;
    if (std::find(kLeadNouns.begin(), kLeadNouns.end(), w) != kLeadNouns.end()) return true;
    for (const auto& [words, relation] : kRelations)
        if (std::find(words.begin(), words.end(), w) != words.end()) return true;
    return false;
}

std::vector<std::string> vocabulary_words() {
    std::vector<std::string> words{"and", "of", "the"};
    for (const auto& [word, count] : kQuantities) words.push_back(word);
    for (Colour c : all_colours()) words.push_back(colour_name(c));
    for (Shape s : all_shapes()) words.push_back(shape_name(s)), words.push_back(shape_plural(s));
    words.insert(words.end(), kLeadNouns.begin(), kLeadNouns.end());
    for (const auto& [phrase, relation] : kRelations) words.insert(words.end(), phrase.begin(), phrase.end());
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    return words;
}

// Levenshtein distance, capped: the few dozen words of the world's vocabulary need nothing more (and no library).
size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

// The known word nearest to `word` when it is a likely typo of it (one edit, or two in a word of five letters or
// more), else "".
std::string nearest_known_word(const std::string& word) {
    const size_t allowed = word.size() >= 5 ? 2 : 1;
    std::string best;
    size_t best_distance = allowed + 1, best_length_gap = 0;
    for (const std::string& known : vocabulary_words()) {
        if (known.size() < 3) continue;  // "a", "an", "of": every short typo is one edit from them
        const size_t d = edit_distance(word, known);
        // Ties go to the word of the closest length ("triangels": "triangles", not "triangle").
        const size_t gap = known.size() > word.size() ? known.size() - word.size() : word.size() - known.size();
        if (d < best_distance || (d == best_distance && gap < best_length_gap))
            best = known, best_distance = d, best_length_gap = gap;
    }
    return best;
}

std::string quoted_list(const std::vector<std::string>& words) {
    std::string out;
    for (const std::string& w : words) out += (out.empty() ? "'" : ", '") + w + "'";
    return out;
}

class Parser {
public:
    explicit Parser(std::vector<std::string> tokens) : m_tokens(std::move(tokens)) {}

    // Returns an error message, empty on success.
    std::string run(std::vector<ObjectPhrase>& objects, std::optional<std::string>& relation) {
        skip_lead();
        for (;;) {
            ObjectPhrase object;
            if (std::string error = object_phrase(object); !error.empty()) return error;
            objects.push_back(object);
            if (at_end()) return {};
            if (std::optional<std::string> r = relation_phrase()) {
                if (relation)
                    return "only one relation between two objects is understood ('" + *r + "' is a second one)";
                relation = r;
                continue;
            }
            if (m_tokens[m_pos] == "," || m_tokens[m_pos] == "and") {
                while (!at_end() && (m_tokens[m_pos] == "," || m_tokens[m_pos] == "and")) ++m_pos;
                if (at_end()) return "the prompt ends after a connector";
                continue;
            }
            return "expected 'and', a comma or a relation after '" + object.shape + "', found '" + m_tokens[m_pos] +
                "'";
        }
    }

private:
    bool at_end() const { return m_pos >= m_tokens.size(); }

    void skip_lead() {
        size_t p = m_pos;
        if (p < m_tokens.size() && (m_tokens[p] == "a" || m_tokens[p] == "an")) ++p;
        if (p + 1 < m_tokens.size() &&
            std::find(kLeadNouns.begin(), kLeadNouns.end(), m_tokens[p]) != kLeadNouns.end() && m_tokens[p + 1] == "of")
            m_pos = p + 2;
    }

    std::string object_phrase(ObjectPhrase& object) {
        if (at_end()) return "expected a shape at the end";
        if (const auto q = kQuantities.find(m_tokens[m_pos]); q != kQuantities.end()) {
            object.count = q->second;
            object.counted = true;
            ++m_pos;
        }
        if (!at_end()) {
            if (const auto colour = colour_from_name(m_tokens[m_pos])) {
                object.colour = colour_name(*colour);
                ++m_pos;
            }
        }
        if (at_end()) return "expected a shape at the end of the prompt";
        const auto shape = shape_word(m_tokens[m_pos]);
        if (!shape) return "expected a shape (circle, square, triangle, cross), found '" + m_tokens[m_pos] + "'";
        object.shape = shape_name(shape->first);
        ++m_pos;
        if (shape->second && !object.counted)
            return "say how many " + shape_plural(shape->first) + " (two, three or four)";
        if (object.count > 4)
            return "the world draws at most four objects of a kind (asked for " + std::to_string(object.count) + ")";
        return {};
    }

    std::optional<std::string> relation_phrase() {
        for (const auto& [words, relation] : kRelations) {
            if (m_pos + words.size() > m_tokens.size()) continue;
            if (std::equal(words.begin(), words.end(), m_tokens.begin() + long(m_pos))) {
                m_pos += words.size();
                return relation;
            }
        }
        return std::nullopt;
    }

    std::vector<std::string> m_tokens;
    size_t m_pos = 0;
};

Clause clause_of(const ObjectPhrase& object) {
    Clause clause;
    clause.object_class = object.shape;
    clause.count = object.count;
    clause.colour = object.colour;
    return clause;
}

}  // namespace

std::vector<std::string> prompt_vocabulary() { return vocabulary_words(); }

PromptParse parse_prompt(const std::string& prompt) {
    PromptParse result;
    const std::vector<std::string> tokens = tokenize(prompt);
    const std::string quoted = "'" + prompt + "'";
    std::vector<std::string> other_colours;
    for (const std::string& t : tokens) {
        if (known_word(t)) continue;
        const bool geneval_colour =
            std::find(kOtherGenEvalColours.begin(), kOtherGenEvalColours.end(), t) != kOtherGenEvalColours.end();
        auto& list = geneval_colour ? other_colours : result.unknown_words;
        if (std::find(list.begin(), list.end(), t) == list.end()) list.push_back(t);
    }
    for (const std::string& word : result.unknown_words)
        if (std::string near = nearest_known_word(word); !near.empty()) result.suggestions.emplace_back(word, near);
    if (tokens.empty()) {
        // Words in another script tokenise to nothing: say what the world understands instead of "empty".
        const bool blank = prompt.find_first_not_of(" \t\r\n") == std::string::npos;
        result.message = blank ? "the prompt is empty"
                               : "cannot parse " + quoted +
                ": the shapes world understands English words only (for "
                "example 'two red circles left of a blue square')";
        return result;
    }
    if (!result.unknown_words.empty() || !other_colours.empty()) {
        result.message = "cannot parse " + quoted + ":";
        if (!result.unknown_words.empty())
            result.message += " words not understood: " + quoted_list(result.unknown_words);
        if (!other_colours.empty())
            result.message += std::string(result.unknown_words.empty() ? "" : ";") +
                " colours the shapes world does not draw: " + quoted_list(other_colours);
        result.unknown_words.insert(result.unknown_words.end(), other_colours.begin(), other_colours.end());
        return result;
    }
    std::vector<ObjectPhrase> objects;
    std::optional<std::string> relation;
    if (std::string error = Parser(tokens).run(objects, relation); !error.empty()) {
        result.message = "cannot parse " + quoted + ": " + error;
        return result;
    }
    for (size_t i = 0; i < objects.size(); ++i)
        for (size_t j = i + 1; j < objects.size(); ++j)
            if (objects[i].shape == objects[j].shape) {
                result.message = "cannot parse " + quoted + ": the shape '" + objects[i].shape +
                    "' is named twice; GenEval's rules check the first objects of a class, so say how many "
                    "(e.g. 'two " +
                    objects[i].shape + "s') instead";
                return result;
            }
    if (relation && objects.size() != 2) {
        result.message = "cannot parse " + quoted + ": a relation joins exactly two objects";
        return result;
    }

    Metadata metadata;
    metadata.prompt = prompt;
    if (relation) {
        metadata.tag = "position";
        Clause moved = clause_of(objects[0]);
        moved.position = PositionRequirement{*relation, 0};
        metadata.include = {clause_of(objects[1]), moved};
    } else {
        for (const ObjectPhrase& o : objects) metadata.include.push_back(clause_of(o));
        const bool all_coloured =
            std::all_of(objects.begin(), objects.end(), [](const ObjectPhrase& o) { return o.colour.has_value(); });
        if (objects.size() == 1)
            metadata.tag = objects[0].count > 1 ? "counting" : (objects[0].colour ? "colors" : "single_object");
        else
            metadata.tag = all_coloured ? "color_attr" : "two_object";
    }
    for (const ObjectPhrase& o : objects)
        if (o.count > 1) {
            Clause more;
            more.object_class = o.shape;
            more.count = o.count + 1;
            metadata.exclude.push_back(more);
        }
    result.metadata = metadata;
    return result;
}

}  // namespace milr::world
