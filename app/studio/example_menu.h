// Run > Examples: prompts the fidelity study found MILR to fix on the embedded model with every seed it ran
// (resources/geneval-shapes/examples.json, written by tools/make-results.sh, not picked by hand). Choosing one sets
// the prompt, the method, the seed and the settings as the study ran it, and runs it; when the run ends the view
// shows the best step (in presentation mode, auto-play plays the run from its first step and ends on the best).
#pragma once
#include <QList>
#include <QObject>
#include <QString>

class QMenu;

namespace milr {

class MainWindow;
enum class RunOutcome;

class ExampleMenu : public QObject {
    Q_OBJECT
public:
    struct Example {
        QString prompt, tag, metadata, method;
        quint64 seed = 0;
        int steps = 16;
        double cfg = 5, threshold = 0.9;
        int seeds = 0, basePassed = 0, milrPassed = 0, bestOfNPassed = -1;  // over the study's seeds (-1: not run)
    };

    // Adds the Examples submenu to the window's Run menu, filled from `path` ("" = the shipped examples).
    explicit ExampleMenu(MainWindow* window, const QString& path = QString());

    // The examples of a file; an empty list and `error` set when it cannot be read.
    static QList<Example> read(const QString& path, QString* error = nullptr);
    QList<Example> examples() const { return m_examples; }
    QMenu* menu() const { return m_menu; }
    // Sets the window's settings to the example's run and starts it.
    void choose(int index);

private:
    void onRunFinished(RunOutcome outcome);

    MainWindow* m_window;
    QMenu* m_menu = nullptr;
    QList<Example> m_examples;
    bool m_exampleRunning = false;
};

}  // namespace milr
