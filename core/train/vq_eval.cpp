// Round-trip measurement of a codec on rendered scenes: read-back by the detector, PSNR, code usage.
#include "core/train/vq_eval.h"

#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <random>

#include "core/model/image_tensor.h"
#include "core/world/detector.h"
#include "core/world/renderer.h"

namespace milr {
namespace {

std::string describe_truth(const world::SceneObject& o, int size) {
    return world::colour_name(o.colour) + " " + world::shape_name(o.shape) + " at (" +
        std::to_string(int(o.cx * size)) + ", " + std::to_string(int(o.cy * size)) + ")";
}

double psnr(const RgbImage& a, const RgbImage& b) {
    double sum = 0;
    for (size_t i = 0; i < a.pixels.size(); ++i) {
        const double d = double(a.pixels[i]) - double(b.pixels[i]);
        sum += d * d;
    }
    const double mse = sum / double(a.pixels.size());
    return mse <= 0 ? 99.0 : 10.0 * std::log10(255.0 * 255.0 / mse);
}

}  // namespace

bool scene_read_back(const world::Scene& scene, const RgbImage& image, std::string* reason) {
    const std::vector<world::DetectedObject> found = world::detect_objects(image);
    std::vector<bool> used(found.size(), false);
    for (const auto& truth : scene.objects) {
        bool matched = false;
        const float tolerance = 0.5f * truth.size * float(image.width);
        for (size_t i = 0; i < found.size() && !matched; ++i) {
            const auto& d = found[i];
            if (used[i] || d.shape != truth.shape || d.colour != truth.colour) continue;
            if (std::abs(d.box.cx() - truth.cx * float(image.width)) > tolerance ||
                std::abs(d.box.cy() - truth.cy * float(image.height)) > tolerance)
                continue;
            used[i] = matched = true;
        }
        if (!matched) {
            if (reason) *reason = describe_truth(truth, image.width) + " not found";
            return false;
        }
    }
    for (size_t i = 0; i < found.size(); ++i)
        if (!used[i]) {
            if (reason) *reason = "extra object: " + world::describe_detection(found[i]);
            return false;
        }
    return true;
}

VQRoundTripReport evaluate_vq_round_trip(VQModel& model, int64_t scenes, uint64_t seed, int64_t batch_size,
                                         const ProgressCallback& progress) {
    const auto started = std::chrono::steady_clock::now();
    const int size = static_cast<int>(model->config().image_size);
    std::mt19937_64 rng(seed);
    VQRoundTripReport report;
    torch::NoGradGuard no_grad;
    model->eval();
    torch::Tensor usage = torch::zeros({model->config().codebook_size}, torch::kInt64);
    double psnr_sum = 0;
    for (int64_t first = 0; first < scenes; first += batch_size) {
        const int64_t count = std::min(batch_size, scenes - first);
        std::vector<world::Scene> batch;
        std::vector<RgbImage> originals;
        for (int64_t i = 0; i < count; ++i) {
            batch.push_back(world::sample_scene(rng));
            originals.push_back(world::render_scene(batch.back(), size));
        }
        const torch::Tensor codes = model->encode_indices(rgb_to_tensor_batch(originals));
        usage += torch::bincount(codes.reshape({-1}).cpu(), {}, model->config().codebook_size);
        const std::vector<RgbImage> decoded = tensor_to_rgb_batch(model->decode_indices(codes));
        for (int64_t i = 0; i < count; ++i) {
            std::string reason;
            psnr_sum += psnr(originals[size_t(i)], decoded[size_t(i)]);
            report.read_back_original += scene_read_back(batch[size_t(i)], originals[size_t(i)]);
            if (scene_read_back(batch[size_t(i)], decoded[size_t(i)], &reason))
                ++report.read_back;
            else if (report.failures.size() < 20)
                report.failures.push_back("scene " + std::to_string(first + i) + ": " + reason);
        }
        report.scenes += count;
        report_progress(progress, double(report.scenes) / double(scenes),
                        "round trip of " + std::to_string(report.scenes) + " scenes");
    }
    report.psnr_db = report.scenes ? psnr_sum / double(report.scenes) : 0.0;
    report.codes_used = (usage > 0).sum().item<int64_t>();
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
}

}  // namespace milr
