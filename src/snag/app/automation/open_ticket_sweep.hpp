#pragma once
// The sweeps over every open ticket (the schedule rules, the SLA re-plan) share one walk: a page
// of open tickets at a time, oldest first, read beside the writer; the tickets a page has work
// for are done in one write, each read again there, since it may have moved on since the page
// was read.

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include <snag/app/ports/store.hpp>
#include <snag/domain/catalog.hpp>

namespace snag {

struct SweepCounts {
  std::size_t examined = 0;
  std::size_t changed = 0;  // tickets whose `apply` said it changed them, in committed writes
};

// `wants` says whether a ticket as read has work; `apply` does it on the ticket as it is inside
// the write (and may find none left), and says whether it changed the ticket. `apply` may run
// twice for one write (group_commit_writer.hpp), so it keeps no count of its own. Only the open
// tickets of `types`, when given. Stops at the first error.
Result<SweepCounts> sweep_open_tickets(Store& store, const Catalog& catalog, std::size_t page_size,
                                       const std::function<Result<bool>(const Ticket&)>& wants,
                                       const std::function<Result<bool>(WriteTransaction&, const Ticket&)>& apply,
                                       const std::vector<std::string>& types = {});

}  // namespace snag
