// Conversions between 8-bit RGB images and the codec's [-1,1] float tensors, with the reference's rounding.
#pragma once
#include <torch/types.h>

#include <vector>

#include "core/util/image.h"

namespace milr {

// [3,H,W] (any float dtype, any device) in [-1,1] -> 8-bit RGB as the reference does it: in float32,
// clip((x+1)/2*255, 0, 255), then TRUNCATE to uint8 (so 0 -> 127, 1 -> 255, -1 -> 0). NaN becomes 0.
RgbImage tensor_to_rgb(const torch::Tensor& image);
// [B,3,H,W] -> one image per row.
std::vector<RgbImage> tensor_to_rgb_batch(const torch::Tensor& images);

// 8-bit RGB -> [3,H,W] float32 in [-1,1]: (x/255 - 0.5)/0.5, as Janus's image processor normalises.
torch::Tensor rgb_to_tensor(const RgbImage& image);
// Equal-sized images -> [B,3,H,W] float32 in [-1,1]; throws milr::Error naming the first that differs.
torch::Tensor rgb_to_tensor_batch(const std::vector<RgbImage>& images);

}  // namespace milr
