// Restoring and saving the main window's choices through SettingsStore.
#include "app/studio/window_state.h"

#include <QScreen>
#include <QSettings>

#include "app/studio/main_window.h"
#include "app/studio/presentation_mode.h"
#include "app/studio/recent_menus.h"
#include "ui_mainwindow.h"
#include "widgets/compare_view.h"
#include "widgets/run_settings.h"

namespace milr {
namespace {

QString compare_arrangement_name(CompareCanvas::Arrangement arrangement) {
    return arrangement == CompareCanvas::Arrangement::SideBySide ? QStringLiteral("side-by-side")
                                                                 : QStringLiteral("swipe");
}

}  // namespace

void fit_into_screen(QWidget* window) {
    const QRect available = window->screen() ? window->screen()->availableGeometry() : QRect();
    if (available.isEmpty()) return;
    const QSize fitted = window->size().boundedTo(available.size()).expandedTo(window->minimumSizeHint());
    if (fitted != window->size()) window->resize(fitted);
    if (!available.contains(QRect(window->pos(), fitted))) window->move(available.topLeft());
}

void WindowState::restore() {
    QSettings settings;
    m_store.snapshot(settings);
    settings.beginGroup(QStringLiteral("run"));
    m_window->setRunDescription(load_run_description(settings));
    settings.endGroup();
    settings.beginGroup(QStringLiteral("window"));
    m_window->restoreGeometry(settings.value(QStringLiteral("geometry")).toByteArray());
    fit_into_screen(m_window);  // the first start (the form's size), or a layout saved on a larger screen
    for (QSplitter* splitter : {m_ui->mainSplitter, m_ui->viewSplitter, m_ui->topSplitter, m_ui->plotSplitter})
        splitter->restoreState(settings.value(splitter->objectName()).toByteArray());
    m_ui->parameterPanel->setAdvancedVisible(settings.value(QStringLiteral("advanced"), false).toBool());
    m_ui->researchAction->setChecked(settings.value(QStringLiteral("research"), true).toBool());
    for (QCheckBox* layer : {m_ui->gridCheck, m_ui->prefixCheck, m_ui->initialCheck, m_ui->previousCheck})
        layer->setChecked(settings.value(layer->objectName(), layer->isChecked()).toBool());
    m_window->setCompareMode(settings.value(QStringLiteral("compare"), false).toBool());
    m_ui->compareView->setArrangement(settings.value(QStringLiteral("compareArrangement")).toString() ==
                                              QLatin1String("side-by-side")
                                          ? CompareCanvas::Arrangement::SideBySide
                                          : CompareCanvas::Arrangement::Swipe);
    m_ui->compareView->canvas()->setDivider(settings.value(QStringLiteral("compareDivider"), 0.5).toDouble());
    settings.endGroup();
    settings.beginGroup(QStringLiteral("presentation"));
    m_presentation->setPace(settings.value(QStringLiteral("pace"), 1000).toInt());
    m_ui->autoPlayAction->setChecked(settings.value(QStringLiteral("autoPlay"), true).toBool());
    settings.endGroup();
    settings.beginGroup(QStringLiteral("recent"));
    m_recent->load(settings);
    settings.endGroup();
}

void WindowState::save() {
    // Only what this window changed since it read the file is written, and the recent lists are merged: another
    // window of the studio closed before this one keeps its changes (SettingsStore).
    QSettings settings;  // reads the file as it is now
    SettingsStore& store = m_store;
    settings.beginGroup(QStringLiteral("run"));
    const QVariantMap run = run_description_settings(m_window->runDescription());
    for (auto it = run.begin(); it != run.end(); ++it) store.write(settings, it.key(), it.value());
    settings.endGroup();
    settings.beginGroup(QStringLiteral("window"));
    store.write(settings, QStringLiteral("geometry"), m_window->saveGeometry());
    for (QSplitter* splitter : {m_ui->mainSplitter, m_ui->viewSplitter, m_ui->topSplitter, m_ui->plotSplitter})
        store.write(settings, splitter->objectName(), splitter->saveState());
    store.write(settings, QStringLiteral("advanced"), m_ui->parameterPanel->isAdvancedVisible());
    store.write(settings, QStringLiteral("research"), m_ui->researchAction->isChecked());
    for (QCheckBox* layer : {m_ui->gridCheck, m_ui->prefixCheck, m_ui->initialCheck, m_ui->previousCheck})
        store.write(settings, layer->objectName(), layer->isChecked());
    store.write(settings, QStringLiteral("compare"), m_window->isCompareMode());
    store.write(settings, QStringLiteral("compareArrangement"),
                compare_arrangement_name(m_ui->compareView->arrangement()));
    store.write(settings, QStringLiteral("compareDivider"), m_ui->compareView->canvas()->divider());
    settings.endGroup();
    settings.beginGroup(QStringLiteral("presentation"));
    store.write(settings, QStringLiteral("pace"), m_presentation->pace());
    store.write(settings, QStringLiteral("autoPlay"), m_ui->autoPlayAction->isChecked());
    settings.endGroup();
    settings.beginGroup(QStringLiteral("recent"));
    m_recent->save(settings, store);
    settings.endGroup();
}

}  // namespace milr
