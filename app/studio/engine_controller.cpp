// Engine thread ownership, request queueing with restart, and report forwarding.
#include "app/studio/engine_controller.h"

#include "app/studio/engine_worker.h"
#include "app/studio/run_progress.h"

namespace milr {

EngineController::EngineController(QObject* parent) : QObject(parent) {
    register_engine_metatypes();
    m_thread.setObjectName(QStringLiteral("milr-engine"));
    m_worker = new EngineWorker(m_cancel);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(this, &EngineController::executeRequested, m_worker, &EngineWorker::execute, Qt::QueuedConnection);
    connect(m_worker, &EngineWorker::progressed, this, &EngineController::onWorkerProgress, Qt::QueuedConnection);
    connect(m_worker, &EngineWorker::recordReady, this, &EngineController::onWorkerRecord, Qt::QueuedConnection);
    connect(m_worker, &EngineWorker::finished, this, &EngineController::onWorkerFinished, Qt::QueuedConnection);
    m_thread.start();
}

EngineController::~EngineController() {
    m_pending.reset();
    m_cancel.cancel();
    m_thread.quit();
    m_thread.wait();
}

void EngineController::run(const RunDescription& settings) { submit(settings, false); }

void EngineController::stepOnce(const RunDescription& settings) { submit(settings, true); }

void EngineController::stop() {
    m_pending.reset();
    if (m_busy) m_cancel.cancel();
}

void EngineController::submit(const RunDescription& settings, bool stepOnce) {
    RunRequest request{settings, stepOnce, m_nextId++};
    if (m_busy) {
        // Restart: stop the current run; the worker picks the latest request when it reports back.
        m_pending = request;
        m_cancel.cancel();
        return;
    }
    dispatch(request);
}

void EngineController::dispatch(const RunRequest& request) {
    // Reset only while the worker is idle, so a cancel meant for the previous run cannot be lost.
    m_cancel.reset();
    m_currentId = request.id;
    const bool wasBusy = m_busy;
    m_busy = true;
    m_clock.start();
    emit runStarted(request.stepOnce);
    if (!wasBusy) emit busyChanged(true);
    emit executeRequested(request);
}

void EngineController::onWorkerProgress(quint64 id, double fraction, milr::RunPhase phase) {
    if (id != m_currentId) return;
    emit progressed(fraction, phase, eta_seconds(fraction, m_clock.elapsed() / 1000.0));
}

void EngineController::onWorkerRecord(quint64 id, const StepRecord& record) {
    if (id == m_currentId) emit recordReady(record);
}

void EngineController::onWorkerFinished(quint64 id, RunOutcome outcome, const QString& message) {
    if (id != m_currentId) return;
    if (m_pending) {
        const RunRequest next = *m_pending;
        m_pending.reset();
        dispatch(next);  // the restarted run; the abandoned one's outcome is not reported
        return;
    }
    m_busy = false;
    emit runFinished(outcome, message);
    emit busyChanged(false);
}

}  // namespace milr
