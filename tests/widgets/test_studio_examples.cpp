// Run > Examples: the study's examples file is read as data (an entry naming no bench method is skipped), each
// example is a menu item, and choosing one runs it on the embedded model as the study did and ends on the best step.
#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QTemporaryDir>

#include "app/studio/engine_controller.h"
#include "app/studio/example_menu.h"
#include "app/studio/main_window.h"
#include "app/studio/run_request.h"
#include "widgets/step_model.h"

using namespace milr;

namespace {

QJsonObject example(const QString& prompt, const QString& method) {
    return {{"prompt", prompt}, {"tag", "counting"}, {"method", method},     {"seed", 7},
            {"steps", 1},       {"cfg", 5},          {"threshold", 0.9},     {"seeds", 3},
            {"base_passed", 0}, {"milr_passed", 3},  {"best_of_n_passed", 2}};
}

// One good example, one naming a program instead of a method, one without a prompt.
QString write_examples(const QTemporaryDir& dir) {
    QJsonObject good = example(QStringLiteral("a photo of two red circles"), QStringLiteral("both-authors"));
    const QJsonObject circle{{"class", "circle"}, {"count", 2}, {"color", "red"}};
    const QJsonObject metadata{{"tag", "counting"}, {"include", QJsonArray{circle}}, {"prompt", good["prompt"]}};
    good["metadata"] = QString::fromUtf8(QJsonDocument(metadata).toJson(QJsonDocument::Compact));
    const QJsonArray examples{good, example(QStringLiteral("a photo of a cat"), QStringLiteral("sh -c 'rm -rf ~'")),
                              example(QStringLiteral("  "), QStringLiteral("both"))};
    const QString path = dir.filePath(QStringLiteral("examples.json"));
    QFile file(path);
    file.open(QIODevice::WriteOnly);
    file.write(QJsonDocument(QJsonObject{{"examples", examples}}).toJson());
    return path;
}

}  // namespace

class TestStudioExamples : public QObject {
    Q_OBJECT
private slots:
    void onlyWellFormedExamplesAreOffered() {
        QTemporaryDir dir;
        MainWindow window;
        ExampleMenu examples(&window, write_examples(dir));
        QCOMPARE(examples.examples().size(), 1);
        QCOMPARE(examples.menu()->actions().size(), 1);
        const QString text = examples.menu()->actions().first()->text();
        QVERIFY2(text.contains(QStringLiteral("two red circles")) && text.contains(QStringLiteral("MILR 3/3")),
                 qPrintable(text));
        QVERIFY(window.runMenu()->actions().contains(examples.menu()->menuAction()));
    }

    void aMissingFileOffersNothing() {
        MainWindow window;
        ExampleMenu examples(&window, QStringLiteral("/nonexistent/examples.json"));
        QVERIFY(examples.examples().isEmpty());
        QCOMPARE(examples.menu()->actions().size(), 1);
        QVERIFY(!examples.menu()->actions().first()->isEnabled());
    }

    void choosingOneRunsItAsTheStudyDidAndShowsTheBestStep() {
        QTemporaryDir dir;
        MainWindow window;
        ExampleMenu examples(&window, write_examples(dir));
        QSignalSpy finished(window.controller(), &EngineController::runFinished);
        examples.choose(0);
        const RunDescription run = window.runDescription();
        QCOMPARE(run.milr.prompt, std::string("a photo of two red circles"));
        QCOMPARE(run.milr.seed, 7u);
        QCOMPARE(run.milr.mode, MilrMode::both);
        QCOMPARE(run.milr.estimator, Estimator::authors);
        QVERIFY(run.reward.metadata_given);
        QVERIFY(finished.wait(120000));
        QCOMPARE(finished.first().first().value<RunOutcome>(), RunOutcome::Completed);
        QVERIFY(!window.stepModel()->isEmpty());
        QCOMPARE(window.stepModel()->selectedIndex(), window.stepModel()->bestIndex());
    }
};

QTEST_MAIN(TestStudioExamples)
#include "test_studio_examples.moc"
