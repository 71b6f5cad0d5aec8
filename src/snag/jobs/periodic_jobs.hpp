#pragma once
// The jobs Snag runs on a schedule, as data, and how the scheduler's tick enqueues them: one
// job per kind and time slot, deduplicated by the slot so that a tick repeated on another
// node (after a leadership change) enqueues nothing twice.

#include <chrono>
#include <string>
#include <vector>

#include <snag/app/ports/store.hpp>
#include <snag/domain/ats/ats_policy.hpp>

namespace snag {

struct PeriodicJob {
  std::string kind;
  std::chrono::milliseconds every;
};

// The schedule, with the ATS intervals from the `ats:` settings.
std::vector<PeriodicJob> periodic_jobs(const AtsPolicy& ats);

// The job for the slot of `periodic` that contains `now` (slots start at the Unix epoch):
// due at the slot's start, with dedupe key "<kind>@<slot start in ms>".
NewJob periodic_slot_job(const PeriodicJob& periodic, Timestamp now);

// The scheduler's tick: enqueues every periodic job's current slot in one write.
Result<void> enqueue_periodic_jobs(Store& store, const std::vector<PeriodicJob>& schedule, Timestamp now);

}  // namespace snag
