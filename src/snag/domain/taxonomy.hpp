#pragma once
// Keeping the issue types useful: a review that flags the types nobody used in the last quarter
// for deprecation, and the move of a deprecated type's open tickets to the type it was merged
// into (`replaced_by` in the configuration). A deprecated type stays in the catalog, so its
// tickets, open or not, stay readable with their history.

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <snag/domain/analytics/type_totals.hpp>
#include <snag/domain/catalog.hpp>
#include <snag/domain/ticket.hpp>

namespace snag {

inline constexpr std::chrono::days k_taxonomy_review_period{91};  // a quarter

struct TypeReview {
  std::string type;
  std::string name;
  bool deprecated = false;
  std::optional<std::string> replaced_by;
  std::int64_t tickets_last_quarter = 0;
  std::int64_t open_tickets = 0;
  bool flagged_for_deprecation = false;  // in use (not deprecated) but opened by nobody lately
};

// One row per catalog type, in catalog order, from the per-type counts of the tickets opened in
// the last quarter and of the open tickets.
std::vector<TypeReview> review_taxonomy(const Catalog& catalog, std::span<const TypeTotals> last_quarter,
                                        std::span<const TypeTotals> open);

// The ticket moved to `successor` at `now`: its status is kept when the successor's workflow has
// it, else it starts over at that workflow's initial status. nullopt when the ticket's type has
// no successor (it is not deprecated with replaced_by). REQUIRES: a validated catalog.
std::optional<Ticket> retype_to_successor(const Catalog& catalog, const Ticket& ticket, Timestamp now);

}  // namespace snag
