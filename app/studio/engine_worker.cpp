// The worker's run: engine calls wrapped so that every outcome (done, stopped, failed) is reported once.
#include "app/studio/engine_worker.h"

#include <exception>

namespace milr {

EngineWorker::EngineWorker(CancelToken cancel, QObject* parent) : QObject(parent), m_cancel(std::move(cancel)) {}

void EngineWorker::execute(const RunRequest& request) {
    const quint64 id = request.id;
    const EngineRunParameters parameters = to_engine_parameters(request.settings, request.stepOnce);
    const ProgressCallback progress = [this, id](double fraction, const std::string& phase) {
        emit progressed(id, fraction, QString::fromStdString(phase));
        return !m_cancel.cancelled();
    };
    EngineCallbacks callbacks;
    callbacks.on_progress = progress;
    callbacks.on_record = [this, id](const StepRecord& record) { emit recordReady(id, record); };
    try {
        m_cancel.throw_if_cancelled("the start of the run");
        m_session.load_model(parameters, progress, m_cancel);
        m_session.run(parameters, callbacks, m_cancel);
        emit finished(id, RunOutcome::Completed, QString());
    } catch (const Cancelled&) {
        emit finished(id, RunOutcome::Stopped, QString());
    } catch (const std::exception& error) {
        // milr::Error from the engine or a reward, or anything else a library threw: shown, never swallowed.
        emit finished(id, RunOutcome::Failed, QString::fromStdString(error.what()));
    }
}

}  // namespace milr
