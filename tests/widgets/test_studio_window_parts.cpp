// The main window's parts on their own: the pairing of MILR with Best-of-N runs of one prompt, and the recent menus.
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QTextLayout>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include "app/studio/prompt_hint.h"
#include "app/studio/recent_menus.h"
#include "app/studio/run_pairing.h"
#include "app/studio/settings_store.h"
#include "modal_answer.h"
#include "step_fixture.h"
#include "widgets/step_model.h"

using namespace milr;

namespace {

std::vector<StepRecord> run_of(const std::string& mode) {
    std::vector<StepRecord> records = fixture::trajectory();
    for (StepRecord& record : records) record.mode = mode;
    return records;
}

// What the window does with a run: announce its prompt, pair on its first record, then show its records.
void show_run(RunPairing& pairing, StepModel& shown, const QString& prompt, const std::vector<StepRecord>& records) {
    pairing.runStarting(prompt);
    pairing.trajectoryBegins(records.front());
    shown.clear();
    for (const StepRecord& record : records) shown.appendRecord(record);
}

}  // namespace

class TestWindowParts : public QObject {
    Q_OBJECT
private slots:
    void pairingKeepsTheOtherKindOfTheSamePrompt() {
        StepModel shown, other;
        RunPairing pairing(&shown, &other);
        show_run(pairing, shown, QStringLiteral("two red circles"), run_of("both"));
        QVERIFY(other.isEmpty());
        QCOMPARE(pairing.shownPrompt(), QStringLiteral("two red circles"));

        // Best-of-N of the same prompt: the MILR run becomes the other run.
        show_run(pairing, shown, QStringLiteral("two red circles"), run_of("best-of-n"));
        QCOMPARE(other.count(), 3);
        QCOMPARE(other.record(0).mode, std::string("both"));
        QCOMPARE(shown.record(0).mode, std::string("best-of-n"));

        // Another Best-of-N run of it keeps the MILR run as the other one.
        show_run(pairing, shown, QStringLiteral("two red circles"), run_of("best-of-n"));
        QCOMPARE(other.record(0).mode, std::string("both"));

        // A new prompt drops the pair.
        show_run(pairing, shown, QStringLiteral("a blue square"), run_of("both"));
        QVERIFY(other.isEmpty());
        QCOMPARE(pairing.shownPrompt(), QStringLiteral("a blue square"));
    }

    void recentMenusOfferWhatWasUsedAndDropGoneFolders() {
        QWidget parent;
        QToolButton button(&parent);
        QMenu models(&parent);
        RecentMenus recent(&button, &models, &parent);
        QVERIFY(!button.isEnabled());
        QVERIFY(!models.isEnabled());

        recent.rememberPrompt(QStringLiteral("  a red circle "));
        recent.rememberPrompt(QStringLiteral("Tom & Jerry's two squares"));
        QCOMPARE(recent.prompts(),
                 QStringList({QStringLiteral("Tom & Jerry's two squares"), QStringLiteral("a red circle")}));
        QVERIFY(button.isEnabled());
        QCOMPARE(button.menu()->actions().at(0)->text(), QStringLiteral("Tom && Jerry's two squares"));  // no mnemonic
        QSignalSpy prompts(&recent, &RecentMenus::promptChosen);
        button.menu()->actions().at(1)->trigger();
        QCOMPARE(prompts.count(), 1);
        QCOMPARE(prompts.at(0).at(0).toString(), QStringLiteral("a red circle"));

        QTemporaryDir present;
        QVERIFY(present.isValid());
        const QString gone = present.path() + QStringLiteral("/gone");
        recent.rememberModelFolder(gone);
        recent.rememberModelFolder(present.path());
        QSignalSpy folders(&recent, &RecentMenus::modelFolderChosen);
        models.actions().at(0)->trigger();
        QCOMPARE(folders.count(), 1);
        QCOMPARE(folders.at(0).at(0).toString(), present.path());

        ModalAnswer answer;
        answer.arm(QMessageBox::Ok);
        models.actions().at(1)->trigger();  // the folder that does not exist
        QVERIFY(answer.answeredAll());
        QVERIFY2(answer.text.contains(QStringLiteral("no longer exists")), qPrintable(answer.text));
        QCOMPARE(folders.count(), 1);
        QCOMPARE(recent.modelFolders(), QStringList{present.path()});
    }

    void promptHintMarksUnknownWordsAndOffersTheNearest() {
        QWidget parent;
        QPlainTextEdit edit(&parent);
        QLabel label(&parent);
        PromptHint hint(&edit, &label);
        edit.setPlainText(QStringLiteral("three gren triangels"));
        QVERIFY(hint.hintText().isEmpty());  // checked a moment after typing, not at every keystroke
        QTRY_VERIFY(!hint.hintText().isEmpty());
        QCOMPARE(hint.unknownWords(), QStringList({QStringLiteral("gren"), QStringLiteral("triangels")}));
        QVERIFY2(hint.hintText().contains(QStringLiteral("did you mean “green”?")), qPrintable(hint.hintText()));
        QVERIFY2(hint.hintText().contains(QStringLiteral("did you mean “triangles”?")), qPrintable(hint.hintText()));
        // The unknown words are underlined in the box.
        const QTextLayout* layout = edit.document()->firstBlock().layout();
        bool underlined = false;
        for (const QTextLayout::FormatRange& range : layout->formats())
            underlined = underlined || range.format.underlineStyle() == QTextCharFormat::WaveUnderline;
        QVERIFY(underlined);

        edit.setPlainText(QStringLiteral("three green triangles"));
        hint.check();
        QVERIFY(hint.hintText().isEmpty());
        QVERIFY(hint.unknownWords().isEmpty());

        // A reward that does not parse the prompt (an external program) leaves any wording alone.
        edit.setPlainText(QStringLiteral("a cat on a sofa"));
        hint.setJudgeParsesPrompt(false);
        QVERIFY(hint.hintText().isEmpty());
        // The steps on show of another prompt are pointed out, whatever the reward.
        hint.setShownPrompt(QStringLiteral("two <b>red</b> circles"));
        QVERIFY2(hint.hintText().contains(QStringLiteral("two &lt;b&gt;red&lt;/b&gt; circles")),
                 qPrintable(hint.hintText()));
        hint.setJudgeParsesPrompt(true);
        edit.setPlainText(QStringLiteral("三个绿色三角形"));
        hint.check();
        QVERIFY2(hint.hintText().contains(QStringLiteral("understands prompts such as")), qPrintable(hint.hintText()));
    }

    void recentListsRoundTripThroughTheSettings() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("studio.ini"));
        QWidget parent;
        QToolButton button(&parent);
        QMenu models(&parent);
        {
            RecentMenus recent(&button, &models, &parent);
            recent.rememberPrompt(QStringLiteral("a red circle"));
            recent.rememberModelFolder(QStringLiteral("/models/a"));
            QSettings settings(path, QSettings::IniFormat);
            SettingsStore store;
            store.snapshot(settings);
            recent.save(settings, store);
        }
        QSettings settings(path, QSettings::IniFormat);
        RecentMenus loaded(&button, &models, &parent);
        loaded.load(settings);
        QCOMPARE(loaded.prompts(), QStringList{QStringLiteral("a red circle")});
        QCOMPARE(loaded.modelFolders(), QStringList{QStringLiteral("/models/a")});
        QCOMPARE(models.actions().at(0)->toolTip(), QStringLiteral("/models/a"));
    }
};

QTEST_MAIN(TestWindowParts)
#include "test_studio_window_parts.moc"
