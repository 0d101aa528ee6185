// Shared run options of the `milr` subcommands and their conversion to engine parameters.
#include "core/io/json_file.h"
#include "core/reward/external_reward.h"
#include "core/util/device.h"

#include "app/cli/run_options.h"

#include "app/cli/cli_support.h"
#include "app/cli/terminal_progress.h"

#include <algorithm>

namespace milr::cli {

void add_model_options(QCommandLineParser& parser) {
    parser.addOptions({
        {"model", "Model folder (Hugging Face snapshot of Janus-Pro, or the embedded model: the default).", "dir"},
        {"device", "cpu, cuda or cuda:N.", "device", "cpu"},
        {"precision", "fp32 or bf16.", "precision", "fp32"},
    });
}

void add_run_options(QCommandLineParser& parser) {
    const MilrOptions d;
    parser.addOptions({
        {"mode", "text, image, both or best-of-n.", "mode", "both"},
        {"lambda-t", "Fraction of reasoning tokens whose latents are optimised.", "x", QString::number(d.lambda_text)},
        {"lambda-v", "Fraction of image tokens whose latents are optimised.", "x", QString::number(d.lambda_image)},
        {"lr", "Learning rate of the latents.", "x", QString::number(d.learning_rate)},
        {"steps", "Optimisation steps (Best-of-N: steps + 1 samples).", "n", QString::number(d.steps)},
        {"threshold", "Stop when the reward (0..1) exceeds this.", "x", QString::number(d.reward_threshold)},
        {"seed", "Seed of the run.", "n", QString::number(d.seed)},
        {"cfg", "Classifier-free guidance weight.", "x", QString::number(d.cfg_weight)},
        {"temperature", "Sampling temperature of image tokens.", "x", QString::number(d.temperature)},
        {"preset", "improved (default) or reference (the authors' code: bf16 latents, last image, no caches).", "name", "improved"},
        {"max-reasoning-tokens", "Longest reasoning text.", "n", QString::number(d.max_reasoning_tokens)},
    });
}

void add_reward_options(QCommandLineParser& parser) {
    parser.addOptions({
        {"reward", "judge (GenEval-Shapes, dense), judge-binary, self (the model judges its own image; needs an "
                   "understanding path), judge+self, or external.", "kind", "judge"},
        {"reward-command", "External reward program and arguments (JSON lines over stdin/stdout; no shell).", "command"},
        {"reward-timeout", "Seconds the external reward may take per image (more than 0, at most 86400).", "s", "60"},
        {"metadata", "GenEval metadata of the prompt as JSON, or @file (default: parsed from the prompt).", "json"},
    });
}

ModelBundle load_model_from_options(const QCommandLineParser& parser) {
    LoadOptions options;
    options.target = parse_compute_target(parser.value("device").toStdString(), parser.value("precision").toStdString());
    const std::filesystem::path folder = parser.isSet("model") ? std::filesystem::path(parser.value("model").toStdString())
                                                               : embedded_model_folder();
    TerminalProgress progress(progress_style_from(parser));
    options.progress = [&](double fraction, const std::string&) {
        progress.update(fraction, "loading", folder.filename().string());
        return !interrupted();
    };
    ModelBundle bundle = load_model_bundle(folder, options);
    progress.finish();
    return bundle;
}

MilrOptions run_options_from(const QCommandLineParser& parser) {
    MilrOptions o;
    try {
        apply_preset(o, parser.value("preset").toStdString());
        o.mode = mode_from_name(parser.value("mode").toStdString());
    } catch (const std::exception& e) {
        throw UsageError(e.what());
    }
    o.lambda_text = number_option(parser, "lambda-t");
    o.lambda_image = number_option(parser, "lambda-v");
    o.learning_rate = number_option(parser, "lr");
    o.steps = static_cast<int>(integer_option(parser, "steps"));
    o.reward_threshold = number_option(parser, "threshold");
    o.seed = static_cast<uint64_t>(integer_option(parser, "seed"));
    o.cfg_weight = number_option(parser, "cfg");
    o.temperature = number_option(parser, "temperature");
    o.max_reasoning_tokens = static_cast<int>(integer_option(parser, "max-reasoning-tokens"));
    return o;
}

RewardSpec reward_spec_from(const QCommandLineParser& parser) {
    RewardSpec spec;
    spec.kind = parser.value("reward").toStdString();
    const std::vector<std::string>& kinds = reward_kinds();
    if (std::find(kinds.begin(), kinds.end(), spec.kind) == kinds.end())
        throw UsageError("--reward: unknown reward '" + spec.kind + "' (use judge, judge-binary, self, judge+self or external)");
    try {
        if (parser.isSet("reward-command")) spec.command = split_command_line(parser.value("reward-command").toStdString());
    } catch (const Error& e) {
        throw UsageError(std::string("--reward-command: ") + e.what());
    }
    if (spec.kind == "external" && spec.command.empty())
        throw UsageError("--reward external needs --reward-command (the program that scores the images)");
    try {
        spec.timeout = external_reward_timeout_from_seconds(number_option(parser, "reward-timeout"), "--reward-timeout");
    } catch (const Error& e) {
        throw UsageError(e.what());
    }
    if (parser.isSet("metadata")) {
        const std::string text = parser.value("metadata").toStdString();
        try {
            spec.metadata = !text.empty() && text[0] == '@' ? read_json_file(text.substr(1)) : parse_json_strict(text, "--metadata");
        } catch (const std::exception& e) {
            throw UsageError(std::string("--metadata: ") + e.what());
        }
    }
    return spec;
}

}  // namespace milr::cli
