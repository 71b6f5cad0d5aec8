#pragma once
// A person's in-app notifications (sent by rules, app/automation/notifier.hpp): the caller reads
// and marks only their own. Any signed-in principal may, whatever their role: a notification
// names a ticket and what happened, and the ticket itself is read through the access rule.

#include <cstdint>
#include <vector>

#include <snag/app/ports/clock.hpp>
#include <snag/app/ports/store.hpp>
#include <snag/domain/actor.hpp>

namespace snag {

struct NotificationInbox {
  NotificationPage page;
  std::int64_t unread = 0;
};

class NotificationService {
 public:
  NotificationService(Store& store, const Clock& clock);

  Result<NotificationInbox> list(const Actor& actor, NotificationQuery query) const;
  // Marks the caller's notifications with these ids read (all of them when `ids` is empty);
  // returns the unread count after.
  Result<std::int64_t> mark_read(const Actor& actor, const std::vector<NotificationId>& ids) const;

 private:
  Store& m_store;
  const Clock& m_clock;
};

}  // namespace snag
