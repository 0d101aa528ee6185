// The GUI side of the engine thread: owns the QThread and its worker, turns Run / Stop / Step-once into queued
// requests, and forwards the worker's reports. Lives on the GUI thread.
//
// A settings change while a run is going does not touch that run. Calling run() again while busy restarts:
// the current run is cancelled (within one token step) and the new request, with its settings and seed, starts
// as soon as the worker has stopped; only the latest pending request is kept (as Qt's Mandelbrot example restarts
// its render). Reports of the abandoned run that arrive after the restart are dropped.
#pragma once
#include <QElapsedTimer>
#include <QObject>
#include <QThread>

#include <optional>

#include "app/studio/run_request.h"
#include "core/util/cancel.h"

namespace milr {

class EngineWorker;

class EngineController : public QObject {
    Q_OBJECT
public:
    explicit EngineController(QObject* parent = nullptr);
    // Cancels any run and waits for the thread to end (the engine stops within one token step).
    ~EngineController() override;

    bool isBusy() const { return m_busy; }

public slots:
    void run(const milr::RunDescription& settings);
    void stepOnce(const milr::RunDescription& settings);
    void stop();

signals:
    void runStarted(bool stepOnce);
    void recordReady(const milr::StepRecord& record);
    // fraction of the run in [0, 1], the engine's phase name, and the estimated seconds left (< 0: unknown yet).
    void progressed(double fraction, milr::RunPhase phase, double etaSeconds);
    void runFinished(milr::RunOutcome outcome, const QString& message);
    void busyChanged(bool busy);

    // To the worker (queued across the thread boundary).
    void executeRequested(const milr::RunRequest& request);

private:
    void submit(const RunDescription& settings, bool stepOnce);
    void dispatch(const RunRequest& request);
    void onWorkerProgress(quint64 id, double fraction, milr::RunPhase phase);
    void onWorkerRecord(quint64 id, const StepRecord& record);
    void onWorkerFinished(quint64 id, RunOutcome outcome, const QString& message);

    QThread m_thread;
    EngineWorker* m_worker = nullptr;  // owned by m_thread: deleted on its finished signal
    CancelToken m_cancel;
    bool m_busy = false;
    quint64 m_nextId = 1;
    quint64 m_currentId = 0;
    std::optional<RunRequest> m_pending;
    QElapsedTimer m_clock;
};

}  // namespace milr
