#pragma once
// How the ATS integration processes deliveries (config `ats:`): retries, the dead-letter queue,
// when a reconciliation becomes a ticket, and when interviews are announced.

#include <chrono>
#include <map>
#include <string>

#include <snag/domain/ats/ats_event.hpp>
#include <snag/util/time.hpp>

namespace snag {

struct AtsPolicy {
  // A delivery whose processing fails this many times goes to the dead-letter queue.
  int max_attempts = 8;
  // Retry n waits retry_base * 2^(n-1), at most retry_max, with ±20% jitter so that a burst of
  // failures does not retry in lockstep.
  std::chrono::seconds retry_base{5};
  std::chrono::seconds retry_max{3600};
  // An unknown candidate still unresolved after this long opens a data_sync_mismatch ticket.
  std::chrono::hours mismatch_ticket_after{24};
  // How often batch and hybrid connectors are pulled (ats.sync): bounds how long a missed webhook
  // goes unnoticed in hybrid mode; each run pulls only what changed since the last.
  std::chrono::minutes sync_every{15};
  // How often deliveries about unknown candidates are matched again (ats.reconcile).
  std::chrono::minutes reconcile_every{60};
  // Hiring managers are told of an interview of a candidate with an open ticket once it is this
  // close (domain/automation/interview_notice.hpp).
  std::chrono::hours interview_notice_horizon{72};
  std::string mismatch_issue_type = "data_sync_mismatch";
  std::string mismatch_team = "hris";
};

// When the `attempt`-th failed attempt (1-based) is tried again. `jitter` is a uniform random
// number in [0, 1): the caller draws it, so that this stays a pure function.
Timestamp next_attempt_at(const AtsPolicy& policy, int attempt, Timestamp now, double jitter);

}  // namespace snag
