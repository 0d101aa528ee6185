// Auto-play of a trajectory for an audience: every `pace` milliseconds the next step of a StepModel is shown; the
// last step stays one tick longer, then it starts over from the first, or (end on the best) the best step is shown
// and the playing stops there.
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
    // After the last step: show the step with the highest reward and stop (true), or start over (false).
    void setEndOnBest(bool endOnBest) { m_endOnBest = endOnBest; }
    bool endsOnBest() const { return m_endOnBest; }

public slots:
    void setPlaying(bool playing);
    // One tick: the next step (what the timer calls).
    void advance();

signals:
    // Playing stopped on the best step (end on the best).
    void endedOnBest();

private:
    StepModel* m_model;
    QTimer m_timer;
    bool m_heldLast = false;  // the last step has had its extra tick
    bool m_endOnBest = false;
    bool m_ended = false;  // stopped on the best step: playing again starts from the first
};

}  // namespace milr
