#pragma once
// Legal holds (domain/compliance/legal_hold.hpp), placed and released with compliance:admin.
// Releasing a hold queues every held erasure request again: those no other hold covers complete.

#include <vector>

#include <snag/app/access/access_guard.hpp>
#include <snag/app/ports/clock.hpp>
#include <snag/app/ports/store.hpp>

namespace snag {

class LegalHoldService {
 public:
  LegalHoldService(Store& store, const Clock& clock, const AccessGuard& access);

  // validation_failed naming the field (validate_hold); a ticket that does not exist is a
  // validation failure on `ticket`. Sets placed_by and placed_at.
  Result<LegalHold> place(const Actor& actor, LegalHold hold) const;
  // conflict when the hold was released already.
  Result<LegalHold> release(const Actor& actor, LegalHoldId id) const;
  Result<LegalHold> get(const Actor& actor, LegalHoldId id) const;
  // Every hold, newest first.
  Result<std::vector<LegalHold>> list(const Actor& actor) const;

 private:
  Store& m_store;
  const Clock& m_clock;
  const AccessGuard& m_access;
};

}  // namespace snag
