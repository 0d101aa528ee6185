// Model folders as the window offers them: described (without loading weights) and confirmed before use, what each
// can do (whether it has an understanding tower, read once per folder), and the model lines of the About box. The
// folder is read on a worker thread: a model on a slow or network disk never freezes the window.
#pragma once
#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>

#include "core/milr/run_description.h"

class QWidget;

namespace milr {

struct ModelFolderSummary;

class ModelFolders : public QObject {
    Q_OBJECT
public:
    explicit ModelFolders(QWidget* dialogParent);

    // Shows the folder's describe-model report and memory needs and asks before using it (true when chosen); a
    // folder whose config cannot be read is refused with the message. `origin` says where the folder comes from when
    // the user did not pick it (a file that names it).
    bool confirm(const QString& folder, const QString& origin = QString());
    // Why the run's reward cannot run with its model ("" when it can). A folder not read yet is read: waiting for it
    // (the window keeps painting), or in the background, answering "" until folderDescribed() says it is known.
    enum class Lookup { Wait, InBackground };
    QString rewardUnavailableReason(const RunDescription& run, Lookup lookup);
    // The About box: the versions of the application, Qt and libtorch, and the model in `folder` ("" = embedded).
    QString aboutText(const QString& folder) const;

    // "Memory a run needs:" and one line per device and precision.
    static QString memoryLines(const ModelFolderSummary& summary);

signals:
    // A folder read in the background is known now: ask rewardUnavailableReason() again.
    void folderDescribed();

private:
    QWidget* m_dialogParent;
    QHash<QString, bool> m_hasVision;  // per folder ("" = the embedded model): has an understanding tower
    QSet<QString> m_reading;           // folders being read in the background
};

}  // namespace milr
