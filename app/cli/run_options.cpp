// Shared run options of the `milr` subcommands and their conversion to engine parameters.
#include "core/io/json_file.h"
#include "core/milr/parameter_table.h"
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

namespace {
// "--lambda-t" help: the table's line and its range; Qt shows the default from the option's default value.
QCommandLineOption table_option(RunParameter parameter) {
    const ParameterRange& row = parameter_range(parameter);
    const QString help = QString::fromUtf8(row.help) + QStringLiteral(" Range %1..%2.").arg(row.min).arg(row.max);
    return {QString::fromUtf8(row.option), help, row.integer ? "n" : "x",
            QString::number(parameter_default(parameter))};
}

// The option's value, checked against the range table; UsageError (exit 2) naming the option otherwise.
double table_value(const QCommandLineParser& parser, RunParameter parameter) {
    const QString name = QString::fromUtf8(parameter_range(parameter).option);
    const double value = number_option(parser, name);
    const std::string problem = range_problem(parameter, value);
    if (!problem.empty()) throw UsageError("--" + problem);
    return value;
}

bool is_run_parameter(RunParameter parameter) { return parameter != RunParameter::reward_timeout; }
}  // namespace

void add_run_options(QCommandLineParser& parser) {
    const MilrOptions d;
    parser.addOptions({
        {"mode", "text, image, both or best-of-n.", "mode", QString::fromStdString(mode_name(d.mode))},
        {"preset", "improved (default) or reference (the authors' code: bf16 latents, last image, no caches).", "name",
         QString::fromStdString(d.preset)},
        {"seed", "Seed of the run.", "n", QString::number(d.seed)},
        {"estimator",
         "The latents' gradient. authors: (1 - R) times log p of the argmax tokens, as in the authors' code. "
         "reinforce: (R - the mean of the earlier rewards) times log p of the tokens the run used, as in the paper.",
         "name", QString::fromStdString(estimator_name(d.estimator))},
        {"update",
         "gradient, or random: a control that moves the latents in a random direction by the gradient's norm.",
         "direction", QString::fromStdString(update_direction_name(d.update_direction))},
        {"best-of-n-from",
         "What each Best-of-N sample is drawn from: same-reasoning, sampled-reasoning (a new one for each sample) "
         "or prompt (no reasoning).",
         "source", QString::fromStdString(sample_source_name(d.sample_source))},
    });
    for (const ParameterRange& row : run_parameter_table())
        if (is_run_parameter(row.parameter)) parser.addOption(table_option(row.parameter));
}

void add_reward_options(QCommandLineParser& parser) {
    parser.addOptions({
        {"reward",
         "judge (GenEval-Shapes, dense), judge-binary, self (the model judges its own image; needs an "
         "understanding path), judge+self, or external.",
         "kind", QString::fromStdString(reward_kind_name(RewardSpec{}.kind))},
        {"reward-command", "External reward program and arguments (JSON lines over stdin/stdout; no shell).",
         "command"},
        table_option(RunParameter::reward_timeout),
        {"metadata", "GenEval metadata of the prompt as JSON, or @file (default: parsed from the prompt).", "json"},
    });
}

ModelBundle load_model_from_options(const QCommandLineParser& parser) {
    LoadOptions options;
    options.target =
        parse_compute_target(parser.value("device").toStdString(), parser.value("precision").toStdString());
    const std::filesystem::path folder =
        parser.isSet("model") ? std::filesystem::path(parser.value("model").toStdString()) : embedded_model_folder();
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
        o.estimator = estimator_from_name(parser.value("estimator").toStdString());
        o.update_direction = update_direction_from_name(parser.value("update").toStdString());
        o.sample_source = sample_source_from_name(parser.value("best-of-n-from").toStdString());
    } catch (const std::exception& e) {
        throw UsageError(e.what());
    }
    RunDescription run;
    run.milr = o;
    for (const ParameterRange& row : run_parameter_table())
        if (is_run_parameter(row.parameter))
            set_parameter_value(run, row.parameter, table_value(parser, row.parameter));
    const long long seed = integer_option(parser, "seed");
    if (seed < 0) throw UsageError("--seed must be a whole number >= 0, not " + std::to_string(seed));
    run.milr.seed = static_cast<uint64_t>(seed);
    return run.milr;
}

RewardSpec reward_spec_from(const QCommandLineParser& parser) {
    RewardSpec spec;
    try {
        spec.kind = reward_kind_from_name(parser.value("reward").toStdString());
        if (parser.isSet("reward-command")) {
            spec.command_line = parser.value("reward-command").toStdString();
            split_command_line(spec.command_line);  // an unclosed quote is a usage error, found before loading
        }
    } catch (const Error& e) {
        throw UsageError(std::string(parser.isSet("reward-command") ? "--reward-command: " : "--reward: ") + e.what());
    }
    if (spec.kind == RewardKind::external && spec.command_line.empty())
        throw UsageError("--reward external needs --reward-command (the program that scores the images)");
    spec.timeout_s = table_value(parser, RunParameter::reward_timeout);
    if (parser.isSet("metadata")) {
        const std::string text = parser.value("metadata").toStdString();
        try {
            const nlohmann::json metadata = !text.empty() && text[0] == '@' ? read_json_file(text.substr(1))
                                                                            : parse_json_strict(text, "--metadata");
            if (!metadata.is_object()) throw Error("the metadata must be a JSON object");
            spec.metadata_given = true;
            spec.metadata_json = metadata.dump();
        } catch (const std::exception& e) {
            throw UsageError(std::string("--metadata: ") + e.what());
        }
    }
    return spec;
}

}  // namespace milr::cli
