// What the GUI asks the worker for (a run or one step), the outcome it reports back, and the mapping of the
// GUI's RunSettings to the engine's parameters. Value types carried by queued signals.
#pragma once
#include <QMetaType>
#include <QString>

#include "app/studio/engine_session.h"
#include "widgets/run_settings.h"

namespace milr {

struct RunRequest {
    RunSettings settings;
    bool stepOnce = false;
    quint64 id = 0;  // increases with every request, so late reports of an abandoned run can be told apart
};

enum class RunOutcome { Completed, Stopped, Failed };

EngineRunParameters to_engine_parameters(const RunSettings& settings, bool step_once);

// Registers the types of the worker's queued signals and slots (StepRecord, RunRequest, RunOutcome).
void register_engine_metatypes();

}  // namespace milr

Q_DECLARE_METATYPE(milr::StepRecord)
Q_DECLARE_METATYPE(milr::RunRequest)
Q_DECLARE_METATYPE(milr::RunOutcome)
