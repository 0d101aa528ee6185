// The run's step records, the one source every live view reads from, and which step is on show.
#pragma once
#include <QObject>

#include <functional>
#include <vector>

#include "core/milr/step_record.h"

namespace milr {

// The title of the kind of run a record belongs to: "Best-of-N" for mode "best-of-n", else "MILR (<mode>)".
QString run_title(const std::string& mode);
// True for the records of a Best-of-N run (the baseline MILR is compared with).
bool is_best_of_n(const std::string& mode);

class StepModel : public QObject {
    Q_OBJECT
public:
    explicit StepModel(QObject* parent = nullptr);

    int count() const { return static_cast<int>(m_records.size()); }
    bool isEmpty() const { return m_records.empty(); }
    const StepRecord& record(int index) const { return m_records.at(static_cast<size_t>(index)); }
    const std::vector<StepRecord>& records() const { return m_records; }
    // Index of the record of step number `step`, or -1.
    int indexOfStep(int step) const;
    // Index of the highest reward (the earliest on a tie), or -1 when empty.
    int bestIndex() const;

    // The record on show: the latest one while following, else the one the user picked.
    int selectedIndex() const { return m_selected; }
    const StepRecord* selectedRecord() const;
    bool followsLatest() const { return m_followLatest; }

public slots:
    // Appends a record; while following the latest step, it becomes the selection. Emits recordAppended once.
    void appendRecord(const milr::StepRecord& record);
    // Shows step number `step` (ignored when no record has it) and stops following the latest step, unless
    // `step` is the latest one.
    void selectStep(int step);
    // Follows the latest step again.
    void followLatest();
    void clear();

signals:
    void recordAppended(int index);
    void selectionChanged(int index);
    void cleared();

private:
    std::vector<StepRecord> m_records;
    int m_selected = -1;
    bool m_followLatest = true;
};

// What a view does on its step model's signals (a handler left empty is not connected).
struct StepModelHandlers {
    std::function<void(int index)> appended;
    std::function<void(int index)> selected;
    std::function<void()> cleared;
};
// Points `view` at `model`: disconnects the view from `current` (the model it followed), sets `current` to `model`
// and connects the handlers to the new one's signals. The caller then draws the model's present state.
void attach_step_model(QObject* view, StepModel*& current, StepModel* model, const StepModelHandlers& handlers);
// The handlers of a view that shows the selected record: `show` for it (as it is appended or selected), `clear` when
// the model is cleared.
StepModelHandlers showing_selected_record(StepModel* const& model, const std::function<void(const StepRecord&)>& show,
                                          const std::function<void()>& clear);

}  // namespace milr
