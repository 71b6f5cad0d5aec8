#pragma once

#include <nlohmann/json.hpp>

#include <snag/domain/candidate.hpp>
#include <snag/util/error.hpp>

namespace snag::http {

// The PUT body {"name", "email", "level", "geography", "fields"}; null or absent leaves a
// profile member empty. validation_failed names every unknown or ill-typed member.
Result<CandidateProfile> decode_candidate_profile(const nlohmann::json& body);

nlohmann::json encode_candidate(const Candidate& candidate);

}  // namespace snag::http
