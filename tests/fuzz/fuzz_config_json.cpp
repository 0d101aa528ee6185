// Fuzz target: config.json of a model folder (DeepSeek and transformers layouts), parsed, validated, written back.
#include "core/io/json_file.h"
#include "core/model/config.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace milr::fuzz;
    expect_clean([&] {
        const milr::JanusConfig config =
            milr::parse_janus_config(milr::parse_json_strict(as_string(data, size), "config.json"), "config.json");
        milr::validate_janus_config(config, "config.json");
        // A config the app accepts can be written out and read back unchanged (the model folders it writes).
        const nlohmann::json written = milr::to_deepseek_json(config);
        const milr::JanusConfig again = milr::parse_janus_config(written, "written config.json");
        require(milr::to_deepseek_json(again) == written, "a written config reads back unchanged");
    });
    return 0;
}
