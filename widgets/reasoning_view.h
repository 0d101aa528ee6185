// The reasoning text of a step, with the tokens changed since the initial text and since the previous step
// highlighted in two styles and the optimised prefix underlined; a legend explains the marks.
#pragma once
#include <QTextCharFormat>
#include <QWidget>

#include <utility>
#include <vector>

class QTextBrowser;
class QLabel;

namespace milr {

class StepModel;
struct StepRecord;

class ReasoningView : public QWidget {
    Q_OBJECT
public:
    enum class Mark { None = 0, ChangedSinceInitial = 1, ChangedSincePrevious = 2 };

    explicit ReasoningView(QWidget* parent = nullptr);

    void setModel(StepModel* model);
    void showRecord(const StepRecord& record);
    void clearText();

    QString text() const;
    int tokenCount() const { return static_cast<int>(m_tokenRanges.size()); }
    // Character range [start, start + length) of token `index` in the shown text.
    std::pair<int, int> tokenRange(int index) const { return m_tokenRanges.at(static_cast<size_t>(index)); }
    // The character format the document holds at the first character of token `index`.
    QTextCharFormat tokenFormat(int index) const;

    // The formats of each mark (a token changed since the previous step is also changed since the initial text;
    // the stronger mark wins). The optimised prefix is underlined on top of either.
    static QTextCharFormat markFormat(Mark mark);
    static QTextCharFormat prefixFormat();

signals:
    void viewUpdated(int step);

private:
    void refreshFromModel();

    StepModel* m_model = nullptr;
    QTextBrowser* m_browser = nullptr;
    QLabel* m_caption = nullptr;
    std::vector<std::pair<int, int>> m_tokenRanges;
};

}  // namespace milr
