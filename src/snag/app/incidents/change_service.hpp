#pragma once
// Change records (domain/incidents/change_record.hpp): recorded through the API or `snag change
// record` with incidents:write, linked as the cause of tickets (journaled on each ticket) and of
// incidents (logged on the incident), and counted per change as the defects it introduced. What
// it returns has the summary masked for callers without pii:read.

#include <optional>
#include <string>
#include <vector>

#include <snag/app/access/access_guard.hpp>
#include <snag/app/ports/clock.hpp>
#include <snag/app/ports/store.hpp>

namespace snag {

struct ChangeView {
  ChangeRecord change;
  ChangeLinks links;
};

class ChangeService {
 public:
  ChangeService(Store& store, const Clock& clock, const AccessGuard& access);

  // validation_failed naming the field; conflict when the id is recorded already. Sets
  // recorded_by and recorded_at.
  Result<ChangeRecord> record(const Actor& actor, ChangeRecord change);
  Result<ChangeView> get(const Actor& actor, const std::string& id);
  // The most recently deployed first.
  Result<std::vector<ChangeRecord>> list(const Actor& actor, std::size_t limit);
  // Links the change as the cause of each ticket and incident. A ticket the actor may not see,
  // or an unknown incident, is a validation failure on `tickets` or `incidents`.
  Result<ChangeView> link(const Actor& actor, const std::string& id, const std::vector<TicketId>& tickets,
                          const std::vector<IncidentId>& incidents);
  // Per change deployed in [from, to): the tickets and incidents it caused, most first.
  Result<std::vector<ChangeDefects>> defects(const Actor& actor, Timestamp from, Timestamp to);

 private:
  Store& m_store;
  const Clock& m_clock;
  const AccessGuard& m_access;
};

}  // namespace snag
