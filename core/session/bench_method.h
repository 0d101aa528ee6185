// The methods `milr bench` compares: MILR's modes under each estimator, the controls and the Best-of-N variants,
// each a name, a line saying what it is, and the change it makes to the run's options.
#pragma once
#include <string>
#include <vector>

#include "core/milr/milr_options.h"

namespace milr {

struct BenchMethod {
    const char* name;
    const char* description;
    bool generates_only;  // "base": think and draw once, no reward
    void (*apply)(MilrOptions& options);
};

// Every method, in the order `milr bench --help` lists them.
const std::vector<BenchMethod>& bench_methods();
// The method called `name`; throws milr::Error listing the names.
const BenchMethod& bench_method(const std::string& name);
// "base, text, image, ...": the names, for messages.
std::string bench_method_names();
// Whether `name` is a method whose prompt folders a bench writes (any of the table's names).
bool is_bench_method(const std::string& name);

}  // namespace milr
