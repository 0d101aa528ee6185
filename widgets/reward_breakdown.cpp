// The reward breakdown panel: a caption, a table of components with a bar per value, the judge's reasons.
#include "widgets/reward_breakdown.h"

#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QScrollArea>
#include <QTableWidget>
#include <QVBoxLayout>

#include "widgets/step_model.h"

namespace milr {

RewardBreakdown::RewardBreakdown(QWidget* parent) : QWidget(parent) {
    // One scroll area for the caption, the table (as tall as its rows) and the reasons: a short panel scrolls as a
    // whole instead of cutting the reasons off.
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    outer->addWidget(scroll);
    auto* content = new QWidget(scroll);
    scroll->setWidget(content);
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 4, 0);
    layout->setSpacing(2);
    m_caption = new QLabel(this);
    m_caption->setWordWrap(true);
    layout->addWidget(m_caption);
    m_components = new QTableWidget(0, 3, this);
    m_components->setHorizontalHeaderLabels({tr("Part of the reward"), tr("Value"), tr("Weight")});
    m_components->verticalHeader()->setVisible(false);
    m_components->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_components->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Fixed);
    m_components->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_components->horizontalHeader()->resizeSection(1, 110);
    m_components->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_components->setSelectionMode(QAbstractItemView::NoSelection);
    m_components->setFocusPolicy(Qt::NoFocus);
    m_components->verticalHeader()->setDefaultSectionSize(m_components->fontMetrics().height() + 6);
    m_components->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_components->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    layout->addWidget(m_components);
    m_reasons = new QLabel(this);
    m_reasons->setWordWrap(true);
    m_reasons->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_reasons);
    layout->addStretch(1);
    clearRecord();
}

void RewardBreakdown::setModel(StepModel* model) {
    attach_step_model(this, m_model, model,
                      showing_selected_record(
                          m_model, [this](const StepRecord& r) { showRecord(r); }, [this] { clearRecord(); }));
    if (const StepRecord* record = m_model ? m_model->selectedRecord() : nullptr) showRecord(*record);
}

void RewardBreakdown::showRecord(const StepRecord& record) {
    m_caption->setText(tr("<b>Reward of step %1</b>: %2, %3")
                           .arg(record.step)
                           .arg(record.reward, 0, 'f', 3)
                           .arg(record.passed ? tr("passed") : tr("not passed")));
    m_components->setRowCount(static_cast<int>(record.reward_breakdown.size()));
    for (int row = 0; row < m_components->rowCount(); ++row) {
        const RewardComponent& component = record.reward_breakdown[static_cast<size_t>(row)];
        m_components->setItem(row, 0, new QTableWidgetItem(QString::fromStdString(component.name)));
        auto* bar = new QProgressBar(m_components);
        bar->setRange(0, 1000);
        bar->setValue(static_cast<int>(component.value * 1000.0 + 0.5));
        bar->setFormat(QString::number(component.value, 'f', 3));
        bar->setTextVisible(true);
        m_components->setCellWidget(row, 1, bar);
        m_components->setItem(row, 2, new QTableWidgetItem(QString::number(component.weight, 'g', 3)));
    }
    m_components->setVisible(m_components->rowCount() > 0);
    m_components->setFixedHeight(m_components->horizontalHeader()->sizeHint().height() +
                                 m_components->rowCount() * m_components->verticalHeader()->defaultSectionSize() + 4);
    QStringList reasons;
    for (const std::string& reason : record.reward_reasons)
        reasons << QStringLiteral("• ") + QString::fromStdString(reason).toHtmlEscaped();
    m_reasons->setText(reasons.isEmpty()
                           ? (record.passed ? tr("Every check passed.") : QString())
                           : tr("<i>The judge's reasons:</i><br>") + reasons.join(QStringLiteral("<br>")));
}

void RewardBreakdown::clearRecord() {
    m_caption->setText(tr("The reward of the step on show, part by part, appears here."));
    m_components->setRowCount(0);
    m_components->setVisible(false);
    m_reasons->clear();
}

QString RewardBreakdown::caption() const { return m_caption->text(); }
int RewardBreakdown::componentCount() const { return m_components->rowCount(); }

QString RewardBreakdown::componentText(int row) const {
    const auto* bar = qobject_cast<const QProgressBar*>(m_components->cellWidget(row, 1));
    return m_components->item(row, 0)->text() + QLatin1Char(' ') + (bar ? bar->text() : QString()) + QLatin1Char(' ') +
        m_components->item(row, 2)->text();
}

QString RewardBreakdown::reasonsText() const { return m_reasons->text(); }

}  // namespace milr
