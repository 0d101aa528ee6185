// The compare view's choosers, quick choice and arrangement buttons over the compare canvas.
#include "widgets/compare_view.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

#include "core/milr/step_record.h"
#include "widgets/qt_image.h"
#include "widgets/step_model.h"

namespace milr {

CompareView::CompareView(QWidget* parent) : QWidget(parent), m_canvas(new CompareCanvas(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* row = new QHBoxLayout;
    for (int side = 0; side < 2; ++side) {
        m_choosers[side] = new QComboBox(this);
        m_choosers[side]->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        m_choosers[side]->setMinimumContentsLength(8);
        m_choosers[side]->setToolTip(side == 0 ? tr("The image on the left of the divider")
                                               : tr("The image on the right of the divider"));
        connect(m_choosers[side], &QComboBox::activated, this, [this](int) {
            m_userChose = true;
            refresh();
        });
    }
    auto* versus = new QLabel(tr("vs"), this);
    row->addWidget(m_choosers[0], 1);
    row->addWidget(versus);
    row->addWidget(m_choosers[1], 1);
    auto* quick = new QPushButton(tr("Initial vs best"), this);
    quick->setObjectName(QStringLiteral("initialVsBestButton"));
    quick->setToolTip(tr("The initial image against the step with the highest reward"));
    connect(quick, &QPushButton::clicked, this, &CompareView::chooseInitialAndBest);
    row->addWidget(quick);

    m_swipeButton = new QToolButton(this);
    m_swipeButton->setText(tr("Swipe"));
    m_swipeButton->setToolTip(tr("One image over the other: drag the divider"));
    m_sideBySideButton = new QToolButton(this);
    m_sideBySideButton->setText(tr("Side by side"));
    auto* arrangement = new QButtonGroup(this);
    for (QToolButton* button : {m_swipeButton, m_sideBySideButton}) {
        button->setCheckable(true);
        button->setAutoRaise(true);
        arrangement->addButton(button);
        row->addWidget(button);
    }
    m_swipeButton->setChecked(true);
    connect(arrangement, &QButtonGroup::buttonClicked, this, [this](QAbstractButton* button) {
        setArrangement(button == m_swipeButton ? CompareCanvas::Arrangement::Swipe
                                               : CompareCanvas::Arrangement::SideBySide);
    });
    layout->addLayout(row);
    layout->addWidget(m_canvas, 1);
    rebuildEntries();
}

void CompareView::setModels(StepModel* primary, StepModel* other) {
    for (StepModel* model : m_models)
        if (model) disconnect(model, nullptr, this, nullptr);
    m_models[0] = primary;
    m_models[1] = other;
    connectModel(primary, 0);
    connectModel(other, 1);
    m_userChose = false;
    rebuildEntries();
}

void CompareView::connectModel(StepModel* model, int source) {
    if (!model) return;
    connect(model, &StepModel::recordAppended, this, &CompareView::rebuildEntries);
    connect(model, &StepModel::cleared, this, &CompareView::rebuildEntries);
    connect(model, &StepModel::selectionChanged, this, [this, source](int index) { showStepOf(source, index); });
}

QString CompareView::titleOf(int source) const {
    const StepModel* model = m_models[source];
    return model && !model->isEmpty() ? run_title(model->record(0).mode) : QString();
}

int CompareView::entryCount() const { return m_choosers[0]->count(); }

void CompareView::rebuildEntries() {
    const Entry kept[2] = {entryAt(m_choosers[0]), entryAt(m_choosers[1])};
    const bool keep[2] = {m_choosers[0]->currentIndex() >= 0, m_choosers[1]->currentIndex() >= 0};
    // Entries name their run only when two runs can be chosen from.
    const bool named = m_models[1] && !m_models[1]->isEmpty();
    for (QComboBox* box : m_choosers) {
        box->clear();
        for (int source = 0; source < 2; ++source) {
            if (!m_models[source]) continue;
            for (const StepRecord& record : m_models[source]->records()) {
                const QString text = tr("step %1 · %2").arg(record.step).arg(record.reward, 0, 'f', 3);
                box->addItem(named ? titleOf(source) + QStringLiteral(" · ") + text : text,
                             QPoint(source, record.step));
            }
        }
    }
    if (!m_userChose) {
        chooseInitialAndBest();
        m_userChose = false;
        return;
    }
    for (int side = 0; side < 2; ++side) {
        const int entry = keep[side] ? entryOf(kept[side].source, kept[side].step) : -1;
        m_choosers[side]->setCurrentIndex(entry);
    }
    refresh();
}

int CompareView::entryOf(int source, int step) const { return m_choosers[0]->findData(QPoint(source, step)); }

CompareView::Entry CompareView::entryAt(const QComboBox* box) const {
    const QPoint data = box->currentData().toPoint();
    return Entry{data.x(), data.y()};
}

const StepRecord* CompareView::recordOf(const Entry& entry) const {
    const StepModel* model = m_models[entry.source & 1];
    if (!model) return nullptr;
    const int index = model->indexOfStep(entry.step);
    return index < 0 ? nullptr : &model->record(index);
}

const StepRecord* CompareView::chosenRecord(int side) const {
    return m_choosers[side & 1]->currentIndex() < 0 ? nullptr : recordOf(entryAt(m_choosers[side & 1]));
}

void CompareView::choose(int first, int second) {
    if (first < 0 || first >= entryCount() || second < 0 || second >= entryCount()) return;
    m_userChose = true;
    m_choosers[0]->setCurrentIndex(first);
    m_choosers[1]->setCurrentIndex(second);
    refresh();
}

void CompareView::chooseAcrossRuns(int primaryStep, int otherStep) {
    choose(entryOf(0, primaryStep), entryOf(1, otherStep));
}

void CompareView::chooseInitialAndBest() {
    m_userChose = false;
    const StepModel* primary = m_models[0];
    if (!primary || primary->isEmpty()) {
        refresh();
        return;
    }
    const int initial = entryOf(0, primary->record(0).step);
    const int best = entryOf(0, primary->record(primary->bestIndex()).step);
    m_choosers[0]->setCurrentIndex(initial);
    m_choosers[1]->setCurrentIndex(best);
    refresh();
}

void CompareView::showStepOf(int source, int index) {
    // A step picked on a timeline (or the curve) becomes the second image.
    const StepModel* model = m_models[source];
    if (!model || index < 0 || index >= model->count()) return;
    const int entry = entryOf(source, model->record(index).step);
    if (entry < 0) return;
    m_userChose = true;
    m_choosers[1]->setCurrentIndex(entry);
    refresh();
}

void CompareView::refresh() {
    const StepRecord* records[2] = {chosenRecord(0), chosenRecord(1)};
    if (!records[0] || !records[1]) {
        m_canvas->clearImages(entryCount() == 0 ? tr("Compare two steps once a run has steps.")
                                                : tr("Choose two steps to compare."));
        return;
    }
    QString captions[2];
    const bool named = m_models[1] && !m_models[1]->isEmpty();
    for (int side = 0; side < 2; ++side) {
        const Entry entry = entryAt(m_choosers[side]);
        const QString title = named ? titleOf(entry.source) + QStringLiteral(" · ") : QString();
        captions[side] =
            title + tr("step %1 · reward %2").arg(records[side]->step).arg(records[side]->reward, 0, 'f', 3);
    }
    m_canvas->setImages(to_qimage(records[0]->image), captions[0], to_qimage(records[1]->image), captions[1]);
}

void CompareView::setArrangement(CompareCanvas::Arrangement arrangement) {
    (arrangement == CompareCanvas::Arrangement::Swipe ? m_swipeButton : m_sideBySideButton)->setChecked(true);
    if (arrangement == m_canvas->arrangement()) return;
    m_canvas->setArrangement(arrangement);
    emit arrangementChanged(arrangement);
}

CompareCanvas::Arrangement CompareView::arrangement() const { return m_canvas->arrangement(); }

}  // namespace milr
