// Definition and application of milr-studio's command-line options.
#include "app/studio/command_line.h"

#include <QCoreApplication>

namespace milr {
// Every string is written out as QCoreApplication::translate("milr::CommandLine", "...") so that lupdate finds it.

void add_studio_options(QCommandLineParser& parser) {
    parser.setApplicationDescription(QCoreApplication::translate("milr::CommandLine", "Test-time latent optimisation (MILR) on Janus-Pro models, step by step."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {QStringLiteral("model"), QCoreApplication::translate("milr::CommandLine", "Model folder (Hugging Face snapshot); the embedded model when absent."), QStringLiteral("folder")},
        {QStringLiteral("prompt"), QCoreApplication::translate("milr::CommandLine", "The prompt to show (and run with --run)."), QStringLiteral("text")},
        {QStringLiteral("mode"), QCoreApplication::translate("milr::CommandLine", "text, image, both or best-of-n."), QStringLiteral("mode")},
        {QStringLiteral("steps"), QCoreApplication::translate("milr::CommandLine", "Optimisation steps, 1 to 64."), QStringLiteral("n")},
        {QStringLiteral("run"), QCoreApplication::translate("milr::CommandLine", "Start the run at once.")},
        {QStringLiteral("present"), QCoreApplication::translate("milr::CommandLine", "Start in presentation mode (full screen).")},
        {QStringLiteral("quit-after-run"), QCoreApplication::translate("milr::CommandLine", "When the run ends, print its outcome and quit after this many seconds."), QStringLiteral("seconds")},
    });
}

bool apply_studio_options(const QCommandLineParser& parser, RunSettings& settings, StudioOptions& options, QString& error) {
    RunSettings result = settings;
    if (parser.isSet(QStringLiteral("model"))) result.modelFolder = parser.value(QStringLiteral("model"));
    if (parser.isSet(QStringLiteral("prompt"))) result.prompt = parser.value(QStringLiteral("prompt"));
    if (parser.isSet(QStringLiteral("mode")) && !parse(parser.value(QStringLiteral("mode")), result.mode)) {
        error = QCoreApplication::translate("milr::CommandLine", "--mode must be text, image, both or best-of-n, not '%1'.").arg(parser.value(QStringLiteral("mode")));
        return false;
    }
    if (parser.isSet(QStringLiteral("steps"))) {
        bool ok = false;
        const int steps = parser.value(QStringLiteral("steps")).toInt(&ok);
        if (!ok || steps < 1 || steps > 64) {
            error = QCoreApplication::translate("milr::CommandLine", "--steps must be a whole number from 1 to 64, not '%1'.").arg(parser.value(QStringLiteral("steps")));
            return false;
        }
        result.steps = steps;
    }
    if (parser.isSet(QStringLiteral("quit-after-run"))) {
        bool ok = false;
        const int seconds = parser.value(QStringLiteral("quit-after-run")).toInt(&ok);
        if (!ok || seconds < 0) {
            error = QCoreApplication::translate("milr::CommandLine", "--quit-after-run must be a whole number of seconds, not '%1'.").arg(parser.value(QStringLiteral("quit-after-run")));
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
