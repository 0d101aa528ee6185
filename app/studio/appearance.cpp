// Theme and text size: the settings, the palettes, the application font and the View menu entries.
#include "app/studio/appearance.h"

#include <QActionGroup>
#include <QApplication>
#include <QMenu>
#include <QPalette>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

#include <algorithm>

namespace milr {
namespace {

constexpr char kThemeKey[] = "appearance/theme";
constexpr char kTextSizeKey[] = "appearance/textSize";

// What the application started with: the platform's style, palette and font, so System and 100% restore them.
struct Startup {
    QString style;
    QPalette palette;
    QFont font;
    bool recorded = false;
};
Startup& startup() {
    static Startup s;
    if (!s.recorded && qApp) {
        s.style = QApplication::style()->name();
        s.palette = QApplication::palette();
        s.font = QApplication::font();
        s.recorded = true;
    }
    return s;
}

QPalette dark_palette() {
    QPalette p;
    const QColor window(45, 45, 48), base(30, 30, 32), text(230, 230, 230), disabled(130, 130, 130);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabled);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(255, 90, 90));
    p.setColor(QPalette::Link, QColor(100, 170, 255));
    p.setColor(QPalette::Highlight, QColor(60, 120, 200));
    p.setColor(QPalette::HighlightedText, Qt::white);
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    return p;
}

QString theme_name(Theme theme) {
    switch (theme) {
        case Theme::Light:
            return QStringLiteral("light");
        case Theme::Dark:
            return QStringLiteral("dark");
        case Theme::System:
            break;
    }
    return QStringLiteral("system");
}

}  // namespace

Theme themeSetting() {
    const QString value = QSettings().value(QLatin1String(kThemeKey)).toString();
    if (value == QLatin1String("light")) return Theme::Light;
    if (value == QLatin1String("dark")) return Theme::Dark;
    return Theme::System;
}

void setThemeSetting(Theme theme) { QSettings().setValue(QLatin1String(kThemeKey), theme_name(theme)); }

int textSizeSetting() {
    const int value = QSettings().value(QLatin1String(kTextSizeKey), 100).toInt();
    return std::find(std::begin(kTextSizes), std::end(kTextSizes), value) != std::end(kTextSizes) ? value : 100;
}

void setTextSizeSetting(int percent) { QSettings().setValue(QLatin1String(kTextSizeKey), percent); }

void applyAppearance(Theme theme, int textSizePercent) {
    const Startup& s = startup();
    if (theme == Theme::System) {
        QApplication::setStyle(QStyleFactory::create(s.style));
        QApplication::setPalette(s.palette);
    } else {
        // Fusion draws every widget from the palette, so a light or dark choice holds on any desktop.
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(theme == Theme::Dark ? dark_palette() : QApplication::style()->standardPalette());
    }
    QFont font = s.font;
    const double base = s.font.pointSizeF() > 0 ? s.font.pointSizeF() : 10.0;
    font.setPointSizeF(base * textSizePercent / 100.0);
    QApplication::setFont(font);
}

void applyStoredAppearance() {
    startup();  // the platform's look, before anything changes it
    if (themeSetting() != Theme::System || textSizeSetting() != 100) applyAppearance(themeSetting(), textSizeSetting());
}

bool addAppearanceMenus(QWidget* window) {
    auto* view = window->findChild<QMenu*>(QStringLiteral("viewMenu"));
    if (!view) return false;
    view->addSeparator();
    QMenu* themes = view->addMenu(QApplication::translate("milr::Appearance", "&Theme"));
    themes->setObjectName(QStringLiteral("themeMenu"));
    auto* themeGroup = new QActionGroup(themes);
    const std::pair<Theme, const char*> themeChoices[] = {
        {Theme::System, QT_TRANSLATE_NOOP("milr::Appearance", "&System")},
        {Theme::Light, QT_TRANSLATE_NOOP("milr::Appearance", "&Light")},
        {Theme::Dark, QT_TRANSLATE_NOOP("milr::Appearance", "&Dark")}};
    for (const auto& [theme, label] : themeChoices) {
        QAction* action = themes->addAction(QApplication::translate("milr::Appearance", label));
        action->setObjectName(QStringLiteral("theme-") + theme_name(theme));
        action->setCheckable(true);
        action->setChecked(themeSetting() == theme);
        themeGroup->addAction(action);
        QObject::connect(action, &QAction::triggered, window, [theme = theme] {
            setThemeSetting(theme);
            applyAppearance(theme, textSizeSetting());
        });
    }
    QMenu* sizes = view->addMenu(QApplication::translate("milr::Appearance", "Te&xt size"));
    sizes->setObjectName(QStringLiteral("textSizeMenu"));
    auto* sizeGroup = new QActionGroup(sizes);
    for (int percent : kTextSizes) {
        QAction* action = sizes->addAction(QStringLiteral("%1%").arg(percent));
        action->setObjectName(QStringLiteral("textSize-%1").arg(percent));
        action->setCheckable(true);
        action->setChecked(textSizeSetting() == percent);
        sizeGroup->addAction(action);
        QObject::connect(action, &QAction::triggered, window, [percent] {
            setTextSizeSetting(percent);
            applyAppearance(themeSetting(), percent);
        });
    }
    return true;
}

}  // namespace milr
