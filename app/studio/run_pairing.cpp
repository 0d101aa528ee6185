// Keeping the other run of the same prompt when a run of the other kind begins.
#include "app/studio/run_pairing.h"

#include "widgets/step_model.h"

namespace milr {

void RunPairing::trajectoryBegins(const StepRecord& firstRecord) {
    const bool sameKind =
        !m_shown->isEmpty() && is_best_of_n(m_shown->record(0).mode) == is_best_of_n(firstRecord.mode);
    if (m_runPrompt != m_shownPrompt) {
        m_other->clear();
    } else if (!m_shown->isEmpty() && !sameKind) {
        m_other->clear();
        for (const StepRecord& record : m_shown->records()) m_other->appendRecord(record);
    }
    m_shownPrompt = m_runPrompt;
}

}  // namespace milr
