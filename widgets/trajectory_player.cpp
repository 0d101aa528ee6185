// The auto-play timer over a step model.
#include "widgets/trajectory_player.h"

#include <algorithm>

#include "widgets/step_model.h"

namespace milr {

TrajectoryPlayer::TrajectoryPlayer(StepModel* model, QObject* parent) : QObject(parent), m_model(model) {
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &TrajectoryPlayer::advance);
}

void TrajectoryPlayer::setPace(int milliseconds) { m_timer.setInterval(std::max(100, milliseconds)); }

void TrajectoryPlayer::setPlaying(bool playing) {
    if (playing == isPlaying()) return;
    m_heldLast = false;
    if (playing && m_ended && m_model && !m_model->isEmpty()) m_model->selectStep(m_model->record(0).step);  // replay
    m_ended = false;
    if (playing)
        m_timer.start();
    else
        m_timer.stop();
}

void TrajectoryPlayer::advance() {
    if (!m_model || m_model->isEmpty()) return;
    const int last = m_model->count() - 1;
    const int selected = m_model->selectedIndex();
    if (selected >= last && !m_heldLast) {
        m_heldLast = true;
        return;
    }
    m_heldLast = false;
    if (selected >= last && m_endOnBest) {
        m_model->selectStep(m_model->record(m_model->bestIndex()).step);
        m_timer.stop();
        m_ended = true;
        emit endedOnBest();
        return;
    }
    const int next = selected >= last ? 0 : selected + 1;
    m_model->selectStep(m_model->record(next).step);
}

}  // namespace milr
