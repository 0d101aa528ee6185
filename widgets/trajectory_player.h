// Auto-play of a trajectory for an audience: every `pace` milliseconds the next step of a StepModel is shown; the
// last step stays one tick longer, then it starts over from the first.
#pragma once
#include <QObject>
#include <QTimer>

namespace milr {

class StepModel;

class TrajectoryPlayer : public QObject {
    Q_OBJECT
public:
    explicit TrajectoryPlayer(StepModel* model, QObject* parent = nullptr);

    // Milliseconds per step (at least 100).
    void setPace(int milliseconds);
    int pace() const { return m_timer.interval(); }
    bool isPlaying() const { return m_timer.isActive(); }

public slots:
    void setPlaying(bool playing);
    // One tick: the next step (what the timer calls).
    void advance();

private:
    StepModel* m_model;
    QTimer m_timer;
    bool m_heldLast = false;  // the last step has had its extra tick
};

}  // namespace milr
