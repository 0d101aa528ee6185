// Recent items: ordering, capacity and their QSettings round trip.
#include "widgets/recent_list.h"

#include <QSettings>

namespace milr {

void RecentList::add(const QString& item) {
    if (item.trimmed().isEmpty()) return;
    m_items.removeAll(item);
    m_items.prepend(item);
    while (m_items.size() > m_capacity) m_items.removeLast();
}

void RecentList::remove(const QString& item) { m_items.removeAll(item); }

void RecentList::load(const QSettings& settings, const QString& key) {
    m_items.clear();
    const QStringList stored = settings.value(key).toStringList();
    for (auto it = stored.crbegin(); it != stored.crend(); ++it) add(*it);
}

void RecentList::save(QSettings& settings, const QString& key) const { settings.setValue(key, m_items); }

}  // namespace milr
