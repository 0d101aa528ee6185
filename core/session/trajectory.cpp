// Trajectory folders: step images (each carrying the run's metadata), final image and trajectory.json, each
// written atomically.
#include "core/session/trajectory.h"

#include <cstdio>

#include "core/io/atomic_file.h"
#include "core/io/json_file.h"
#include "core/io/png_text.h"
#include "core/session/run_metadata.h"
#include "core/util/error.h"

namespace milr {

std::string step_image_name(int step) {
    char name[32];
    std::snprintf(name, sizeof name, "step-%04d.png", step);
    return name;
}

void write_trajectory(const std::filesystem::path& folder, const Trajectory& t) {
    std::error_code error;
    std::filesystem::create_directories(folder, error);
    if (error) throw Error("cannot create the trajectory folder " + folder.string() + ": " + error.message());
    nlohmann::json steps = nlohmann::json::array();
    for (const StepRecord& record : t.records) {
        if (!record.image.empty())
            write_run_png(folder / step_image_name(record.step), record.image,
                          run_metadata_of(t.options, t.model, t.reward, record));
        nlohmann::json json = to_json(record);
        json["image"] = step_image_name(record.step);
        steps.push_back(std::move(json));
    }
    if (t.returned_index >= 0 && t.returned_index < static_cast<int>(t.records.size())) {
        const StepRecord& returned = t.records[static_cast<size_t>(t.returned_index)];
        if (!returned.image.empty())
            write_run_png(folder / "final.png", returned.image,
                          run_metadata_of(t.options, t.model, t.reward, returned));
    }
    const nlohmann::json document = {{"format", "milr-trajectory"},
                                     {"version", 1},
                                     {"model", t.model},
                                     {"reward", t.reward},
                                     {"options", to_json(t.options)},
                                     {"returned_step",
                                      t.returned_index >= 0 && t.returned_index < static_cast<int>(t.records.size())
                                          ? t.records[static_cast<size_t>(t.returned_index)].step
                                          : -1},
                                     {"reached_threshold", t.reached_threshold},
                                     {"cancelled", t.cancelled},
                                     {"error", t.error},
                                     {"steps", steps}};
    write_file_atomic(folder / kTrajectoryFile, document.dump(1) + "\n");
}

Trajectory read_trajectory(const std::filesystem::path& folder) {
    const std::filesystem::path file = folder / kTrajectoryFile;
    const nlohmann::json document = read_json_file(file);
    const std::string where = file.string();
    if (!document.is_object() || document.value("format", "") != "milr-trajectory")
        throw Error(where + ": not a MILR trajectory (no \"format\": \"milr-trajectory\")");
    Trajectory t;
    try {
        t.options = milr_options_from_json(document.at("options"));
        t.model = document.value("model", "");
        t.reward = document.value("reward", "");
        t.reached_threshold = document.value("reached_threshold", false);
        t.cancelled = document.value("cancelled", false);
        t.error = document.value("error", "");
        const int returned_step = document.value("returned_step", -1);
        const auto& steps = document.at("steps");
        if (!steps.is_array()) throw Error("\"steps\" is not an array");
        for (const auto& step : steps) {
            StepRecord record = step_record_from_json(step);
            const std::filesystem::path image = folder / step_image_name(record.step);
            if (std::filesystem::exists(image)) record.image = read_png(image).image;
            if (record.step == returned_step) t.returned_index = static_cast<int>(t.records.size());
            t.records.push_back(std::move(record));
        }
    } catch (const nlohmann::json::exception& e) {
        throw Error(where + ": " + e.what());
    } catch (const Error& e) {
        throw Error(where + ": " + e.what());
    }
    return t;
}

}  // namespace milr
