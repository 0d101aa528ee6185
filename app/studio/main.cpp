// milr-studio: passive OpenMP waiting, torch threads, the application object, command-line options and the window.
#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "app/studio/command_line.h"
#include "app/studio/engine_controller.h"
#include "app/studio/export_actions.h"
#include "app/studio/language.h"
#include "app/studio/main_window.h"
#include "core/util/threads.h"

namespace {

// libgomp's spinning workers take the cores from the memory-bound decode on a busy machine (half the decode speed
// measured on 2 cores). libgomp reads OMP_WAIT_POLICY when it loads, before main, so the studio re-runs itself
// once with passive waiting unless the user chose a policy.
void ensure_passive_openmp(char** argv) {
    if (std::getenv("OMP_WAIT_POLICY")) return;
    setenv("OMP_WAIT_POLICY", "PASSIVE", 1);
    execv("/proc/self/exe", argv);  // returns only on failure: continue with the default policy
    unsetenv("OMP_WAIT_POLICY");
}

}  // namespace

int main(int argc, char* argv[]) {
    ensure_passive_openmp(argv);
    milr::configure_torch_threads();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("MILR"));
    QApplication::setOrganizationDomain(QStringLiteral("milr.studio"));
    QApplication::setApplicationName(QStringLiteral("MILR Studio"));
    QApplication::setApplicationVersion(QStringLiteral(MILR_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/milr-studio.svg")));
    milr::installTranslators();  // the "language" setting, before any window or option text is made

    QCommandLineParser parser;
    milr::add_studio_options(parser);
    parser.process(app);

    milr::MainWindow window;
    new milr::ExportActions(&window);  // File menu: export, save and open; drops on the window
    milr::addLanguageMenu(&window);    // View menu: System / English / 简体中文
    window.restoreState();
    milr::RunSettings settings = window.runSettings();
    milr::StudioOptions options;
    QString error;
    if (!milr::apply_studio_options(parser, settings, options, error)) {
        std::fprintf(stderr, "milr-studio: %s\n", qPrintable(error));
        return 2;
    }
    window.setRunSettings(settings);
    window.show();
    if (options.present) window.setPresentation(true);
    if (options.quitAfterRunSeconds >= 0) {
        // For scripts (screenshots): say on stdout that the run ended, leave the window up a while, then quit.
        QObject::connect(window.controller(), &milr::EngineController::runFinished, &window,
                         [&window, &options](milr::RunOutcome outcome, const QString& message) {
                             const char* names[] = {"completed", "stopped", "failed"};
                             std::printf("milr-studio: run %s%s%s\n", names[static_cast<int>(outcome)],
                                         message.isEmpty() ? "" : ": ", qPrintable(message));
                             std::fflush(stdout);
                             QTimer::singleShot(options.quitAfterRunSeconds * 1000, &window, &QWidget::close);
                         });
    }
    if (options.run) QTimer::singleShot(0, &window, &milr::MainWindow::startRun);
    return app.exec();
}
