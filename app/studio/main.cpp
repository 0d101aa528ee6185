// milr-studio: the application object, command-line options and the main window.
#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include <cstdio>

#include "app/studio/command_line.h"
#include "app/studio/main_window.h"

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("MILR"));
    QApplication::setOrganizationDomain(QStringLiteral("milr.studio"));
    QApplication::setApplicationName(QStringLiteral("MILR Studio"));
    QApplication::setApplicationVersion(QStringLiteral(MILR_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/milr-studio.svg")));

    QCommandLineParser parser;
    milr::add_studio_options(parser);
    parser.process(app);

    milr::MainWindow window;
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
    if (options.run) QTimer::singleShot(0, &window, &milr::MainWindow::startRun);
    return app.exec();
}
