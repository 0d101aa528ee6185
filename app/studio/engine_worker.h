// The worker: a QObject living on the engine thread that owns the EngineSession (and so the model). Requests
// arrive as queued slot calls; records, progress and the outcome leave as queued signals.
#pragma once
#include <QObject>

#include "app/studio/engine_session.h"
#include "app/studio/run_request.h"
#include "core/util/cancel.h"

namespace milr {

class EngineWorker : public QObject {
    Q_OBJECT
public:
    // `cancel` is shared with the controller, which sets it from the GUI thread (an atomic flag).
    explicit EngineWorker(CancelToken cancel, QObject* parent = nullptr);

public slots:
    // Loads the model, then runs; emits recordReady per step and finished exactly once.
    void execute(const milr::RunRequest& request);

signals:
    void recordReady(quint64 requestId, const milr::StepRecord& record);
    void progressed(quint64 requestId, double fraction, milr::RunPhase phase);
    void finished(quint64 requestId, milr::RunOutcome outcome, const QString& message);

private:
    CancelToken m_cancel;
    EngineSession m_session;
};

}  // namespace milr
