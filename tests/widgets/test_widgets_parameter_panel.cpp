// Sliders with numeric entry: two-way sync, the λv fine mapping, the log scale of the learning rate, and the
// panel's settings round trip with the paper's defaults.
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QSignalSpy>
#include <QSlider>
#include <QtTest>

#include <cmath>

#include "core/milr/parameter_table.h"
#include "widgets/parameter_panel.h"
#include "widgets/slider_mapping.h"
#include "widgets/value_slider.h"

using namespace milr;

class TestParameterPanel : public QObject {
    Q_OBJECT
private slots:
    void lambdaVMappingIsFineNearTwoHundredths() {
        const SliderMapping m = SliderMapping::fine_near_minimum(0.0, 0.1, 100, 1.0, 90);
        QCOMPARE(m.positions(), 190);
        QCOMPARE(m.position_of(0.02), 20);
        QVERIFY(std::abs(m.value_at(20) - 0.02) < 1e-12);
        QVERIFY(std::abs(m.value_at(21) - m.value_at(20) - 0.001) < 1e-12);   // fine steps below 0.1
        QVERIFY(std::abs(m.value_at(150) - m.value_at(149) - 0.01) < 1e-12);  // coarse steps above
        QCOMPARE(m.value_at(0), 0.0);
        QCOMPARE(m.value_at(190), 1.0);
        for (int p = 0; p < m.positions(); ++p) {
            QVERIFY(m.value_at(p + 1) > m.value_at(p));
            QCOMPARE(m.position_of(m.value_at(p)), p);
        }
        QCOMPARE(m.position_of(-3.0), 0);
        QCOMPARE(m.position_of(NAN), 0);
        QCOMPARE(m.position_of(7.0), 190);
    }

    void learningRateIsLogarithmic() {
        const SliderMapping m = SliderMapping::logarithmic(1e-3, 1e-1, 200);
        QVERIFY(std::abs(m.value_at(0) - 1e-3) < 1e-15);
        QVERIFY(std::abs(m.value_at(100) - 1e-2) < 1e-12);
        QVERIFY(std::abs(m.value_at(200) - 1e-1) < 1e-12);
        QCOMPARE(m.position_of(0.03), 148);  // log10(30) = 1.477 -> 147.7
    }

    void sliderAndEntryStayInSync() {
        ValueSlider lambdaV(SliderMapping::fine_near_minimum(0.0, 0.1, 100, 1.0, 90), 3, 0.001);
        QSignalSpy changed(&lambdaV, &ValueSlider::valueChanged);
        lambdaV.slider()->setValue(20);
        QCOMPARE(lambdaV.spinBox()->value(), 0.02);
        QCOMPARE(lambdaV.value(), 0.02);
        lambdaV.slider()->setValue(120);
        QCOMPARE(lambdaV.spinBox()->value(), 0.3);
        lambdaV.spinBox()->setValue(0.047);
        QCOMPARE(lambdaV.slider()->value(), 47);
        QCOMPARE(lambdaV.value(), 0.047);  // the typed value is kept, not snapped
        lambdaV.setValue(0.555);
        QCOMPARE(lambdaV.slider()->value(), 146);  // 0.555 -> between 0.55 (145) and 0.56 (146)
        QCOMPARE(lambdaV.value(), 0.555);
        QCOMPARE(changed.count(), 4);

        ValueSlider steps(SliderMapping::linear(1, 64, 63), 0, 1);
        steps.slider()->setValue(29);
        QCOMPARE(steps.value(), 30.0);
        steps.spinBox()->setValue(64);
        QCOMPARE(steps.slider()->value(), 63);
        steps.setValue(500);
        QCOMPARE(steps.value(), 64.0);  // clamped by the entry's range
    }

    void defaultsAreThePapers() {
        ParameterPanel panel;
        const RunDescription s = panel.settings();
        QCOMPARE(s.milr.lambda_text, 0.2);
        QCOMPARE(s.milr.lambda_image, 0.02);
        QCOMPARE(s.milr.learning_rate, 0.03);
        QCOMPARE(s.milr.steps, 30);
        QCOMPARE(s.milr.cfg_weight, 5.0);
        QCOMPARE(s.milr.mode, MilrMode::both);
        QCOMPARE(panel.lambdaVSlider()->slider()->value(), 20);
        QCOMPARE(panel.modelBox()->currentData().toString(), QString());  // the embedded model
    }

    void settingsRoundTripThroughTheControls() {
        ParameterPanel panel;
        RunDescription s;
        s.milr.mode = MilrMode::image;
        s.milr.lambda_text = 0.35;
        s.milr.lambda_image = 0.013;
        s.milr.learning_rate = 0.0075;
        s.milr.steps = 12;
        s.milr.seed = 1234567890123ULL;
        s.milr.cfg_weight = 3.0;
        s.milr.temperature = 0.8;
        apply_preset(s.milr, "improved");
        s.milr.reward_threshold = 0.75;
        s.reward.kind = RewardKind::external;
        s.reward.command_line = "judge --strict";
        s.reward.timeout_s = 90;
        s.reward.metadata_given = true;
        s.reward.metadata_json = "{\"tag\":\"counting\"}";
        s.model.folder = "/models/Janus-Pro-1B";
        s.model.device = "cuda";
        s.model.precision = "bf16";
        QSignalSpy changed(&panel, &ParameterPanel::settingsChanged);
        panel.setSettings(s);
        QCOMPARE(changed.count(), 0);  // programmatic: no change notifications
        QVERIFY(panel.settings() == s);

        panel.stepsSlider()->slider()->setValue(0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(panel.settings().milr.steps, 0);

        // What no control shows (the longest reasoning of a file's run) comes back unchanged.
        s.milr.max_reasoning_tokens = 77;
        panel.setSettings(s);
        QCOMPARE(panel.settings().milr.max_reasoning_tokens, 77);
        // The rewards without a page of their own keep the judge's page.
        s.reward.kind = RewardKind::judge_plus_self;
        panel.setSettings(s);
        QCOMPARE(panel.settings().reward.kind, RewardKind::judge_plus_self);
    }

    void controlsTakeTheirRangesFromTheRangeTable() {
        // The panel, the command line and the engine accept the same values (core/milr/parameter_table.cpp).
        ParameterPanel panel;
        const ParameterRange& steps = parameter_range(RunParameter::steps);
        QCOMPARE(panel.stepsSlider()->spinBox()->minimum(), steps.min);
        QCOMPARE(panel.stepsSlider()->spinBox()->maximum(), steps.max);
        const ParameterRange& lr = parameter_range(RunParameter::learning_rate);
        QCOMPARE(panel.learningRateSlider()->spinBox()->minimum(), lr.min);
        QCOMPARE(panel.learningRateSlider()->spinBox()->maximum(), lr.max);
        RunDescription far;
        far.milr.steps = 150;  // beyond the old slider's 64, inside the table
        far.milr.learning_rate = 0.5;
        far.milr.cfg_weight = 0;
        far.milr.temperature = 4;
        far.reward.timeout_s = 7200;
        panel.setSettings(far);
        const RunDescription back = panel.settings();
        QCOMPARE(back.milr.steps, 150);
        QCOMPARE(back.milr.learning_rate, 0.5);
        QCOMPARE(back.milr.cfg_weight, 0.0);
        QCOMPARE(back.milr.temperature, 4.0);
        QCOMPARE(back.reward.timeout_s, 7200.0);
    }
};

QTEST_MAIN(TestParameterPanel)
#include "test_widgets_parameter_panel.moc"
