// GenEval prompt metadata: JSON (de)serialisation with errors naming the field, and the world's support check.
#include "core/world/metadata.h"

#include <algorithm>
#include <fstream>

#include "core/io/atomic_file.h"
#include "core/util/error.h"
#include "core/world/scene.h"

namespace milr::world {

const std::vector<std::string>& geneval_tags() {
    static const std::vector<std::string> tags{"single_object", "two_object", "counting",
                                               "colors",        "position",   "color_attr"};
    return tags;
}

const std::vector<std::string>& geneval_relations() {
    static const std::vector<std::string> relations{"left of", "right of", "above", "below"};
    return relations;
}

bool Clause::operator==(const Clause& other) const {
    const bool same_position = position.has_value() == other.position.has_value() &&
        (!position || (position->relation == other.position->relation && position->target == other.position->target));
    return object_class == other.object_class && count == other.count && colour == other.colour && same_position;
}

bool Metadata::operator==(const Metadata& other) const {
    return tag == other.tag && include == other.include && exclude == other.exclude && prompt == other.prompt;
}

namespace {

nlohmann::ordered_json clause_to_json(const Clause& clause) {
    nlohmann::ordered_json json;
    json["class"] = clause.object_class;
    json["count"] = clause.count;
    if (clause.colour) json["color"] = *clause.colour;
    if (clause.position)
        json["position"] = nlohmann::ordered_json::array({clause.position->relation, clause.position->target});
    return json;
}

Clause clause_from_json(const nlohmann::json& json, const std::string& where) {
    if (!json.is_object()) throw Error(where + ": expected an object, got " + json.dump());
    Clause clause;
    if (!json.contains("class") || !json["class"].is_string()) throw Error(where + ": missing string field 'class'");
    clause.object_class = json["class"].get<std::string>();
    if (json.contains("count")) {
        if (!json["count"].is_number_integer() || json["count"].get<int>() < 1)
            throw Error(where + ": field 'count' must be a positive integer, got " + json["count"].dump());
        clause.count = json["count"].get<int>();
    }
    if (json.contains("color")) {
        if (!json["color"].is_string())
            throw Error(where + ": field 'color' must be a string, got " + json["color"].dump());
        clause.colour = json["color"].get<std::string>();
    }
    if (json.contains("position")) {
        const auto& p = json["position"];
        if (!p.is_array() || p.size() != 2 || !p[0].is_string() || !p[1].is_number_integer())
            throw Error(where + ": field 'position' must be [relation, index], got " + p.dump());
        clause.position = PositionRequirement{p[0].get<std::string>(), p[1].get<int>()};
    }
    return clause;
}

std::vector<Clause> clauses_from_json(const nlohmann::json& json, const char* field, const std::string& where) {
    std::vector<Clause> clauses;
    if (!json.contains(field)) return clauses;
    if (!json[field].is_array()) throw Error(where + ": field '" + field + "' must be an array");
    for (size_t i = 0; i < json[field].size(); ++i)
        clauses.push_back(clause_from_json(json[field][i], where + ": " + field + "[" + std::to_string(i) + "]"));
    return clauses;
}

}  // namespace

nlohmann::ordered_json metadata_to_json(const Metadata& metadata) {
    nlohmann::ordered_json json;
    json["tag"] = metadata.tag;
    json["include"] = nlohmann::ordered_json::array();
    for (const Clause& clause : metadata.include) json["include"].push_back(clause_to_json(clause));
    if (!metadata.exclude.empty()) {
        json["exclude"] = nlohmann::ordered_json::array();
        for (const Clause& clause : metadata.exclude) json["exclude"].push_back(clause_to_json(clause));
    }
    json["prompt"] = metadata.prompt;
    return json;
}

std::string metadata_to_line(const Metadata& metadata) { return python_json_dumps(metadata_to_json(metadata)); }

std::string python_json_dumps(const nlohmann::ordered_json& json) {
    const std::string compact = json.dump();
    std::string line;
    bool in_string = false, escaped = false;
    for (const char c : compact) {
        line += c;
        if (in_string) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == ',' || c == ':') {
            line += ' ';
        }
    }
    return line;
}

Metadata metadata_from_json(const nlohmann::json& json, const std::string& where) {
    if (!json.is_object()) throw Error(where + ": expected a JSON object");
    Metadata metadata;
    if (!json.contains("tag") || !json["tag"].is_string()) throw Error(where + ": missing string field 'tag'");
    if (!json.contains("prompt") || !json["prompt"].is_string()) throw Error(where + ": missing string field 'prompt'");
    if (!json.contains("include")) throw Error(where + ": missing field 'include'");
    metadata.tag = json["tag"].get<std::string>();
    metadata.prompt = json["prompt"].get<std::string>();
    metadata.include = clauses_from_json(json, "include", where);
    metadata.exclude = clauses_from_json(json, "exclude", where);
    return metadata;
}

Metadata metadata_from_line(const std::string& line, const std::string& where) {
    nlohmann::json json;
    try {
        json = nlohmann::json::parse(line);
    } catch (const nlohmann::json::exception& e) {
        throw Error(where + ": not valid JSON (" + e.what() + ")");
    }
    return metadata_from_json(json, where);
}

