// The GenEval-Shapes judge: GenEval's evaluate() step by step on the shapes detector's output, with a dense score.
#include "core/world/judge.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace milr::world {
namespace {

using ClassObjects = std::map<std::string, std::vector<const DetectedObject*>>;

// Objects per class name, each list in detector confidence order (GenEval's sorted detections).
ClassObjects group_by_class(const std::vector<DetectedObject>& objects) {
    std::vector<const DetectedObject*> sorted;
    for (const DetectedObject& o : objects) sorted.push_back(&o);
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const DetectedObject* a, const DetectedObject* b) { return a->confidence > b->confidence; });
    ClassObjects by_class;
    for (const DetectedObject* o : sorted)
        if (o->shape) by_class[shape_name(*o->shape)].push_back(o);
    return by_class;
}

// Detector notes that may explain why a class came up short: doubtful readings whose runner-up is that class,
// and blobs that are no shape at all.
std::string notes_for_missing(const std::string& object_class, const std::vector<DetectedObject>& objects) {
    std::string notes;
    for (const DetectedObject& o : objects) {
        const bool could_be = o.runner_up && shape_name(*o.runner_up) == object_class && !o.note.empty();
        if (!could_be && o.shape) continue;
        notes += (notes.empty() ? " (" : "; ") + o.note + " at (" + std::to_string(int(std::lround(o.box.cx()))) +
            ", " + std::to_string(int(std::lround(o.box.cy()))) + ")";
    }
    return notes.empty() ? notes : notes + ")";
}

std::string notes_of(const std::vector<const DetectedObject*>& objects) {
    std::string notes;
    for (const DetectedObject* o : objects)
        if (!o->note.empty()) notes += (notes.empty() ? " (" : "; ") + describe_detection(*o) + ": " + o->note;
    return notes.empty() ? notes : notes + ")";
}

std::string join(const std::set<std::string>& items, const std::string& separator) {
    std::string out;
    for (const std::string& item : items) out += (out.empty() ? "" : separator) + item;
    return out;
}

}  // namespace

std::set<std::string> relative_position(const Box& a, const Box& b, double threshold) {
    const double offset[2] = {double(a.cx()) - b.cx(), double(a.cy()) - b.cy()};
    const double dims[2] = {double(a.width()) + b.width(), double(a.height()) + b.height()};
    double revised[2];
    for (int k = 0; k < 2; ++k) {
        const double sign = offset[k] > 0 ? 1.0 : (offset[k] < 0 ? -1.0 : 0.0);
        revised[k] = std::max(std::abs(offset[k]) - threshold * dims[k], 0.0) * sign;
    }
    if (std::abs(revised[0]) < 1e-3 && std::abs(revised[1]) < 1e-3) return {};
    const double norm = std::hypot(offset[0], offset[1]);
    const double dx = revised[0] / norm, dy = revised[1] / norm;
    std::set<std::string> relations;
    if (dx < -0.5) relations.insert("left of");
    if (dx > 0.5) relations.insert("right of");
    if (dy < -0.5) relations.insert("above");
    if (dy > 0.5) relations.insert("below");
    return relations;
}

std::string Judgement::reason() const {
    std::string text;
    for (const std::string& r : reasons) text += (text.empty() ? "" : "\n") + r;
    return text;
}

nlohmann::ordered_json Judgement::details() const {
    nlohmann::ordered_json json = nlohmann::ordered_json::object();
    for (const auto& [name, list] : group_by_class(objects)) {
        nlohmann::ordered_json boxes = nlohmann::ordered_json::array();
        for (const DetectedObject* o : list)
            boxes.push_back({o->box.x0, o->box.y0, o->box.x1, o->box.y1, o->confidence});
        json[name] = boxes;
    }
    return json;
}

