#pragma once
// Retention runs (domain/compliance/retention.hpp): which tickets' time is up, and purging them.
// A purged ticket is deleted with its comments and notifications; its journal entries stay, lose
// their personal values (the chain still verifies) and gain one that records the purge and the
// rule's limit. A legal hold on the ticket or its candidate keeps it. Used by the daily
// `retention.run` job and by `snag retention plan|run`.

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <snag/app/ports/store.hpp>

namespace snag {

inline constexpr std::string_view k_retention_job = "retention.run";
inline constexpr std::chrono::hours k_retention_every{24};

struct DueTicket {
  TicketId ticket;
  std::string issue_type;
  RetentionDeadline deadline;
};

struct RetentionPlan {
  std::vector<DueTicket> due;  // in id order
  std::int64_t examined = 0;
  std::int64_t held = 0;  // due, but kept by a legal hold
};

// What a run at `now` would purge. Reads every ticket, a page at a time, beside the writer.
Result<RetentionPlan> plan_retention(Store& store, const RetentionPolicy& policy, Timestamp now);

// Called after each write with how many of the due tickets were handled so far.
using PurgeProgress = std::function<void(std::size_t done, std::size_t total)>;

// Purges the due tickets, a batch per write. A ticket gone meanwhile, or now under a legal hold,
// is skipped. Returns how many were purged.
Result<std::int64_t> purge_tickets(Store& store, const std::vector<DueTicket>& due, Timestamp now,
                                   const PurgeProgress& progress = {});

}  // namespace snag
