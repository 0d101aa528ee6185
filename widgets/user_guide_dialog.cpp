// Rendering the user guide's Markdown and keeping its links inside it.
#include "widgets/user_guide_dialog.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace milr {

UserGuideDialog::UserGuideDialog(const QString& markdownPath, QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("MILR Studio User Guide"));
    setObjectName(QStringLiteral("userGuideDialog"));
    auto* layout = new QVBoxLayout(this);
    m_browser = new QTextBrowser(this);
    m_browser->setOpenLinks(false);  // followed below: anchors within the guide only
    layout->addWidget(m_browser, 1);
    m_linkNote = new QLabel(this);
    m_linkNote->setWordWrap(true);
    m_linkNote->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_linkNote->setVisible(false);
    layout->addWidget(m_linkNote);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(820, 640);

    QFile file(markdownPath);
    if (markdownPath.isEmpty() || !file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        m_browser->setPlainText(markdownPath.isEmpty() ? tr("The user guide is not installed.")
                                                       : tr("The user guide at %1 cannot be read.").arg(markdownPath));
        return;
    }
    m_browser->setSearchPaths({QFileInfo(markdownPath).absolutePath()});  // its images
    m_browser->setMarkdown(QString::fromUtf8(file.readAll()));
    connect(m_browser, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        if (url.scheme().isEmpty() && url.path().isEmpty() && url.hasFragment()) {
            m_browser->scrollToAnchor(url.fragment());
            return;
        }
        // A link out of the guide (a web page, another file) is data: shown for the reader to copy, not opened.
        m_outsideLink = url.toString();
        m_linkNote->setText(tr("This link leads out of the guide: %1").arg(m_outsideLink));
        m_linkNote->setVisible(true);
    });
}

}  // namespace milr
