// Remaining-time estimate and phase titles.
#include "app/studio/run_progress.h"

#include <QCoreApplication>

#include <cmath>

namespace milr {

double eta_seconds(double fraction, double elapsed_seconds) {
    if (!std::isfinite(fraction) || !std::isfinite(elapsed_seconds) || fraction < 0.01 || elapsed_seconds < 0) return -1.0;
    if (fraction >= 1.0) return 0.0;
    return elapsed_seconds * (1.0 - fraction) / fraction;
}

QString format_eta(double seconds) {
    if (!(seconds >= 0)) return {};
    const long long total = std::llround(seconds);
    if (total < 60) return QCoreApplication::translate("milr::RunProgress", "%1 s").arg(total);
    return QCoreApplication::translate("milr::RunProgress", "%1 min %2 s").arg(total / 60).arg(total % 60, 2, 10, QLatin1Char('0'));
}

QString phase_title(const QString& phase) {
    static const struct {
        const char* engine;
        const char* title;
    } kTitles[] = {
        {"loading", QT_TRANSLATE_NOOP("milr::RunProgress", "Loading the model")},
        {"thinking", QT_TRANSLATE_NOOP("milr::RunProgress", "Thinking")},
        {"drawing", QT_TRANSLATE_NOOP("milr::RunProgress", "Drawing")},
        {"decoding", QT_TRANSLATE_NOOP("milr::RunProgress", "Decoding")},
        {"judging", QT_TRANSLATE_NOOP("milr::RunProgress", "Judging")},
        {"optimising", QT_TRANSLATE_NOOP("milr::RunProgress", "Optimising")},
    };
    for (const auto& entry : kTitles)
        if (phase == QLatin1String(entry.engine)) return QCoreApplication::translate("milr::RunProgress", entry.title);
    return phase;
}

}  // namespace milr
