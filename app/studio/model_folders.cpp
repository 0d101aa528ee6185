// Describing, confirming and remembering what model folders can do.
#include "app/studio/model_folders.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QEventLoop>
#include <QFutureWatcher>
#include <QMessageBox>
#include <QtConcurrent/QtConcurrentRun>

#include "app/studio/engine_session.h"
#include "widgets/run_settings.h"

namespace milr {

namespace {

// What reading a folder gave: its summary, or the error that stopped it.
struct FolderReading {
    ModelFolderSummary summary;
    std::string error;  // empty when read
};

FolderReading read_folder(const std::string& folder) {
    FolderReading reading;
    try {
        reading.summary = EngineSession::describe_model_folder(folder);
    } catch (const std::exception& e) {
        reading.error = e.what();
        if (reading.error.empty()) reading.error = "unreadable";
    }
    return reading;
}

// Reads the folder on a worker thread; the window keeps painting meanwhile (input waits: the caller is answering
// a click) and shows a busy cursor if it takes a moment.
FolderReading read_folder_waiting(const std::string& folder) {
    QFuture<FolderReading> future = QtConcurrent::run(read_folder, folder);
    if (!future.isFinished()) {
        QFutureWatcher<FolderReading> watcher;
        QEventLoop loop;
        QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
        watcher.setFuture(future);
        QApplication::setOverrideCursor(Qt::BusyCursor);
        if (!future.isFinished()) loop.exec(QEventLoop::ExcludeUserInputEvents);
        QApplication::restoreOverrideCursor();
    }
    return future.result();
}

}  // namespace

ModelFolders::ModelFolders(QWidget* dialogParent) : QObject(dialogParent), m_dialogParent(dialogParent) {}

bool ModelFolders::confirm(const QString& folder, const QString& origin) {
    // Checked before use: the describe-model report (layout, sizes, memory per device) from config.json and the
    // weights' tensor list, without loading any weight. The worker checks every tensor again when it loads.
    const FolderReading reading = read_folder_waiting(folder.toStdString());
    const ModelFolderSummary& summary = reading.summary;
    if (!reading.error.empty()) {
        const QString reason =
            tr("This folder cannot be used as a model:\n\n%1").arg(QString::fromStdString(reading.error));
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

QString ModelFolders::rewardUnavailableReason(const RunDescription& run, Lookup lookup) {
    if (!reward_needs_model(run.reward.kind)) return {};
    // Whether the chosen folder has an understanding tower, read once per folder (not at every edit). An unreadable
    // folder counts as none here; the run reports why when it loads it.
    const QString folder = qs(run.model.folder);
    if (folder.isEmpty()) m_hasVision.insert(folder, false);  // the embedded model draws only
    auto known = m_hasVision.find(folder);
    if (known == m_hasVision.end() && lookup == Lookup::Wait) {
        known = m_hasVision.insert(folder, read_folder_waiting(run.model.folder).summary.has_vision);
    } else if (known == m_hasVision.end()) {
        if (!m_reading.contains(folder)) {
            m_reading.insert(folder);
            auto* watcher = new QFutureWatcher<FolderReading>(this);
            connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, folder] {
                m_hasVision.insert(folder, watcher->result().summary.has_vision);
                m_reading.remove(folder);
                watcher->deleteLater();
                emit folderDescribed();
            });
            watcher->setFuture(QtConcurrent::run(read_folder, run.model.folder));
        }
        return {};
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
        const FolderReading reading = read_folder_waiting(path);
        if (reading.error.empty())
            details << tr("layout: %1").arg(qs(reading.summary.layout)).toHtmlEscaped()
                    << tr("%L1 parameters stored").arg(reading.summary.stored_parameters).toHtmlEscaped();
        else
            details << tr("cannot be read: %1").arg(QString::fromStdString(reading.error).toHtmlEscaped());
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
