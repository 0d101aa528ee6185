// Checks of Hub repository names, revisions and file names.
#include "core/hub/hub_repo.h"

#include <algorithm>
#include <cctype>

#include "core/util/error.h"

namespace milr {

namespace {
bool is_name_character(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
}

bool is_valid_part(const std::string& part) {
    return !part.empty() && part.size() <= 96 && std::all_of(part.begin(), part.end(), is_name_character) &&
        part.find("--") == std::string::npos && part.find("..") == std::string::npos && part.front() != '-' &&
        part.front() != '.' && part.back() != '-' && part.back() != '.';
}

bool has_control_character(const std::string& text) {
    return std::any_of(text.begin(), text.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}
}  // namespace

HubRepoId HubRepoId::parse(const std::string& text) {
    const size_t slash = text.find('/');
    if (slash == std::string::npos || text.find('/', slash + 1) != std::string::npos) {
        throw Error("\"" + text + "\" is not a Hub model name: write it as owner/name, e.g. deepseek-ai/Janus-Pro-1B");
    }
    HubRepoId id{text.substr(0, slash), text.substr(slash + 1)};
    if (!is_valid_part(id.owner) || !is_valid_part(id.name)) {
        throw Error("\"" + text +
                    "\" is not a Hub model name: owner and name are letters, digits, '-', '_' and '.' "
                    "(no \"--\" or \"..\", at most 96 characters each)");
    }
    return id;
}

void check_hub_revision(const std::string& revision) {
    if (revision.empty() || revision.size() > 256 || has_control_character(revision) ||
        revision.find("..") != std::string::npos || revision.front() == '/' || revision.back() == '/' ||
        revision.find('\\') != std::string::npos) {
        throw Error("\"" + revision + "\" is not a revision (a branch, a tag or a commit hash)");
    }
}

bool is_commit_hash(const std::string& revision) {
    return revision.size() == 40 && std::all_of(revision.begin(), revision.end(), [](char c) {
               return std::isdigit(static_cast<unsigned char>(c)) || (c >= 'a' && c <= 'f');
           });
}

void check_hub_file_name(const std::string& file_name) {
    bool bad = file_name.empty() || file_name.size() > 1024 || file_name.front() == '/' || file_name.back() == '/' ||
        file_name.find('\\') != std::string::npos || has_control_character(file_name);
    size_t start = 0;
    while (!bad && start <= file_name.size()) {
        const size_t end = std::min(file_name.find('/', start), file_name.size());
        const std::string part = file_name.substr(start, end - start);
        bad = part.empty() || part == "." || part == "..";
        start = end + 1;
    }
    if (bad) throw Error("the Hub named a file \"" + file_name + "\" that is not a plain relative path; refused");
}

}  // namespace milr
