// The Get a model dialog: the Hub fetch (core/hub) on a worker thread, its progress and its controls.
#include "app/studio/get_model_dialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QStorageInfo>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "app/studio/engine_session.h"
#include "core/hub/hub_cache.h"
#include "core/hub/hub_fetch.h"
#include "core/session/model_catalog.h"

namespace milr {

struct GetModelDialog::Shared {
    std::atomic<bool> stop{false};
};

namespace {
// The published models the dialog offers: Hub name, size of the download (bf16 weights), dimensions.
struct PublishedModel {
    const char* name;
    const char* download;
    const char* size;  // janus_pro_config()'s name
};
const PublishedModel kPublished[] = {
    {"deepseek-ai/Janus-Pro-1B", "4.2 GB", "1B"},
    {"deepseek-ai/Janus-Pro-7B", "14.8 GB", "7B"},
};

// The partial downloads (blobs/*.incomplete) of the Hub model `name` in the cache; none for a name that is not one.
QFileInfoList partialDownloads(const QString& name) {
    try {
        const HubCache cache(HubSettings::from_environment().cache);
        const QDir blobs(
            QString::fromStdString((cache.repo_folder(HubRepoId::parse(name.toStdString())) / "blobs").string()));
        return blobs.entryInfoList({QStringLiteral("*.incomplete")}, QDir::Files);
    } catch (const std::exception&) {
        return {};
    }
}

QString bytesText(quint64 bytes) { return QString::fromStdString(byte_size_text(bytes)); }

QString durationText(double seconds) {
    if (seconds < 60) return GetModelDialog::tr("%1 s").arg(static_cast<int>(seconds));
    if (seconds < 3600)
        return GetModelDialog::tr("%1 min %2 s")
            .arg(static_cast<int>(seconds) / 60)
            .arg(static_cast<int>(seconds) % 60, 2, 10, QLatin1Char('0'));
    return GetModelDialog::tr("%1 h %2 min")
        .arg(static_cast<int>(seconds) / 3600)
        .arg((static_cast<int>(seconds) % 3600) / 60, 2, 10, QLatin1Char('0'));
}
}  // namespace

GetModelDialog::GetModelDialog(QWidget* parent) : QDialog(parent), m_shared(std::make_shared<Shared>()) {
    setWindowTitle(tr("Get a model"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("Fetch a model from the Hugging Face Hub. It is stored in the Hub's cache, where "
                                "the Hub's own tools find it too, and checked before use."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_models = new QListWidget(this);
    m_models->setObjectName(QStringLiteral("publishedModels"));
    for (const PublishedModel& model : kPublished) {
        auto* item = new QListWidgetItem(
            tr("%1 (%2 download)").arg(QLatin1String(model.name), QLatin1String(model.download)), m_models);
        item->setData(Qt::UserRole, QLatin1String(model.name));
        item->setData(Qt::UserRole + 1, QLatin1String(model.size));
    }
    m_models->setCurrentRow(0);
    m_models->setMaximumHeight(m_models->sizeHintForRow(0) * 3 + 8);
    layout->addWidget(m_models);
    auto* otherLabel = new QLabel(tr("Or another model (owner/name):"), this);
    layout->addWidget(otherLabel);
    m_otherModel = new QLineEdit(this);
    m_otherModel->setObjectName(QStringLiteral("otherModel"));
    m_otherModel->setPlaceholderText(QStringLiteral("deepseek-ai/Janus-Pro-1B"));
    otherLabel->setBuddy(m_otherModel);
    layout->addWidget(m_otherModel);
    m_details = new QLabel(this);
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_details);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    layout->addWidget(m_progress);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);
    auto* buttons = new QDialogButtonBox(this);
    m_downloadButton = buttons->addButton(tr("&Download"), QDialogButtonBox::ActionRole);
    m_pauseButton = buttons->addButton(tr("&Pause"), QDialogButtonBox::ActionRole);
    m_cancelButton = buttons->addButton(tr("&Cancel download"), QDialogButtonBox::ActionRole);
    m_useButton = buttons->addButton(tr("&Use this model"), QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Close);
    layout->addWidget(buttons);
    connect(m_downloadButton, &QPushButton::clicked, this, &GetModelDialog::startFetch);
    connect(m_pauseButton, &QPushButton::clicked, this, &GetModelDialog::pause);
    connect(m_cancelButton, &QPushButton::clicked, this, &GetModelDialog::cancelDownload);
    connect(m_useButton, &QPushButton::clicked, this, [this] {
        emit modelChosen(m_fetchedFolder);
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_models, &QListWidget::currentRowChanged, this, [this] {
        m_otherModel->clear();
        describeSelection();
    });
    connect(m_otherModel, &QLineEdit::textChanged, this, [this](const QString& text) {
        if (!text.trimmed().isEmpty()) m_models->clearSelection();  // the typed name is the one fetched
        describeSelection();
    });
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, &GetModelDialog::onFinished);
    resize(560, sizeHint().height());
    setState(State::Idle);
    describeSelection();
}

GetModelDialog::~GetModelDialog() {
    m_shared->stop = true;
    m_watcher.waitForFinished();
}

QString GetModelDialog::modelName() const {
    const QString other = m_otherModel->text().trimmed();
    if (!other.isEmpty()) return other;
    const QListWidgetItem* item = m_models->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

void GetModelDialog::setModelName(const QString& name) {
    for (int row = 0; row < m_models->count(); ++row) {
        if (m_models->item(row)->data(Qt::UserRole).toString() == name) {
            m_otherModel->clear();
            m_models->setCurrentRow(row);
            describeSelection();
            return;
        }
    }
    m_otherModel->setText(name);
}

int GetModelDialog::progressPercent() const { return m_progress->value() / 10; }
QString GetModelDialog::statusText() const { return m_status->text(); }

qint64 GetModelDialog::partialBytes(const QString& name) const {
    qint64 bytes = 0;
    for (const QFileInfo& file : partialDownloads(name)) bytes += file.size();
    return bytes;
}

void GetModelDialog::removePartialDownload(const QString& name) {
    for (const QFileInfo& file : partialDownloads(name)) QFile::remove(file.filePath());
}

void GetModelDialog::describeSelection() {
    const QString name = modelName();
    QStringList lines;
    HubSettings settings;
    try {
        settings = HubSettings::from_environment();
        HubRepoId::parse(name.toStdString());
    } catch (const std::exception& e) {
        m_details->setText(QString::fromStdString(e.what()));
        m_downloadButton->setEnabled(false);
        return;
    }
    const QString cache = QString::fromStdString(settings.cache.string());
    QString existing = cache;
    while (!existing.isEmpty() && !QFileInfo::exists(existing)) existing = QFileInfo(existing).path();
    const QStorageInfo disk(existing);
    lines << tr("Stored in %1 (%2 free there).").arg(cache, bytesText(static_cast<quint64>(disk.bytesAvailable())));
    const quint64 memory = available_system_memory_bytes();
    const QListWidgetItem* item = m_otherModel->text().trimmed().isEmpty() ? m_models->currentItem() : nullptr;
    if (item) {
        try {
            const ModelFolderSummary summary =
                EngineSession::describe_published_model(item->data(Qt::UserRole + 1).toString().toStdString());
            for (const ModelFolderSummary::Memory& need : summary.memory) {
                if (need.target.rfind("cpu", 0) != 0) continue;
                lines << tr("A run on the CPU in %1 needs about %2; this machine has %3 available: %4.")
                             .arg(QString::fromStdString(need.target.substr(4)),
                                  bytesText(static_cast<quint64>(need.bytes)), bytesText(memory),
                                  static_cast<quint64>(need.bytes) <= memory ? tr("it fits") : tr("it does not fit"));
            }
        } catch (const std::exception&) {}
    }
    if (settings.offline) lines << tr("HF_HUB_OFFLINE is set: nothing can be downloaded.");
    const qint64 partial = partialBytes(name);
    if (partial > 0)
        lines << tr("%1 of an earlier download is here: Resume carries on from it.")
                     .arg(bytesText(static_cast<quint64>(partial)));
    m_details->setText(lines.join(QLatin1Char('\n')));
    setState(m_state);
}

void GetModelDialog::setState(State state) {
    m_state = state;
    const bool fetching = state == State::Fetching;
    const bool partial = !fetching && partialBytes(modelName()) > 0;
    m_downloadButton->setEnabled(!fetching);
    m_downloadButton->setText(partial ? tr("&Resume") : tr("&Download"));
    m_pauseButton->setEnabled(fetching);
    m_cancelButton->setEnabled(fetching || partial);
    m_useButton->setEnabled(state == State::Done && !m_fetchedFolder.isEmpty());
    m_models->setEnabled(!fetching);
    m_otherModel->setEnabled(!fetching);
    emit stateChanged(state);
}

void GetModelDialog::startFetch() {
    if (m_state == State::Fetching) return;
    const QString name = modelName();
    HubSettings settings;
    HubRepoId repo;
    try {
        settings = HubSettings::from_environment();
        repo = HubRepoId::parse(name.toStdString());
    } catch (const std::exception& e) {
        m_status->setText(QString::fromStdString(e.what()));
        setState(State::Failed);
        return;
    }
    m_fetching = name;
    m_fetchedFolder.clear();
    m_removeWhenStopped = false;
    m_shared = std::make_shared<Shared>();
    m_status->setText(tr("Asking the Hub for %1…").arg(name));
    setState(State::Fetching);
    std::shared_ptr<Shared> shared = m_shared;
    m_watcher.setFuture(QtConcurrent::run([settings, repo, shared, this]() {
        Outcome outcome;
        try {
            FetchOptions options;
            const FetchResult result =
                fetch_hub_snapshot(settings, repo, options, [shared, this](const FetchProgress& state) {
                    if (shared->stop) return false;
                    const double fraction =
                        state.total > 0 ? static_cast<double>(state.done) / static_cast<double>(state.total) : 0.0;
                    QString text;
                    if (state.phase == "downloading") {
                        text = tr("%1 (%2 of %3): %4 of %5")
                                   .arg(QString::fromStdString(state.file))
                                   .arg(state.file_index)
                                   .arg(state.file_count)
                                   .arg(bytesText(state.done), bytesText(state.total));
                        if (state.bytes_per_second > 0) {
                            text += tr(", %1/s, %2 left")
                                        .arg(bytesText(static_cast<quint64>(state.bytes_per_second)),
                                             durationText(static_cast<double>(state.total - state.done) /
                                                          state.bytes_per_second));
                        }
                    } else if (state.phase == "checking") {
                        text = tr("Checking %1 against the Hub's SHA-256…").arg(QString::fromStdString(state.file));
                    } else if (state.phase == "listing") {
                        text = tr("Asking the Hub for the file list…");
                    } else if (state.phase == "done") {
                        text = tr("Done.");
                    } else {
                        text = QString::fromStdString(state.file + ": " + state.phase);
                    }
                    QMetaObject::invokeMethod(
                        this, [this, fraction, text] { onProgress(fraction, text); }, Qt::QueuedConnection);
                    return !shared->stop.load();
                });
            outcome.folder = result.folder.string();
            if (!result.offline_reason.empty()) outcome.error = "answered from the cache: " + result.offline_reason;
        } catch (const Cancelled&) {
            outcome.cancelled = true;
        } catch (const std::exception& e) {
            outcome.error = e.what();
        }
        return outcome;
    }));
}

void GetModelDialog::onProgress(double fraction, const QString& text) {
    if (m_state != State::Fetching) return;
    m_progress->setValue(static_cast<int>(fraction * 1000.0));
    m_status->setText(text);
}

void GetModelDialog::pause() {
    if (m_state != State::Fetching) return;
    m_shared->stop = true;
    m_status->setText(tr("Pausing…"));
}

void GetModelDialog::cancelDownload() {
    if (m_state == State::Fetching) {
        m_removeWhenStopped = true;
        m_shared->stop = true;
        m_status->setText(tr("Cancelling…"));
        return;
    }
    removePartialDownload(modelName());
    m_progress->setValue(0);
    m_status->setText(tr("The partial download was removed."));
    setState(State::Cancelled);
    describeSelection();
}

void GetModelDialog::onFinished() {
    const Outcome outcome = m_watcher.result();
    if (outcome.cancelled) {
        if (m_removeWhenStopped) {
            removePartialDownload(m_fetching);
            m_progress->setValue(0);
            m_status->setText(tr("Cancelled; the partial download was removed."));
            setState(State::Cancelled);
        } else {
            m_status->setText(tr("Paused. Resume carries on from the %1 already here, also after the studio restarts.")
                                  .arg(bytesText(static_cast<quint64>(partialBytes(m_fetching)))));
            setState(State::Paused);
        }
    } else if (outcome.folder.empty()) {
        m_status->setText(tr("The download failed: %1").arg(QString::fromStdString(outcome.error)));
        setState(State::Failed);
    } else {
        m_fetchedFolder = QString::fromStdString(outcome.folder);
        m_progress->setValue(1000);
        m_status->setText(outcome.error.empty() ? tr("%1 is here: %2").arg(m_fetching, m_fetchedFolder)
                                                : QString::fromStdString(outcome.error));
        setState(State::Done);
    }
    describeSelection();
}

}  // namespace milr
