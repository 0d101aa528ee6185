// A run on disk: step-NNNN.png for every record, final.png (the returned image) and trajectory.json (the run's
// parameters, model, reward and every step record but the pixels). Written atomically file by file; what the
// CLI writes, the app exports and opens again, and the benchmark keeps per prompt.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "core/milr/milr_options.h"
#include "core/milr/step_record.h"

namespace milr {

struct Trajectory {
    MilrOptions options;
    std::string model;   // model name or folder
    std::string reward;  // the reward's name
    std::vector<StepRecord> records;
    int returned_index = -1;
    bool reached_threshold = false;
    bool cancelled = false;
    std::string error;
};

constexpr const char* kTrajectoryFile = "trajectory.json";

// Creates `folder` if needed. Image file names come from step numbers only, never from the JSON.
void write_trajectory(const std::filesystem::path& folder, const Trajectory& trajectory);
// Reads trajectory.json and the step images beside it (a missing image leaves that record's pixels empty).
// Throws milr::Error naming the file and field.
Trajectory read_trajectory(const std::filesystem::path& folder);
std::string step_image_name(int step);  // "step-0003.png"

}  // namespace milr
