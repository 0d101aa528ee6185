// Building the highlighted reasoning document from the record's token pieces.
#include "widgets/reasoning_view.h"

#include <QLabel>
#include <QTextBrowser>
#include <QTextCursor>
#include <QVBoxLayout>

#include <algorithm>
#include <unordered_set>

#include "core/milr/step_record.h"
#include "widgets/highlight_palette.h"
#include "widgets/step_model.h"

namespace milr {
namespace {

// One entry of the legend: kept on one line, while the legend wraps between entries in a narrow window.
QString legend_entry(const QString& html) {
    return QStringLiteral("<span style=\"white-space:nowrap\">%1</span>").arg(html);
}

QString swatch(const QColor& colour) {
    return QStringLiteral("<span style=\"background-color:%1\">&nbsp;&nbsp;&nbsp;</span>")
        .arg(colour.name(QColor::HexArgb));
}

}  // namespace

ReasoningView::ReasoningView(QWidget* parent)
    : QWidget(parent), m_browser(new QTextBrowser(this)), m_caption(new QLabel(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    m_caption->setObjectName(QStringLiteral("reasoningCaption"));
    // A narrow column (presentation type on a projector) wraps it; it never widens the window.
    m_caption->setWordWrap(true);
    m_caption->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_caption->setText(tr("Reasoning"));
    layout->addWidget(m_caption);
    m_browser->setReadOnly(true);
    m_browser->setOpenLinks(false);
    m_browser->setPlaceholderText(
        tr("The model's reasoning text appears here; the optimiser's edits are highlighted."));
    layout->addWidget(m_browser, 1);

    auto* legend = new QLabel(this);
    legend->setObjectName(QStringLiteral("reasoningLegend"));
    legend->setTextFormat(Qt::RichText);
    legend->setWordWrap(true);
    legend->setText(QStringList{
        legend_entry(swatch(HighlightPalette::changedSincePrevious()) + tr(" changed since the previous step")),
        legend_entry(swatch(HighlightPalette::changedSinceInitial()) + tr(" changed since the start")),
        legend_entry(QStringLiteral("<span style=\"text-decoration:underline; color:%1\">abc</span> ")
                         .arg(HighlightPalette::optimisedPrefix().name()) +
                     tr("optimised prefix"))}
                        .join(QStringLiteral(" &nbsp;&nbsp; ")));
    layout->addWidget(legend);
}

void ReasoningView::setModel(StepModel* model) {
    attach_step_model(this, m_model, model,
                      showing_selected_record(
                          m_model, [this](const StepRecord& r) { showRecord(r); }, [this] { clearText(); }));
    refreshFromModel();
}

void ReasoningView::refreshFromModel() {
    if (const StepRecord* record = m_model ? m_model->selectedRecord() : nullptr) showRecord(*record);
}

QTextCharFormat ReasoningView::markFormat(Mark mark) {
    QTextCharFormat format;
    if (mark == Mark::ChangedSincePrevious) {
        format.setBackground(HighlightPalette::changedSincePrevious());
        format.setFontWeight(QFont::DemiBold);
    } else if (mark == Mark::ChangedSinceInitial) {
        format.setBackground(HighlightPalette::changedSinceInitial());
    }
    return format;
}

QTextCharFormat ReasoningView::prefixFormat() {
    QTextCharFormat format;
    format.setUnderlineStyle(QTextCharFormat::SingleUnderline);
    format.setUnderlineColor(HighlightPalette::optimisedPrefix());
    return format;
}

void ReasoningView::showRecord(const StepRecord& record) {
    m_browser->clear();
    m_tokenRanges.clear();
    QTextCursor cursor(m_browser->document());
    if (record.reasoning_pieces.empty()) {
        // A record without pieces (a mode without reasoning, or an old file): plain text, nothing to mark.
        cursor.insertText(QString::fromStdString(record.reasoning), QTextCharFormat());
    } else {
        const std::unordered_set<int> sincePrevious(record.reasoning_changed_since_previous.begin(),
                                                    record.reasoning_changed_since_previous.end());
        const std::unordered_set<int> sinceInitial(record.reasoning_changed_since_initial.begin(),
                                                   record.reasoning_changed_since_initial.end());
        for (size_t i = 0; i < record.reasoning_pieces.size(); ++i) {
            const int index = static_cast<int>(i);
            const Mark mark = sincePrevious.count(index) ? Mark::ChangedSincePrevious
                : sinceInitial.count(index)              ? Mark::ChangedSinceInitial
                                                         : Mark::None;
            QTextCharFormat format = markFormat(mark);
            if (index < record.optimised_text_tokens) format.merge(prefixFormat());
            const QString piece = QString::fromStdString(record.reasoning_pieces[i]);
            m_tokenRanges.emplace_back(cursor.position(), static_cast<int>(piece.size()));
            cursor.insertText(piece, format);
        }
    }
    m_caption->setText(record.optimised_text_tokens > 0
                           ? (record.optimised_text_tokens == 1
                                  ? tr("Reasoning at step %1 (its first token is optimised)").arg(record.step)
                                  : tr("Reasoning at step %1 (the first %2 tokens are optimised)")
                                        .arg(record.step)
                                        .arg(record.optimised_text_tokens))
                           : tr("Reasoning at step %1").arg(record.step));
    emit viewUpdated(record.step);
}

void ReasoningView::clearText() {
    m_browser->clear();
    m_tokenRanges.clear();
    m_caption->setText(tr("Reasoning"));
}

QString ReasoningView::text() const { return m_browser->toPlainText(); }

QTextCharFormat ReasoningView::tokenFormat(int index) const {
    const auto [start, length] = tokenRange(index);
    QTextCursor cursor(m_browser->document());
    cursor.setPosition(start);
    // The format of the character after `start`: move one right (the cursor reports the format before it).
    cursor.movePosition(QTextCursor::NextCharacter, QTextCursor::KeepAnchor, std::max(1, std::min(length, 1)));
    return cursor.charFormat();
}

}  // namespace milr
