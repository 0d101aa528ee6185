// Writing only the changed settings and merging recent lists, for windows that share one settings file.
#include "app/studio/settings_store.h"

#include <QSettings>

#include "widgets/recent_list.h"

namespace milr {
namespace {

// Values compare as their text: the INI file gives every value back as a string (or a byte array, or a list).
QString as_text(const QVariant& value) {
    if (value.typeId() == QMetaType::QStringList) return value.toStringList().join(QChar(0x1f));
    if (value.typeId() == QMetaType::QByteArray) return QString::fromLatin1(value.toByteArray().toBase64());
    return value.toString();
}

}  // namespace

QString SettingsStore::fullKey(const QSettings& settings, const QString& key) {
    return settings.group().isEmpty() ? key : settings.group() + QLatin1Char('/') + key;
}

void SettingsStore::snapshot(const QSettings& settings) {
    m_known.clear();
    for (const QString& key : settings.allKeys()) m_known.insert(fullKey(settings, key), as_text(settings.value(key)));
}

void SettingsStore::write(QSettings& settings, const QString& key, const QVariant& value) {
    const QString full = fullKey(settings, key);
    const QString text = as_text(value);
    const auto known = m_known.constFind(full);
    if (known != m_known.constEnd() && *known == text) return;  // unchanged here: another window's value stays
    settings.setValue(key, value);
    m_known.insert(full, text);
}

void SettingsStore::writeRecent(QSettings& settings, const QString& key, const RecentList& list) {
    settings.sync();  // what other windows wrote since
    QStringList merged = list.items();
    for (const QString& item : settings.value(key).toStringList())
        if (!merged.contains(item) && !list.removed().contains(item)) merged << item;
    while (merged.size() > list.capacity()) merged.removeLast();
    settings.setValue(key, merged);
    m_known.insert(fullKey(settings, key), as_text(merged));
}

}  // namespace milr
