// The user guide inside the app: the Markdown file rendered by Qt (no browser needed), with its images, and its
// links followed only within the guide (a link elsewhere is shown, never opened).
#pragma once
#include <QDialog>

class QLabel;
class QTextBrowser;

namespace milr {

class UserGuideDialog : public QDialog {
    Q_OBJECT
public:
    // `markdownPath` empty or unreadable: the dialog says the guide is not installed.
    explicit UserGuideDialog(const QString& markdownPath, QWidget* parent = nullptr);

    QTextBrowser* browser() const { return m_browser; }
    // The address of the last link that leads out of the guide ("" when none was clicked).
    QString lastOutsideLink() const { return m_outsideLink; }

private:
    QTextBrowser* m_browser = nullptr;
    QLabel* m_linkNote = nullptr;
    QString m_outsideLink;
};

}  // namespace milr
