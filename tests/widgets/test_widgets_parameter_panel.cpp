// Sliders with numeric entry: two-way sync, the λv fine mapping, the log scale of the learning rate, and the
// panel's settings round trip with the paper's defaults.
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QSignalSpy>
#include <QSlider>
#include <QtTest>

#include <cmath>

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
        QVERIFY(std::abs(m.value_at(21) - m.value_at(20) - 0.001) < 1e-12);  // fine steps below 0.1
        QVERIFY(std::abs(m.value_at(150) - m.value_at(149) - 0.01) < 1e-12); // coarse steps above
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
        const RunSettings s = panel.settings();
        QCOMPARE(s.lambdaT, 0.2);
        QCOMPARE(s.lambdaV, 0.02);
        QCOMPARE(s.learningRate, 0.03);
        QCOMPARE(s.steps, 30);
        QCOMPARE(s.cfgWeight, 5.0);
        QCOMPARE(s.mode, RunMode::Both);
        QCOMPARE(panel.lambdaVSlider()->slider()->value(), 20);
        QCOMPARE(panel.modelBox()->currentData().toString(), QString());  // the embedded model
    }

    void settingsRoundTripThroughTheControls() {
        ParameterPanel panel;
        RunSettings s;
        s.mode = RunMode::Image;
        s.lambdaT = 0.35;
        s.lambdaV = 0.013;
        s.learningRate = 0.0075;
        s.steps = 12;
        s.seed = 1234567890123ULL;
        s.cfgWeight = 3.0;
        s.temperature = 0.8;
        s.preset = RunPreset::Improved;
        s.stopThreshold = 0.75;
        s.reward = RewardKind::ExternalCommand;
        s.externalCommand = QStringLiteral("judge --strict");
        s.externalTimeoutSeconds = 90;
        s.metadataSource = MetadataSource::Given;
        s.metadataJson = QStringLiteral("{\"tag\":\"counting\"}");
        s.modelFolder = QStringLiteral("/models/Janus-Pro-1B");
        s.device = QStringLiteral("cuda");
        s.precision = QStringLiteral("bf16");
        QSignalSpy changed(&panel, &ParameterPanel::settingsChanged);
        panel.setSettings(s);
        QCOMPARE(changed.count(), 0);  // programmatic: no change notifications
        QVERIFY(panel.settings() == s);

        panel.stepsSlider()->slider()->setValue(0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(panel.settings().steps, 1);
    }
};

QTEST_MAIN(TestParameterPanel)
#include "test_widgets_parameter_panel.moc"
