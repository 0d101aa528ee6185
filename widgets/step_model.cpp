// The run's step records and the selection shared by the live views.
#include "widgets/step_model.h"

namespace milr {

bool is_best_of_n(const std::string& mode) { return mode == "best-of-n"; }

QString run_title(const std::string& mode) {
    if (is_best_of_n(mode)) return StepModel::tr("Best-of-N");
    return mode.empty() ? StepModel::tr("MILR") : StepModel::tr("MILR (%1)").arg(QString::fromStdString(mode));
}

StepModel::StepModel(QObject* parent) : QObject(parent) {}

int StepModel::indexOfStep(int step) const {
    for (size_t i = 0; i < m_records.size(); ++i)
        if (m_records[i].step == step) return static_cast<int>(i);
    return -1;
}

int StepModel::bestIndex() const {
    int best = -1;
    for (size_t i = 0; i < m_records.size(); ++i)
        if (best < 0 || m_records[i].reward > m_records[static_cast<size_t>(best)].reward) best = static_cast<int>(i);
    return best;
}

const StepRecord* StepModel::selectedRecord() const {
    if (m_selected < 0 || m_selected >= count()) return nullptr;
    return &m_records[static_cast<size_t>(m_selected)];
}

void StepModel::appendRecord(const StepRecord& record) {
    m_records.push_back(record);
    if (m_followLatest || m_selected < 0) m_selected = count() - 1;
    emit recordAppended(count() - 1);
}

void StepModel::selectStep(int step) {
    const int index = indexOfStep(step);
    if (index < 0) return;
    m_followLatest = index == count() - 1;
    if (index == m_selected) return;
    m_selected = index;
    emit selectionChanged(index);
}

void StepModel::followLatest() {
    m_followLatest = true;
    if (!isEmpty() && m_selected != count() - 1) {
        m_selected = count() - 1;
        emit selectionChanged(m_selected);
    }
}

void StepModel::clear() {
    m_records.clear();
    m_selected = -1;
    m_followLatest = true;
    emit cleared();
}

void attach_step_model(QObject* view, StepModel*& current, StepModel* model, const StepModelHandlers& handlers) {
    if (current) QObject::disconnect(current, nullptr, view, nullptr);
    current = model;
    if (!model) return;
    if (handlers.appended) QObject::connect(model, &StepModel::recordAppended, view, handlers.appended);
    if (handlers.selected) QObject::connect(model, &StepModel::selectionChanged, view, handlers.selected);
    if (handlers.cleared) QObject::connect(model, &StepModel::cleared, view, handlers.cleared);
}

StepModelHandlers showing_selected_record(StepModel* const& model, const std::function<void(const StepRecord&)>& show,
                                          const std::function<void()>& clear) {
    auto refresh = [&model, show] {
        if (const StepRecord* record = model ? model->selectedRecord() : nullptr) show(*record);
    };
    StepModelHandlers handlers;
    handlers.appended = [&model, refresh](int index) {
        if (model && index == model->selectedIndex()) refresh();
    };
    handlers.selected = [refresh](int) { refresh(); };
    handlers.cleared = clear;
    return handlers;
}

}  // namespace milr
