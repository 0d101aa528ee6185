// Presentation mode of the main window: full screen, the image (or the comparison), the steps, the reward curve and
// the reasoning with its edits in large type with a caption, an on-screen bar (previous, play/pause, next, leave, a
// running indicator and the Esc hint), the trajectory playing at the chosen pace; leaving it restores the layout.
#pragma once
#include <QByteArray>
#include <QList>
#include <QRect>
#include <QObject>

class QActionGroup;
class QLabel;
class QMainWindow;
class QToolButton;
class QWidget;

namespace Ui {
class MainWindow;
}

namespace milr {

class LayerToggles;
class StepModel;
class TrajectoryPlayer;

class PresentationMode : public QObject {
    Q_OBJECT
public:
    // Works on the window's widgets (`ui`), follows `model`, drives `player` and suppresses the image's overlay
    // `layers`; fills the pace menu.
    PresentationMode(QMainWindow* window, Ui::MainWindow* ui, StepModel* model, TrajectoryPlayer* player,
                     LayerToggles* layers);

    bool isActive() const { return m_active; }
    // Enters or leaves (the Present action follows); leaving restores the window state, splitters and sizes.
    void setActive(bool on);

    // Auto-play pace, in milliseconds per step: the nearest of kPaces.
    static constexpr int kPaces[] = {500, 1000, 2000};
    int pace() const;
    void setPace(int milliseconds);

    // Auto-play runs while presenting, with auto-play on and no run going (a live run shows each step as it comes);
    // the bar's indicator says whether a run is going.
    void updatePlayer(bool running);
    QWidget* controlBar() const { return m_bar; }
    // The caption: the prompt, and the step on show "of" the step the run ends on.
    void updateCaption(const QString& prompt, int plannedLastStep);

signals:
    // After entering or leaving, once the layout is applied.
    void activeChanged(bool on);

private:
    void applyLayout(bool on);
    void buildControlBar();
    void showNeighbour(int offset);  // the step before (-1) or after (+1) the one on show

    QMainWindow* m_window;
    Ui::MainWindow* m_ui;
    StepModel* m_model;
    TrajectoryPlayer* m_player;
    LayerToggles* m_layers;
    QActionGroup* m_paceGroup = nullptr;
    QWidget* m_bar = nullptr;
    QLabel* m_runningLabel = nullptr;
    QToolButton* m_playButton = nullptr;
    bool m_active = false;
    Qt::WindowStates m_stateBefore;
    QList<QByteArray> m_splittersBefore;
    int m_thumbnailSizeBefore = 0;
    QRect m_geometryBefore;
};

}  // namespace milr
