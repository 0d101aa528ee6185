// `milr judge DIR`: GenEval-Shapes evaluation of a folder in GenEval's output layout.
#include "core/world/folder_eval.h"

#include <QCommandLineParser>
#include <QTextStream>

#include "app/cli/cli_support.h"
#include "app/cli/commands.h"
#include "app/cli/terminal_progress.h"

namespace milr::cli {

int run_judge(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Judges DIR/NNNNN/samples/*.png against DIR/NNNNN/metadata.jsonl with the GenEval-Shapes judge and writes "
        "results.jsonl (GenEval's fields plus the dense score) and the summary (per tag and overall).");
    add_help_option(parser);
    parser.addPositionalArgument("DIR", "Folder in GenEval's output layout.");
    parser.addOption({"results", "Where to write results.jsonl (default: DIR/results.jsonl).", "file"});
    add_progress_options(parser);
    if (const std::optional<int> status = parse_or_explain(parser, arguments)) return *status;
    if (parser.positionalArguments().size() != 1) {
        QTextStream(stderr) << "milr judge: give exactly one folder (see --help)\n";
        return kExitUsage;
    }
    try {
        const ProgressStyle progress_style = progress_style_from(parser);
        install_interrupt_handler();
        world::FolderEvaluationOptions options;
        options.results_path = parser.value("results").toStdString();
        TerminalProgress progress(progress_style);
        options.progress = [&](int done, int all) {
            interrupt_token().throw_if_cancelled("judging");
            progress.update(all > 0 ? static_cast<double>(done) / all : 1.0, "judging",
                            std::to_string(done) + "/" + std::to_string(all));
        };
        const world::FolderEvaluation evaluation =
            world::evaluate_folder(parser.positionalArguments()[0].toStdString(), options);
        progress.finish();
        QTextStream out(stdout);
        out << QString::fromStdString(evaluation.summary.to_text());
        for (const auto& error : evaluation.errors)
            QTextStream(stderr) << "milr judge: " << QString::fromStdString(error) << "\n";
        out << "results: " << QString::fromStdString(evaluation.results_path) << "\n";
        return evaluation.errors.empty() ? kExitOk : kExitFailure;
    } catch (const std::exception& e) {
        return report_failure("judge", e);
    }
}

}  // namespace milr::cli
