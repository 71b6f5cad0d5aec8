#pragma once
// The automation sweep: runs the `schedule` rules (domain/automation/rule.hpp) over every open
// ticket and stores what they change, journaled under "snag:automation" with the names of the
// rules that acted. The jobs layer runs it periodically (jobs/automation_job.hpp).

#include <cstddef>

#include <snag/app/ports/store.hpp>
#include <snag/domain/automation/rule.hpp>
#include <snag/domain/catalog.hpp>

namespace snag {

struct SweepResult {
  std::size_t examined = 0;  // open tickets the rules were evaluated on
  std::size_t changed = 0;   // tickets a rule changed
};

// Pages through the open tickets in creation order, one write per page of changes. A ticket
// changed by someone between the read and the write is evaluated again on its current state.
Result<SweepResult> run_scheduled_rules(Store& store, const Catalog& catalog, const RuleSet& rules, Timestamp now);

}  // namespace snag
