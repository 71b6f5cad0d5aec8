#pragma once
// The people of the demo org (one API key each) and its candidates. Candidates are kept in a
// compact form because a benchmark org holds 200,000 of them in memory while tickets are written.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <snag/app/demo_random.hpp>
#include <snag/domain/candidate.hpp>
#include <snag/domain/catalog.hpp>
#include <snag/util/time.hpp>

namespace snag::demo {

struct DemoPerson {
  std::string name;
  std::string role;
  std::string team;  // empty for people outside every team (the admin)
  std::string slug;  // unique, lower-case ASCII: "priya_shah"
};

// The first `count` people of the demo org, the same for the same catalog. The first ones
// cover every role of the default catalog, so even a small org has a login per role. Roles
// and teams missing from `catalog` are replaced by ones it has.
std::vector<DemoPerson> demo_people(const Catalog& catalog, std::int64_t count);

// Whether tickets of a team may be assigned to a person of this role (not hiring managers
// or the admin: they raise problems, they do not work them).
bool works_tickets(std::string_view role);

struct DemoCandidate {
  std::uint16_t first_name = 0;
  std::uint16_t last_name = 0;
  std::uint8_t level = 0;
  std::uint8_t geography = 0;
  std::uint8_t visa_status = 0;
  std::uint8_t relocation = 0;
  std::uint8_t source = 0;
  std::uint8_t ats = 0;
  std::int64_t external_id = 0;
  Timestamp created_at;
};

// `count` candidates entering the pipeline at evenly spread times in [start, end), in order.
std::vector<DemoCandidate> make_candidates(DemoRandom& random, std::int64_t count, Timestamp start, Timestamp end);

std::string candidate_name(const DemoCandidate& candidate);
std::string_view candidate_first_name(const DemoCandidate& candidate);
std::string_view candidate_level(const DemoCandidate& candidate);
std::string_view candidate_geography(const DemoCandidate& candidate);
std::string_view candidate_visa_status(const DemoCandidate& candidate);
std::string_view candidate_relocation(const DemoCandidate& candidate);
std::string_view candidate_ats(const DemoCandidate& candidate);
// "Greenhouse", "Lever": how people write the ATS in prose.
std::string_view candidate_ats_display(const DemoCandidate& candidate);
CandidateRef candidate_ref(const DemoCandidate& candidate);
Candidate to_candidate(const DemoCandidate& candidate);

}  // namespace snag::demo
