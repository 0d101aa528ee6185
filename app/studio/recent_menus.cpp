// The recent prompts and model folders as menus, rebuilt whenever a list changes.
#include "app/studio/recent_menus.h"

#include <QDir>
#include <QMenu>
#include <QMessageBox>
#include <QToolButton>

#include "app/studio/settings_store.h"

namespace milr {
namespace {

// A menu entry for a free text: one line, elided, with its ampersands kept literal.
QString menu_text(const QWidget* widget, const QString& text) {
    QString line = text.simplified();
    line = widget->fontMetrics().elidedText(line, Qt::ElideRight, 420);
    return line.replace(QLatin1Char('&'), QStringLiteral("&&"));
}

}  // namespace

RecentMenus::RecentMenus(QToolButton* promptsButton, QMenu* modelsMenu, QWidget* dialogParent)
    : QObject(dialogParent), m_promptsButton(promptsButton), m_modelsMenu(modelsMenu), m_dialogParent(dialogParent) {
    m_promptsButton->setMenu(new QMenu(m_promptsButton));
    rebuild();
}

void RecentMenus::rememberPrompt(const QString& prompt) {
    m_prompts.add(prompt.trimmed());
    rebuild();
}

void RecentMenus::rememberModelFolder(const QString& folder) {
    m_models.add(folder);
    rebuild();
}

void RecentMenus::load(const QSettings& settings) {
    m_prompts.load(settings, QStringLiteral("prompts"));
    m_models.load(settings, QStringLiteral("modelFolders"));
    rebuild();
}

void RecentMenus::save(QSettings& settings, SettingsStore& store) const {
    store.writeRecent(settings, QStringLiteral("prompts"), m_prompts);
    store.writeRecent(settings, QStringLiteral("modelFolders"), m_models);
}

void RecentMenus::rebuild() {
    QMenu* prompts = m_promptsButton->menu();
    prompts->clear();
    for (const QString& prompt : m_prompts.items()) {
        QAction* action = prompts->addAction(menu_text(m_promptsButton, prompt));
        action->setToolTip(prompt);
        connect(action, &QAction::triggered, this, [this, prompt] { emit promptChosen(prompt); });
    }
    m_promptsButton->setEnabled(!m_prompts.items().isEmpty());

    m_modelsMenu->clear();
    for (const QString& folder : m_models.items()) {
        QAction* action = m_modelsMenu->addAction(menu_text(m_modelsMenu, QDir::toNativeSeparators(folder)));
        action->setToolTip(folder);
        connect(action, &QAction::triggered, this, [this, folder] {
            if (!QDir(folder).exists()) {
                QMessageBox::warning(m_dialogParent, tr("Open model folder"),
                                     tr("The folder %1 no longer exists; it is taken off the list.").arg(folder));
                m_models.remove(folder);
                rebuild();
                return;
            }
            emit modelFolderChosen(folder);
        });
    }
    if (!m_models.items().isEmpty()) {
        m_modelsMenu->addSeparator();
        connect(m_modelsMenu->addAction(tr("&Clear the list")), &QAction::triggered, this, [this] {
            m_models.clear();
            rebuild();
        });
    }
    m_modelsMenu->setEnabled(!m_models.items().isEmpty());
}

}  // namespace milr
