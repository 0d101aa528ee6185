// The user guide inside the app: the Markdown rendered, its images found, links out of it shown but never opened.
#include <QTextBrowser>
#include <QTemporaryDir>
#include <QtTest>

#include "widgets/user_guide_dialog.h"

using namespace milr;

class TestUserGuideDialog : public QObject {
    Q_OBJECT
private slots:
    void rendersTheProjectsGuide() {
        UserGuideDialog dialog(QStringLiteral(MILR_SOURCE_ROOT "/docs/user-guide.md"));
        const QString text = dialog.browser()->toPlainText();
        QVERIFY2(text.startsWith(QStringLiteral("MILR Studio user guide")), qPrintable(text.left(80)));
        QVERIFY2(!text.contains(QStringLiteral("## ")), "Markdown is rendered, not shown as source");
    }

    void linksOutOfTheGuideAreShownNotOpened() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile file(dir.filePath(QStringLiteral("guide.md")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            "# Guide\n\nSee [the results](#results) or [a page](https://example.org/run.sh).\n\n## Results\n\nText.\n");
        file.close();
        UserGuideDialog dialog(file.fileName());
        emit dialog.browser()->anchorClicked(QUrl(QStringLiteral("https://example.org/run.sh")));
        QCOMPARE(dialog.lastOutsideLink(), QStringLiteral("https://example.org/run.sh"));
        QCOMPARE(dialog.browser()->source(), QUrl());  // nothing was navigated to
        emit dialog.browser()->anchorClicked(QUrl(QStringLiteral("#results")));
        QCOMPARE(dialog.lastOutsideLink(), QStringLiteral("https://example.org/run.sh"));
    }

    void aMissingGuideSaysSo() {
        UserGuideDialog missing(QString{});
        QVERIFY(missing.browser()->toPlainText().contains(QStringLiteral("not installed")));
        UserGuideDialog unreadable(QStringLiteral("/nonexistent/user-guide.md"));
        QVERIFY(unreadable.browser()->toPlainText().contains(QStringLiteral("/nonexistent/user-guide.md")));
    }
};

QTEST_MAIN(TestUserGuideDialog)
#include "test_widgets_user_guide_dialog.moc"
