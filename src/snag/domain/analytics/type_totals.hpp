#pragma once
// What the store sums per issue type for the analytics reports.

#include <chrono>
#include <cstdint>
#include <string>

#include <snag/domain/ticket.hpp>

namespace snag {

// The candidate delay of a ticket: how long its candidate has been held up by the problem, from
// the ticket's opening to its resolution (to `now` while it is open; reopening clears
// resolved_at, so a reopened ticket counts from its opening again). A ticket about no candidate
// holds nobody up: zero. The SQL of the store's sums computes the same.
std::chrono::milliseconds candidate_delay(const Ticket& ticket, Timestamp now);

// What the store's weekly counts group tickets by: their issue type (the trend report) or their
// reporter (the adoption report).
enum class WeeklyCountKey { type, reporter };

// Tickets with one value of the key (a type, a reporter) opened in one week (0: the week
// starting at the caller's origin).
struct WeekCount {
  std::string group;
  std::int64_t week = 0;
  std::int64_t tickets = 0;
};

struct TypeTotals {
  std::string type;
  std::int64_t tickets = 0;
  std::chrono::milliseconds candidate_delay{0};
};

}  // namespace snag
