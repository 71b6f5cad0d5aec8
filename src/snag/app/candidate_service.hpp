#pragma once

#include <snag/app/access/access_guard.hpp>
#include <snag/app/access/access_recorder.hpp>
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

// A candidate's profile is personal data: reads need candidates:read and are access-logged,
// writes need candidates:write, and what is returned is masked for the actor.
class CandidateService {
 public:
  CandidateService(Store& store, const Clock& clock, const AccessGuard& access, AccessRecorder& recorder);

  // validation_failed naming bad fields of the reference or the profile.
  Result<UpsertedCandidate> upsert(const Actor& actor, const CandidateRef& ref, const CandidateProfile& profile);
  Result<Candidate> get(const Actor& actor, const CandidateRef& ref);

 private:
  Store& m_store;
  const Clock& m_clock;
  const AccessGuard& m_access;
  AccessRecorder& m_recorder;
};

}  // namespace snag
