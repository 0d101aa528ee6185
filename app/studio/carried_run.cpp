// Splitting a file's run metadata into parameters taken as they are and a reward program or model folder offered.
#include "app/studio/carried_run.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include "core/session/run_metadata.h"

namespace milr {
namespace {

// Every setting a file writes: the recorded reward and model specs when it has them, else what the run's reward
// and model names say; nothing is applied yet.
RunDescription settings_in_file(const RunMetadata& m) {
    RunDescription s = m.run;
    if (!m.records_specs) {
        s.reward = RewardSpec{};
        s.model = ModelSpec{};
        const QString reward = qs(m.reward);
        if (reward.startsWith(QLatin1String("external:"))) {
            s.reward.kind = RewardKind::external;
            s.reward.command_line = reward.mid(9).trimmed().toStdString();
        } else if (reward.startsWith(QLatin1String("self"), Qt::CaseInsensitive)) {
            s.reward.kind = RewardKind::self;
        } else if (reward.contains(QLatin1String("binary"))) {
            s.reward.kind = RewardKind::judge_binary;
        }
        const QString model = QFile::decodeName(QByteArray::fromStdString(m.model));
        s.model.folder =
            model == QLatin1String("embedded-model") ? std::string() : QFile::encodeName(model).toStdString();
    }
    if (!s.milr.metadata.is_null() && !s.reward.metadata_given) {
        s.reward.metadata_given = true;
        s.reward.metadata_json = s.milr.metadata.dump();
    }
    s.milr.metadata = nullptr;  // derived again by the next run's reward
    return clamped(s);
}

}  // namespace

CarriedRun carried_run_of(const RunMetadata& metadata, const RunDescription& current, const QString& baseFolder) {
    const RunDescription file = settings_in_file(metadata);
    CarriedRun carried;
    RunDescription& s = carried.parameters;
    // The file's run parameters are taken as they are; the reward program, its timeout, the model folder and the
    // device stay as they are now.
    s = current;
    s.milr = file.milr;
    s.reward.metadata_given = file.reward.metadata_given;
    s.reward.metadata_json = file.reward.metadata_json;
    s.reward.self_weight = file.reward.self_weight;
    if (metadata.records_specs) s.model.precision = file.model.precision;  // the command line's PNGs do not record it

    // The reward: a built-in one is taken; a program is offered unless it is the one chosen now.
    const QString command = qs(file.reward.command_line);
    if (file.reward.kind != RewardKind::external) {
        s.reward.kind = file.reward.kind;
    } else if (!command.trimmed().isEmpty() &&
               !(current.reward.kind == RewardKind::external &&
                 current.reward.command_line == file.reward.command_line)) {
        carried.externalCommand = command;
        carried.externalTimeoutSeconds = file.reward.timeout_s;
    }

    // The model: the embedded one is taken (it ships with the program); a folder is offered unless it is the one
    // chosen now.
    const QString fileFolder = qs(file.model.folder);
    if (fileFolder.isEmpty()) {
        s.model.folder.clear();
    } else {
        const QFileInfo folder(QDir(baseFolder).absoluteFilePath(fileFolder));
        const QString resolved = folder.isDir() ? folder.canonicalFilePath() : QString();
        const QString currentFolder = qs(current.model.folder);
        const QString now = currentFolder.isEmpty() ? QString() : QFileInfo(currentFolder).canonicalFilePath();
        if (resolved.isEmpty() || resolved != now) {
            carried.modelFolderAsWritten = fileFolder;
            carried.modelFolderResolved = resolved;
        }
    }
    s = clamped(s);
    return carried;
}

RunDescription with_external_command(const RunDescription& current, const CarriedRun& offered) {
    RunDescription s = current;
    s.reward.kind = RewardKind::external;
    s.reward.command_line = offered.externalCommand.toStdString();
    if (offered.externalTimeoutSeconds > 0) s.reward.timeout_s = offered.externalTimeoutSeconds;
    return clamped(s);
}

}  // namespace milr
