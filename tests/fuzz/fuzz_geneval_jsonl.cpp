// Fuzz target: one line of a GenEval metadata.jsonl (tag, include/exclude clauses, counts, colours, positions),
// and the same bytes as a whole file read line by line with a bounded line length.
#include "core/world/metadata.h"

#include <sstream>

#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace milr::fuzz;
    expect_clean([&] {
        const milr::world::Metadata metadata =
            milr::world::metadata_from_line(as_string(data, size), "metadata.jsonl line 1");
        milr::world::unsupported_terms(metadata);
        // What is read can be written in GenEval's format and reads back the same.
        const std::string line = milr::world::metadata_to_line(metadata);
        const std::string again = milr::world::metadata_to_line(milr::world::metadata_from_line(line, "written line"));
        require(again == line, "a written metadata line reads back unchanged");
    });
    expect_clean([&] {
        std::istringstream in(as_string(data, size));
        int previous = 0;
        milr::world::for_each_metadata_line(
            in, "fuzz.jsonl",
            [&](const milr::world::MetadataLine& line) {
                require(line.line_number > previous, "line numbers increase");
                require(line.metadata.has_value() == line.error.empty(), "a line is parsed or has an error, not both");
                previous = line.line_number;
                return true;
            },
            256);
    });
    return 0;
}
