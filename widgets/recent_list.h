// A most-recent-first list of strings without repeats (recent prompts, recent model folders), kept in QSettings.
#pragma once
#include <QStringList>

class QSettings;

namespace milr {

class RecentList {
public:
    explicit RecentList(int capacity) : m_capacity(capacity) {}

    // Puts `item` first (moving it when present); empty items are ignored; the oldest beyond the capacity go.
    void add(const QString& item);
    void remove(const QString& item);
    void clear();
    const QStringList& items() const { return m_items; }
    // The items removed (or cleared) since the list was loaded and not added again: another window's copy of the
    // list must not bring them back.
    const QStringList& removed() const { return m_removed; }
    int capacity() const { return m_capacity; }

    // Stored under `key` of the settings' current group.
    void load(const QSettings& settings, const QString& key);
    void save(QSettings& settings, const QString& key) const;

private:
    int m_capacity;
    QStringList m_items;
    QStringList m_removed;
};

}  // namespace milr
