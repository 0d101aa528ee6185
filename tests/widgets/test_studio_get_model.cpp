// The Get a model dialog and the Models on this machine menu against a local stand-in of the Hugging Face Hub
// (tests/tools/hub_test_server.py, sending at a limited rate): progress moves, Pause keeps the partial download and
// Resume carries on from it (also in a new dialog, as after a restart), Cancel removes it, the fetched model appears
// in the menu.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QMenu>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "app/studio/get_model_dialog.h"
#include "app/studio/machine_models_menu.h"

using namespace milr;

namespace {
const QString kModel = QStringLiteral("milr-test/embedded-shapes");
const QString kSourceRoot = QStringLiteral(MILR_SOURCE_ROOT);
}  // namespace

class TestGetModel : public QObject {
    Q_OBJECT

private:
    QProcess m_server;
    QTemporaryDir m_temp;
    QString m_log;

    QString blobsFolder() const {
        return m_temp.filePath(QStringLiteral("cache/models--milr-test--embedded-shapes/blobs"));
    }
    qint64 partialBytes() const {
        qint64 bytes = 0;
        for (const QFileInfo& file : QDir(blobsFolder()).entryInfoList({QStringLiteral("*.incomplete")}, QDir::Files))
            bytes += file.size();
        return bytes;
    }
    // The Range headers of the weight downloads the server saw, in order ("" for none).
    QStringList weightRanges() const {
        QStringList ranges;
        QFile log(m_log);
        if (!log.open(QIODevice::ReadOnly)) return ranges;
        for (const QByteArray& line : log.readAll().split('\n')) {
            if (!line.contains("\"/cdn-lfs/") || !line.contains("\"GET\"")) continue;
            const int at = line.indexOf("\"range\": ");
            const QByteArray rest = line.mid(at + 9);
            ranges << (rest.startsWith("null") ? QString() : QString::fromUtf8(rest.mid(1, rest.indexOf('"', 1) - 1)));
        }
        return ranges;
    }
    static QPushButton* button(GetModelDialog& dialog, const QString& text) {
        for (QPushButton* candidate : dialog.findChildren<QPushButton*>()) {
            if (candidate->text().remove(QLatin1Char('&')) == text) return candidate;
        }
        return nullptr;
    }

private slots:
    void initTestCase() {
        QVERIFY(m_temp.isValid());
        m_log = m_temp.filePath(QStringLiteral("requests.jsonl"));
        // 27.5 MB at 4 MB/s: about seven seconds, time enough to watch and pause.
        m_server.start(QStringLiteral("python3"),
                       {kSourceRoot + QStringLiteral("/tests/tools/hub_test_server.py"), QStringLiteral("--repo"),
                        kModel + QStringLiteral("=") + kSourceRoot + QStringLiteral("/resources/embedded-model"),
                        QStringLiteral("--rate"), QStringLiteral("4000000"), QStringLiteral("--log"), m_log});
        QVERIFY(m_server.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(m_server.canReadLine(), 10000);
        const QByteArray line = m_server.readLine().trimmed();
        QVERIFY2(line.startsWith("PORT "), line.constData());
        qputenv("HF_ENDPOINT", "http://127.0.0.1:" + line.mid(5));
        qputenv("HF_HUB_CACHE", m_temp.filePath(QStringLiteral("cache")).toUtf8());
        qputenv("HF_HOME", m_temp.filePath(QStringLiteral("hf-home")).toUtf8());
        qunsetenv("HF_TOKEN");
        qunsetenv("HF_HUB_OFFLINE");
    }

    void cleanupTestCase() {
        m_server.kill();
        m_server.waitForFinished();
    }

    void pauseKeepsThePartialDownloadAndResumeCarriesOn() {
        QString folder;
        {
            GetModelDialog dialog;
            dialog.setModelName(kModel);
            QCOMPARE(dialog.modelName(), kModel);
            dialog.startFetch();
            QCOMPARE(dialog.state(), GetModelDialog::State::Fetching);
            QTRY_VERIFY_WITH_TIMEOUT(dialog.progressPercent() >= 5, 20000);
            QVERIFY2(dialog.statusText().contains(QStringLiteral("model.safetensors")),
                     qPrintable(dialog.statusText()));
            QVERIFY2(dialog.statusText().contains(QStringLiteral("left")), qPrintable(dialog.statusText()));
            const int before = dialog.progressPercent();
            QTRY_VERIFY_WITH_TIMEOUT(dialog.progressPercent() > before, 20000);  // it moves
            dialog.pause();
            QTRY_COMPARE_WITH_TIMEOUT(dialog.state(), GetModelDialog::State::Paused, 20000);
            QVERIFY(partialBytes() > 0);
            QVERIFY(button(dialog, QStringLiteral("Resume")));
        }
        // A new dialog (as after a restart) offers to resume, and does.
        const qint64 kept = partialBytes();
        GetModelDialog dialog;
        dialog.setModelName(kModel);
        QVERIFY(button(dialog, QStringLiteral("Resume")));
        dialog.startFetch();
        QTRY_COMPARE_WITH_TIMEOUT(dialog.state(), GetModelDialog::State::Done, 60000);
        folder = dialog.fetchedFolder();
        QVERIFY2(folder.contains(QStringLiteral("/snapshots/")), qPrintable(folder));
        QFile fetched(folder + QStringLiteral("/model.safetensors"));
        QFile original(kSourceRoot + QStringLiteral("/resources/embedded-model/model.safetensors"));
        QVERIFY(fetched.open(QIODevice::ReadOnly) && original.open(QIODevice::ReadOnly));
        QVERIFY(fetched.readAll() == original.readAll());
        const QStringList ranges = weightRanges();
        QCOMPARE(ranges.size(), 2);
        QCOMPARE(ranges[1], QStringLiteral("bytes=%1-").arg(kept));
        QCOMPARE(partialBytes(), 0);
        QSignalSpy chosen(&dialog, &GetModelDialog::modelChosen);
        QPushButton* use = button(dialog, QStringLiteral("Use this model"));
        QVERIFY(use && use->isEnabled());
        use->click();
        QCOMPARE(chosen.size(), 1);
        QCOMPARE(chosen[0][0].toString(), folder);

        // The fetched model is in the menu of models on this machine, complete.
        QMenu menu;
        MachineModelsMenu models(
            &menu, [] { return QStringList(); }, nullptr);
        QSignalSpy read(&models, &MachineModelsMenu::modelsRead);
        models.refresh();
        QTRY_COMPARE_WITH_TIMEOUT(read.size(), 1, 20000);
        QCOMPARE(static_cast<int>(models.models().size()), 1);
        QCOMPARE(QString::fromStdString(models.models()[0].name), kModel);
        QVERIFY(models.models()[0].complete);
        bool listed = false;
        for (QAction* action : menu.actions())
            listed = listed || (action->text().startsWith(kModel) && action->isEnabled());
        QVERIFY(listed);
    }

    void cancelRemovesThePartialDownload() {
        QDir(m_temp.filePath(QStringLiteral("cache"))).removeRecursively();
        GetModelDialog dialog;
        dialog.setModelName(kModel);
        dialog.startFetch();
        QTRY_VERIFY_WITH_TIMEOUT(dialog.progressPercent() >= 5, 20000);
        dialog.cancelDownload();
        QTRY_COMPARE_WITH_TIMEOUT(dialog.state(), GetModelDialog::State::Cancelled, 20000);
        QCOMPARE(partialBytes(), 0);
        QVERIFY(button(dialog, QStringLiteral("Download")));
    }

    void aBadNameIsRefusedWithoutANetworkRequest() {
        GetModelDialog dialog;
        dialog.setModelName(QStringLiteral("../../etc"));
        dialog.startFetch();
        QCOMPARE(dialog.state(), GetModelDialog::State::Failed);
        QVERIFY2(dialog.statusText().contains(QStringLiteral("not a Hub model name")), qPrintable(dialog.statusText()));
    }
};

QTEST_MAIN(TestGetModel)
#include "test_studio_get_model.moc"
