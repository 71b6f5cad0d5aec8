#pragma once
// What the incident protocols ask of people over time, checked by the incidents.sweep job: a
// commander whose status update is late is reminded (again each update interval it stays late),
// and the owner of an overdue post-mortem action item hears of it once. Reminders and their
// marks commit in one write, so a repeated sweep reminds nobody twice.

#include <cstdint>

#include <snag/app/ports/store.hpp>
#include <snag/domain/catalog.hpp>

namespace snag {

struct IncidentSweepCounts {
  std::int64_t update_reminders = 0;
  std::int64_t overdue_action_items = 0;
};

Result<IncidentSweepCounts> sweep_incidents(WriteTransaction& tx, const Catalog& catalog, Timestamp now);

}  // namespace snag
