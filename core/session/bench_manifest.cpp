// Benchmark manifests: the settings that change results, compared setting by setting on resume.
#include "core/session/bench_manifest.h"

#include <fstream>
#include <map>
#include <set>

#include "core/io/atomic_file.h"
#include "core/session/bench_method.h"
#include "core/util/error.h"

namespace milr {
namespace fs = std::filesystem;
namespace {

constexpr const char* kManifestFormat = "milr-bench-manifest";

// The files of a model folder that decide its outputs: config, weights, tokenizer (by name and size).
bool is_model_file(const fs::path& path) {
    const std::string extension = path.extension().string();
    return extension == ".json" || extension == ".safetensors" || extension == ".bin" || extension == ".model";
}

nlohmann::ordered_json model_identity(const ModelBundle& model) {
    nlohmann::ordered_json identity;
    identity["name"] = model.name();
    nlohmann::ordered_json files = nlohmann::ordered_json::object();
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(model.folder, ec))
        if (entry.is_regular_file(ec) && is_model_file(entry.path()))
            files[entry.path().filename().string()] = static_cast<uint64_t>(entry.file_size(ec));
    identity["files"] = files;
    if (model.model) {
        for (const torch::Tensor& parameter : model.model->parameters()) {
            identity["device"] = parameter.device().str();
            identity["dtype"] = std::string(c10::toString(parameter.scalar_type()));
            break;
        }
    }
    return identity;
}

void flatten(const nlohmann::json& value, const std::string& path, std::map<std::string, nlohmann::json>& out) {
    if (value.is_object() && !value.empty()) {
        for (auto it = value.begin(); it != value.end(); ++it)
            flatten(it.value(), path.empty() ? it.key() : path + "." + it.key(), out);
        return;
    }
    out[path] = value;
}

std::string shown(const std::map<std::string, nlohmann::json>& values, const std::string& key) {
    const auto it = values.find(key);
    return it == values.end() ? "(not set)" : it->second.dump();
}

// Whether OUT already holds prompt folders of a method (OUT/<method>/NNNNN/).
bool holds_results(const fs::path& out) {
    std::error_code ec;
    for (const BenchMethod& method : bench_methods()) {
        for (const auto& entry : fs::directory_iterator(out / method.name, ec)) {
            const std::string name = entry.path().filename().string();
            if (entry.is_directory(ec) && !name.empty() && name.find_first_not_of("0123456789") == std::string::npos)
                return true;
        }
    }
    return false;
}

nlohmann::json read_manifest(const fs::path& path) {
    std::ifstream in(path);
    if (!in) throw Error(path.string() + ": cannot be read");
    nlohmann::json manifest;
    try {
        manifest = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw Error(path.string() + ": not valid JSON (" + e.what() + "); use another --out folder");
    }
    if (!manifest.is_object() || manifest.value("format", "") != kManifestFormat || !manifest.contains("settings"))
        throw Error(path.string() + ": not a milr bench manifest (no \"format\": \"" + kManifestFormat +
                    "\" with \"settings\"); use another --out folder");
    return manifest;
}

}  // namespace

nlohmann::ordered_json bench_settings(const MilrOptions& run, const RewardSpec& reward, const ModelBundle& model) {
    nlohmann::ordered_json settings;
    nlohmann::ordered_json run_json = to_json(run);
    for (const char* per_prompt : {"prompt", "metadata", "mode"}) run_json.erase(per_prompt);
    settings["run"] = run_json;
    // The command as its words, as 0.1.0 wrote it (a folder written then still resumes).
    const std::vector<std::string> command =
        reward.kind == RewardKind::external ? split_command_line(reward.command_line) : std::vector<std::string>{};
    settings["reward"] = {
        {"kind", reward_kind_name(reward.kind)}, {"command", command}, {"self_weight", reward.self_weight}};
    settings["model"] = model_identity(model);
    return settings;
}

std::vector<std::string> differing_settings(const nlohmann::json& folder, const nlohmann::json& now) {
    std::map<std::string, nlohmann::json> was_values, now_values;
    flatten(folder, "", was_values);
    flatten(now, "", now_values);
    std::set<std::string> keys;
    for (const auto& entry : was_values) keys.insert(entry.first);
    for (const auto& entry : now_values) keys.insert(entry.first);
    std::vector<std::string> differences;
    for (const std::string& key : keys) {
        const auto was = was_values.find(key), is = now_values.find(key);
        if (was != was_values.end() && is != now_values.end() && was->second == is->second) continue;
        const std::string name = key.rfind("run.", 0) == 0 ? key.substr(4) : key;
        differences.push_back(name + ": " + shown(was_values, key) + " in the folder, " + shown(now_values, key) +
                              " now");
    }
    return differences;
}

void check_or_write_bench_manifest(const fs::path& out, const nlohmann::ordered_json& settings,
                                   const fs::path& prompts) {
    const fs::path path = out / kBenchManifestFile;
    if (!fs::exists(path)) {
        if (holds_results(out))
            throw Error(
                out.string() + " holds benchmark results but no " + kBenchManifestFile +
                " (written by an older milr bench), so the settings they were run with are unknown and a resume "
                "could mix settings; use another --out folder");
        nlohmann::ordered_json manifest;
        manifest["format"] = kManifestFormat;
        manifest["version"] = 1;
        manifest["settings"] = settings;
        manifest["prompts"] =
            fs::absolute(prompts).lexically_normal().string();  // for people; lines are checked one by one
        write_file_atomic(path, manifest.dump(2) + "\n");
        return;
    }
    const std::vector<std::string> differences = differing_settings(read_manifest(path)["settings"], settings);
    if (differences.empty()) return;
    std::string list;
    for (const std::string& d : differences) list += "\n  " + d;
    throw Error(out.string() + " was run with other settings (" + path.string() + "):" + list +
                "\nResuming would mix results of different settings: use another --out folder, or rerun with the "
                "folder's settings.");
}

}  // namespace milr
