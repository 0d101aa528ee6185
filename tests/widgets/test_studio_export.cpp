// The studio's export, save and open: an exported image restores every parameter when opened or dropped, a saved
// trajectory opens as identical records, PNGs of the CLI restore their parameters, and a failed save or open says why
// and changes nothing on show nor on disk.
#include <QAction>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMenu>
#include <QMimeData>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/resource.h>
#include <unistd.h>

#include <csignal>

#include <fstream>

#include "app/studio/export_actions.h"
#include "app/studio/main_window.h"
#include "core/io/png_text.h"
#include "core/session/run_metadata.h"
#include "core/session/trajectory.h"
#include "modal_answer.h"
#include "step_fixture.h"
#include "widgets/step_model.h"

using namespace milr;

namespace {

// Settings far from the defaults in every field, with a prompt in Chinese.
RunDescription unusual_settings() {
    RunDescription s;
    s.milr.prompt = "一个红色的圆形在两个蓝色方块的左边";
    s.milr.mode = MilrMode::image;
    s.milr.lambda_text = 0.35;
    s.milr.lambda_image = 0.05;
    s.milr.learning_rate = 0.02;
    s.milr.steps = 12;
    s.milr.seed = 1234567890123ull;
    s.milr.cfg_weight = 3.5;
    s.milr.temperature = 0.8;
    apply_preset(s.milr, "improved");
    s.milr.reward_threshold = 0.75;
    s.reward.kind = RewardKind::external;
    s.reward.metadata_given = true;
    s.reward.metadata_json = R"({"tag": "position"})";
    s.reward.command_line = "python3 judge.py --strict";
    s.reward.timeout_s = 90;
    s.model.device = "cuda:1";
    s.model.precision = "bf16";
    return s;
}

void fill(StepModel* model) {
    model->clear();
    for (const StepRecord& record : fixture::trajectory()) model->appendRecord(record);
}

bool same_records(const std::vector<StepRecord>& a, const std::vector<StepRecord>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (to_json(a[i]) != to_json(b[i]) || !(a[i].image == b[i].image)) return false;
    return true;
}

QByteArray file_bytes(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Sends a drag-enter and, when accepted, a drop of `path` to the window; true when the drop was accepted.
bool drop_on(QWidget* window, const QString& path) {
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    const QPointF where(window->width() / 2.0, 10);
    QDragEnterEvent enter(where.toPoint(), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(window, &enter);
    if (!enter.isAccepted()) return false;
    QDropEvent drop(where, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(window, &drop);
    return drop.isAccepted();
}

// While it lives, writes past `bytes` fail with EFBIG as on a full disk (SIGXFSZ ignored, as a shell's `ulimit -f`).
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes) : m_handler(std::signal(SIGXFSZ, SIG_IGN)) {
        ::getrlimit(RLIMIT_FSIZE, &m_saved);
        rlimit limited = m_saved;
        limited.rlim_cur = bytes;
        ::setrlimit(RLIMIT_FSIZE, &limited);
    }
    ~FileSizeLimit() {
        ::setrlimit(RLIMIT_FSIZE, &m_saved);
        std::signal(SIGXFSZ, m_handler);
    }
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;

private:
    rlimit m_saved{};
    void (*m_handler)(int);
};

}  // namespace

class TestStudioExport : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("MILR-test"));
        QCoreApplication::setApplicationName(QStringLiteral("MILR Studio export test"));
    }

    void actionsAreInTheFileMenuWithShortcuts() {
        MainWindow window;
        new ExportActions(&window);
        QMenu* menu = window.findChild<QMenu*>(QStringLiteral("fileMenu"));
        QVERIFY(menu);
        QStringList names;
        for (QAction* action : menu->actions())
            if (!action->isSeparator()) names << action->objectName();
        for (const char* name : {"openImageAction", "openTrajectoryAction", "exportImageAction", "saveTrajectoryAction",
                                 "exportContactSheetAction", "exportVideoAction"})
            QVERIFY2(names.contains(QLatin1String(name)), name);
        QVERIFY(names.indexOf(QStringLiteral("exportImageAction")) < names.indexOf(QStringLiteral("quitAction")));
        auto* exportImage = window.findChild<QAction*>(QStringLiteral("exportImageAction"));
        QCOMPARE(exportImage->shortcut(), QKeySequence(QKeySequence::Save));
        QCOMPARE(window.findChild<QAction*>(QStringLiteral("saveTrajectoryAction"))->shortcut(),
                 QKeySequence(QKeySequence::SaveAs));
        QVERIFY(window.actions().contains(exportImage));  // works with the menu bar hidden (presentation)
        // Nothing to export before a step is on show.
        QVERIFY(!exportImage->isEnabled());
        fill(window.stepModel());
        QVERIFY(exportImage->isEnabled());
        QVERIFY(window.findChild<QAction*>(QStringLiteral("exportVideoAction"))->isEnabled());
    }

    void exportedImageRestoresEveryParameter() {
        QTemporaryDir dir;
        MainWindow window;
        auto* actions = new ExportActions(&window);
        window.setRunDescription(unusual_settings());
        const RunDescription shown = window.runDescription();
        QCOMPARE(shown.milr.prompt, unusual_settings().milr.prompt);
        fill(window.stepModel());
        window.stepModel()->selectStep(1);
        const QString path = dir.filePath(QStringLiteral("step.png"));
        QVERIFY2(actions->exportImage(path), qPrintable(actions->lastError()));

        // The file: the pixels of step 1 and the run's metadata.
        RgbImage image;
        const RunMetadata metadata = read_run_png(path.toStdString(), &image);
        QCOMPARE(metadata.step, 1);
        QCOMPARE(metadata.reward_value, 0.8);
        QVERIFY(image == fixture::trajectory()[1].image);
        QCOMPARE(metadata.run.milr.prompt, shown.milr.prompt);
        QCOMPARE(metadata.run.milr.seed, shown.milr.seed);
        QCOMPARE(metadata.run.milr.mode, MilrMode::image);
        QCOMPARE(metadata.run.milr.metadata, nlohmann::json({{"tag", "position"}}));

        // Opening it after changing everything brings every parameter back; its reward program only when the user
        // confirms it, and the device is this machine's.
        RunDescription other;
        other.milr.prompt = "something else";
        window.setRunDescription(other);
        RunDescription expected = shown;
        expected.model.device = window.runDescription().model.device;
        QVERIFY(window.runDescription() != expected);
        ModalAnswer confirm;
        confirm.arm(QMessageBox::Yes);
        QVERIFY2(actions->openImage(path), qPrintable(actions->lastError()));
        QVERIFY(confirm.answeredAll());
        QVERIFY2(confirm.informative.contains(QStringLiteral("python3 judge.py --strict")),
                 qPrintable(confirm.informative));
        QVERIFY(window.runDescription() == expected);
        // The image is on show, as one step of its run, and the message says what was opened.
        QCOMPARE(window.stepModel()->count(), 1);
        QCOMPARE(window.stepModel()->selectedRecord()->step, 1);
        QVERIFY(window.stepModel()->selectedRecord()->image == fixture::trajectory()[1].image);
        QVERIFY2(window.message().contains(QStringLiteral("step 1 of a run of")), qPrintable(window.message()));

        // So does dropping it on the window.
        window.setRunDescription(other);
        ModalAnswer confirmDrop;
        confirmDrop.arm(QMessageBox::Yes);
        QVERIFY(drop_on(&window, path));
        QVERIFY(window.runDescription() == expected);
    }

    void imagesOfTheCommandLineRestoreTheirParameters() {
        QTemporaryDir dir;
        MainWindow window;
        auto* actions = new ExportActions(&window);
        RunMetadata cli;
        cli.run.milr = reference_preset();
        cli.run.milr.prompt = "a green triangle above a yellow circle";
        cli.run.milr.mode = MilrMode::text;
        cli.run.milr.lambda_text = 0.4;
        cli.run.milr.steps = 5;
        cli.run.milr.seed = 7;
        cli.run.milr.cfg_weight = 3;
        cli.run.milr.reward_threshold = 0.6;
        cli.model = "embedded-model";
        cli.reward = "external: python3 score.py --dense";
        cli.step = 2;
        cli.reward_value = 0.5;
        const QString path = dir.filePath(QStringLiteral("cli.png"));
        write_run_png(path.toStdString(), fixture::trajectory()[0].image, cli);
        RunDescription before = window.runDescription();
        before.model.folder = QString(dir.path()).toStdString();
        before.model.device = "cpu";
        window.setRunDescription(before);

        // Declined: the parameters are restored, the reward program is not.
        ModalAnswer decline;
        decline.arm(QMessageBox::No);
        QVERIFY2(actions->openImage(path), qPrintable(actions->lastError()));
        QCOMPARE(decline.seen.size(), size_t(1));
        QCOMPARE(decline.seen[0].objectName, QStringLiteral("carriedCommandBox"));
        QVERIFY(window.runDescription().reward == before.reward);
        QCOMPARE(window.runDescription().reward.command_line, before.reward.command_line);
        QVERIFY2(window.message().contains(QStringLiteral("python3 score.py --dense")), qPrintable(window.message()));

        // Confirmed: the reward program too.
        window.setRunDescription(before);
        ModalAnswer confirm;
        confirm.arm(QMessageBox::Yes);
        QVERIFY2(actions->openImage(path), qPrintable(actions->lastError()));
        const RunDescription s = window.runDescription();
        QCOMPARE(s.milr.prompt, std::string("a green triangle above a yellow circle"));
        QCOMPARE(s.milr.mode, MilrMode::text);
        QVERIFY(qAbs(s.milr.lambda_text - 0.4) < 1e-9);
        QCOMPARE(s.milr.steps, 5);
        QCOMPARE(s.milr.seed, uint64_t(7));
        QVERIFY(qAbs(s.milr.cfg_weight - 3.0) < 1e-9);
        QVERIFY(qAbs(s.milr.reward_threshold - 0.6) < 1e-9);
        QCOMPARE(s.milr.preset, std::string("reference"));
        QCOMPARE(s.reward.kind, RewardKind::external);
        QCOMPARE(s.reward.command_line, std::string("python3 score.py --dense"));
        QVERIFY(s.model.folder.empty());  // the embedded model
    }

    void savingKeepsBothRunsOfThePrompt() {
        QTemporaryDir dir;
        MainWindow window;
        auto* actions = new ExportActions(&window);
        window.setRunDescription(unusual_settings());
        fill(window.stepModel());
        for (StepRecord record : fixture::trajectory()) {
            record.mode = "best-of-n";
            window.otherStepModel()->appendRecord(record);
        }
        const QString folder = dir.filePath(QStringLiteral("run"));
        QVERIFY2(actions->saveTrajectory(folder), qPrintable(actions->lastError()));
        const QString sibling = folder + QStringLiteral("-best-of-n");
        QVERIFY2(actions->lastNotice().contains(sibling), qPrintable(actions->lastNotice()));
        const Trajectory other = read_trajectory(sibling.toStdString());
        QCOMPARE(other.options.mode, MilrMode::best_of_n);
        QCOMPARE(other.records.size(), size_t(3));
        QCOMPARE(other.options.prompt, unusual_settings().milr.prompt);
        QCOMPARE(read_trajectory(folder.toStdString()).records.front().mode, std::string("both"));
    }

    void savedTrajectoryOpensAsIdenticalRecords() {
        QTemporaryDir dir;
        MainWindow window;
        auto* actions = new ExportActions(&window);
        window.setRunDescription(unusual_settings());
        const RunDescription shown = window.runDescription();
        fill(window.stepModel());
        const QString folder = dir.filePath(QStringLiteral("run"));
        QVERIFY2(actions->saveTrajectory(folder), qPrintable(actions->lastError()));
        QVERIFY(QFileInfo(folder + QStringLiteral("/trajectory.json")).isFile());
        QVERIFY(QFileInfo(folder + QStringLiteral("/step-0002.png")).isFile());
        QVERIFY(QFileInfo(folder + QStringLiteral("/final.png")).isFile());
        // The improved preset returns the best image: step 1.
        QCOMPARE(read_run_png((folder + QStringLiteral("/final.png")).toStdString()).step, 1);

        MainWindow other;
        auto* otherActions = new ExportActions(&other);
        QVERIFY2(otherActions->openTrajectory(folder), qPrintable(otherActions->lastError()));
        QVERIFY(same_records(other.stepModel()->records(), fixture::trajectory()));
        QCOMPARE(other.stepModel()->selectedRecord()->step, 1);  // the returned step on show
        // Its prompt and parameters are the window's now, and the message says what was opened.
        QCOMPARE(other.runDescription().milr.prompt, unusual_settings().milr.prompt);
        QCOMPARE(other.runDescription().milr.lambda_text, shown.milr.lambda_text);
        QVERIFY2(other.message().contains(QStringLiteral("Opened the trajectory run: 3 steps of")),
                 qPrintable(other.message()));

        // An image exported from the opened trajectory carries that run, not the window's settings.
        const QString path = dir.filePath(QStringLiteral("from-opened.png"));
        QVERIFY2(otherActions->exportImage(path), qPrintable(otherActions->lastError()));
        const RunMetadata metadata = read_run_png(path.toStdString());
        QCOMPARE(metadata.run.milr.prompt, unusual_settings().milr.prompt);
        QCOMPARE(metadata.run.milr.lambda_text, shown.milr.lambda_text);

        // Saving the opened trajectory again gives the same trajectory.json.
        const QString again = dir.filePath(QStringLiteral("again"));
        QVERIFY2(otherActions->saveTrajectory(again), qPrintable(otherActions->lastError()));
        QCOMPARE(file_bytes(again + QStringLiteral("/trajectory.json")),
                 file_bytes(folder + QStringLiteral("/trajectory.json")));

        // Dropping the folder opens it too.
        MainWindow third;
        new ExportActions(&third);
        QVERIFY(drop_on(&third, folder));
        QVERIFY(same_records(third.stepModel()->records(), fixture::trajectory()));
    }

    void contactSheetAndVideo() {
        QTemporaryDir dir;
        MainWindow window;
        auto* actions = new ExportActions(&window);
        window.setRunDescription(unusual_settings());
        fill(window.stepModel());
        const QString sheet = dir.filePath(QStringLiteral("sheet.png"));
        QVERIFY2(actions->exportContactSheet(sheet), qPrintable(actions->lastError()));
        RgbImage image;
        QCOMPARE(read_run_png(sheet.toStdString(), &image).step, 1);
        QVERIFY(image.width > 2 * fixture::kImageSize);
        const QString video = dir.filePath(QStringLiteral("run.mp4"));
        QVERIFY2(actions->exportVideo(video, 0.2, 4, Resampling::nearest), qPrintable(actions->lastError()));
        QCOMPARE(actions->lastWrittenPath(), video);
        QVERIFY(QFileInfo(video).size() > 0);
        QVERIFY2(actions->lastNotice().isEmpty(), qPrintable(actions->lastNotice()));  // H.264, nothing to report
        const QString csv = dir.filePath(QStringLiteral("steps.csv"));
        QVERIFY2(actions->exportStepsCsv(csv), qPrintable(actions->lastError()));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll().count('\n'), 4);  // the header and the three steps
        QVERIFY(window.findChild<QAction*>(QStringLiteral("exportStepsCsvAction"))->isEnabled());
    }

    void imageExportsAtTheChosenScale() {
        QTemporaryDir dir;
        MainWindow window;
        auto* actions = new ExportActions(&window);
        window.setRunDescription(unusual_settings());
        fill(window.stepModel());
        window.stepModel()->selectStep(1);
        const QString path = dir.filePath(QStringLiteral("large.png"));
        QVERIFY2(actions->exportImage(path, 4, Resampling::nearest), qPrintable(actions->lastError()));
        RgbImage image;
        const RunMetadata metadata = read_run_png(path.toStdString(), &image);
        QCOMPARE(image.width, 4 * fixture::kImageSize);
        QVERIFY(image == upscaled(fixture::trajectory()[1].image, 4, Resampling::nearest));
        QCOMPARE(metadata.step, 1);  // still the run's parameters
        QVERIFY(!actions->exportImage(path, 9, Resampling::nearest));
        QVERIFY2(actions->lastError().contains(QStringLiteral("scale")), qPrintable(actions->lastError()));
    }

    void failuresSayWhyAndChangeNothing() {
        QTemporaryDir dir;
        MainWindow window;
        auto* actions = new ExportActions(&window);
        QVERIFY(!actions->exportImage(dir.filePath(QStringLiteral("nothing.png"))));
        QVERIFY(actions->lastError().contains(QStringLiteral("no image on show")));

        window.setRunDescription(unusual_settings());
        fill(window.stepModel());
        const RunDescription settings = window.runDescription();

        // A save that cannot complete (no temporary name fits beside this one) keeps the previous file.
        const QString longName = dir.filePath(QString(250, QLatin1Char('s')) + QStringLiteral(".png"));
        {
            QFile file(longName);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write("previous image");
        }
        QVERIFY(!actions->exportImage(longName));
        QVERIFY2(actions->lastError().contains(QStringLiteral("File name too long")), qPrintable(actions->lastError()));
        QVERIFY(actions->lastError().contains(QStringLiteral("unchanged")));
        QCOMPARE(file_bytes(longName), QByteArray("previous image"));

        // Opening a file that is no PNG, or a PNG without MILR metadata, says so and keeps the settings and steps.
        const QString garbage = dir.filePath(QStringLiteral("garbage.png"));
        {
            QFile file(garbage);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("not an image at all");
        }
        QVERIFY(!actions->openImage(garbage));
        QVERIFY2(actions->lastError().contains(QStringLiteral("garbage.png: not a PNG file")),
                 qPrintable(actions->lastError()));
        const QString foreign = dir.filePath(QStringLiteral("foreign.png"));
        write_png(foreign.toStdString(), fixture::trajectory()[0].image, {{"parameters", "a cat, Steps: 20"}});
        QVERIFY(!actions->openImage(foreign));
        QVERIFY(actions->lastError().contains(QStringLiteral("another program")));
        QVERIFY(!actions->openTrajectory(dir.filePath(QStringLiteral("no-such-run"))));
        QVERIFY(actions->lastError().contains(QStringLiteral("trajectory.json")));
        QCOMPARE(window.runDescription(), settings);
        QVERIFY(same_records(window.stepModel()->records(), fixture::trajectory()));

        // A folder that holds other files is not written into; a text file is not accepted as a drop.
        QVERIFY(!actions->saveTrajectory(dir.path()));
        QVERIFY(actions->lastError().contains(QStringLiteral("not empty")));
        const QString notes = dir.filePath(QStringLiteral("notes.txt"));
        {
            QFile file(notes);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("a note");
        }
        QVERIFY(!drop_on(&window, notes));
    }

    void fullDiskDuringExportLosesNothing() {
        QTemporaryDir dir;
        MainWindow window;
        auto* actions = new ExportActions(&window);
        window.setRunDescription(unusual_settings());
        fill(window.stepModel());
        const QString image = dir.filePath(QStringLiteral("a.png"));
        const QString saved = dir.filePath(QStringLiteral("saved-run"));
        QVERIFY2(actions->exportImage(image), qPrintable(actions->lastError()));
        QVERIFY2(actions->saveTrajectory(saved), qPrintable(actions->lastError()));
        const QByteArray previousImage = file_bytes(image);
        const QByteArray previousJson = file_bytes(saved + QStringLiteral("/trajectory.json"));

        const QString failed = dir.filePath(QStringLiteral("failed-run"));
        {
            FileSizeLimit full(64);
            window.stepModel()->selectStep(0);
            QVERIFY(!actions->exportImage(image));
            qInfo("full disk, export image: %s", qPrintable(actions->lastError()));
            QVERIFY2(actions->lastError().contains(QStringLiteral("File too large")), qPrintable(actions->lastError()));
            QVERIFY(actions->lastError().contains(QStringLiteral("unchanged")));
            QVERIFY(!actions->saveTrajectory(failed));
            qInfo("full disk, save trajectory: %s", qPrintable(actions->lastError()));
            QVERIFY2(actions->lastError().contains(QStringLiteral("File too large")), qPrintable(actions->lastError()));
        }
        // What was saved before is intact, and the failed save left no file half-written nor a temporary behind.
        QCOMPARE(file_bytes(image), previousImage);
        QCOMPARE(file_bytes(saved + QStringLiteral("/trajectory.json")), previousJson);
        for (const QFileInfo& entry : QDir(failed).entryInfoList(QDir::Files | QDir::Hidden)) {
            QVERIFY2(!entry.fileName().startsWith(QLatin1Char('.')), qPrintable(entry.fileName()));
            if (entry.suffix() == QStringLiteral("png"))
                QVERIFY(file_bytes(entry.filePath()).endsWith(QByteArray("IEND\xae\x42\x60\x82", 8)));
        }
        // The window kept its steps, and with room again the same save goes through.
        QVERIFY(same_records(window.stepModel()->records(), fixture::trajectory()));
        QVERIFY2(actions->saveTrajectory(dir.filePath(QStringLiteral("after"))), qPrintable(actions->lastError()));
    }

    void readOnlyFolderIsAClearError() {
        if (::geteuid() == 0) QSKIP("root ignores folder permissions");
        QTemporaryDir dir;
        MainWindow window;
        auto* actions = new ExportActions(&window);
        fill(window.stepModel());
        const QString path = dir.filePath(QStringLiteral("a.png"));
        QVERIFY(actions->exportImage(path));
        const QByteArray previous = file_bytes(path);
        QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::ExeOwner);
        window.stepModel()->selectStep(0);
        const bool saved = actions->exportImage(path);
        QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QVERIFY(!saved);
        QVERIFY2(actions->lastError().contains(QStringLiteral("Permission denied")), qPrintable(actions->lastError()));
        QCOMPARE(file_bytes(path), previous);
    }
};

QTEST_MAIN(TestStudioExport)
#include "test_studio_export.moc"
