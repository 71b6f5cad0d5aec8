#pragma once
// Erasure requests through the API (compliance:admin): filed here, carried out by the
// `erasure.run` job (erasure.hpp), read back with their status and completion report.

#include <vector>

#include <snag/app/access/access_guard.hpp>
#include <snag/app/ports/clock.hpp>
#include <snag/app/ports/store.hpp>

namespace snag {

class ErasureService {
 public:
  ErasureService(Store& store, const Clock& clock, const AccessGuard& access);

  // validation_failed naming `candidate.ats` or `candidate.external_id` for a malformed reference.
  // A candidate Snag never heard of is accepted: the report then says nothing was found.
  Result<ErasureRequest> request(const Actor& actor, const CandidateRef& candidate) const;
  Result<ErasureRequest> get(const Actor& actor, ErasureRequestId id) const;
  // The newest requests first, at most 200.
  Result<std::vector<ErasureRequest>> list(const Actor& actor) const;

 private:
  Store& m_store;
  const Clock& m_clock;
  const AccessGuard& m_access;
};

}  // namespace snag
