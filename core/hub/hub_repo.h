// A Hugging Face Hub model repository's name ("org/name") and revision, checked before they go into a URL or a path.
#pragma once
#include <string>

namespace milr {

// "org/name" as the Hub spells it. parse() refuses anything that is not one owner and one name made of letters,
// digits, '-', '_' and '.', without "--" or ".." (the cache folder joins the parts with "--", and a name must
// never climb out of a folder), at most 96 characters each.
struct HubRepoId {
    std::string owner;
    std::string name;

    static HubRepoId parse(const std::string& text);
    std::string text() const { return owner + "/" + name; }
    // The repository's folder in the Hub cache: "models--org--name".
    std::string cache_folder_name() const { return "models--" + owner + "--" + name; }
    bool operator==(const HubRepoId& other) const { return owner == other.owner && name == other.name; }
};

// A branch, tag or commit: printable, no "..", no leading '/', no control characters; throws milr::Error naming it.
void check_hub_revision(const std::string& revision);
// True for a full commit hash (40 lowercase hexadecimal digits).
bool is_commit_hash(const std::string& revision);
// A file name inside a repository ("model.safetensors", "vae/config.json"): relative, no "." or ".." part, no
// backslash or control character; throws milr::Error naming it. A file list from a server is data: it never
// names a place outside the snapshot folder.
void check_hub_file_name(const std::string& file_name);

}  // namespace milr
