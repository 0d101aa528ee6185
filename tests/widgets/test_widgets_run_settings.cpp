// RunSettings: JSON and QSettings round trips, and what happens to bad input.
#include <QJsonDocument>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "core/milr/milr_options.h"
#include "widgets/run_settings.h"

using namespace milr;

namespace {

RunSettings unusual() {
    RunSettings s;
    s.prompt = QStringLiteral("three green triangles above a \"yellow\" circle");
    s.mode = RunMode::BestOfN;
    s.lambdaT = 0.15;
    s.lambdaV = 0.021;
    s.learningRate = 0.0042;
    s.steps = 64;
    s.seed = 18446744073709551615ULL;  // the largest 64-bit seed survives JSON
    s.cfgWeight = 3.0;
    s.temperature = 0.7;
    s.preset = RunPreset::Improved;
    s.stopThreshold = 0.5;
    s.reward = RewardKind::SelfJudgement;
    s.metadataSource = MetadataSource::Given;
    s.metadataJson = QStringLiteral("{\"include\": []}");
    s.externalCommand = QStringLiteral("python3 judge.py");
    s.externalTimeoutSeconds = 5;
    s.modelFolder = QStringLiteral("/data/Janus-Pro-7B");
    s.device = QStringLiteral("cuda:1");
    s.precision = QStringLiteral("bf16");
    return s;
}

}  // namespace

class TestRunSettings : public QObject {
    Q_OBJECT
private slots:
    void defaultsAreTheEngines() {
        // The window and the command line run the same thing when nothing is changed: the engine's defaults.
        const RunSettings window;
        const MilrOptions engine;
        QCOMPARE(to_string(window.preset), QString::fromStdString(engine.preset));
        QCOMPARE(to_string(window.mode), QString::fromStdString(mode_name(engine.mode)));
        QCOMPARE(window.lambdaT, engine.lambda_text);
        QCOMPARE(window.lambdaV, engine.lambda_image);
        QCOMPARE(window.learningRate, engine.learning_rate);
        QCOMPARE(window.steps, engine.steps);
        QCOMPARE(window.seed, quint64(engine.seed));
        QCOMPARE(window.cfgWeight, engine.cfg_weight);
        QCOMPARE(window.temperature, engine.temperature);
        QCOMPARE(window.stopThreshold, engine.reward_threshold);
    }

    void jsonRoundTrip() {
        const RunSettings s = unusual();
        const QByteArray text = QJsonDocument(s.toJson()).toJson();
        QStringList problems;
        const RunSettings back = RunSettings::fromJson(QJsonDocument::fromJson(text).object(), &problems);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
        QVERIFY(back == s);
        QVERIFY(RunSettings::fromJson(RunSettings().toJson()) == RunSettings());
    }

    void qsettingsRoundTrip() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("studio.ini"));
        {
            QSettings settings(path, QSettings::IniFormat);
            settings.beginGroup(QStringLiteral("run"));
            unusual().save(settings);
        }
        QSettings settings(path, QSettings::IniFormat);  // a fresh object reads the file back
        settings.beginGroup(QStringLiteral("run"));
        QVERIFY(RunSettings::load(settings) == unusual());
        settings.endGroup();
        settings.beginGroup(QStringLiteral("empty"));
        QVERIFY(RunSettings::load(settings) == RunSettings());
    }

    void badJsonNamesTheKeyAndKeepsDefaults() {
        QJsonObject json = RunSettings().toJson();
        json[QStringLiteral("lambda_t")] = QStringLiteral("a lot");
        json[QStringLiteral("mode")] = QStringLiteral("sideways");
        json[QStringLiteral("seed")] = -4;
        QStringList problems;
        const RunSettings s = RunSettings::fromJson(json, &problems);
        QCOMPARE(problems.size(), 3);
        QVERIFY(problems.join('\n').contains(QStringLiteral("'lambda_t'")));
        QVERIFY(problems.join('\n').contains(QStringLiteral("'mode' has the unknown value 'sideways'")));
        QVERIFY(problems.join('\n').contains(QStringLiteral("'seed'")));
        QCOMPARE(s.lambdaT, 0.2);
        QCOMPARE(s.mode, RunMode::Both);
        QCOMPARE(s.seed, quint64(42));
    }

    void outOfRangeValuesAreClamped() {
        RunSettings s;
        s.lambdaV = 3.0;
        s.learningRate = 1e-9;
        s.steps = 0;
        s.cfgWeight = NAN;
        const RunSettings c = s.clamped();
        QCOMPARE(c.lambdaV, 1.0);
        QCOMPARE(c.learningRate, 1e-3);
        QCOMPARE(c.steps, 1);
        QCOMPARE(c.cfgWeight, 5.0);
    }
};

QTEST_MAIN(TestRunSettings)
#include "test_widgets_run_settings.moc"
