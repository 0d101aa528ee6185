// The studio's storage of a run description (core/milr/run_description.h, the one type a run's parameters travel
// in): one settings key per field, nested specs as groups ("reward_spec/kind"), read back clamped into the range
// table, with MILR Studio 0.1.0's keys still understood; and the QString side of its text fields.
#pragma once
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include "core/milr/run_description.h"

class QSettings;

namespace milr {

// Key -> value of every field, as save_run_description stores them (the derived metadata is left out).
QVariantMap run_description_settings(const RunDescription& run);
// Stored under the settings' current group.
void save_run_description(QSettings& settings, const RunDescription& run);
// Reads what save_run_description wrote (or 0.1.0's keys), clamped, defaults where absent; a key it cannot use is
// skipped and named in `problems`.
RunDescription load_run_description(QSettings& settings, QStringList* problems = nullptr);

// The JSON text of to_json(run) and back (clamped; problems as in run_description_from_json, and a text that is not
// a JSON object is one problem).
QByteArray run_description_json_text(const RunDescription& run);
RunDescription run_description_from_json_text(const QByteArray& text, QStringList* problems = nullptr);

inline QString qs(const std::string& text) { return QString::fromStdString(text); }

}  // namespace milr
