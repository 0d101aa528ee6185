// The worker's run: engine calls wrapped so that every outcome (done, stopped, failed) is reported once.
#include "app/studio/engine_worker.h"

#include <exception>

#include "core/session/memory_fit.h"

namespace milr {

EngineWorker::EngineWorker(CancelToken cancel, QObject* parent) : QObject(parent), m_cancel(std::move(cancel)) {}

void EngineWorker::execute(const RunRequest& request) {
    const quint64 id = request.id;
    const RunDescription run = clamped(request.settings);
    const ProgressCallback loading = [this, id](double fraction, const std::string&) {
        emit progressed(id, fraction, RunPhase::loading);
        return !m_cancel.cancelled();
    };
    EngineCallbacks callbacks;
    callbacks.on_progress = [this, id](double fraction, RunPhase phase) {
        emit progressed(id, fraction, phase);
        return !m_cancel.cancelled();
    };
    callbacks.on_record = [this, id](const StepRecord& record) { emit recordReady(id, record); };
    try {
        m_cancel.throw_if_cancelled("the start of the run");
        m_session.load_model(run, loading, m_cancel);
        m_session.run(run, request.stepOnce, callbacks, m_cancel);
        emit finished(id, RunOutcome::Completed, QString());
    } catch (const Cancelled&) {
        emit finished(id, RunOutcome::Stopped, QString());
    } catch (const RewardError& error) {
        emit finished(id, RunOutcome::RewardFailed, QString::fromStdString(error.what()));
    } catch (const NumericalError& error) {
        emit finished(id, RunOutcome::NumericalFailure, QString::fromStdString(error.what()));
    } catch (const std::exception& error) {
        // milr::Error from the engine or a reward, or anything else a library threw: shown, never swallowed. An
        // allocation that failed says so and what to change; the steps so far stay in the window.
        const std::string allocation = allocation_failure_message(error);
        emit finished(id, RunOutcome::Failed, QString::fromStdString(allocation.empty() ? error.what() : allocation));
    }
}

}  // namespace milr
