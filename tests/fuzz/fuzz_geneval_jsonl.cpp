// Fuzz target: one line of a GenEval metadata.jsonl (tag, include/exclude clauses, counts, colours, positions).
#include "core/world/metadata.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace milr::fuzz;
    expect_clean([&] {
        const milr::world::Metadata metadata = milr::world::metadata_from_line(as_string(data, size), "metadata.jsonl line 1");
        milr::world::unsupported_terms(metadata);
        // What is read can be written in GenEval's format and reads back the same.
        const std::string line = milr::world::metadata_to_line(metadata);
        const std::string again = milr::world::metadata_to_line(milr::world::metadata_from_line(line, "written line"));
        require(again == line, "a written metadata line reads back unchanged");
    });
    return 0;
}
