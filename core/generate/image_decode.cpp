// VQ decoding of image codes to RGB images.
#include "core/generate/image_decode.h"

#include <torch/torch.h>

#include "core/model/image_tensor.h"
#include "core/util/error.h"

namespace milr {

namespace {
// A decoded batch with NaN or Inf is an error naming the codec part to blame: the codebook vectors of the
// codes when they are not finite, else the decoder. Checked once per batch; the blame only on failure.
void require_finite_images(JanusModel& model, const torch::Tensor& indices, const torch::Tensor& images) {
    if (torch::isfinite(images).all().item<bool>()) return;
    VQModel& codec = model->gen_vision_model;
    const torch::Tensor vectors = codec->quantizer()->embedding_weight().index_select(0, indices.flatten());
    const std::string part = torch::isfinite(vectors).all().item<bool>()
        ? "the image decoder (gen_vision_model.post_quant_conv or gen_vision_model.decoder, "
          "e.g. its conv_out)"
        : "the codebook (gen_vision_model.quantize.embedding) at the image's codes";
    throw NumericalError("the decoded image is not finite (NaN/Inf): the weights of " + part + " hold NaN or Inf");
}
}  // namespace

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
    const torch::Tensor images = model->gen_vision_model->decode_indices(indices);
    require_finite_images(model, indices, images);
    return tensor_to_rgb_batch(images);
}

RgbImage decode_image(JanusModel& model, const std::vector<int64_t>& codes) { return decode_images(model, {codes})[0]; }

}  // namespace milr
