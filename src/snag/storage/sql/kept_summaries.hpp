#pragma once
// The summaries that every write of a ticket keeps in its own transaction, so that reports read
// a few thousand rows instead of a million tickets: the day counts (day_counts.hpp), the
// resolution hours (resolution_hours.hpp), the withdrawal cohorts (withdrawal_cohorts.hpp) and
// the candidate delay days (candidate_delay_days.hpp). insert_ticket, update_ticket and the retention's
// delete_ticket, the only statements that write tickets rows, go through here.

#include <optional>

#include <snag/domain/ticket.hpp>
#include <snag/storage/sql/candidate_delay_days.hpp>
#include <snag/storage/sql/day_counts.hpp>
#include <snag/storage/sql/resolution_hours.hpp>
#include <snag/storage/sql/summary_deltas.hpp>
#include <snag/storage/sql/withdrawal_cohorts.hpp>
#include <snag/util/error.hpp>

namespace snag::sql {

// Where a ticket is counted in each summary.
struct SummaryKeys {
  std::optional<DayCountKey> day;
  std::optional<ResolutionKey> resolution;
  std::optional<CandidateTypeKey> candidate_type;
  std::optional<CandidateDelayKey> candidate_delay;
};

SummaryKeys summary_keys(const Ticket& ticket);

// Connection is sqlite::Connection or postgresql::Connection (explicitly instantiated in
// kept_summaries.cpp). Runs on the writer's connection, inside a work.
template <class Connection>
struct KeptSummaries {
  // Where stored ticket `id` is counted now (before an update or a delete); counted nowhere when
  // there is no such ticket.
  static Result<SummaryKeys> stored_keys(Connection& connection, TicketId id);
  // Moves the ticket's counts from `before` to `after` in the batch's `deltas`; after the write,
  // which the withdrawal cohorts read.
  static Result<void> move(Connection& connection, SummaryDeltas& deltas, const SummaryKeys& before,
                           const SummaryKeys& after);
  // Writes a batch's deltas, one statement per changed row (summary_deltas.hpp); before COMMIT.
  static Result<void> write(Connection& connection, const SummaryDeltas& deltas);
};

}  // namespace snag::sql
