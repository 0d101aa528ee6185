// ReasoningView highlights exactly the changed tokens, in two styles, and underlines the optimised prefix.
#include <QLabel>
#include <QSignalSpy>
#include <QtTest>

#include <algorithm>

#include "step_fixture.h"
#include "widgets/highlight_palette.h"
#include "widgets/reasoning_view.h"
#include "widgets/step_model.h"

using namespace milr;

namespace {
bool contains(const std::vector<int>& v, int x) { return std::find(v.begin(), v.end(), x) != v.end(); }
}  // namespace

class TestReasoningView : public QObject {
    Q_OBJECT
private slots:
    void textIsTheConcatenatedPieces() {
        ReasoningView view;
        const auto records = fixture::trajectory();
        view.showRecord(records[2]);
        QCOMPARE(view.text(), QStringLiteral("A crimson circle left of three blue squares."));
        QCOMPARE(view.tokenCount(), 9);
        QCOMPARE(view.tokenRange(1), std::make_pair(1, 8));  // " crimson"
    }

    void captionCountsTheOptimisedTokens() {
        ReasoningView view;
        auto* caption = view.findChild<QLabel*>(QStringLiteral("reasoningCaption"));
        QVERIFY(caption);
        StepRecord record = fixture::trajectory()[2];
        record.optimised_text_tokens = 1;
        view.showRecord(record);
        QCOMPARE(caption->text(), QStringLiteral("Reasoning at step 2 (its first token is optimised)"));
        record.optimised_text_tokens = 3;
        view.showRecord(record);
        QCOMPARE(caption->text(), QStringLiteral("Reasoning at step 2 (the first 3 tokens are optimised)"));
    }

    void changedTokensHighlightedExactly() {
        ReasoningView view;
        const auto records = fixture::trajectory();
        const StepRecord& r = records[2];
        QCOMPARE(r.reasoning_changed_since_previous, (std::vector<int>{5, 8}));
        QCOMPARE(r.reasoning_changed_since_initial, (std::vector<int>{1, 5, 8}));
        view.showRecord(r);
        for (int i = 0; i < view.tokenCount(); ++i) {
            const QTextCharFormat format = view.tokenFormat(i);
            if (contains(r.reasoning_changed_since_previous, i)) {
                QCOMPARE(format.background().color(), HighlightPalette::changedSincePrevious());
            } else if (contains(r.reasoning_changed_since_initial, i)) {
                QCOMPARE(format.background().color(), HighlightPalette::changedSinceInitial());
            } else {
                QVERIFY2(format.background().style() == Qt::NoBrush,
                         qPrintable(QStringLiteral("token %1 is highlighted").arg(i)));
            }
            QCOMPARE(format.fontUnderline(), i < fixture::kOptimisedText);
        }
    }

    void initialStepHasNoHighlights() {
        ReasoningView view;
        view.showRecord(fixture::trajectory()[0]);
        for (int i = 0; i < view.tokenCount(); ++i) QCOMPARE(view.tokenFormat(i).background().style(), Qt::NoBrush);
    }

    void followsTheModelSelection() {
        StepModel model;
        ReasoningView view;
        view.setModel(&model);
        QSignalSpy updates(&view, &ReasoningView::viewUpdated);
        for (const auto& record : fixture::trajectory()) model.appendRecord(record);
        QCOMPARE(updates.count(), 3);
        model.selectStep(1);
        QCOMPARE(view.text(), QStringLiteral("A crimson circle left of two blue squares"));
        QCOMPARE(view.tokenFormat(1).background().color(), HighlightPalette::changedSincePrevious());
        model.clear();
        QCOMPARE(view.text(), QString());
    }
};

QTEST_MAIN(TestReasoningView)
#include "test_widgets_reasoning_view.moc"
