// Help > Keyboard Shortcuts: a table of every action of a window that has a shortcut, found when the dialog opens
// (so actions added by any part of the application are listed).
#pragma once
#include <QDialog>
#include <QList>
#include <QPair>

class QTableWidget;

namespace milr {

class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    explicit ShortcutsDialog(QWidget* window, QWidget* parent = nullptr);

    // (action text without mnemonics, its shortcuts in the platform's words) for each action of `window` that has
    // a shortcut, ordered by the action's text.
    static QList<QPair<QString, QString>> shortcutRows(const QWidget* window);

    QTableWidget* table() const { return m_table; }

private:
    QTableWidget* m_table = nullptr;
};

}  // namespace milr
