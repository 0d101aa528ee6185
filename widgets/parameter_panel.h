// The run's controls: mode, the MILR sliders with numeric entry, the reward chooser, the model chooser with device
// and precision, and a collapsible advanced section. It edits a RunDescription (all but the prompt); the ranges are
// the range table's (core/milr/parameter_table.h).
#pragma once
#include <QWidget>

#include "widgets/run_settings.h"

class QButtonGroup;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;
class QStackedWidget;
class QToolButton;

namespace milr {

class ValueSlider;

class ParameterPanel : public QWidget {
    Q_OBJECT
public:
    explicit ParameterPanel(QWidget* parent = nullptr);

    // The settings the controls show; `prompt` is left empty (the prompt editor owns it).
    RunDescription settings() const;
    // Shows `settings` (clamped) without emitting settingsChanged.
    void setSettings(const RunDescription& settings);

    void setModelFolder(const QString& folder);
    void setAdvancedVisible(bool visible);
    bool isAdvancedVisible() const;

    ValueSlider* lambdaTSlider() const { return m_lambdaT; }
    ValueSlider* lambdaVSlider() const { return m_lambdaV; }
    ValueSlider* learningRateSlider() const { return m_learningRate; }
    ValueSlider* stepsSlider() const { return m_steps; }
    QComboBox* modeBox() const { return m_mode; }
    QComboBox* rewardBox() const { return m_reward; }
    QComboBox* modelBox() const { return m_model; }

signals:
    // Any control changed by the user.
    void settingsChanged();
    // "Open model folder..." was pressed: the owner picks and checks the folder, then calls setModelFolder.
    void openModelFolderRequested();

private:
    QWidget* buildMilrGroup();
    QWidget* buildRewardGroup();
    QWidget* buildModelGroup();
    QWidget* buildAdvancedGroup();
    void emitChanged();
    void showRewardPage(int rewardIndex);

    bool m_updating = false;
    RunDescription m_shown;  // the last settings shown, for the fields no control edits
    QComboBox* m_mode = nullptr;
    ValueSlider* m_lambdaT = nullptr;
    ValueSlider* m_lambdaV = nullptr;
    ValueSlider* m_learningRate = nullptr;
    ValueSlider* m_steps = nullptr;
    QComboBox* m_reward = nullptr;
    QStackedWidget* m_rewardPages = nullptr;
    QComboBox* m_metadataSource = nullptr;
    QPlainTextEdit* m_metadata = nullptr;
    QLineEdit* m_externalCommand = nullptr;
    QDoubleSpinBox* m_externalTimeout = nullptr;
    QComboBox* m_model = nullptr;
    QComboBox* m_device = nullptr;
    QComboBox* m_precision = nullptr;
    QToolButton* m_advancedToggle = nullptr;
    QWidget* m_advanced = nullptr;
    QLineEdit* m_seed = nullptr;
    QDoubleSpinBox* m_cfg = nullptr;
    QDoubleSpinBox* m_temperature = nullptr;
    QComboBox* m_preset = nullptr;
    QComboBox* m_estimator = nullptr;
    QComboBox* m_direction = nullptr;
    QComboBox* m_sampleSource = nullptr;
    QDoubleSpinBox* m_stopThreshold = nullptr;
};

}  // namespace milr