Judgement judge_detections(const Metadata& metadata, const std::vector<DetectedObject>& objects) {
    Judgement result;
    result.objects = objects;
    result.unsupported = unsupported_terms(metadata);
    if (!result.unsupported.empty()) {
        result.supported = false;
        for (const std::string& term : result.unsupported)
            result.reasons.push_back("unsupported by the shapes judge: " + term);
        return result;
    }
    const ClassObjects by_class = group_by_class(result.objects);
    auto objects_of = [&by_class](const std::string& name) {
        const auto it = by_class.find(name);
        return it == by_class.end() ? std::vector<const DetectedObject*>{} : it->second;
    };

    bool correct = true;
    std::vector<std::optional<std::vector<const DetectedObject*>>> matched_groups;
    for (const Clause& clause : metadata.include) {
        const std::string& name = clause.object_class;
        std::vector<const DetectedObject*> found = objects_of(name);
        if (found.size() > size_t(clause.count)) found.resize(clause.count);
        const int n = int(found.size());
        bool matched = true;

        result.checks.push_back({"count: " + name + " >= " + std::to_string(clause.count), double(n) / clause.count});
        if (n < clause.count) {
            correct = matched = false;
            result.reasons.push_back("expected " + name + ">=" + std::to_string(clause.count) + ", found " +
                                     std::to_string(n) + notes_for_missing(name, result.objects));
        }
        if (clause.colour) {
            std::vector<int> per_colour(all_colours().size(), 0);
            for (const DetectedObject* o : found)
                ++per_colour[std::find(all_colours().begin(), all_colours().end(), o->colour) - all_colours().begin()];
            const Colour wanted = *colour_from_name(*clause.colour);
            const int k =
                per_colour[std::find(all_colours().begin(), all_colours().end(), wanted) - all_colours().begin()];
            result.checks.push_back({"colour: " + *clause.colour + " " + name, double(k) / clause.count});
            if (n >= clause.count && k < clause.count) {  // GenEval reads colours only once the count is met
                correct = matched = false;
                std::string seen;
                for (size_t c = 0; c < per_colour.size(); ++c)
                    if (per_colour[c] > 0)
                        seen += (seen.empty() ? "" : ", ") + std::to_string(per_colour[c]) + " " +
                            colour_name(all_colours()[c]);
                result.reasons.push_back("expected " + *clause.colour + " " + name +
                                         ">=" + std::to_string(clause.count) + ", found " + std::to_string(k) + " " +
                                         *clause.colour + "; and " + seen + notes_of(found));
            }
        }
        if (clause.position) {
            const std::string& relation = clause.position->relation;
            const auto& target = matched_groups[clause.position->target];
            const std::string target_name = metadata.include[clause.position->target].object_class;
            JudgeCheck check{"position: " + name + " " + relation + " " + target_name, 0.0};
            if (matched && !target) {
                correct = matched = false;
                result.reasons.push_back("no target for " + name + " to be " + relation);
            } else if (matched) {
                int holding = 0;
                std::string first_failure;
                for (const DetectedObject* a : found)
                    for (const DetectedObject* b : *target) {
                        const std::set<std::string> relations = relative_position(a->box, b->box);
                        if (relations.count(relation))
                            ++holding;
                        else if (first_failure.empty())
                            first_failure = "expected " + name + " " + relation + " target, found " +
                                join(relations, " and ") + " target";
                    }
                const size_t pairs = found.size() * target->size();
                check.value = pairs ? double(holding) / pairs : 0.0;
                if (!first_failure.empty()) {
                    correct = matched = false;
                    result.reasons.push_back(first_failure);
                }
            }
            result.checks.push_back(check);
        }
        if (matched)
            matched_groups.emplace_back(found);
        else
            matched_groups.emplace_back(std::nullopt);
    }
    for (const Clause& clause : metadata.exclude) {
        const int n = int(objects_of(clause.object_class).size());
        const bool passed = n < clause.count;
        result.checks.push_back(
            {"exclude: " + clause.object_class + " < " + std::to_string(clause.count), passed ? 1.0 : 0.0});
        if (!passed) {
            correct = false;
            result.reasons.push_back("expected " + clause.object_class + "<" + std::to_string(clause.count) +
                                     ", found " + std::to_string(n));
        }
    }
    double total = 0;
    for (const JudgeCheck& check : result.checks) total += check.value;
    result.correct = correct;
    result.score = result.checks.empty() ? 0.0 : total / result.checks.size();
    return result;
}

Judgement judge_image(const Metadata& metadata, const milr::RgbImage& image, const DetectorOptions& options) {
    return judge_detections(metadata, detect_objects(image, options));
}

}  // namespace milr::world
