// Fuzz target: the Hub's model-info answer (commit, file list, sizes, hashes) that decides what is written where.
#include "core/hub/hub_client.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace milr::fuzz;
    expect_clean([&] {
        const milr::HubModelInfo info =
            milr::parse_model_info(as_string(data, size), milr::HubRepoId::parse("org/name"), "main", "fuzz");
        require(milr::is_commit_hash(info.commit), "the commit is a hash");
        for (const milr::HubFile& file : info.files) {
            bool plain_name = true;  // a listed name that could leave the cache is a broken promise
            try {
                milr::check_hub_file_name(file.name);
            } catch (const milr::Error&) {
                plain_name = false;
            }
            require(plain_name, "every listed file name is a plain relative path");
            require(file.etag().size() == 40 || file.etag().size() == 64, "a blob name is a hash");
            require(file.etag().find('/') == std::string::npos && file.etag().find('.') == std::string::npos,
                    "a blob name is a plain file name");
        }
    });
    return 0;
}
