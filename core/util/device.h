// Run-time choice of device and precision, with a clear error when CUDA is asked for and absent.
#pragma once
#include <torch/types.h>

#include <string>

namespace milr {

struct ComputeTarget {
    torch::Device device = torch::kCPU;
    torch::ScalarType dtype = torch::kFloat32;  // weights and activations of the trunk
};

// device: "cpu", "cuda" or "cuda:N"; precision: "fp32" or "bf16". Throws milr::Error on anything else
// or when CUDA is requested and the libtorch in use has none.
ComputeTarget parse_compute_target(const std::string& device, const std::string& precision);
std::string describe(const ComputeTarget& target);
bool cuda_available();

}  // namespace milr
