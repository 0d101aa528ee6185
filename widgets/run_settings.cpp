// RunDescription in QSettings (flattened to one key per field) and as JSON text.
#include "widgets/run_settings.h"

#include <QSettings>

namespace milr {
namespace {

// Settings values of MILR Studio 0.1.0 that are numbers (its other keys are text, or share a name with today's).
const char* const kOldNumericKeys[] = {"lambda_t", "lambda_v", "stop_threshold", "external_timeout_s"};

QStringList to_qstrings(const std::vector<std::string>& list) {
    QStringList out;
    for (const std::string& item : list) out << qs(item);
    return out;
}

// A stored value (the INI backend returns text) converted to the JSON type of `like`.
nlohmann::json typed(const QVariant& stored, const nlohmann::json& like) {
    bool ok = false;
    if (like.is_boolean()) {
        const QString text = stored.toString();
        return text == QLatin1String("true") || text == QLatin1String("1");
    }
    if (like.is_number_unsigned()) {
        const qulonglong n = stored.toString().toULongLong(&ok);
        return ok ? nlohmann::json(static_cast<uint64_t>(n)) : nlohmann::json(stored.toString().toStdString());
    }
    if (like.is_number()) {
        const double n = stored.toString().toDouble(&ok);
        return ok ? nlohmann::json(n) : nlohmann::json(stored.toString().toStdString());
    }
    return stored.toString().toStdString();
}

}  // namespace

QVariantMap run_description_settings(const RunDescription& run) {
    QVariantMap values;
    const nlohmann::json json = to_json(run);
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (it->is_null()) continue;  // the derived metadata of a run not yet judged
        const QString key = qs(it.key());
        if (it->is_object()) {
            for (auto sub = it->begin(); sub != it->end(); ++sub)
                values.insert(key + QLatin1Char('/') + qs(sub.key()),
                              sub->is_string() ? QVariant(qs(sub->get<std::string>())) : QVariant(qs(sub->dump())));
        } else if (it->is_string()) {
            values.insert(key, qs(it->get<std::string>()));
        } else {
            values.insert(key, qs(it->dump()));  // numbers as their exact JSON text (64-bit seeds stay whole)
        }
    }
    return values;
}

void save_run_description(QSettings& settings, const RunDescription& run) {
    const QVariantMap values = run_description_settings(run);
    for (auto it = values.begin(); it != values.end(); ++it) settings.setValue(it.key(), it.value());
}

RunDescription load_run_description(QSettings& settings, QStringList* problems) {
    const nlohmann::json defaults = to_json(RunDescription{});
    nlohmann::json json = nlohmann::json::object();
    for (const QString& key : settings.allKeys()) {
        const QVariant stored = settings.value(key);
        const std::string name = key.toStdString();
        const qsizetype slash = key.indexOf(QLatin1Char('/'));
        if (slash > 0) {
            const std::string group = key.left(slash).toStdString(), field = key.mid(slash + 1).toStdString();
            const nlohmann::json like =
                defaults.contains(group) ? defaults[group].value(field, nlohmann::json("")) : nlohmann::json("");
            json[group][field] = typed(stored, like);
        } else if (defaults.contains(name) && !defaults[name].is_null()) {
            json[name] = typed(stored, defaults[name]);
        } else {
            bool numeric = false;
            for (const char* old : kOldNumericKeys) numeric = numeric || name == old;
            json[name] = typed(stored, numeric ? nlohmann::json(0.0) : nlohmann::json(""));
        }
    }
    std::vector<std::string> found;
    RunDescription run = run_description_from_json(json, &found);
    if (problems) *problems << to_qstrings(found);
    return clamped(run);
}

QByteArray run_description_json_text(const RunDescription& run) {
    return QByteArray::fromStdString(to_json(run).dump());
}

RunDescription run_description_from_json_text(const QByteArray& text, QStringList* problems) {
    const nlohmann::json json = nlohmann::json::parse(text.toStdString(), nullptr, false);
    if (!json.is_object()) {
        if (problems) *problems << QStringLiteral("run settings: not a JSON object");
        return RunDescription{};
    }
    std::vector<std::string> found;
    RunDescription run = run_description_from_json(json, &found);
    if (problems) *problems << to_qstrings(found);
    return clamped(run);
}

}  // namespace milr
