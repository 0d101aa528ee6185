// What the GUI asks the worker for (a run or one step) and the outcome it reports back: value types carried by
// queued signals.
#pragma once
#include <QMetaType>
#include <QString>

#include "core/milr/run_description.h"
#include "core/milr/run_phase.h"
#include "core/milr/step_record.h"

namespace milr {

struct RunRequest {
    RunDescription settings;
    bool stepOnce = false;
    quint64 id = 0;  // increases with every request, so late reports of an abandoned run can be told apart
};

// How a run ended: done, stopped by the user, or failed (its reward, its numbers (NaN/Inf), or anything else).
enum class RunOutcome { Completed, Stopped, RewardFailed, NumericalFailure, Failed };

// Registers the types of the worker's queued signals and slots (StepRecord, RunRequest, RunOutcome, RunPhase).
void register_engine_metatypes();

}  // namespace milr

Q_DECLARE_METATYPE(milr::StepRecord)
Q_DECLARE_METATYPE(milr::RunRequest)
Q_DECLARE_METATYPE(milr::RunOutcome)
Q_DECLARE_METATYPE(milr::RunPhase)
