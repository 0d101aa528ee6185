// `milr generate`: think and draw once (no optimisation), writes the image (a PNG carrying the run's parameters);
// judges it when the prompt is in the GenEval-Shapes world's phrasing.
#include "core/milr/engine/milr_engine.h"
#include "core/session/run_metadata.h"
#include "core/util/threads.h"
#include "core/world/judge.h"
#include "core/world/prompt_parser.h"

#include <QCommandLineParser>
#include <QTextStream>

#include <optional>

#include "app/cli/cli_support.h"
#include "app/cli/commands.h"
#include "app/cli/run_options.h"
#include "app/cli/terminal_progress.h"

namespace milr::cli {

int run_generate(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription("Thinks (writes the reasoning text) and draws one image for a prompt.");
    add_help_option(parser);
    parser.addPositionalArgument("prompt", "What to draw (in quotes).", "<prompt>");
    parser.addOption({"prompt", "What to draw (the same as the <prompt> argument).", "text"});
    parser.addOption(
        {"out", "PNG file to write (it carries the prompt and every parameter).", "file", "generated.png"});
    parser.addOption({"no-think", "Draw from the prompt alone (MILR's image mode), without the reasoning text."});
    add_model_options(parser);
    add_run_options(parser);
    add_progress_options(parser);
    if (const std::optional<int> status = parse_or_explain(parser, arguments)) return *status;
    try {
        const std::string prompt = prompt_from(parser);
        const ProgressStyle progress_style = progress_style_from(parser);
        check_output_file(parser, "out");
        configure_torch_threads();
        install_interrupt_handler();
        MilrOptions options = run_options_from(parser);
        options.prompt = prompt;
        options.mode = parser.isSet("no-think") ? MilrMode::image : MilrMode::both;
        try {
            options.validate();  // before loading the model
        } catch (const Error& e) {
            throw UsageError(e.what());
        }
        ModelBundle bundle = load_model_from_options(parser);
        MilrEngine engine(bundle.model, bundle.tokenizer);
        TerminalProgress progress(progress_style);
        const MilrRunResult result = engine.generate(
            options, [&](const RunProgress& p) { progress.update(p.fraction, "generate", phase_name(p.phase)); },
            interrupt_token());
        progress.finish();
        if (result.cancelled) throw Cancelled("interrupted");
        throw_run_failure(result);
        const StepRecord& record = result.records.front();
        const std::string out = parser.value("out").toStdString();
        RunMetadata metadata = run_metadata_of(options, bundle.name(), "", record);
        const world::PromptParse parse = world::parse_prompt(options.prompt);
        std::optional<world::Judgement> judgement;
        if (parse.ok()) {
            judgement = world::judge_image(*parse.metadata, record.image);
            metadata.reward = "GenEval-Shapes judge";
            metadata.reward_value = judgement->score;
        }
        progress.step(record.step, judgement ? std::optional<double>(judgement->score) : std::nullopt,
                      judgement && judgement->correct);
        write_run_png(out, record.image, metadata);
        QTextStream stream(stdout);
        stream << "reasoning: " << QString::fromStdString(record.reasoning) << "\n";
        if (judgement) {
            stream << "judge: " << (judgement->correct ? "correct" : "incorrect") << " (score " << judgement->score
                   << ")\n";
            for (const auto& reason : judgement->reasons) stream << "  " << QString::fromStdString(reason) << "\n";
        }
        stream << "image: " << QString::fromStdString(out) << "  (" << record.timings.total_ms() << " ms)\n";
        return kExitOk;
    } catch (const std::exception& e) {
        return report_failure("generate", e);
    }
}

}  // namespace milr::cli
