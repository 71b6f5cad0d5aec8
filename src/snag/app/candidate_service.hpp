#pragma once

#include <snag/app/ports/clock.hpp>
#include <snag/app/ports/store.hpp>
#include <snag/domain/actor.hpp>
#include <snag/domain/candidate.hpp>

namespace snag {

struct UpsertedCandidate {
  Candidate candidate;
  bool created = false;
};

inline constexpr std::size_t k_max_candidate_text_length = 500;

class CandidateService {
 public:
  CandidateService(Store& store, const Clock& clock);

  // validation_failed naming bad fields of the reference or the profile.
  Result<UpsertedCandidate> upsert(const Actor& actor, const CandidateRef& ref, const CandidateProfile& profile);
  Result<Candidate> get(const Actor& actor, const CandidateRef& ref);

 private:
  Store& m_store;
  const Clock& m_clock;
};

}  // namespace snag
