#pragma once
// The mock ATS's people: a deterministic set of candidates (the same count and seed give the same
// candidates on every machine), with the custom fields Snag's rules read, and each rendered as a
// Greenhouse Harvest candidate object and as the candidate inside a webhook payload.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <snag/util/time.hpp>

namespace snag::mock_ats {

struct MockCandidate {
  std::int64_t id = 0;              // Greenhouse's candidate id
  std::int64_t application_id = 0;  // their one application
  std::string first_name;
  std::string last_name;
  std::string personal_email;
  std::string work_email;
  std::string job_name;
  Timestamp created_at;
  Timestamp updated_at;
  // Custom fields, by Greenhouse key.
  std::string visa_status;  // citizen, permanent_resident, needs_sponsorship, …
  std::string relocation;   // yes, no, open
  std::string level;        // entry, mid, senior, executive
  std::string geography;    // US-CA, DE, IN, …
};

// Where generated time starts: updated_at values spread over the 180 days after it.
inline constexpr std::int64_t k_mock_epoch_ms = 1767225600000;  // 2026-01-01T00:00:00Z

// `count` candidates ordered by (updated_at, id), the order the mock API lists them in.
std::vector<MockCandidate> generate_candidates(std::size_t count, std::uint64_t seed);

// The Harvest API's candidate object (GET /v1/candidates), shaped like Greenhouse's documented
// example: custom_fields by value and keyed_custom_fields with name, type and value.
nlohmann::json harvest_candidate_json(const MockCandidate& candidate);

// The candidate inside a webhook's payload.application: custom_fields with name, type and value,
// as Greenhouse's webhooks send them.
nlohmann::json webhook_candidate_json(const MockCandidate& candidate);

// A small deterministic generator (SplitMix64): std::uniform_int_distribution may differ
// between standard libraries, and the mock's data must not.
class MockRandom {
 public:
  explicit MockRandom(std::uint64_t seed) : m_state(seed) {}
  std::uint64_t next();
  // Uniform in [0, bound) (bound > 0), good enough for test data.
  std::uint64_t below(std::uint64_t bound) { return next() % bound; }
  // True with probability `p`.
  bool chance(double p) { return static_cast<double>(next() >> 11) * 0x1.0p-53 < p; }

 private:
  std::uint64_t m_state;
};

}  // namespace snag::mock_ats
