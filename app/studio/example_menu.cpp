// The Examples submenu: reading the study's examples file and running an example as the study did.
#include "app/studio/example_menu.h"

#include <QFile>

#include <algorithm>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>

#include "app/studio/engine_controller.h"
#include "app/studio/engine_session.h"
#include "app/studio/main_window.h"
#include "app/studio/run_request.h"
#include "core/session/bench_method.h"
#include "widgets/step_model.h"

namespace milr {

ExampleMenu::ExampleMenu(MainWindow* window, const QString& path) : QObject(window), m_window(window) {
    const QString file = path.isEmpty() ? QString::fromStdString(EngineSession::examples_path()) : path;
    QString error;
    m_examples = file.isEmpty() ? QList<Example>{} : read(file, &error);
    m_menu = new QMenu(tr("&Examples"), window);
    m_menu->setObjectName(QStringLiteral("examplesMenu"));
    m_menu->setToolTipsVisible(true);
    for (int i = 0; i < m_examples.size(); ++i) {
        const Example& e = m_examples[i];
        QAction* action = m_menu->addAction(tr("%1 — %2 (base %3/%5, MILR %4/%5)")
                                                .arg(e.prompt, e.tag)
                                                .arg(e.basePassed)
                                                .arg(e.milrPassed)
                                                .arg(e.seeds));
        action->setToolTip(tr("Failed without MILR and passed with it with each of the study's %1 seeds; "
                              "seed %2, %3 steps, %4")
                               .arg(e.seeds)
                               .arg(e.seed)
                               .arg(e.steps)
                               .arg(e.method));
        connect(action, &QAction::triggered, this, [this, i] { choose(i); });
    }
    if (m_examples.isEmpty()) {
        QAction* none = m_menu->addAction(error.isEmpty() ? tr("No examples shipped") : tr("Examples unreadable"));
        none->setToolTip(error);
        none->setEnabled(false);
    }
    if (QMenu* run = window->runMenu()) {
        run->addSeparator();
        run->addMenu(m_menu);
    }
    connect(window->controller(), &EngineController::runFinished, this,
            [this](RunOutcome outcome, const QString&) { onRunFinished(outcome); });
}

QList<ExampleMenu::Example> ExampleMenu::read(const QString& path, QString* error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error) *error = tr("%1 cannot be read").arg(path);
        return {};
    }
    QJsonParseError parse{};
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parse);
    if (!document.isObject()) {
        if (error) *error = tr("%1 is not JSON: %2").arg(path, parse.errorString());
        return {};
    }
    QList<Example> examples;
    for (const QJsonValue& value : document.object().value(QStringLiteral("examples")).toArray()) {
        const QJsonObject o = value.toObject();
        Example e;
        e.prompt = o.value(QStringLiteral("prompt")).toString();
        e.method = o.value(QStringLiteral("method")).toString();
        // A file is data: an example names a prompt and one of the bench's methods, nothing to run or open.
        if (e.prompt.trimmed().isEmpty() || !is_bench_method(e.method.toStdString()) ||
            bench_method(e.method.toStdString()).generates_only)
            continue;
        e.tag = o.value(QStringLiteral("tag")).toString();
        e.metadata = o.value(QStringLiteral("metadata")).toString();
        e.seed = static_cast<quint64>(std::max(0.0, o.value(QStringLiteral("seed")).toDouble()));
        e.steps = o.value(QStringLiteral("steps")).toInt(16);
        e.cfg = o.value(QStringLiteral("cfg")).toDouble(5);
        e.threshold = o.value(QStringLiteral("threshold")).toDouble(0.9);
        e.seeds = o.value(QStringLiteral("seeds")).toInt();
        e.basePassed = o.value(QStringLiteral("base_passed")).toInt();
        e.milrPassed = o.value(QStringLiteral("milr_passed")).toInt();
        e.bestOfNPassed = o.value(QStringLiteral("best_of_n_passed")).toInt(-1);
        examples << e;
    }
    return examples;
}

void ExampleMenu::choose(int index) {
    if (index < 0 || index >= m_examples.size() || m_window->isRunning()) return;
    const Example& e = m_examples[index];
    RunDescription run = m_window->runDescription();
    run.milr.prompt = e.prompt.toStdString();
    bench_method(e.method.toStdString()).apply(run.milr);
    run.milr.seed = e.seed;
    run.milr.steps = e.steps;
    run.milr.cfg_weight = e.cfg;
    run.milr.reward_threshold = e.threshold;
    run.reward.kind = RewardKind::judge;
    run.reward.metadata_given = !e.metadata.isEmpty();
    run.reward.metadata_json = e.metadata.toStdString();
    run.model.folder.clear();  // the study's model: the embedded one
    m_window->setRunDescription(clamped(run));
    m_exampleRunning = true;
    m_window->startRun();
}

void ExampleMenu::onRunFinished(RunOutcome) {
    if (!m_exampleRunning) return;
    m_exampleRunning = false;
    StepModel* model = m_window->stepModel();
    if (model->isEmpty()) return;
    // Presenting, auto-play shows the run again from its first step and ends on the best; otherwise the best at once.
    model->selectStep(model->record(m_window->isPresenting() ? 0 : model->bestIndex()).step);
}

}  // namespace milr
