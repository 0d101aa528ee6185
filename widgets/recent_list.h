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
    void clear() { m_items.clear(); }
    const QStringList& items() const { return m_items; }

    // Stored under `key` of the settings' current group.
    void load(const QSettings& settings, const QString& key);
    void save(QSettings& settings, const QString& key) const;

private:
    int m_capacity;
    QStringList m_items;
};

}  // namespace milr
