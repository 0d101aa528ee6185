// The Hub's model-info answer read strictly: a commit hash, and files whose names and hashes are checked.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

#include "core/hub/hub_client.h"

namespace milr {

namespace {
bool is_hex_of_length(const std::string& text, size_t length) {
    return text.size() == length && std::all_of(text.begin(), text.end(), [](char c) {
               return std::isdigit(static_cast<unsigned char>(c)) || (c >= 'a' && c <= 'f');
           });
}
}  // namespace

std::uint64_t HubModelInfo::total_bytes() const {
    std::uint64_t total = 0;
    for (const HubFile& file : files) total += file.size;
    return total;
}

HubModelInfo parse_model_info(const std::string& body, const HubRepoId& repo, const std::string& revision,
                              const std::string& source) {
    nlohmann::json info;
    try {
        info = nlohmann::json::parse(body);
    } catch (const nlohmann::json::exception&) {
        throw Error(source + " is not JSON");
    }
    HubModelInfo model;
    model.repo = repo;
    model.revision = revision;
    try {
        model.commit = info.at("sha").get<std::string>();
        for (const nlohmann::json& sibling : info.at("siblings")) {
            HubFile file;
            file.name = sibling.at("rfilename").get<std::string>();
            check_hub_file_name(file.name);
            file.blob_id = sibling.at("blobId").get<std::string>();
            file.size = sibling.at("size").get<std::uint64_t>();
            if (sibling.contains("lfs") && sibling["lfs"].is_object()) {
                file.sha256 = sibling["lfs"].at("sha256").get<std::string>();
                file.size = sibling["lfs"].value("size", file.size);
                if (!is_hex_of_length(file.sha256, 64)) throw Error(file.name + " has no valid SHA-256");
            }
            if (!is_hex_of_length(file.blob_id, 40)) throw Error(file.name + " has no valid blob id");
            model.files.push_back(std::move(file));
        }
    } catch (const nlohmann::json::exception& e) {
        throw Error(source + " lacks a field the Hub gives (sha, siblings with rfilename, size, blobId): " +
                    std::string(e.what()));
    } catch (const Error& e) {
        throw Error(source + ": " + e.what());
    }
    if (!is_commit_hash(model.commit)) throw Error(source + " names no commit hash");
    return model;
}

}  // namespace milr
