// Describing, confirming and remembering what model folders can do.
#include "app/studio/model_folders.h"

#include <QAbstractButton>
#include <QCoreApplication>
#include <QDir>
#include <QMessageBox>

#include "app/studio/engine_session.h"
#include "widgets/run_settings.h"

namespace milr {

ModelFolders::ModelFolders(QWidget* dialogParent) : QObject(dialogParent), m_dialogParent(dialogParent) {}

bool ModelFolders::confirm(const QString& folder, const QString& origin) {
    // Checked before use: the describe-model report (layout, sizes, memory per device) from config.json and the
    // weights' tensor list, without loading any weight. The worker checks every tensor again when it loads.
    ModelFolderSummary summary;
    try {
        summary = EngineSession::describe_model_folder(folder.toStdString());
    } catch (const std::exception& error) {
        const QString reason =
            tr("This folder cannot be used as a model:\n\n%1").arg(QString::fromStdString(error.what()));
        QMessageBox::warning(m_dialogParent, tr("Open model folder"),
                             origin.isEmpty() ? reason : origin + QStringLiteral("\n\n") + reason);
        return false;
    }
    QMessageBox box(
        QMessageBox::Question, tr("Open model folder"),
        tr("Use the model in %1?\nIt is loaded on the next run, on the device and precision chosen.").arg(folder),
        QMessageBox::Ok | QMessageBox::Cancel, m_dialogParent);
    box.setObjectName(QStringLiteral("modelReportBox"));
    box.setDetailedText(QString::fromStdString(summary.report));
    const QString memory = memoryLines(summary);
    box.setInformativeText(origin.isEmpty() ? memory : origin + QStringLiteral("\n\n") + memory);
    box.button(QMessageBox::Ok)->setText(tr("Use this model"));
    if (box.exec() != QMessageBox::Ok) return false;
    m_hasVision.insert(folder, summary.has_vision);
    return true;
}

QString ModelFolders::memoryLines(const ModelFolderSummary& summary) {
    QStringList lines{tr("Memory a run needs:")};
    for (const ModelFolderSummary::Memory& memory : summary.memory)
        lines << tr("%1: %2 GiB")
                     .arg(qs(memory.target))
                     .arg(static_cast<double>(memory.bytes) / (1024.0 * 1024.0 * 1024.0), 0, 'f', 2);
    return lines.join(QLatin1Char('\n'));
}

QString ModelFolders::rewardUnavailableReason(const RunDescription& run) {
    if (!reward_needs_model(run.reward.kind)) return {};
    // Whether the chosen folder has an understanding tower, read once per folder (not at every edit).
    const QString folder = qs(run.model.folder);
    auto known = m_hasVision.find(folder);
    if (known == m_hasVision.end()) {
        bool hasVision = false;
        if (!folder.isEmpty()) {
            try {
                hasVision = EngineSession::describe_model_folder(run.model.folder).has_vision;
            } catch (const std::exception&) {  // an unreadable folder is reported when the run loads it
            }
        }
        known = m_hasVision.insert(folder, hasVision);
    }
    return QString::fromStdString(EngineSession::reward_unavailable_reason(run, known.value()));
}

QString ModelFolders::aboutText(const QString& folder) const {
    QString model = folder.isEmpty() ? tr("the embedded model") : QDir::toNativeSeparators(folder);
    QStringList details;
    try {
        const std::string path = folder.isEmpty() ? EngineSession::embedded_model_path() : folder.toStdString();
        if (folder.isEmpty())
            model += QStringLiteral(" (%1)").arg(QDir::toNativeSeparators(QString::fromStdString(path)));
        // The layout and the size tell one model from another.
        const ModelFolderSummary summary = EngineSession::describe_model_folder(path);
        details << tr("layout: %1").arg(qs(summary.layout)).toHtmlEscaped()
                << tr("%L1 parameters stored").arg(summary.stored_parameters).toHtmlEscaped();
    } catch (const std::exception& error) {
        details << tr("cannot be read: %1").arg(QString::fromStdString(error.what()).toHtmlEscaped());
    }
    return tr("<h3>MILR Studio %1</h3>"
              "<p>Test-time latent optimisation (MILR) on Janus-Pro-architecture models.</p>"
              "<table>"
              "<tr><td>Qt</td><td>%2 (built with %3)</td></tr>"
              "<tr><td>libtorch</td><td>%4</td></tr>"
              "<tr><td>Model</td><td>%5<br>%6</td></tr>"
              "</table>")
        .arg(QCoreApplication::applicationVersion().toHtmlEscaped(), QString::fromLatin1(qVersion()),
             QStringLiteral(QT_VERSION_STR), QString::fromStdString(libtorch_version()), model.toHtmlEscaped(),
             details.join(QStringLiteral("<br>")));
}

}  // namespace milr
