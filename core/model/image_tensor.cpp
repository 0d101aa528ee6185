// Conversions between 8-bit RGB images and [-1,1] float tensors.
#include "core/model/image_tensor.h"

#include <torch/torch.h>

#include <cstring>
#include <string>

#include "core/util/error.h"

namespace milr {

RgbImage tensor_to_rgb(const torch::Tensor& image) {
    if (image.dim() != 3 || image.size(0) != 3)
        throw Error("tensor_to_rgb: image must be [3,H,W], got a tensor with " + std::to_string(image.dim()) +
                    " dimensions" + (image.dim() > 0 ? " and " + std::to_string(image.size(0)) + " in the first" : ""));
    if (!image.is_floating_point()) throw Error("tensor_to_rgb: image must be a floating-point tensor");
    const torch::Tensor x = torch::nan_to_num(image.detach().to(torch::kCPU, torch::kFloat32), 0.0, 1.0, -1.0);
    const torch::Tensor scaled = ((x + 1.0f) / 2.0f * 255.0f).clamp(0.0f, 255.0f);
    const torch::Tensor bytes = scaled.to(torch::kUInt8).permute({1, 2, 0}).contiguous();  // truncation towards zero
    RgbImage out;
    out.height = static_cast<int>(image.size(1));
    out.width = static_cast<int>(image.size(2));
    out.pixels.resize(static_cast<size_t>(bytes.numel()));
    if (!out.pixels.empty()) std::memcpy(out.pixels.data(), bytes.data_ptr<uint8_t>(), out.pixels.size());
    return out;
}

std::vector<RgbImage> tensor_to_rgb_batch(const torch::Tensor& images) {
    if (images.dim() != 4) throw Error("tensor_to_rgb_batch: images must be [B,3,H,W]");
    std::vector<RgbImage> out;
    out.reserve(static_cast<size_t>(images.size(0)));
    for (int64_t i = 0; i < images.size(0); ++i) out.push_back(tensor_to_rgb(images[i]));
    return out;
}

torch::Tensor rgb_to_tensor(const RgbImage& image) {
    const size_t expected = static_cast<size_t>(image.width) * static_cast<size_t>(image.height) * 3;
    if (image.width <= 0 || image.height <= 0 || image.pixels.size() != expected)
        throw Error("rgb_to_tensor: image of " + std::to_string(image.width) + "x" + std::to_string(image.height) +
                    " has " + std::to_string(image.pixels.size()) + " bytes, expected " + std::to_string(expected));
    const torch::Tensor bytes =
        torch::from_blob(const_cast<uint8_t*>(image.pixels.data()), {image.height, image.width, 3}, torch::kUInt8);
    return (bytes.permute({2, 0, 1}).to(torch::kFloat32) / 255.0f - 0.5f) / 0.5f;
}

torch::Tensor rgb_to_tensor_batch(const std::vector<RgbImage>& images) {
    if (images.empty()) throw Error("rgb_to_tensor_batch: no images");
    std::vector<torch::Tensor> rows;
    rows.reserve(images.size());
    for (size_t i = 0; i < images.size(); ++i) {
        if (images[i].width != images[0].width || images[i].height != images[0].height)
            throw Error("rgb_to_tensor_batch: image " + std::to_string(i) + " is " + std::to_string(images[i].width) +
                        "x" + std::to_string(images[i].height) + ", the first is " + std::to_string(images[0].width) +
                        "x" + std::to_string(images[0].height));
        rows.push_back(rgb_to_tensor(images[i]));
    }
    return torch::stack(rows);
}

}  // namespace milr
