// The studio's storage of a run description: QSettings and JSON text round trips, 0.1.0's settings, bad input.
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "core/milr/parameter_table.h"
#include "widgets/run_settings.h"

using namespace milr;

namespace {

RunDescription unusual() {
    RunDescription s;
    s.milr.prompt = "three green triangles above a \"yellow\" circle";
    s.milr.mode = MilrMode::best_of_n;
    s.milr.lambda_text = 0.15;
    s.milr.lambda_image = 0.021;
    s.milr.learning_rate = 0.0042;
    s.milr.steps = 64;
    s.milr.seed = 18446744073709551615ULL;  // the largest 64-bit seed survives the settings file
    s.milr.cfg_weight = 3.0;
    s.milr.temperature = 0.7;
    apply_preset(s.milr, "reference");
    s.milr.reward_threshold = 0.5;
    s.milr.max_reasoning_tokens = 77;
    s.reward.kind = RewardKind::self;
    s.reward.metadata_given = true;
    s.reward.metadata_json = "{\"include\": []}";
    s.reward.command_line = "python3 'my judge.py'";
    s.reward.timeout_s = 5.5;
    s.model.folder = "/data/Janus-Pro-7B";
    s.model.device = "cuda:1";
    s.model.precision = "bf16";
    return s;
}

QString ini_path(const QTemporaryDir& dir) { return dir.filePath(QStringLiteral("studio.ini")); }

}  // namespace

class TestRunSettings : public QObject {
    Q_OBJECT
private slots:
    void jsonTextRoundTrip() {
        QStringList problems;
        const RunDescription back = run_description_from_json_text(run_description_json_text(unusual()), &problems);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
        QVERIFY(back == unusual());
        QVERIFY(run_description_from_json_text(run_description_json_text(RunDescription())) == RunDescription());
        run_description_from_json_text("[1, 2]", &problems);
        QCOMPARE(problems, QStringList{QStringLiteral("run settings: not a JSON object")});
    }

    void qsettingsRoundTrip() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        {
            QSettings settings(ini_path(dir), QSettings::IniFormat);
            settings.beginGroup(QStringLiteral("run"));
            save_run_description(settings, unusual());
        }
        QSettings settings(ini_path(dir), QSettings::IniFormat);  // a fresh object reads the file back
        settings.beginGroup(QStringLiteral("run"));
        QStringList problems;
        QVERIFY(load_run_description(settings, &problems) == unusual());
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
        settings.endGroup();
        settings.beginGroup(QStringLiteral("empty"));
        QVERIFY(load_run_description(settings) == RunDescription());
    }

    void readsTheSettingsOfVersion010() {
        // MILR Studio 0.1.0 stored flat keys with other names; an upgraded file keeps them beside today's.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        {
            QSettings settings(ini_path(dir), QSettings::IniFormat);
            settings.beginGroup(QStringLiteral("run"));
            settings.setValue("prompt", "two red circles");
            settings.setValue("mode", "image");
            settings.setValue("lambda_t", "0.3");
            settings.setValue("lambda_v", "0.05");
            settings.setValue("steps", "12");
            settings.setValue("seed", "18446744073709551615");
            settings.setValue("preset", "reference");
            settings.setValue("stop_threshold", "0.75");
            settings.setValue("reward", "external-command");
            settings.setValue("metadata_source", "given");
            settings.setValue("metadata", "{\"tag\": \"counting\"}");
            settings.setValue("external_command", "python3 judge.py");
            settings.setValue("external_timeout_s", "12");
            settings.setValue("model_folder", "/models/janus");
            settings.setValue("device", "cuda:0");
            settings.setValue("precision", "bf16");
        }
        QSettings settings(ini_path(dir), QSettings::IniFormat);
        settings.beginGroup(QStringLiteral("run"));
        QStringList problems;
        const RunDescription old = load_run_description(settings, &problems);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
        QCOMPARE(old.milr.prompt, std::string("two red circles"));
        QCOMPARE(old.milr.mode, MilrMode::image);
        QCOMPARE(old.milr.lambda_text, 0.3);
        QCOMPARE(old.milr.lambda_image, 0.05);
        QCOMPARE(old.milr.steps, 12);
        QCOMPARE(old.milr.seed, 18446744073709551615ULL);
        QCOMPARE(old.milr.preset, std::string("reference"));
        QCOMPARE(old.milr.latent_precision, LatentPrecision::bf16);
        QCOMPARE(old.milr.reward_threshold, 0.75);
        QCOMPARE(old.reward.kind, RewardKind::external);
        QVERIFY(old.reward.metadata_given);
        QCOMPARE(old.reward.metadata_json, std::string("{\"tag\": \"counting\"}"));
        QCOMPARE(old.reward.command_line, std::string("python3 judge.py"));
        QCOMPARE(old.reward.timeout_s, 12.0);
        QCOMPARE(old.model.folder, std::string("/models/janus"));
        QCOMPARE(old.model.device, std::string("cuda:0"));
        QCOMPARE(old.model.precision, std::string("bf16"));

        // Saved once by this version, today's keys win over the stale old ones left in the file.
        RunDescription now = old;
        now.milr.lambda_text = 0.45;
        save_run_description(settings, now);
        QCOMPARE(load_run_description(settings).milr.lambda_text, 0.45);
    }

    void badValuesAreNamedAndKeepTheirDefaults() {
        nlohmann::json json = to_json(RunDescription());
        json["lambda_text"] = "a lot";
        json["mode"] = "sideways";
        json["seed"] = -4;
        json["reward_spec"]["kind"] = "magic";
        QStringList problems;
        const RunDescription s = run_description_from_json_text(QByteArray::fromStdString(json.dump()), &problems);
        QCOMPARE(problems.size(), 4);
        const QString all = problems.join('\n');
        QVERIFY2(all.contains(QStringLiteral("'lambda_text' is not a number")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("'mode' has the unknown value 'sideways'")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("'seed'")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("'kind' has the unknown value 'magic'")), qPrintable(all));
        QCOMPARE(s.milr.lambda_text, 0.2);
        QCOMPARE(s.milr.mode, MilrMode::both);
        QCOMPARE(s.milr.seed, uint64_t(42));
        QCOMPARE(s.reward.kind, RewardKind::judge);
    }

    void outOfRangeValuesAreClampedToTheRangeTable() {
        RunDescription s;
        s.milr.lambda_image = 3.0;
        s.milr.learning_rate = -1e-9;
        s.milr.steps = 100000;
        s.milr.cfg_weight = NAN;
        s.reward.timeout_s = -1;
        const RunDescription c = clamped(s);
        QCOMPARE(c.milr.lambda_image, 1.0);
        QCOMPARE(c.milr.learning_rate, parameter_range(RunParameter::learning_rate).min);
        QCOMPARE(c.milr.steps, static_cast<int>(parameter_range(RunParameter::steps).max));
        QCOMPARE(c.milr.cfg_weight, 5.0);
        QCOMPARE(c.reward.timeout_s, parameter_range(RunParameter::reward_timeout).min);
    }
};

QTEST_MAIN(TestRunSettings)
#include "test_widgets_run_settings.moc"
