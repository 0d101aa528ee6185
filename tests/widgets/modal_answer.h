// Answers the modal message boxes a call is about to show, in order, and keeps what each one said.
#pragma once
#include <QApplication>
#include <QMessageBox>
#include <QPointer>
#include <QTimer>

#include <vector>

// Arm it before the call that shows the boxes: each armed button answers the next new box.
struct ModalAnswer {
    struct Seen {
        QString objectName, text, informative, detailed;
    };
    std::vector<Seen> seen;               // the boxes answered, in order
    QString text, informative, detailed;  // the last box answered

    void arm(QMessageBox::StandardButton button) { armAll({button}); }
    void armAll(std::vector<QMessageBox::StandardButton> buttons) {
        m_buttons = std::move(buttons);
        m_next = 0;
        QTimer::singleShot(0, [this] { answer(); });
    }
    bool answeredAll() const { return m_next == m_buttons.size(); }

private:
    void answer() {
        if (answeredAll()) return;
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box || box == m_last) {
            QTimer::singleShot(20, [this] { answer(); });
            return;
        }
        m_last = box;
        text = box->text();
        informative = box->informativeText();
        detailed = box->detailedText();
        seen.push_back({box->objectName(), text, informative, detailed});
        box->done(m_buttons[m_next++]);
        if (!answeredAll()) QTimer::singleShot(20, [this] { answer(); });
    }
    std::vector<QMessageBox::StandardButton> m_buttons;
    size_t m_next = 0;
    QPointer<QMessageBox> m_last;
};
