// Progress of a run for the window: remaining-time estimate and the phase names the engine reports.
#pragma once
#include <QString>

#include "app/studio/run_request.h"
#include "core/milr/run_phase.h"

namespace milr {

// Seconds left when `fraction` of the run took `elapsed_seconds`, or -1 when too little is done to tell (< 1 %).
double eta_seconds(double fraction, double elapsed_seconds);
// "1 min 05 s", "12 s", or an empty string for an unknown estimate.
QString format_eta(double seconds);
// The user-facing (translated) name of a run's phase.
QString phase_title(RunPhase phase);
// "1 step", "3 steps".
QString steps_text(int count);
// A failed run's status line ("The reward failed") and message, with the engine's `detail`.
QString failure_title(RunOutcome outcome);
QString failure_message(RunOutcome outcome, const QString& detail);

}  // namespace milr
