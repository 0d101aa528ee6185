// Splitting a file's run metadata into parameters taken as they are and a reward program or model folder offered.
#include "app/studio/carried_run.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

#include "core/session/run_metadata.h"

namespace milr {
namespace {

QJsonObject to_qjson(const nlohmann::json& json) {
    return QJsonDocument::fromJson(QByteArray::fromStdString(json.dump())).object();
}

// Every setting a file writes, the studio's own JSON when it has it, else what the engine's options, model and
// reward name say; nothing is applied yet.
RunSettings settings_in_file(const RunMetadata& m) {
    if (m.studio.is_object()) return RunSettings::fromJson(to_qjson(m.studio));
    const MilrOptions& o = m.options;
    RunSettings s;
    s.prompt = QString::fromStdString(o.prompt);
    parse(QString::fromStdString(mode_name(o.mode)), s.mode);
    s.lambdaT = o.lambda_text;
    s.lambdaV = o.lambda_image;
    s.learningRate = o.learning_rate;
    s.steps = o.steps;
    s.seed = o.seed;
    s.cfgWeight = o.cfg_weight;
    s.temperature = o.temperature;
    parse(QString::fromStdString(o.preset), s.preset);
    s.stopThreshold = o.reward_threshold;
    if (!o.metadata.is_null()) {
        s.metadataSource = MetadataSource::Given;
        s.metadataJson = QString::fromStdString(o.metadata.dump());
    }
    const QString reward = QString::fromStdString(m.reward);
    if (reward.startsWith(QLatin1String("external:"))) {
        s.reward = RewardKind::ExternalCommand;
        s.externalCommand = reward.mid(9).trimmed();
    } else if (reward.startsWith(QLatin1String("GenEval-Shapes")) || reward == QLatin1String("geneval-shapes")) {
        s.reward = RewardKind::GenevalShapes;
    } else {
        parse(reward, s.reward);
    }
    const QString model = QFile::decodeName(QByteArray::fromStdString(m.model));
    s.modelFolder = model == QLatin1String("embedded-model") ? QString() : model;
    return s.clamped();
}

}  // namespace

CarriedRun carried_run_of(const RunMetadata& metadata, const RunSettings& current, const QString& baseFolder) {
    const RunSettings file = settings_in_file(metadata);
    CarriedRun carried;
    RunSettings& s = carried.parameters;
    s = current;
    s.prompt = file.prompt;
    s.mode = file.mode;
    s.lambdaT = file.lambdaT;
    s.lambdaV = file.lambdaV;
    s.learningRate = file.learningRate;
    s.steps = file.steps;
    s.seed = file.seed;
    s.cfgWeight = file.cfgWeight;
    s.temperature = file.temperature;
    s.preset = file.preset;
    s.stopThreshold = file.stopThreshold;
    s.metadataSource = file.metadataSource;
    s.metadataJson = file.metadataJson;
    if (metadata.studio.is_object()) s.precision = file.precision;  // the command line's PNGs do not record it

    // The reward: a built-in one is taken; a program is offered unless it is the one chosen now.
    if (file.reward != RewardKind::ExternalCommand) {
        s.reward = file.reward;
    } else if (!file.externalCommand.trimmed().isEmpty() &&
               !(current.reward == RewardKind::ExternalCommand && current.externalCommand == file.externalCommand)) {
        carried.externalCommand = file.externalCommand;
        carried.externalTimeoutSeconds = file.externalTimeoutSeconds;
    }

    // The model: the embedded one is taken (it ships with the program); a folder is offered unless it is the one
    // chosen now.
    if (file.modelFolder.isEmpty()) {
        s.modelFolder.clear();
    } else {
        const QFileInfo folder(QDir(baseFolder).absoluteFilePath(file.modelFolder));
        const QString resolved = folder.isDir() ? folder.canonicalFilePath() : QString();
        const QString now = current.modelFolder.isEmpty() ? QString() : QFileInfo(current.modelFolder).canonicalFilePath();
        if (resolved.isEmpty() || resolved != now) {
            carried.modelFolderAsWritten = file.modelFolder;
            carried.modelFolderResolved = resolved;
        }
    }
    s = s.clamped();
    return carried;
}

RunSettings with_external_command(const RunSettings& current, const CarriedRun& offered) {
    RunSettings s = current;
    s.reward = RewardKind::ExternalCommand;
    s.externalCommand = offered.externalCommand;
    if (offered.externalTimeoutSeconds > 0) s.externalTimeoutSeconds = offered.externalTimeoutSeconds;
    return s.clamped();
}

}  // namespace milr
