// MILR and Best-of-N of the same prompt, side by side: which run the steps on show belong to, and the other run of
// the same prompt kept for comparison.
#pragma once
#include <QString>

namespace milr {

class StepModel;
struct StepRecord;

class RunPairing {
public:
    // `shown` holds the steps on show; `other` receives the other run of the same prompt.
    RunPairing(StepModel* shown, StepModel* other) : m_shown(shown), m_other(other) {}

    // A run (or an opened trajectory) of `prompt` is about to fill the steps on show.
    void runStarting(const QString& prompt) { m_runPrompt = prompt; }
    // Its first record has come, before the steps on show are replaced: when it is of the other kind than the steps
    // on show and of the same prompt, those become the other run; a run of the same kind keeps the other run; a new
    // prompt drops it.
    void trajectoryBegins(const StepRecord& firstRecord);

    QString runPrompt() const { return m_runPrompt; }      // of the run going (or last started)
    QString shownPrompt() const { return m_shownPrompt; }  // of the steps on show

private:
    StepModel* m_shown;
    StepModel* m_other;
    QString m_runPrompt;
    QString m_shownPrompt;
};

}  // namespace milr
