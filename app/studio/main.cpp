// milr-studio: passive OpenMP waiting, torch threads, the application object, command-line options and the window.
#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QCommandLineParser>
#include <QMenu>
#include <QTimer>

#include <unistd.h>

#include <cstdio>

#include "app/studio/appearance.h"
#include "app/studio/command_line.h"
#include "app/studio/engine_controller.h"
#include "app/studio/engine_session.h"
#include "app/studio/example_menu.h"
#include "app/studio/export_actions.h"
#include "app/studio/language.h"
#include "app/studio/get_model_dialog.h"
#include "app/studio/main_window.h"
#include "core/util/threads.h"
#include "core/util/allocator.h"
#include "widgets/user_guide_dialog.h"

namespace {

// Help > User Guide: the same document `milr --help` names, opened by the desktop's viewer.
void addUserGuideAction(QWidget* window) {
    QMenu* help = window->findChild<QMenu*>(QStringLiteral("helpMenu"));
    if (!help) return;
    auto* action = new QAction(QCoreApplication::translate("MainWindow", "&User Guide"), window);
    action->setObjectName(QStringLiteral("userGuideAction"));
    action->setShortcut(QKeySequence::HelpContents);
    window->addAction(action);
    help->insertAction(help->actions().isEmpty() ? nullptr : help->actions().first(), action);
    QObject::connect(action, &QAction::triggered, window, [window] {
        // Rendered inside the app: a desktop without a browser (a presenter's laptop, a cluster node) still has it.
        milr::UserGuideDialog dialog(QString::fromStdString(milr::EngineSession::user_guide_path()), window);
        dialog.exec();
    });
}

// Milliseconds since the process started (Linux: /proc/self/stat's start time against /proc/uptime), so the
// start-up report includes the dynamic loading before main; -1 where that cannot be read.
double milliseconds_since_process_start() {
    QFile stat(QStringLiteral("/proc/self/stat")), uptime(QStringLiteral("/proc/uptime"));
    if (!stat.open(QIODevice::ReadOnly) || !uptime.open(QIODevice::ReadOnly)) return -1;
    const QByteArray statText = stat.readAll();
    // The fields after the command name (which may hold spaces) start after its closing parenthesis; the start
    // time is field 22 of the line, the 20th after it.
    const QList<QByteArray> fields = statText.mid(statText.lastIndexOf(')') + 2).split(' ');
    const long ticks = sysconf(_SC_CLK_TCK);
    if (fields.size() < 20 || ticks <= 0) return -1;
    const double started = fields[19].toDouble() / static_cast<double>(ticks);
    const double now = uptime.readAll().split(' ').value(0).toDouble();
    return (now - started) * 1000.0;
}

}  // namespace

int main(int argc, char* argv[]) {
    const double loaded_ms = milliseconds_since_process_start();  // the dynamic loader's share
    QElapsedTimer since_main;
    since_main.start();
    milr::keep_freed_memory_for_reuse();      // before the first tensor (see core/util/allocator.h)
    milr::rerun_with_passive_omp_wait(argv);  // before libgomp starts its workers (see core/util/threads.h)
    milr::configure_torch_threads();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("MILR"));
    QApplication::setOrganizationDomain(QStringLiteral("milr.studio"));
    QApplication::setApplicationName(QStringLiteral("MILR Studio"));
    QApplication::setApplicationVersion(QStringLiteral(MILR_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/milr-studio.svg")));
    QGuiApplication::setDesktopFileName(QStringLiteral("org.milrstudio.MilrStudio"));  // packaging/ desktop entry
    milr::installTranslators();     // the "language" setting, before any window or option text is made
    milr::applyStoredAppearance();  // the theme and the text size, before the first window

    QCommandLineParser parser;
    milr::add_studio_options(parser);
    parser.addPositionalArgument(QStringLiteral("files"),
                                 QCoreApplication::translate("main",
                                                             "PNGs written by MILR Studio or milr (their settings are "
                                                             "restored) or trajectory folders to open."),
                                 QStringLiteral("[files...]"));
    parser.process(app);

    milr::MainWindow window;
    auto* exportActions = new milr::ExportActions(&window);  // File menu: export, save and open; drops on the window
    milr::addLanguageMenu(&window);                          // View menu: System / English / 简体中文
    milr::addAppearanceMenus(&window);                       // View menu: Theme, Text size
    new milr::ExampleMenu(&window);                          // Run menu: the study's examples
    addUserGuideAction(&window);
    window.restoreState();
    milr::RunDescription settings = window.runDescription();
    milr::StudioOptions options;
    QString error;
    if (!milr::apply_studio_options(parser, settings, options, error)) {
        std::fprintf(stderr, "milr-studio: %s\n", qPrintable(error));
        return 2;
    }
    window.setRunDescription(settings);
    window.show();
    // Files given on the command line (as the desktop entry passes them): opened as if dropped on the window.
    for (const QString& path : parser.positionalArguments()) {
        if (!exportActions->openPath(path))
            std::fprintf(stderr, "milr-studio: %s\n", qPrintable(exportActions->lastError()));
    }
    if (options.present) window.setPresentation(true);
    if (!options.getModel.isEmpty()) window.showGetModelDialog()->setModelName(options.getModel);
    if (options.quitAfterRunSeconds >= 0) {
        // For scripts (screenshots): say on stdout that the run ended, leave the window up a while, then quit.
        QObject::connect(window.controller(), &milr::EngineController::runFinished, &window,
                         [&window, &options](milr::RunOutcome outcome, const QString& message) {
                             // One name per RunOutcome, in its order.
                             const char* names[] = {"completed", "stopped", "failed (the reward)",
                                                    "failed (a numerical error)", "failed"};
                             std::printf("milr-studio: run %s%s%s\n", names[static_cast<int>(outcome)],
                                         message.isEmpty() ? "" : ": ", qPrintable(message));
                             std::fflush(stdout);
                             QTimer::singleShot(options.quitAfterRunSeconds * 1000, &window, &QWidget::close);
                         });
    }
    if (options.run) QTimer::singleShot(0, &window, &milr::MainWindow::startRun);
    if (options.startupReport) {
        // Once the event loop runs, the window is on screen and the prompt takes keys.
        QTimer::singleShot(0, &window, [&window, loaded_ms, since_main] {
            std::printf(
                "milr-studio: before main %.0f ms, main to a window that accepts a prompt %lld ms, "
                "prompt box enabled: %s\n",
                loaded_ms, static_cast<long long>(since_main.elapsed()),
                window.isVisible() && window.promptAcceptsInput() ? "yes" : "no");
            std::fflush(stdout);
            QCoreApplication::quit();
        });
    }
    return app.exec();
}
