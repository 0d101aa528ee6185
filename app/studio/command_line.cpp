// Definition and application of milr-studio's command-line options.
#include "app/studio/command_line.h"

#include <QCoreApplication>
#include <QFile>

#include "core/milr/parameter_table.h"

namespace milr {
// The translation context of the option texts: CommandLine::tr is found by lupdate, like any class's tr.
struct CommandLine {
    Q_DECLARE_TR_FUNCTIONS(milr::CommandLine)
};

void add_studio_options(QCommandLineParser& parser) {
    parser.setApplicationDescription(
        CommandLine::tr("Test-time latent optimisation (MILR) on Janus-Pro models, step by step."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {QStringLiteral("model"),
         CommandLine::tr("Model folder (Hugging Face snapshot); the embedded model when absent."),
         QStringLiteral("folder")},
        {QStringLiteral("prompt"), CommandLine::tr("The prompt to show (and run with --run)."), QStringLiteral("text")},
        {QStringLiteral("mode"), CommandLine::tr("text, image, both or best-of-n."), QStringLiteral("mode")},
        {QStringLiteral("steps"),
         CommandLine::tr("Optimisation steps, %1 to %2.")
             .arg(parameter_range(RunParameter::steps).min)
             .arg(parameter_range(RunParameter::steps).max),
         QStringLiteral("n")},
        {QStringLiteral("run"), CommandLine::tr("Start the run at once.")},
        {QStringLiteral("present"), CommandLine::tr("Start in presentation mode (full screen).")},
        {QStringLiteral("quit-after-run"),
         CommandLine::tr("When the run ends, print its outcome and quit after this many seconds."),
         QStringLiteral("seconds")},
        {QStringLiteral("get-model"),
         CommandLine::tr("Open File > Get a model… with this Hugging Face model (owner/name) chosen; the download "
                         "starts when you press Download."),
         QStringLiteral("name")},
        {QStringLiteral("startup-report"),
         CommandLine::tr("Print how long the window took to accept a prompt, then quit (the start-up benchmark).")},
    });
}

bool apply_studio_options(const QCommandLineParser& parser, RunDescription& settings, StudioOptions& options,
                          QString& error) {
    RunDescription result = settings;
    if (parser.isSet(QStringLiteral("model")))
        result.model.folder = QFile::encodeName(parser.value(QStringLiteral("model"))).toStdString();
    if (parser.isSet(QStringLiteral("prompt")))
        result.milr.prompt = parser.value(QStringLiteral("prompt")).toStdString();
    if (parser.isSet(QStringLiteral("mode"))) {
        try {
            result.milr.mode = mode_from_name(parser.value(QStringLiteral("mode")).toStdString());
        } catch (const std::exception&) {
            error = CommandLine::tr("--mode must be text, image, both or best-of-n, not '%1'.")
                        .arg(parser.value(QStringLiteral("mode")));
            return false;
        }
    }
    if (parser.isSet(QStringLiteral("steps"))) {
        bool ok = false;
        const int steps = parser.value(QStringLiteral("steps")).toInt(&ok);
        if (!ok || !range_problem(RunParameter::steps, steps).empty()) {
            const ParameterRange& range = parameter_range(RunParameter::steps);
            error = CommandLine::tr("--steps must be a whole number from %1 to %2, not '%3'.")
                        .arg(range.min)
                        .arg(range.max)
                        .arg(parser.value(QStringLiteral("steps")));
            return false;
        }
        result.milr.steps = steps;
    }
    if (parser.isSet(QStringLiteral("quit-after-run"))) {
        bool ok = false;
        const int seconds = parser.value(QStringLiteral("quit-after-run")).toInt(&ok);
        if (!ok || seconds < 0) {
            error = CommandLine::tr("--quit-after-run must be a whole number of seconds, not '%1'.")
                        .arg(parser.value(QStringLiteral("quit-after-run")));
            return false;
        }
        options.quitAfterRunSeconds = seconds;
    }
    options.run = parser.isSet(QStringLiteral("run"));
    options.present = parser.isSet(QStringLiteral("present"));
    options.startupReport = parser.isSet(QStringLiteral("startup-report"));
    options.getModel = parser.value(QStringLiteral("get-model"));
    settings = result;
    return true;
}

}  // namespace milr
