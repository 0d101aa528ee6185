// The studio's settings file as several running windows share it: each writes back only what it changed since it
// read the file, and recent lists are merged, so two windows closed one after the other keep each other's changes.
#pragma once
#include <QHash>
#include <QString>
#include <QVariant>

class QSettings;

namespace milr {

class RecentList;

class SettingsStore {
public:
    // Reads the whole settings file as it is now: the values this window starts from.
    void snapshot(const QSettings& settings);

    // Writes `value` under `key` of the settings' current group when it differs from what this window read (or
    // last wrote) there; a value this window left alone keeps whatever another window wrote since.
    void write(QSettings& settings, const QString& key, const QVariant& value);

    // The list under `key`: this window's items first, then the items stored there now that this window neither
    // has nor removed, up to the list's capacity.
    void writeRecent(QSettings& settings, const QString& key, const RecentList& list);

private:
    static QString fullKey(const QSettings& settings, const QString& key);
    QHash<QString, QString> m_known;  // full key -> the value as text, as read or last written
};

}  // namespace milr
