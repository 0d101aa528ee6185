// GenEval prompt metadata: the jsonl schema of GenEval's evaluation_metadata.jsonl, read, written and checked
// against what the shapes world supports.
#pragma once
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace milr::world {

// The six GenEval tasks.
const std::vector<std::string>& geneval_tags();  // single_object, two_object, counting, colors, position, color_attr
// GenEval's relations, as written in metadata: "left of", "right of", "above", "below".
const std::vector<std::string>& geneval_relations();

struct PositionRequirement {
    std::string relation;  // "left of", "right of", "above", "below"
    int target = 0;        // index of the include clause it is relative to
};

// One include or exclude clause. Class and colour stay strings so GenEval's own (COCO) metadata reads too.
struct Clause {
    std::string object_class;                     // "class"
    int count = 1;                                // "count"
    std::optional<std::string> colour;            // "color"
    std::optional<PositionRequirement> position;  // "position": [relation, index]
    bool operator==(const Clause& other) const;
};

struct Metadata {
    std::string tag;
    std::vector<Clause> include;  // joined with AND
    std::vector<Clause> exclude;  // joined with OR
    std::string prompt;
    bool operator==(const Metadata& other) const;
};

// JSON in GenEval's field order (tag, include, exclude when not empty, prompt).
nlohmann::ordered_json metadata_to_json(const Metadata& metadata);
std::string metadata_to_line(const Metadata& metadata);  // one compact jsonl line, no newline
// JSON text as Python's json.dumps writes it (", " and ": " separators), the form of GenEval's files.
std::string python_json_dumps(const nlohmann::ordered_json& json);
// Throws milr::Error naming `where` (e.g. "prompts.jsonl line 3") and the field that is missing or mistyped.
Metadata metadata_from_json(const nlohmann::json& json, const std::string& where = "metadata");
Metadata metadata_from_line(const std::string& line, const std::string& where = "metadata");

// What the shapes world cannot judge in this metadata, by name: "class 'dog'", "colour 'pink'", "tag 'foo'",
// "relation 'near'", "position target 3". Empty when the world supports every term.
std::vector<std::string> unsupported_terms(const Metadata& metadata);

// A metadata file: each non-empty line parsed, or the error that line had (the file goes on being read).
struct MetadataLine {
    int line_number = 0;  // 1-based
    std::optional<Metadata> metadata;
    std::string error;  // set when metadata is empty
};
// The longest line a metadata file may have (GenEval's lines are a few hundred bytes).
constexpr size_t kMaxMetadataLineBytes = size_t{1} << 20;
// Reads the file line by line, holding one line at a time: calls `visit` with each non-empty line, parsed or
// with its error, and stops as soon as `visit` returns false (the rest of the file is not read). Throws
// milr::Error if the file is unreadable or a line is longer than `max_line_bytes` (naming the line and limit).
void for_each_metadata_line(const std::string& path, const std::function<bool(const MetadataLine&)>& visit,
                            size_t max_line_bytes = kMaxMetadataLineBytes);
// The same from a stream; `path` names it in errors.
void for_each_metadata_line(std::istream& in, const std::string& path,
                            const std::function<bool(const MetadataLine&)>& visit,
                            size_t max_line_bytes = kMaxMetadataLineBytes);
std::vector<MetadataLine> read_metadata_jsonl(const std::string& path);  // the whole file, as above
// Written atomically; throws milr::Error naming the file when it cannot be written (e.g. a full disk).
void write_metadata_jsonl(const std::string& path, const std::vector<Metadata>& lines);

}  // namespace milr::world
