// The prompt checked as it is typed: words the GenEval-Shapes judge does not know are underlined, with the nearest
// known word offered ("did you mean green?"), and a note when the steps on show are of another prompt.
#pragma once
#include <QObject>
#include <QString>

class QLabel;
class QPlainTextEdit;
class QTimer;

namespace milr {

class UnknownWordHighlighter;

class PromptHint : public QObject {
    Q_OBJECT
public:
    PromptHint(QPlainTextEdit* edit, QLabel* hint);

    // Whether the chosen reward reads the prompt with the judge's parser (the judge, with its metadata taken from
    // the prompt); only then are unknown words marked.
    void setJudgeParsesPrompt(bool parses);
    // The prompt of the steps on show ("" when none): a different prompt in the box is pointed out.
    void setShownPrompt(const QString& prompt);
    // Checks now (normally 250 ms after the last keystroke).
    void check();

    QStringList unknownWords() const { return m_unknown; }
    QString hintText() const;

private:
    QPlainTextEdit* m_edit;
    QLabel* m_hint;
    QTimer* m_timer;
    UnknownWordHighlighter* m_highlighter;
    bool m_judgeParses = true;
    QString m_shownPrompt;
    QStringList m_unknown;
};

}  // namespace milr
