// Recent items: ordering, capacity and their QSettings round trip.
#include "widgets/recent_list.h"

#include <QSettings>

namespace milr {

void RecentList::add(const QString& item) {
    if (item.trimmed().isEmpty()) return;
    m_items.removeAll(item);
    m_removed.removeAll(item);
    m_items.prepend(item);
    while (m_items.size() > m_capacity) m_items.removeLast();
}

void RecentList::remove(const QString& item) {
    if (m_items.removeAll(item) > 0 && !m_removed.contains(item)) m_removed << item;
}

void RecentList::clear() {
    for (const QString& item : m_items)
        if (!m_removed.contains(item)) m_removed << item;
    m_items.clear();
}

void RecentList::load(const QSettings& settings, const QString& key) {
    m_items.clear();
    m_removed.clear();
    const QStringList stored = settings.value(key).toStringList();
    for (auto it = stored.crbegin(); it != stored.crend(); ++it) add(*it);
}

void RecentList::save(QSettings& settings, const QString& key) const { settings.setValue(key, m_items); }

}  // namespace milr
