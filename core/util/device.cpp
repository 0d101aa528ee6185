// Run-time choice of device and precision.
#include "core/util/device.h"

#include <torch/cuda.h>

#include "core/util/error.h"

namespace milr {

bool cuda_available() { return torch::cuda::is_available(); }

ComputeTarget parse_compute_target(const std::string& device, const std::string& precision) {
    ComputeTarget target;
    if (device == "cpu") {
        target.device = torch::kCPU;
    } else if (device.rfind("cuda", 0) == 0) {
        if (!cuda_available())
            throw Error("device '" + device +
                        "' requested, but this build of libtorch has no CUDA device available"
                        " (Debian's libtorch is CPU-only; build against the CUDA libtorch from pytorch.org)");
        int index = 0;
        if (device.size() > 4) {
            if (device[4] != ':') throw Error("unknown device '" + device + "' (use cpu, cuda or cuda:N)");
            try {
                index = std::stoi(device.substr(5));
            } catch (...) {
                throw Error("bad CUDA device index in '" + device + "'");
            }
            if (index < 0 || index >= static_cast<int>(torch::cuda::device_count()))
                throw Error("CUDA device " + std::to_string(index) + " does not exist");
        }
        target.device = torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(index));
    } else {
        throw Error("unknown device '" + device + "' (use cpu, cuda or cuda:N)");
    }
    if (precision == "fp32")
        target.dtype = torch::kFloat32;
    else if (precision == "bf16")
        target.dtype = torch::kBFloat16;
    else
        throw Error("unknown precision '" + precision + "' (use fp32 or bf16)");
    return target;
}

std::string describe(const ComputeTarget& target) {
    return target.device.str() + (target.dtype == torch::kBFloat16 ? " bf16" : " fp32");
}

}  // namespace milr
