// Every choice of a run (prompt, MILR parameters, advanced options, reward, model, device), as one plain value
// with the paper's defaults, and its round trips to QSettings and JSON. The engine's run parameters map from it.
#pragma once
#include <QJsonObject>
#include <QString>
#include <QStringList>

class QSettings;

namespace milr {

enum class RunMode { Text, Image, Both, BestOfN };
enum class RunPreset { Reference, Improved };
enum class RewardKind { GenevalShapes, SelfJudgement, ExternalCommand };
enum class MetadataSource { FromPrompt, Given };

struct RunSettings {
    QString prompt;
    RunMode mode = RunMode::Both;  // the paper's headline mode

    // MILR (defaults of the paper's GenEval script; steps is 30, inside the slider's 1..64).
    double lambdaT = 0.2;        // share of the reasoning tokens whose latents are optimised, 0..1
    double lambdaV = 0.02;       // share of the image tokens whose latents are optimised, 0..1
    double learningRate = 0.03;  // Adam, 1e-3..1e-1
    int steps = 30;              // optimisation steps (Best-of-N: extra samples), 1..64

    // Advanced.
    quint64 seed = 42;
    double cfgWeight = 5.0;       // Janus-Pro's value; the embedded model may prefer 3
    double temperature = 1.0;
    RunPreset preset = RunPreset::Improved;  // improved = the project's fixes (the engine's and the CLI's default); reference = the authors' code
    double stopThreshold = 0.9;   // stop once the reward exceeds it (the paper's -0.1 on its [-1, 0] scale)

    // Reward.
    RewardKind reward = RewardKind::GenevalShapes;
    MetadataSource metadataSource = MetadataSource::FromPrompt;
    QString metadataJson;          // the GenEval-style metadata when given
    QString externalCommand;       // run once per image: the image path and the prompt are passed to it
    int externalTimeoutSeconds = 60;

    // Model and device.
    QString modelFolder;           // empty = the embedded model
    QString device = QStringLiteral("cpu");      // "cpu", "cuda", "cuda:N"
    QString precision = QStringLiteral("fp32");  // "fp32", "bf16"

    // The same settings with every number clamped into its range (NaN becomes the default).
    RunSettings clamped() const;
    bool operator==(const RunSettings& other) const;
    bool operator!=(const RunSettings& other) const { return !(*this == other); }

    QJsonObject toJson() const;
    // Missing keys keep their defaults; a key of the wrong type or an unknown name is skipped and described in
    // `problems` (naming the key); numbers are clamped into range.
    static RunSettings fromJson(const QJsonObject& json, QStringList* problems = nullptr);

    // Stored under the settings' current group; `load` reads what `save` wrote, clamped, defaults where absent.
    void save(QSettings& settings) const;
    static RunSettings load(QSettings& settings);
};

QString to_string(RunMode mode);
QString to_string(RunPreset preset);
QString to_string(RewardKind kind);
QString to_string(MetadataSource source);
// Parse the names that to_string writes; false for anything else (`out` untouched).
bool parse(const QString& text, RunMode& out);
bool parse(const QString& text, RunPreset& out);
bool parse(const QString& text, RewardKind& out);
bool parse(const QString& text, MetadataSource& out);

}  // namespace milr
