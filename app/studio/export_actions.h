// The File menu's keep-and-reopen actions of MILR Studio: export the image on show as a PNG carrying the run's
// parameters, save and open a trajectory folder (the CLI's format), export a contact sheet or a video, and open such
// a PNG (from the app or the CLI) to restore the prompt and every parameter; dropping a PNG or a trajectory folder on
// the window does the same as opening it.
#pragma once
#include <QObject>
#include <QString>

#include <exception>
#include <memory>
#include <vector>

#include "core/milr/step_record.h"
#include "core/session/trajectory_export.h"
#include "widgets/run_settings.h"

class QAction;
class QKeySequence;
class QMenu;

namespace milr {

class MainWindow;
struct Trajectory;

class ExportActions : public QObject {
    Q_OBJECT
public:
    // Adds the actions to the window's File menu and to the window (so their shortcuts work with the menu bar
    // hidden), and accepts drops on the window.
    explicit ExportActions(MainWindow* window);
    ~ExportActions() override;

    // The work behind the actions, without dialogs. Each returns false with lastError() saying what and why when it
    // fails; the settings and the steps on show are unchanged then, and a file that was there stays intact.
    // The step on show, as PNG with the run's metadata, enlarged `scale` times (1..8) with `resampling`.
    bool exportImage(const QString& path, int scale = 1, Resampling resampling = Resampling::nearest);
    bool saveTrajectory(const QString& folder);  // step-NNNN.png, final.png, trajectory.json
    bool openTrajectory(const QString& folder);  // shows its steps (refused while a run is going)
    // Restores the prompt and the run parameters the image carries. A reward program or a model folder it names is
    // shown in full and taken only when the user confirms (the model folder through the describe-model check).
    bool openImage(const QString& path);
    bool exportContactSheet(const QString& path);
    // H.264 where the system has it (lastNotice() says what was written instead); may write the .avi twin:
    // lastWrittenPath(). Each step enlarged `scale` times, under the prompt and the settings.
    bool exportVideo(const QString& path, double secondsPerStep = 0.5, int scale = 1,
                     Resampling resampling = Resampling::nearest);
    // The steps' numbers (reward, token changes, latent statistics, margins, timings) as CSV, one row per step.
    bool exportStepsCsv(const QString& path);
    // A PNG file or a trajectory folder, as dropped on the window.
    bool openPath(const QString& path);
    static bool canOpen(const QString& path);

    QString lastError() const { return m_lastError; }
    QString lastWrittenPath() const { return m_lastWrittenPath; }
    QString lastNotice() const { return m_lastNotice; }  // what the last export fell back to, "" when nothing

    struct ShownRun;  // the run the steps on show come from (defined in the .cpp)

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    ShownRun shownRun() const;            // the run of the steps on show (or of the settings now, when unknown)
    Trajectory trajectoryOnShow() const;  // that run with the step model's records
    // Fills the step model with records from a file (of `options`' run) and selects `selectedStep` (-1: the last).
    void showOpened(const std::vector<StepRecord>& records, const MilrOptions& options, int selectedStep);

    void addActions();
    QAction* addAction(QMenu* menu, QAction* before, const char* name, const QString& text,
                       const QKeySequence& shortcut, void (ExportActions::*slot)());
    void updateEnabled();
    void onRunStarted();
    void onModelCleared();

    // The dialogs, then the work; a failure shows lastError() in a message box.
    void chooseExportImage();
    void chooseSaveTrajectory();
    void chooseOpenTrajectory();
    void chooseOpenImage();
    void chooseExportContactSheet();
    void chooseExportVideo();
    void chooseExportStepsCsv();
    QString askSavePath(const QString& title, const QString& suggestedName, const QString& filter);
    // The export scale and resampling, asked in a list ("4x, nearest: crisp token cells (512 x 512)"); false when
    // cancelled.
    bool askScale(const QString& title, int width, int& scale, Resampling& resampling);
    void rememberFolder(const QString& path);
    void reportFailure(const QString& title);
    bool confirmCarriedCommand(const QString& command, const QString& fileName);

    bool fail(const QString& what, const std::exception& error);
    bool fail(const QString& message);

    MainWindow* m_window;
    QAction* m_openImageAction = nullptr;
    QAction* m_openTrajectoryAction = nullptr;
    QAction* m_exportImageAction = nullptr;
    QAction* m_saveTrajectoryAction = nullptr;
    QAction* m_contactSheetAction = nullptr;
    QAction* m_videoAction = nullptr;
    QAction* m_csvAction = nullptr;
    std::unique_ptr<ShownRun> m_shown;  // the run of the steps on show, when known
    RunDescription m_startedSettings;   // the settings of the run that started last
    bool m_runStarted = false;
    bool m_filling = false;  // openTrajectory is filling the step model
    QString m_lastError;
    QString m_lastWrittenPath;
    QString m_lastNotice;
    QString m_lastFolder;
};

}  // namespace milr
