#pragma once
// The taxonomy review (GET /api/v1/reports/taxonomy) and the move of deprecated types' open
// tickets to their successors (the `taxonomy.migrate` job), over domain/taxonomy.hpp.

#include <cstddef>
#include <vector>

#include <snag/app/access/access_guard.hpp>
#include <snag/app/ports/clock.hpp>
#include <snag/app/ports/store.hpp>
#include <snag/domain/taxonomy.hpp>

namespace snag {

class TaxonomyService {
 public:
  TaxonomyService(Store& store, const Catalog& catalog, const Clock& clock, const AccessGuard& access);

  // reports:read. Counts every ticket whatever the caller's scope: how much a type is used is a
  // fact about the taxonomy (counts, no ticket), and a scoped count would flag the types a
  // caller may not see as unused.
  Result<std::vector<TypeReview>> review(const Actor& actor) const;

 private:
  Store& m_store;
  const Catalog& m_catalog;
  const Clock& m_clock;
  const AccessGuard& m_access;
};

// Moves every open ticket of a deprecated type with `replaced_by` to its successor, journaled as
// snag:taxonomy (action "retype"); returns how many moved. Does nothing, and reads nothing, when
// no type has a successor.
Result<std::size_t> move_tickets_off_deprecated_types(Store& store, const Catalog& catalog, Timestamp now);

}  // namespace snag
