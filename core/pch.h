// Precompiled header of the engine: libtorch and the standard library, nothing of the project.
#pragma once
#include <torch/torch.h>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>
#include <memory>
#include <functional>
#include <stdexcept>
