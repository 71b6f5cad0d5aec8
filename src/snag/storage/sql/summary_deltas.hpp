#pragma once
// What the works of one write batch add to the kept summaries (kept_summaries.hpp), summed per
// row. Each work adds its own (a work that fails adds nothing), and the writer writes each row's
// sum once, just before the batch commits (KeptSummaries::write), in the same transaction.
//
// Why not each work's own upsert: today's row of a type is hot, and every work of a batch
// updated it. On PostgreSQL each of those updates, in its own savepoint, left a row version that
// the next one's ON CONFLICT check walked past (and a MultiXact to look up): a quarter of the
// server's time for each ticket created, and three statements of its twelve. No work reads a
// summary, so none misses what its batch has not written yet; reports read committed rows.

#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include <snag/storage/sql/candidate_delay_days.hpp>
#include <snag/storage/sql/day_counts.hpp>
#include <snag/storage/sql/resolution_hours.hpp>

namespace snag::sql {

// A change to one withdrawal_cohorts row (withdrawal_cohorts.hpp).
struct CohortDelta {
  std::int64_t candidates = 0;
  std::int64_t withdrawn = 0;
};

struct SummaryDeltas {
  std::map<DayCountKey, std::int64_t> day_counts;                                  // tickets added under each key
  std::map<ResolutionKey, std::int64_t> resolution_hours;                          // tickets added under each key
  std::map<CandidateDelayKey, std::int64_t> candidate_delays;                      // tickets added under each key
  std::map<std::pair<std::int64_t, std::string>, CohortDelta> withdrawal_cohorts;  // by (day, type)

  // Adds everything `other` holds.
  void add(const SummaryDeltas& other);
};

}  // namespace snag::sql
