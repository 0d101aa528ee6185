// Image codes -> 8-bit RGB through the model's VQ decoder, with the reference's truncating conversion.
#pragma once
#include <cstdint>
#include <vector>

#include "core/model/janus_model.h"
#include "core/util/image.h"

namespace milr {

// codes: grid_size^2 ids in raster order. Throws milr::Error when the model was loaded without its codec, and
// when the decoded pixels hold NaN or Inf (naming the codebook or the decoder) rather than returning a flat image.
RgbImage decode_image(JanusModel& model, const std::vector<int64_t>& codes);
std::vector<RgbImage> decode_images(JanusModel& model, const std::vector<std::vector<int64_t>>& codes);

}  // namespace milr
