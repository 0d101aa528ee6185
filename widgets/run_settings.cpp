// RunSettings: clamping, equality, JSON and QSettings round trips.
#include "widgets/run_settings.h"

#include <QSettings>

#include <algorithm>
#include <cmath>

namespace milr {
namespace {

double clamp_or_default(double value, double lo, double hi, double fallback) {
    return std::isfinite(value) ? std::clamp(value, lo, hi) : fallback;
}

template <typename Enum, size_t N>
bool parse_name(const QString& text, Enum& out, const std::pair<Enum, const char*> (&names)[N]) {
    for (const auto& [value, name] : names)
        if (text == QLatin1String(name)) {
            out = value;
            return true;
        }
    return false;
}

template <typename Enum, size_t N>
QString name_of(Enum value, const std::pair<Enum, const char*> (&names)[N]) {
    for (const auto& [v, name] : names)
        if (v == value) return QString::fromLatin1(name);
    return {};
}

const std::pair<RunMode, const char*> kModes[] = {
    {RunMode::Text, "text"}, {RunMode::Image, "image"}, {RunMode::Both, "both"}, {RunMode::BestOfN, "best-of-n"}};
const std::pair<RunPreset, const char*> kPresets[] = {{RunPreset::Reference, "reference"}, {RunPreset::Improved, "improved"}};
const std::pair<RewardKind, const char*> kRewards[] = {
    {RewardKind::GenevalShapes, "geneval-shapes"}, {RewardKind::SelfJudgement, "self-judgement"}, {RewardKind::ExternalCommand, "external-command"}};
const std::pair<MetadataSource, const char*> kSources[] = {{MetadataSource::FromPrompt, "from-prompt"}, {MetadataSource::Given, "given"}};

}  // namespace

QString to_string(RunMode mode) { return name_of(mode, kModes); }
QString to_string(RunPreset preset) { return name_of(preset, kPresets); }
QString to_string(RewardKind kind) { return name_of(kind, kRewards); }
QString to_string(MetadataSource source) { return name_of(source, kSources); }
bool parse(const QString& text, RunMode& out) { return parse_name(text, out, kModes); }
bool parse(const QString& text, RunPreset& out) { return parse_name(text, out, kPresets); }
bool parse(const QString& text, RewardKind& out) { return parse_name(text, out, kRewards); }
bool parse(const QString& text, MetadataSource& out) { return parse_name(text, out, kSources); }

RunSettings RunSettings::clamped() const {
    const RunSettings defaults;
    RunSettings s = *this;
    s.lambdaT = clamp_or_default(lambdaT, 0.0, 1.0, defaults.lambdaT);
    s.lambdaV = clamp_or_default(lambdaV, 0.0, 1.0, defaults.lambdaV);
    s.learningRate = clamp_or_default(learningRate, 1e-3, 1e-1, defaults.learningRate);
    s.steps = std::clamp(steps, 1, 64);
    s.cfgWeight = clamp_or_default(cfgWeight, 1.0, 20.0, defaults.cfgWeight);
    s.temperature = clamp_or_default(temperature, 0.05, 2.0, defaults.temperature);
    s.stopThreshold = clamp_or_default(stopThreshold, 0.0, 1.0, defaults.stopThreshold);
    s.externalTimeoutSeconds = std::clamp(externalTimeoutSeconds, 1, 3600);
    return s;
}

bool RunSettings::operator==(const RunSettings& o) const {
    return prompt == o.prompt && mode == o.mode && lambdaT == o.lambdaT && lambdaV == o.lambdaV &&
           learningRate == o.learningRate && steps == o.steps && seed == o.seed && cfgWeight == o.cfgWeight &&
           temperature == o.temperature && preset == o.preset && stopThreshold == o.stopThreshold && reward == o.reward &&
           metadataSource == o.metadataSource && metadataJson == o.metadataJson && externalCommand == o.externalCommand &&
           externalTimeoutSeconds == o.externalTimeoutSeconds && modelFolder == o.modelFolder && device == o.device &&
           precision == o.precision;
}

QJsonObject RunSettings::toJson() const {
    return QJsonObject{
        {"prompt", prompt},
        {"mode", to_string(mode)},
        {"lambda_t", lambdaT},
        {"lambda_v", lambdaV},
        {"learning_rate", learningRate},
        {"steps", steps},
        {"seed", QString::number(seed)},  // as a string: JSON numbers lose 64-bit integers
        {"cfg_weight", cfgWeight},
        {"temperature", temperature},
        {"preset", to_string(preset)},
        {"stop_threshold", stopThreshold},
        {"reward", to_string(reward)},
        {"metadata_source", to_string(metadataSource)},
        {"metadata", metadataJson},
        {"external_command", externalCommand},
        {"external_timeout_s", externalTimeoutSeconds},
        {"model_folder", modelFolder},
        {"device", device},
        {"precision", precision},
    };
}

namespace {

// Reads one key of `json` into `out` with `read`, or notes why it could not.
class JsonReader {
public:
    JsonReader(const QJsonObject& json, QStringList* problems) : m_json(json), m_problems(problems) {}

