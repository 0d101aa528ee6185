// File > Get a model…: fetch Janus-Pro (or any model named owner/name) from the Hugging Face Hub into the Hub's cache,
// with progress, speed and time left, Pause (the partial download stays for later, also after a restart) and
// Cancel (it is removed), and what the model needs beside what this machine has.
#pragma once
#include <QDialog>
#include <QFutureWatcher>
#include <QString>

#include <atomic>
#include <memory>
#include <string>

class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;

namespace milr {

class GetModelDialog : public QDialog {
    Q_OBJECT
public:
    explicit GetModelDialog(QWidget* parent = nullptr);
    ~GetModelDialog() override;  // stops a running download (it stays resumable) and waits for it

    enum class State { Idle, Fetching, Paused, Cancelled, Done, Failed };
    State state() const { return m_state; }
    // The model the dialog would fetch now ("deepseek-ai/Janus-Pro-1B").
    QString modelName() const;
    void setModelName(const QString& name);
    int progressPercent() const;
    QString statusText() const;
    QString fetchedFolder() const { return m_fetchedFolder; }

public slots:
    void startFetch();      // Download, or Resume a partial download
    void pause();           // stop now, keep the partial download
    void cancelDownload();  // stop now and remove the partial download

signals:
    void stateChanged(State state);
    // "Use this model": the snapshot folder, for the window to confirm and choose.
    void modelChosen(const QString& folder);

private:
    struct Outcome {
        std::string folder;
        std::string error;
        bool cancelled = false;
    };
    struct Shared;  // between the dialog and the download's thread

    void setState(State state);
    void onProgress(double fraction, const QString& text);
    void onFinished();
    void describeSelection();
    void removePartialDownload(const QString& name);
    qint64 partialBytes(const QString& name) const;

    QListWidget* m_models;
    QLineEdit* m_otherModel;
    QLabel* m_details;
    QProgressBar* m_progress;
    QLabel* m_status;
    QPushButton* m_downloadButton;
    QPushButton* m_pauseButton;
    QPushButton* m_cancelButton;
    QPushButton* m_useButton;
    QFutureWatcher<Outcome> m_watcher;
    std::shared_ptr<Shared> m_shared;
    State m_state = State::Idle;
    bool m_removeWhenStopped = false;
    QString m_fetching;  // the model being fetched
    QString m_fetchedFolder;
};

}  // namespace milr
