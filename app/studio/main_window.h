// MILR Studio's main window: the prompt and controls, Run / Stop / Step-once, progress, and the live view of the
// run (image with token grid, reward curve, reasoning diff, research plots), all reading one StepModel.
#pragma once
#include <QMainWindow>

#include <memory>

#include "app/studio/run_request.h"
#include "widgets/run_settings.h"

namespace Ui {
class MainWindow;
}

namespace milr {

class EngineController;
class ImageView;
class ParameterPanel;
class ReasoningView;
class ResearchPanel;
class RewardPlot;
class StepModel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // The prompt and the controls as one value, and the reverse.
    RunSettings runSettings() const;
    void setRunSettings(const RunSettings& settings);

    StepModel* stepModel() const { return m_model; }
    EngineController* controller() const { return m_controller; }
    ImageView* imageView() const;
    RewardPlot* rewardPlot() const;
    ReasoningView* reasoningView() const;
    ResearchPanel* researchPanel() const;
    ParameterPanel* parameterPanel() const;
    // The text of the status/error area ("" when hidden).
    QString message() const;
    bool isRunning() const;

    // Settings and window layout from/to QSettings (the application's organisation and name).
    void restoreState();
    void saveState() const;

    // Shows the folder's describe-model report and memory estimate and asks before using it (true when chosen);
    // a folder whose config cannot be read is refused with the message.
    bool chooseModelFolder(const QString& folder);

public slots:
    void startRun();
    void stepOnce();
    void stopRun();
    void setPresentation(bool on);

protected:
    void closeEvent(QCloseEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void fitControlsColumn();
    void connectViews();
    void connectActions();
    void submit(bool stepOnce);
    void onRunStarted(bool stepOnce);
    void onRecord(const StepRecord& record);
    void onProgress(double fraction, const QString& phase, double etaSeconds);
    void onRunFinished(RunOutcome outcome, const QString& message);
    void onBusyChanged(bool busy);
    void onSettingsEdited();
    void openModelFolder();
    static QString rewardUnavailableReason(const RunSettings& settings);
    static QString memoryEstimateLines(const QString& report);
    void showMessage(const QString& text, bool error);
    void hideMessage();

    std::unique_ptr<Ui::MainWindow> m_ui;
    StepModel* m_model = nullptr;
    EngineController* m_controller = nullptr;
    bool m_replaceOnNextRecord = false;  // a new run keeps the previous steps on show until its first step arrives
    int m_recordsThisRun = 0;
    bool m_rewardNoticeShown = false;  // the message area shows why the chosen reward cannot run
};

}  // namespace milr
