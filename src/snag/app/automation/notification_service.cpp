#include <snag/app/automation/notification_service.hpp>

namespace snag {

NotificationService::NotificationService(Store& store, const Clock& clock) : m_store(store), m_clock(clock) {}

Result<NotificationInbox> NotificationService::list(const Actor& actor, NotificationQuery query) const {
  query.recipient = actor.name;
  auto page = m_store.notifications(query);
  if (!page) return tl::unexpected(std::move(page.error()));
  auto unread = m_store.unread_notification_count(actor.name);
  if (!unread) return tl::unexpected(std::move(unread.error()));
  return NotificationInbox{std::move(*page), *unread};
}

Result<std::int64_t> NotificationService::mark_read(const Actor& actor, const std::vector<NotificationId>& ids) const {
  auto written = m_store.write([&](WriteTransaction& tx) -> Result<void> {
    auto marked = tx.mark_notifications_read(actor.name, ids, m_clock.now());
    if (!marked) return tl::unexpected(std::move(marked.error()));
    return {};
  });
  if (!written) return tl::unexpected(std::move(written.error()));
  return m_store.unread_notification_count(actor.name);
}

}  // namespace snag