std::vector<std::string> unsupported_terms(const Metadata& metadata) {
    std::vector<std::string> terms;
    auto add = [&terms](const std::string& term) {
        for (const std::string& t : terms)
            if (t == term) return;
        terms.push_back(term);
    };
    bool known_tag = false;
    for (const std::string& tag : geneval_tags()) known_tag = known_tag || tag == metadata.tag;
    if (!known_tag) add("tag '" + metadata.tag + "'");
    if (metadata.include.empty()) add("an empty 'include'");
    auto check_clause = [&](const Clause& clause, size_t index, bool is_include) {
        if (!shape_from_name(clause.object_class)) add("class '" + clause.object_class + "'");
        if (clause.colour && !colour_from_name(*clause.colour)) add("colour '" + *clause.colour + "'");
        if (clause.position && is_include) {  // GenEval reads positions of include clauses only
            bool known_relation = false;
            for (const std::string& r : geneval_relations())
                known_relation = known_relation || r == clause.position->relation;
            if (!known_relation) add("relation '" + clause.position->relation + "'");
            // A target must be an earlier include clause (GenEval resolves it from the groups matched so far).
            if (clause.position->target < 0 || static_cast<size_t>(clause.position->target) >= index)
                add("position target " + std::to_string(clause.position->target));
        }
    };
    for (size_t i = 0; i < metadata.include.size(); ++i) check_clause(metadata.include[i], i, true);
    for (size_t i = 0; i < metadata.exclude.size(); ++i) check_clause(metadata.exclude[i], i, false);
    return terms;
}

namespace {

// Reads a file in blocks and hands out its lines (without the newline), never holding more than one line.
class BoundedLineReader {
public:
    BoundedLineReader(std::istream& in, const std::string& name, size_t max_line_bytes)
        : m_path(name), m_max(max_line_bytes), m_in(in) {}

    // The next line into `line`; false at the end of the file. Throws naming the line that is too long.
    bool next(std::string& line) {
        line.clear();
        for (;;) {
            if (m_position == m_filled && !fill()) {
                if (line.empty() && !m_partial) return false;
                m_partial = false;
                ++m_number;
                return true;
            }
            const char* start = m_block.data() + m_position;
            const char* end = m_block.data() + m_filled;
            const char* newline = std::find(start, end, '\n');
            append(line, start, newline);
            m_position = static_cast<size_t>(newline - m_block.data());
            if (newline != end) {
                ++m_position;
                m_partial = false;
                ++m_number;
                return true;
            }
        }
    }

    int line_number() const { return m_number; }

private:
    bool fill() {
        if (!m_in) return false;
        m_in.read(m_block.data(), static_cast<std::streamsize>(m_block.size()));
        m_filled = static_cast<size_t>(m_in.gcount());
        m_position = 0;
        if (m_in.bad()) throw Error("metadata file " + m_path + ": read failed after line " + std::to_string(m_number));
        return m_filled > 0;
    }

    void append(std::string& line, const char* from, const char* to) {
        if (from == to) return;
        m_partial = true;
        if (line.size() + static_cast<size_t>(to - from) > m_max)
            throw Error("metadata file " + m_path + " line " + std::to_string(m_number + 1) +
                        ": longer than the limit of " + std::to_string(m_max) +
                        " bytes (is it a GenEval metadata jsonl file?)");
        line.append(from, to);
    }

    std::string m_path;
    size_t m_max;
    std::istream& m_in;
    std::vector<char> m_block = std::vector<char>(size_t{1} << 16);
    size_t m_position = 0, m_filled = 0;
    bool m_partial = false;  // the current line has bytes (a last line without a newline still counts)
    int m_number = 0;
};

}  // namespace

void for_each_metadata_line(const std::string& path, const std::function<bool(const MetadataLine&)>& visit,
                            size_t max_line_bytes) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error("metadata file " + path + ": cannot be opened");
    for_each_metadata_line(in, path, visit, max_line_bytes);
}

void for_each_metadata_line(std::istream& in, const std::string& path,
                            const std::function<bool(const MetadataLine&)>& visit, size_t max_line_bytes) {
    BoundedLineReader reader(in, path, max_line_bytes);
    std::string text;
    while (reader.next(text)) {
        if (text.find_first_not_of(" \t\r") == std::string::npos) continue;
        MetadataLine line;
        line.line_number = reader.line_number();
        try {
            line.metadata = metadata_from_line(text, path + " line " + std::to_string(line.line_number));
        } catch (const Error& e) {
            line.error = e.what();
        }
        if (!visit(line)) return;
    }
}

std::vector<MetadataLine> read_metadata_jsonl(const std::string& path) {
    std::vector<MetadataLine> lines;
    for_each_metadata_line(path, [&](const MetadataLine& line) {
        lines.push_back(line);
        return true;
    });
    return lines;
}

void write_metadata_jsonl(const std::string& path, const std::vector<Metadata>& lines) {
    std::string text;
    for (const Metadata& metadata : lines) text += metadata_to_line(metadata) + '\n';
    write_file_atomic(path, text);
}

}  // namespace milr::world
