// Definition and application of milr-studio's command-line options.
#include "app/studio/command_line.h"

#include <QCoreApplication>

namespace milr {
// The translation context of the option texts: CommandLine::tr is found by lupdate, like any class's tr.
struct CommandLine {
    Q_DECLARE_TR_FUNCTIONS(milr::CommandLine)
};

void add_studio_options(QCommandLineParser& parser) {
    parser.setApplicationDescription(CommandLine::tr("Test-time latent optimisation (MILR) on Janus-Pro models, step by step."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {QStringLiteral("model"), CommandLine::tr("Model folder (Hugging Face snapshot); the embedded model when absent."), QStringLiteral("folder")},
        {QStringLiteral("prompt"), CommandLine::tr("The prompt to show (and run with --run)."), QStringLiteral("text")},
        {QStringLiteral("mode"), CommandLine::tr("text, image, both or best-of-n."), QStringLiteral("mode")},
        {QStringLiteral("steps"), CommandLine::tr("Optimisation steps, 1 to 64."), QStringLiteral("n")},
        {QStringLiteral("run"), CommandLine::tr("Start the run at once.")},
        {QStringLiteral("present"), CommandLine::tr("Start in presentation mode (full screen).")},
        {QStringLiteral("quit-after-run"), CommandLine::tr("When the run ends, print its outcome and quit after this many seconds."), QStringLiteral("seconds")},
    });
}

bool apply_studio_options(const QCommandLineParser& parser, RunSettings& settings, StudioOptions& options, QString& error) {
    RunSettings result = settings;
    if (parser.isSet(QStringLiteral("model"))) result.modelFolder = parser.value(QStringLiteral("model"));
    if (parser.isSet(QStringLiteral("prompt"))) result.prompt = parser.value(QStringLiteral("prompt"));
    if (parser.isSet(QStringLiteral("mode")) && !parse(parser.value(QStringLiteral("mode")), result.mode)) {
        error = CommandLine::tr("--mode must be text, image, both or best-of-n, not '%1'.").arg(parser.value(QStringLiteral("mode")));
        return false;
    }
    if (parser.isSet(QStringLiteral("steps"))) {
        bool ok = false;
        const int steps = parser.value(QStringLiteral("steps")).toInt(&ok);
        if (!ok || steps < 1 || steps > 64) {
            error = CommandLine::tr("--steps must be a whole number from 1 to 64, not '%1'.").arg(parser.value(QStringLiteral("steps")));
            return false;
        }
        result.steps = steps;
    }
    if (parser.isSet(QStringLiteral("quit-after-run"))) {
        bool ok = false;
        const int seconds = parser.value(QStringLiteral("quit-after-run")).toInt(&ok);
        if (!ok || seconds < 0) {
            error = CommandLine::tr("--quit-after-run must be a whole number of seconds, not '%1'.").arg(parser.value(QStringLiteral("quit-after-run")));
            return false;
        }
        options.quitAfterRunSeconds = seconds;
    }
    options.run = parser.isSet(QStringLiteral("run"));
    options.present = parser.isSet(QStringLiteral("present"));
    settings = result;
    return true;
}

}  // namespace milr
