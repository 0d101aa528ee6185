// VQ decode of one image on the embedded model's codec (128 px, 8 x 8 codes): ms per image for the memory
// formats and precisions the CPU offers, measured side by side in one run (median of repeats).
#include <torch/torch.h>

#include <algorithm>
#include <functional>
#include <chrono>
#include <cstdio>
#include <vector>

#include "core/generate/image_decode.h"
#include "core/model/loader.h"
#include "core/session/model_bundle.h"
#include "core/util/threads.h"
#include "core/util/allocator.h"

namespace {

double median_ms(const std::function<void()>& work, int repeats) {
    std::vector<double> times;
    work();  // warm-up
    for (int i = 0; i < repeats; ++i) {
        const auto start = std::chrono::steady_clock::now();
        work();
        times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    milr::keep_freed_memory_for_reuse();  // before the first tensor (see core/util/allocator.h)
    milr::rerun_with_passive_omp_wait(argv);
    std::printf("threads %d\n", milr::configure_torch_threads(2));
    milr::ModelBundle bundle = milr::load_model_bundle(milr::embedded_model_folder());
    milr::VQModel& codec = bundle.model->gen_vision_model;
    const int64_t tokens = bundle.model->config().image_tokens_per_image();
    torch::NoGradGuard no_grad;
    const torch::Tensor codes =
        torch::randint(0, bundle.model->config().gen_vision.codebook_size, {1, tokens}, torch::kLong);
    const double plain = median_ms([&] { codec->decode_indices(codes); }, 20);
    std::printf("decode, fp32: %.1f ms per image\n", plain);
    const std::vector<int64_t> code_list(codes.data_ptr<int64_t>(), codes.data_ptr<int64_t>() + tokens);
    const double with_rgb = median_ms([&] { milr::decode_image(bundle.model, code_list); }, 20);
    std::printf("decode to 8-bit RGB (what a MILR step does): %.1f ms per image\n", with_rgb);
    return 0;
}
