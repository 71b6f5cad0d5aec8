#pragma once

#include <snag/domain/candidate.hpp>
#include <snag/integrations/ats/payload_reader.hpp>

namespace snag::ats {

// The profile Snag keeps of a Greenhouse candidate object, in the webhook shape or Harvest's:
// name from first_name and last_name; email from email_addresses, the personal address first
// (a work address is the one that changes when the candidate changes jobs, which is the point of
// applying); fields from the custom fields, by key, values only (null kept: it means cleared).
// Greenhouse has no level or geography of its own, so both stay unset.
CandidateProfile greenhouse_candidate_profile(const PayloadObject& candidate);

}  // namespace snag::ats
