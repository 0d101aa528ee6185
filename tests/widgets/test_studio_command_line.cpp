// milr-studio's command line: each option lands in the run settings, bad values are refused with the option named.
#include <QtTest>

#include "app/studio/command_line.h"

using namespace milr;

namespace {

bool apply(const QStringList& arguments, RunDescription& settings, StudioOptions& options, QString& error) {
    QCommandLineParser parser;
    add_studio_options(parser);
    if (!parser.parse(QStringList{QStringLiteral("milr-studio")} + arguments)) {
        error = parser.errorText();
        return false;
    }
    return apply_studio_options(parser, settings, options, error);
}

}  // namespace

class TestCommandLine : public QObject {
    Q_OBJECT
private slots:
    void optionsReachTheSettings() {
        RunDescription settings;
        settings.milr.lambda_image = 0.05;  // a stored value the command line does not touch
        StudioOptions options;
        QString error;
        QVERIFY(apply({"--model", "/m/Janus-Pro-1B", "--prompt", "two red stars", "--mode", "image", "--steps", "16",
                       "--run", "--present", "--quit-after-run", "3"},
                      settings, options, error));
        QCOMPARE(settings.model.folder, std::string("/m/Janus-Pro-1B"));
        QCOMPARE(settings.milr.prompt, std::string("two red stars"));
        QCOMPARE(settings.milr.mode, MilrMode::image);
        QCOMPARE(settings.milr.steps, 16);
        QCOMPARE(settings.milr.lambda_image, 0.05);
        QVERIFY(options.run);
        QVERIFY(options.present);
        QCOMPARE(options.quitAfterRunSeconds, 3);
    }

    void badValuesAreRefusedAndNamed() {
        RunDescription settings;
        StudioOptions options;
        QString error;
        QVERIFY(!apply({"--mode", "sideways"}, settings, options, error));
        QVERIFY(error.contains(QStringLiteral("--mode")));
        QVERIFY(!apply({"--prompt", "x", "--steps", "201"}, settings, options, error));
        QVERIFY2(error.contains(QStringLiteral("--steps must be a whole number from 0 to 200")), qPrintable(error));
        QVERIFY(!apply({"--steps", "ten"}, settings, options, error));
        QVERIFY(!apply({"--quit-after-run", "-1"}, settings, options, error));
        QVERIFY(error.contains(QStringLiteral("--quit-after-run")));
        QVERIFY(settings == RunDescription());  // a refused command line changes nothing
        QVERIFY(!options.run);
        QCOMPARE(options.quitAfterRunSeconds, -1);
    }
};

QTEST_MAIN(TestCommandLine)
#include "test_studio_command_line.moc"
