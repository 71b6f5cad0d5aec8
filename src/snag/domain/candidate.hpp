#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include <snag/util/error.hpp>
#include <snag/util/time.hpp>

namespace snag {

// A candidate is identified by the ATS it lives in and that ATS's id for it.
struct CandidateRef {
  std::string ats;
  std::string external_id;
  friend bool operator==(const CandidateRef&, const CandidateRef&) = default;
};

// "greenhouse:53883394" as used in list filters.
std::optional<CandidateRef> parse_candidate_ref(std::string_view text);
std::string to_string(const CandidateRef& ref);

struct CandidateProfile {
  std::optional<std::string> name;
  std::optional<std::string> email;
  std::optional<std::string> level;      // e.g. entry, senior, executive
  std::optional<std::string> geography;  // e.g. US-CA, DE, IN
  nlohmann::json fields = nlohmann::json::object();  // ATS custom fields: visa_status, relocation, …
};

struct Candidate {
  CandidateRef ref;
  CandidateProfile profile;
  Timestamp created_at;
  Timestamp updated_at;
  // The ATS deleted or anonymised its record (retention counts from here), and Snag erased
  // the personal data it held (domain/compliance/erasure.hpp): later events describe no one.
  std::optional<Timestamp> purged_at;
  std::optional<Timestamp> erased_at;
};

// Checks an ATS name and external id as they arrive in a URL or a body.
std::vector<FieldError> validate_candidate_ref(const CandidateRef& ref, std::string_view field_prefix);

}  // namespace snag
