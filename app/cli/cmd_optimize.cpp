// `milr optimize`: a MILR (or Best-of-N) run written as a trajectory folder, one PNG a step, trajectory.json
// after every step (so a crash or Ctrl+C keeps what was done), final.png at the end.
#include "core/milr/engine/milr_engine.h"
#include "core/session/trajectory.h"
#include "core/util/threads.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QTextStream>

#include <optional>

#include "app/cli/cli_support.h"
#include "app/cli/commands.h"
#include "app/cli/run_options.h"
#include "app/cli/terminal_progress.h"

namespace milr::cli {

namespace {
// "  changed text 1/4 image 0/11": how many optimised positions hold a new token since the previous step (0 of
// both: the step only re-sampled the rest); empty for step 0 and for Best-of-N.
std::string optimised_changes(const StepRecord& record) {
    if (record.step == 0 || (record.optimised_text_tokens == 0 && record.optimised_image_tokens == 0)) return {};
    std::string text = "  changed";
    if (record.optimised_text_tokens > 0)
        text += " text " +
            std::to_string(changed_within(record.reasoning_changed_since_previous, record.optimised_text_tokens)) +
            "/" + std::to_string(record.optimised_text_tokens);
    if (record.optimised_image_tokens > 0)
        text += " image " +
            std::to_string(changed_within(record.image_changed_since_previous, record.optimised_image_tokens)) + "/" +
            std::to_string(record.optimised_image_tokens);
    return text;
}
}  // namespace

int run_optimize(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Runs MILR on a prompt: think, draw, judge, then optimise the latents of the first reasoning and image "
        "tokens for up to --steps steps. Writes a trajectory folder (step-NNNN.png, trajectory.json, final.png).");
    add_help_option(parser);
    parser.addPositionalArgument("prompt", "What to draw (in quotes).", "<prompt>");
    parser.addOption({"prompt", "What to draw (the same as the <prompt> argument).", "text"});
    parser.addOption({"out", "Trajectory folder (default: milr-run-<date>-<time>).", "dir"});
    add_model_options(parser);
    add_run_options(parser);
    add_reward_options(parser);
    add_progress_options(parser);
    if (const std::optional<int> status = parse_or_explain(parser, arguments)) return *status;
    Trajectory trajectory;
    std::filesystem::path out;
    try {
        const std::string prompt = prompt_from(parser);
        const ProgressStyle progress_style = progress_style_from(parser);
        configure_torch_threads();
        install_interrupt_handler();
        trajectory.options = run_options_from(parser);
        trajectory.options.prompt = prompt;
        try {
            trajectory.options.validate();
        } catch (const Error& e) {
            throw UsageError(e.what());
        }
        if (parser.isSet("out")) check_output_folder(parser, "out");
        out = parser.isSet("out")
            ? parser.value("out").toStdString()
            : ("milr-run-" + QDateTime::currentDateTime().toString("yyyyMMdd-HHmmss")).toStdString();
        // A reward that does not need the model is built first, so a prompt it cannot judge fails fast.
        const RewardSpec reward_spec = reward_spec_from(parser);
        std::optional<BuiltReward> early;
        if (!reward_needs_model(reward_spec.kind)) early = make_reward(reward_spec, trajectory.options.prompt);
        ModelBundle bundle = load_model_from_options(parser);
        BuiltReward reward = early ? std::move(*early) : make_reward(reward_spec, trajectory.options.prompt, &bundle);
        trajectory.options.metadata = reward.metadata;
        trajectory.reward = reward.reward->name();
        trajectory.model = bundle.name();
        MilrEngine engine(bundle.model, bundle.tokenizer);

        TerminalProgress progress(progress_style);
        QTextStream stream(stdout);
        const MilrRunResult result = engine.run(
            trajectory.options, *reward.reward,
            [&](const StepRecord& record) {
                trajectory.records.push_back(record);
                write_trajectory(out, trajectory);
                progress.suspend();
                progress.step(record.step, record.reward, record.passed);
                stream << "step " << record.step << "  reward " << record.reward << (record.passed ? "  (passed)" : "")
                       << QString::fromStdString(optimised_changes(record)) << "  "
                       << QString::fromStdString(record.reasoning) << "\n";
                stream.flush();
            },
            [&](const RunProgress& p) {
                progress.update(p.fraction, "optimize", "step " + std::to_string(p.step) + ": " + phase_name(p.phase));
            },
            interrupt_token());
        progress.finish();
        trajectory.records = result.records;
        trajectory.returned_index = result.returned_index;
        trajectory.reached_threshold = result.reached_threshold;
        trajectory.cancelled = result.cancelled;
        trajectory.error = result.error;
        write_trajectory(out, trajectory);
        if (const StepRecord* best = result.returned())
            stream << "returned step " << best->step << " with reward " << best->reward << "; trajectory in "
                   << QString::fromStdString(out.string()) << "\n";
        if (result.cancelled) throw Cancelled("interrupted; the steps so far are saved in " + out.string());
        throw_run_failure(result, " (the steps so far are saved in " + out.string() + ")");
        return kExitOk;
    } catch (const std::exception& e) {
        return report_failure("optimize", e);
    }
}

}  // namespace milr::cli
