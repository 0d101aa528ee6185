// milr-studio: the application object, command-line options and the main window.
#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include "app/studio/main_window.h"
#include "widgets/parameter_panel.h"

namespace {

// Applies --model, --prompt, --mode and --steps over the stored settings; false (with `error`) on a bad value.
bool apply_options(const QCommandLineParser& parser, milr::RunSettings& settings, QString& error) {
    if (parser.isSet(QStringLiteral("model"))) settings.modelFolder = parser.value(QStringLiteral("model"));
    if (parser.isSet(QStringLiteral("prompt"))) settings.prompt = parser.value(QStringLiteral("prompt"));
    if (parser.isSet(QStringLiteral("mode")) && !milr::parse(parser.value(QStringLiteral("mode")), settings.mode)) {
        error = QApplication::translate("main", "--mode must be text, image, both or best-of-n, not '%1'.").arg(parser.value(QStringLiteral("mode")));
        return false;
    }
    if (parser.isSet(QStringLiteral("steps"))) {
        bool ok = false;
        const int steps = parser.value(QStringLiteral("steps")).toInt(&ok);
        if (!ok || steps < 1 || steps > 64) {
            error = QApplication::translate("main", "--steps must be a whole number from 1 to 64, not '%1'.").arg(parser.value(QStringLiteral("steps")));
            return false;
        }
        settings.steps = steps;
    }
    return true;
}

}  // namespace

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("MILR"));
    QApplication::setOrganizationDomain(QStringLiteral("milr.studio"));
    QApplication::setApplicationName(QStringLiteral("MILR Studio"));
    QApplication::setApplicationVersion(QStringLiteral(MILR_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/milr-studio.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Test-time latent optimisation (MILR) on Janus-Pro models, step by step."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {QStringLiteral("model"), QApplication::translate("main", "Model folder (Hugging Face snapshot); the embedded model when absent."), QStringLiteral("folder")},
        {QStringLiteral("prompt"), QApplication::translate("main", "The prompt to show (and run with --run)."), QStringLiteral("text")},
        {QStringLiteral("mode"), QApplication::translate("main", "text, image, both or best-of-n."), QStringLiteral("mode")},
        {QStringLiteral("steps"), QApplication::translate("main", "Optimisation steps, 1 to 64."), QStringLiteral("n")},
        {QStringLiteral("run"), QApplication::translate("main", "Start the run at once.")},
        {QStringLiteral("present"), QApplication::translate("main", "Start in presentation mode (full screen).")},
    });
    parser.process(app);

    milr::MainWindow window;
    window.restoreState();
    milr::RunSettings settings = window.runSettings();
    QString error;
    if (!apply_options(parser, settings, error)) {
        fprintf(stderr, "%s\n", qPrintable(error));
        return 2;
    }
    window.setRunSettings(settings);
    window.show();
    if (parser.isSet(QStringLiteral("present"))) window.setPresentation(true);
    if (parser.isSet(QStringLiteral("run"))) QTimer::singleShot(0, &window, &milr::MainWindow::startRun);
    return app.exec();
}
