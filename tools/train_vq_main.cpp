// milr-train-vq: trains the embedded model's VQ codec on world scenes, then measures the round trip.
#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include "core/train/vq_codec_file.h"
#include "core/train/vq_eval.h"
#include "core/train/vq_trainer.h"
#include "core/util/error.h"
#include "core/util/threads.h"
#include "core/util/allocator.h"

namespace {

const char* kUsage =
    "usage: milr-train-vq --out DIR [--seed N] [--minutes M | --steps N] [--batch N] [--lr X] [--fp32]\n"
    "                     [--threads N] [--eval-scenes N] [--eval-only] [--config JSON] [--edge-weight W]\n"
    "                     [--decoder-from CODEC_DIR]\n"
    "  Trains the 128-px, 8x8-token, 512-code codec on random scenes and writes DIR/vq.safetensors and\n"
    "  DIR/vq_config.json; checkpoints go to DIR/checkpoints (a rerun resumes). Then encodes and decodes\n"
    "  N random held-out scenes (default 1000) and reports read-back by the detector, PSNR and code usage.\n"
    "  --config overrides keys of the default codec config, e.g. '{\"base_channels\": 32}'.\n"
    "  --edge-weight adds an L1 loss on pixel differences (sharper edges and corners).\n"
    "  --decoder-from fine-tunes only the decoder of the codec in CODEC_DIR on its frozen codes (the encoder and\n"
    "  codebook stay, so image tokens encoded by it stay valid) and writes the result to DIR (default lr 5e-4).\n";

std::string format_duration(double seconds) {
    const int s = static_cast<int>(seconds + 0.5);
    char text[32];
    std::snprintf(text, sizeof text, "%d:%02d", s / 60, s % 60);
    return text;
}

}  // namespace

int main(int argc, char** argv) {
    milr::keep_freed_memory_for_reuse();  // before the first tensor (see core/util/allocator.h)
    std::string out;
    milr::VQTrainOptions options;
    int threads = 0;
    int64_t eval_scenes = 1000;
    bool eval_only = false;
    bool learning_rate_given = false;
    std::string decoder_from;
    nlohmann::json config = milr::vq_config_to_json(milr::embedded_vq_config());
    try {
        for (int i = 1; i < argc; ++i) {
            const std::string arg = argv[i];
            auto value = [&]() -> std::string {
                if (i + 1 >= argc) throw milr::Error("option " + arg + " needs a value");
                return argv[++i];
            };
            if (arg == "--out")
                out = value();
            else if (arg == "--seed")
                options.seed = std::stoull(value());
            else if (arg == "--minutes")
                options.max_minutes = std::stod(value()), options.steps = 0;
            else if (arg == "--steps")
                options.steps = std::stoll(value());
            else if (arg == "--batch")
                options.batch_size = std::stoll(value());
            else if (arg == "--lr")
                options.learning_rate = std::stod(value()), learning_rate_given = true;
            else if (arg == "--edge-weight")
                options.edge_weight = std::stod(value());
            else if (arg == "--decoder-from")
                decoder_from = value();
            else if (arg == "--fp32")
                options.bf16_autocast = false;
            else if (arg == "--threads")
                threads = std::stoi(value());
            else if (arg == "--eval-scenes")
                eval_scenes = std::stoll(value());
            else if (arg == "--eval-only")
                eval_only = true;
            else if (arg == "--config")
                config.update(nlohmann::json::parse(value()));
            else if (arg == "--help" || arg == "-h")
                return std::cout << kUsage, 0;
            else
                throw milr::Error("unknown option " + arg);
        }
        if (out.empty()) throw milr::Error("--out is required");
        if (!decoder_from.empty() &&
            std::filesystem::weakly_canonical(decoder_from) == std::filesystem::weakly_canonical(out))
            throw milr::Error("--decoder-from and --out must be different folders (the source codec is kept)");
    } catch (const std::exception& e) {
        std::cerr << "milr-train-vq: " << e.what() << "\n" << kUsage;
        return 2;
    }
    try {
        std::cout << "threads: " << milr::configure_torch_threads(threads) << "\n";
        milr::VQModel model{nullptr};
        if (eval_only) {
            model = milr::load_vq_codec(out);
        } else {
            if (!decoder_from.empty()) {
                model = milr::load_vq_codec(decoder_from);
                options.decoder_only = true;
                if (!learning_rate_given) options.learning_rate = 5e-4;
            } else {
                model = milr::VQModel(milr::vq_config_from_json(config, "--config"));
            }
            int64_t parameters = 0;
            for (const auto& p : model->parameters()) parameters += p.numel();
            std::cout << "codec: " << milr::vq_config_to_json(model->config()).dump() << ", " << parameters
                      << " parameters\n";
            options.checkpoint_folder = std::filesystem::path(out) / "checkpoints";
            const auto start = std::chrono::steady_clock::now();
            double first_fraction = -1, last_print = -1e9;
            options.progress = [&](double fraction, const std::string& phase) {
                const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
                if (first_fraction < 0) first_fraction = fraction;
                if (elapsed - last_print < 10.0 && fraction < 1.0) return true;
                last_print = elapsed;
                const double done = fraction - first_fraction;
                const double eta = done > 0 ? elapsed / done * (1.0 - fraction) : 0.0;
                std::cout << "[" << format_duration(elapsed) << " elapsed, ETA " << format_duration(eta) << "] "
                          << phase << std::endl;
                return true;
            };
            const milr::VQTrainResult result = milr::train_vq(model, options);
            std::cout << "trained " << result.steps_done << " steps in " << format_duration(result.seconds) << " ("
                      << result.seconds << " s)\n";
            milr::save_vq_codec(model, out);
            std::cout << "wrote " << out << "/" << milr::kVQWeightsFile << " and " << milr::kVQConfigFile << "\n";
        }
        if (eval_scenes > 0) {
            const milr::VQRoundTripReport r = milr::evaluate_vq_round_trip(model, eval_scenes, 20260101);
            std::printf(
                "round trip of %lld held-out scenes: read back %lld (%.1f%%), from the originals %lld (%.1f%%), "
                "PSNR %.2f dB, codes used %lld/%lld, %.1f s\n",
                static_cast<long long>(r.scenes), static_cast<long long>(r.read_back), 100.0 * r.read_back_fraction(),
                static_cast<long long>(r.read_back_original), 100.0 * double(r.read_back_original) / double(r.scenes),
                r.psnr_db, static_cast<long long>(r.codes_used), static_cast<long long>(model->config().codebook_size),
                r.seconds);
            for (const auto& f : r.failures) std::printf("  %s\n", f.c_str());
        }
    } catch (const milr::Cancelled& e) {
        std::cerr << "milr-train-vq: " << e.what() << "\n";
        return 130;
    } catch (const std::exception& e) {
        std::cerr << "milr-train-vq: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
