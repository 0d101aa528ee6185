// Checking the prompt against the shapes world's vocabulary while it is typed.
#include "app/studio/prompt_hint.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTimer>

#include "core/world/prompt_parser.h"

namespace milr {

// Underlines the unknown words (whole words, any case) with a red wave.
class UnknownWordHighlighter : public QSyntaxHighlighter {
public:
    using QSyntaxHighlighter::QSyntaxHighlighter;
    void setWords(const QStringList& words) {
        if (words == m_words) return;
        m_words = words;
        rehighlight();
    }

protected:
    void highlightBlock(const QString& text) override {
        QTextCharFormat wave;
        wave.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        wave.setUnderlineColor(QColor(220, 50, 50));
        for (const QString& word : m_words) {
            const QRegularExpression whole(QStringLiteral("\\b%1\\b").arg(QRegularExpression::escape(word)),
                                           QRegularExpression::CaseInsensitiveOption);
            for (auto it = whole.globalMatch(text); it.hasNext();) {
                const QRegularExpressionMatch match = it.next();
                setFormat(static_cast<int>(match.capturedStart()), static_cast<int>(match.capturedLength()), wave);
            }
        }
    }

private:
    QStringList m_words;
};

PromptHint::PromptHint(QPlainTextEdit* edit, QLabel* hint)
    : QObject(edit),
      m_edit(edit),
      m_hint(hint),
      m_timer(new QTimer(this)),
      m_highlighter(new UnknownWordHighlighter(edit->document())) {
    m_timer->setSingleShot(true);
    m_timer->setInterval(250);
    connect(m_timer, &QTimer::timeout, this, &PromptHint::check);
    connect(m_edit, &QPlainTextEdit::textChanged, m_timer, qOverload<>(&QTimer::start));
}

void PromptHint::setJudgeParsesPrompt(bool parses) {
    if (parses == m_judgeParses) return;
    m_judgeParses = parses;
    check();
}

void PromptHint::setShownPrompt(const QString& prompt) {
    m_shownPrompt = prompt;
    check();
}

void PromptHint::check() {
    m_timer->stop();
    const QString prompt = m_edit->toPlainText().trimmed();
    m_unknown.clear();
    QStringList lines;
    if (m_judgeParses && !prompt.isEmpty()) {
        const world::PromptParse parse = world::parse_prompt(prompt.toStdString());
        for (const std::string& word : parse.unknown_words) m_unknown << QString::fromStdString(word);
        if (!m_unknown.isEmpty()) {
            QStringList guesses;
            for (const auto& [word, near] : parse.suggestions)
                guesses
                    << tr("“%1”: did you mean “%2”?").arg(QString::fromStdString(word), QString::fromStdString(near));
            lines << tr("The GenEval-Shapes judge does not know %1.").arg(tr("“%1”").arg(m_unknown.join(tr("”, “"))));
            if (!guesses.isEmpty()) lines << guesses.join(QLatin1Char(' '));
        } else if (!parse.ok()) {
            // Words it knows, in an order it cannot read (or another script): its own explanation is the hint.
            lines << tr(
                "The GenEval-Shapes judge cannot read this prompt yet: it understands prompts such as "
                "“two red circles left of a blue square”.");
        }
    }
    if (!m_shownPrompt.isEmpty() && !prompt.isEmpty() && prompt != m_shownPrompt)
        lines << tr("The steps on show are of “%1”; Run draws the prompt above.").arg(m_shownPrompt.toHtmlEscaped());
    m_highlighter->setWords(m_unknown);
    m_hint->setText(lines.join(QStringLiteral("<br>")));
    m_hint->setVisible(!lines.isEmpty());
}

QString PromptHint::hintText() const { return m_hint->isHidden() ? QString() : m_hint->text(); }

}  // namespace milr
