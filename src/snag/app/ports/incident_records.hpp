#pragma once
// What the Store keeps for incidents (domain/incidents/): the incidents with their tickets,
// running log and post-mortem, and the change records tickets and incidents were caused by.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include <snag/domain/ids.hpp>
#include <snag/domain/incidents/change_record.hpp>
#include <snag/domain/incidents/incident.hpp>

namespace snag {

// Incidents newest first (by id), in pages; only those in `status` when it is given.
struct IncidentQuery {
  std::optional<IncidentStatus> status;
  std::optional<IncidentId> before;  // the cursor: ids below this one
  std::size_t limit = 50;
};

struct IncidentPage {
  std::vector<Incident> items;     // without their tickets and log
  std::optional<IncidentId> next;  // pass as `before` for the next page
};

// What a change caused.
// What a ticket is part of: the incident it is grouped into and the change that caused it
// (each at most one).
struct TicketLinks {
  std::optional<IncidentId> incident;
  std::optional<std::string> change;
};

struct ChangeLinks {
  std::vector<TicketId> tickets;      // in id order
  std::vector<IncidentId> incidents;  // in id order
};

// One row of the defects-per-change view.
struct ChangeDefects {
  ChangeRecord change;
  std::int64_t tickets = 0;
  std::int64_t unresolved_tickets = 0;
  std::int64_t incidents = 0;
};

}  // namespace snag