    void number(const char* key, double& out) {
        if (const QJsonValue v = m_json.value(QLatin1String(key)); !v.isUndefined()) {
            if (v.isDouble()) out = v.toDouble();
            else note(key, "is not a number");
        }
    }
    void integer(const char* key, int& out) {
        double value = out;
        number(key, value);
        if (std::isfinite(value)) out = static_cast<int>(std::clamp(value, -1e9, 1e9));
    }
    void text(const char* key, QString& out) {
        if (const QJsonValue v = m_json.value(QLatin1String(key)); !v.isUndefined()) {
            if (v.isString()) out = v.toString();
            else note(key, "is not a string");
        }
    }
    template <typename Enum>
    void name(const char* key, Enum& out) {
        QString value;
        if (!m_json.contains(QLatin1String(key))) return;
        text(key, value);
        if (!value.isEmpty() && !parse(value, out)) note(key, QStringLiteral("has the unknown value '%1'").arg(value));
    }
    void seed(const char* key, quint64& out) {
        const QJsonValue v = m_json.value(QLatin1String(key));
        if (v.isUndefined()) return;
        bool ok = false;
        const quint64 parsed = v.isString() ? v.toString().toULongLong(&ok) : 0;
        if (ok) out = parsed;
        else if (v.isDouble() && v.toDouble() >= 0 && v.toDouble() < 9.007199254740992e15) out = static_cast<quint64>(v.toDouble());
        else note(key, "is not a non-negative integer");
    }

private:
    void note(const char* key, const QString& what) {
        if (m_problems) m_problems->append(QStringLiteral("run settings: '%1' %2").arg(QLatin1String(key), what));
    }
    const QJsonObject& m_json;
    QStringList* m_problems;
};

}  // namespace

RunSettings RunSettings::fromJson(const QJsonObject& json, QStringList* problems) {
    RunSettings s;
    JsonReader r(json, problems);
    r.text("prompt", s.prompt);
    r.name("mode", s.mode);
    r.number("lambda_t", s.lambdaT);
    r.number("lambda_v", s.lambdaV);
    r.number("learning_rate", s.learningRate);
    r.integer("steps", s.steps);
    r.seed("seed", s.seed);
    r.number("cfg_weight", s.cfgWeight);
    r.number("temperature", s.temperature);
    r.name("preset", s.preset);
    r.number("stop_threshold", s.stopThreshold);
    r.name("reward", s.reward);
    r.name("metadata_source", s.metadataSource);
    r.text("metadata", s.metadataJson);
    r.text("external_command", s.externalCommand);
    r.integer("external_timeout_s", s.externalTimeoutSeconds);
    r.text("model_folder", s.modelFolder);
    r.text("device", s.device);
    r.text("precision", s.precision);
    return s.clamped();
}

void RunSettings::save(QSettings& settings) const {
    // One JSON document per key would hide values from users editing the INI file: store each key on its own.
    const QJsonObject json = toJson();
    for (auto it = json.begin(); it != json.end(); ++it) settings.setValue(it.key(), it.value().toVariant());
}

RunSettings RunSettings::load(QSettings& settings) {
    // QSettings' INI backend returns every value as a string: convert by the type of the default.
    const QJsonObject defaults = RunSettings().toJson();
    QJsonObject json;
    QStringList ignored;
    for (auto it = defaults.begin(); it != defaults.end(); ++it) {
        if (!settings.contains(it.key())) continue;
        const QVariant stored = settings.value(it.key());
        if (it.value().isDouble()) {
            bool ok = false;
            const double number = stored.toDouble(&ok);
            if (ok) json.insert(it.key(), number);
        } else {
            json.insert(it.key(), stored.toString());
        }
    }
    return fromJson(json, &ignored);
}

}  // namespace milr
