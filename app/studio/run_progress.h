// Progress of a run for the window: remaining-time estimate and the phase names the engine reports.
#pragma once
#include <QString>

namespace milr {

// Seconds left when `fraction` of the run took `elapsed_seconds`, or -1 when too little is done to tell (< 1 %).
double eta_seconds(double fraction, double elapsed_seconds);
// "1 min 05 s", "12 s", or an empty string for an unknown estimate.
QString format_eta(double seconds);
// The user-facing name of an engine phase ("thinking", "drawing", "decoding", "judging", "optimising",
// "loading"); an unknown name is shown as it came.
QString phase_title(const QString& phase);

}  // namespace milr
