// Remaining-time estimate and phase titles.
#include "app/studio/run_progress.h"

#include <QCoreApplication>

#include <cmath>

namespace milr {

double eta_seconds(double fraction, double elapsed_seconds) {
    if (!std::isfinite(fraction) || !std::isfinite(elapsed_seconds) || fraction < 0.01 || elapsed_seconds < 0)
        return -1.0;
    if (fraction >= 1.0) return 0.0;
    return elapsed_seconds * (1.0 - fraction) / fraction;
}

QString format_eta(double seconds) {
    if (!(seconds >= 0)) return {};
    const long long total = std::llround(seconds);
    if (total < 60) return QCoreApplication::translate("milr::RunProgress", "%1 s").arg(total);
    return QCoreApplication::translate("milr::RunProgress", "%1 min %2 s")
        .arg(total / 60)
        .arg(total % 60, 2, 10, QLatin1Char('0'));
}

QString phase_title(RunPhase phase) {
    const char* title = "";
    switch (phase) {
        case RunPhase::loading:
            title = QT_TRANSLATE_NOOP("milr::RunProgress", "Loading the model");
            break;
        case RunPhase::thinking:
            title = QT_TRANSLATE_NOOP("milr::RunProgress", "Thinking");
            break;
        case RunPhase::drawing:
            title = QT_TRANSLATE_NOOP("milr::RunProgress", "Drawing");
            break;
        case RunPhase::decoding:
            title = QT_TRANSLATE_NOOP("milr::RunProgress", "Decoding");
            break;
        case RunPhase::judging:
            title = QT_TRANSLATE_NOOP("milr::RunProgress", "Judging");
            break;
        case RunPhase::optimising:
            title = QT_TRANSLATE_NOOP("milr::RunProgress", "Optimising");
            break;
    }
    return QCoreApplication::translate("milr::RunProgress", title);
}

QString failure_title(RunOutcome outcome) {
    switch (outcome) {
        case RunOutcome::RewardFailed:
            return QCoreApplication::translate("milr::RunProgress", "The reward failed");
        case RunOutcome::NumericalFailure:
            return QCoreApplication::translate("milr::RunProgress", "Numbers went non-finite");
        default:
            return QCoreApplication::translate("milr::RunProgress", "Failed");
    }
}

QString failure_message(RunOutcome outcome, const QString& detail) {
    switch (outcome) {
        case RunOutcome::RewardFailed:
            return QCoreApplication::translate("milr::RunProgress", "The reward could not score the image: %1")
                .arg(detail);
        case RunOutcome::NumericalFailure:
            return QCoreApplication::translate("milr::RunProgress", "The model's numbers became NaN or infinite: %1")
                .arg(detail);
        default:
            return detail;
    }
}

QString steps_text(int count) {
    return count == 1 ? QCoreApplication::translate("milr::RunProgress", "1 step")
                      : QCoreApplication::translate("milr::RunProgress", "%1 steps").arg(count);
}

}  // namespace milr
