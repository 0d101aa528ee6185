// VQ decoding of image codes to RGB images.
#include "core/generate/image_decode.h"

#include <torch/torch.h>

#include "core/model/image_tensor.h"
#include "core/util/error.h"

namespace milr {

std::vector<RgbImage> decode_images(JanusModel& model, const std::vector<std::vector<int64_t>>& codes) {
    if (!model->has_vq()) throw Error("decode_image: the model was loaded without its image codec (gen_vision_model)");
    if (codes.empty()) return {};
    const int64_t per_image = model->config().image_tokens_per_image();
    std::vector<int64_t> flat;
    for (const auto& image : codes) {
        if (static_cast<int64_t>(image.size()) != per_image)
            throw Error("decode_image: " + std::to_string(image.size()) + " codes given, the codec needs " +
                        std::to_string(per_image));
        flat.insert(flat.end(), image.begin(), image.end());
    }
    torch::NoGradGuard no_grad;
    const torch::Tensor indices =
        torch::tensor(flat, torch::kLong).view({int64_t(codes.size()), per_image}).to(model->device());
    return tensor_to_rgb_batch(model->gen_vision_model->decode_indices(indices));
}

RgbImage decode_image(JanusModel& model, const std::vector<int64_t>& codes) { return decode_images(model, {codes})[0]; }

}  // namespace milr
