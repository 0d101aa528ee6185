// MILR Studio's main window: the prompt and controls, Run / Stop / Step-once, progress, and the live view of the
// run (image with token grid, timeline, compare view, reward curve, reasoning diff, research plots), all reading
// one StepModel. Presentation mode, the pairing of runs, the recent menus and the settings file are classes of
// their own (presentation_mode.h, run_pairing.h, recent_menus.h, window_state.h).
#pragma once
#include <QMainWindow>

#include <memory>
#include <optional>

#include "app/studio/run_pairing.h"
#include "app/studio/run_request.h"
#include "widgets/run_settings.h"

namespace Ui {
class MainWindow;
}

namespace milr {

class CompareView;
class EngineController;
class ImageView;
class GetModelDialog;
class LayerToggles;
class MachineModelsMenu;
class ModelFolders;
class ParameterPanel;
class PresentationMode;
class RunStrips;
class PromptHint;
class RecentMenus;
class ReasoningView;
class ResearchPanel;
class RewardPlot;
class StepModel;
class TimelineStrip;
class TrajectoryPlayer;
class WindowState;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // The prompt and the controls as one value, and the reverse.
    RunDescription runDescription() const;
    void setRunDescription(const RunDescription& settings);

    StepModel* stepModel() const { return m_model; }
    EngineController* controller() const { return m_controller; }
    ImageView* imageView() const;
    RewardPlot* rewardPlot() const;
    ReasoningView* reasoningView() const;
    ResearchPanel* researchPanel() const;
    ParameterPanel* parameterPanel() const;
    TimelineStrip* timeline() const;
    // The other run of the same prompt (Best-of-N when this one is MILR, or the reverse), kept for comparison;
    // empty when there is none.
    StepModel* otherStepModel() const { return m_otherModel; }
    // Called before a trajectory opened from disk fills stepModel(): it pairs like a run of `prompt` would,
    // kept beside the run on show when that is the other kind of the same prompt, dropping the pair otherwise.
    void beginOpenedRun(const StepRecord& firstRecord, const QString& prompt);
    TimelineStrip* otherTimeline() const;
    CompareView* compareView() const;
    TrajectoryPlayer* player() const { return m_player; }
    // The File menu, for the actions other parts of the application add (export, trajectories).
    QMenu* fileMenu() const;
    QMenu* runMenu() const;  // the Run menu (the examples)
    // The text of the status/error area ("" when hidden), and of the hint under the prompt.
    QString message() const;
    QString promptHint() const;
    bool isRunning() const;

    // Settings and window layout from/to QSettings (the application's organisation and name): the run settings,
    // window geometry, splitters, overlay layers, research plots, compare mode and arrangement, presentation pace
    // and auto-play, recent prompts and recent model folders.
    void restoreState();
    void saveState() const;

    bool isCompareMode() const;
    bool isPresenting() const;
    // Whether the prompt box is on show and takes typing (the start-up report's measure of "ready").
    bool promptAcceptsInput() const;
    // Auto-play pace in presentation mode, in milliseconds per step (one of PresentationMode::kPaces).
    int presentationPace() const;
    void setPresentationPace(int milliseconds);

    // Most recent first. A prompt is remembered when it is run, a model folder when it is chosen.
    QStringList recentPrompts() const;
    QStringList recentModelFolders() const;
    void rememberPrompt(const QString& prompt);
    void rememberModelFolder(const QString& folder);

    // The About text: the versions of the application, Qt and libtorch, and the model of the next run.
    QString aboutText() const;

    // Shows the folder's describe-model report and memory estimate and asks before using it (true when chosen);
    // a folder whose config cannot be read is refused with the message. `origin` says where the folder comes from
    // when the user did not pick it (a file that names it).
    bool chooseModelFolder(const QString& folder, const QString& origin = QString());
    // A message in the window's message area (not an error).
    void showNotice(const QString& text) { showMessage(text, false); }

public slots:
    void startRun();
    void stepOnce();
    void stopRun();
    void setPresentation(bool on);
    void setCompareMode(bool on);
    void showShortcuts();
    void showAbout();
    // File > Get a model…: the Hub download dialog (made once, kept while the window lives).
    GetModelDialog* showGetModelDialog();

protected:
    void closeEvent(QCloseEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void fitControlsColumn();
    void connectViews();
    void connectActions();
    void submit(bool stepOnce);
    bool confirmFreshStart();  // Step once with other settings than the steps on show: asks before step 0
    void onRunStarted(bool stepOnce);
    void onRecord(const StepRecord& record);
    void onProgress(double fraction, milr::RunPhase phase, double etaSeconds);
    void onRunFinished(RunOutcome outcome, const QString& message);
    void onBusyChanged(bool busy);
    void onSettingsEdited();
    void openModelFolder();
    void onEscape();
    void updatePlayer();
    void updatePresentationCaption();
    int plannedLastStep() const;
    void showMessage(const QString& text, bool error);
    void hideMessage();

    std::unique_ptr<Ui::MainWindow> m_ui;
    StepModel* m_model = nullptr;
    EngineController* m_controller = nullptr;
    bool m_replaceOnNextRecord = false;  // a new run keeps the previous steps on show until its first step arrives
    int m_recordsThisRun = 0;
    bool m_rewardNoticeShown = false;  // the message area shows why the chosen reward cannot run

    StepModel* m_otherModel = nullptr;
    RunPairing m_pairing;
    TrajectoryPlayer* m_player = nullptr;
    RecentMenus* m_recent = nullptr;
    LayerToggles* m_layers = nullptr;
    PresentationMode* m_presentation = nullptr;
    RunStrips* m_strips = nullptr;
    ModelFolders* m_folders = nullptr;
    MachineModelsMenu* m_machineModels = nullptr;
    GetModelDialog* m_getModel = nullptr;
    PromptHint* m_promptHint = nullptr;
    std::unique_ptr<WindowState> m_state;
    int m_runLastStep = 0;                     // the step the run going (or last started) ends on
    std::optional<RunDescription> m_stepsRun;  // the settings that made the steps on show (none: opened from a file)
};

}  // namespace milr
