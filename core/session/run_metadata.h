// A run's parameters as PNG text chunks: "parameters" (a one-paragraph summary people read, as A1111 writes it)
// and "milr" (JSON that programs read back exactly), with validation of what comes back.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/io/png_text.h"
#include "core/milr/run_description.h"
#include "core/milr/step_record.h"

namespace milr {

constexpr const char* kParametersKeyword = "parameters";
constexpr const char* kMilrKeyword = "milr";

// The version of this program, as written into every PNG.
std::string milr_version();

struct RunMetadata {
    RunDescription run;          // the prompt and every run parameter (reward and model specs: see below)
    bool records_specs = false;  // whether run.reward and run.model were recorded (the studio's PNGs are;
                                 // the command line's name the reward and model only in `reward` and `model`)
    std::string model;           // model name or folder
    std::string reward;          // the reward's name
    int step = 0;                // the step the image comes from
    double reward_value = 0.0;   // its reward, in [0, 1]
    std::string app_version = milr_version();

    bool operator==(const RunMetadata& other) const;
};

// The metadata of one step of a run.
RunMetadata run_metadata_of(const MilrOptions& options, const std::string& model, const std::string& reward,
                            const StepRecord& record);

// "a red circle\nMode: both, Steps: 8, lambda_t: 0.2, ..., Step: 3, Reward value: 0.875"
std::string parameters_summary(const RunMetadata& metadata);

nlohmann::json to_json(const RunMetadata& metadata);
// Validates every field: a wrong type, an unknown preset or mode, or a value out of the run parameters' range
// table throws milr::Error naming the field ("milr.lambda_text: lambda-t must be within [0, 1], not 1.5").
// Reads 0.1.0's "studio" object (the studio's settings in their old flat format) into run.reward and run.model.
RunMetadata run_metadata_from_json(const nlohmann::json& json);

// The two text chunks, "parameters" then "milr".
std::vector<PngText> run_metadata_texts(const RunMetadata& metadata);
// From a PNG's text chunks; `where` (the file) starts every error. Throws when there is no "milr" chunk (saying
// whether the image carries some other program's "parameters") or when it does not validate.
RunMetadata run_metadata_from_texts(const std::vector<PngText>& texts, const std::string& where);

// The image as a PNG carrying the metadata, written atomically.
void write_run_png(const std::filesystem::path& path, const RgbImage& image, const RunMetadata& metadata);
// Reads a PNG written by write_run_png (pixels too when `image` is given). Errors name the file.
RunMetadata read_run_png(const std::filesystem::path& path, RgbImage* image = nullptr);

}  // namespace milr
