#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include <snag/app/demo_people.hpp>

namespace snag::demo {

namespace {

struct RosterEntry {
  std::string_view name;
  std::string_view role;
  std::string_view team;
};

// The first ten hold one of each default role, so that a demo of ten people has every login.
constexpr std::array<RosterEntry, 20> k_roster{{
    {"Priya Shah", "senior_recruiter", "recruitment"},
    {"Marcus Johnson", "recruiter", "recruitment"},
    {"Kenji Watanabe", "sourcer", "recruitment"},
    {"Emily Chen", "hiring_manager", "recruitment"},
    {"Olivia Martin", "hrbp", "hris"},
    {"Rahul Mehta", "hris", "hris"},
    {"Grace Kim", "compliance", "compliance"},
    {"Jonathan Reyes", "legal", "legal"},
    {"Liam O'Connor", "it_support", "it_support"},
    {"Alex Morgan", "admin", ""},
    {"Sofia Garcia", "recruiter", "recruitment"},
    {"Amara Okafor", "sourcer", "recruitment"},
    {"Daniel Becker", "hiring_manager", "recruitment"},
    {"Sarah Whitfield", "recruiter", "recruitment"},
    {"Carlos Silva", "hris", "hris"},
    {"Hannah Mueller", "hrbp", "hris"},
    {"Fatima Haddad", "compliance", "compliance"},
    {"Aisha Bello", "legal", "legal"},
    {"Mei Lin", "it_support", "it_support"},
    {"Tomas Novak", "recruiter", "recruitment"},
}};

// People beyond the roster take these roles in turn; recruiting has the most hands.
constexpr std::array<RosterEntry, 8> k_extra_roles{{
    {"", "recruiter", "recruitment"},
    {"", "sourcer", "recruitment"},
    {"", "hris", "hris"},
    {"", "it_support", "it_support"},
    {"", "recruiter", "recruitment"},
    {"", "compliance", "compliance"},
    {"", "hiring_manager", "recruitment"},
    {"", "legal", "legal"},
}};

constexpr std::array<std::string_view, 48> k_first_names{
    "James",  "Maria",  "Wei",     "Aarav",  "Sophie", "Lucas",   "Chloe",  "Mateo", "Ananya", "Oliver",
    "Yuki",   "Fatima", "Noah",    "Isabel", "Arjun",  "Emma",    "Diego",  "Zara",  "Ethan",  "Leila",
    "Jonas",  "Mia",    "Kwame",   "Elena",  "Ravi",   "Hannah",  "Pedro",  "Sara",  "Tariq",  "Lena",
    "Samuel", "Ines",   "Hiroshi", "Grace",  "Felix",  "Nadia",   "Omar",   "Clara", "Vikram", "Julia",
    "Andre",  "Amelie", "Kofi",    "Laura",  "Ivan",   "Beatriz", "Connor", "Anika"};

constexpr std::array<std::string_view, 48> k_last_names{
    "Smith",    "Garcia",   "Zhang",  "Patel",   "Muller", "Silva",   "Nguyen",  "Kowalski", "Sharma", "Brown",
    "Tanaka",   "Ahmed",    "Wilson", "Rossi",   "Gupta",  "Martin",  "Lopez",   "Khan",     "Taylor", "Haddad",
    "Schmidt",  "Costa",    "Mensah", "Ivanova", "Iyer",   "Fischer", "Santos",  "Berg",     "Rahman", "Weber",
    "Johnson",  "Ferreira", "Sato",   "Murphy",  "Wagner", "Hassan",  "Ali",     "Dubois",   "Reddy",  "Novak",
    "Oliveira", "Laurent",  "Owusu",  "Clarke",  "Petrov", "Almeida", "O'Brien", "Kapoor"};

constexpr std::array<std::string_view, 4> k_levels{"entry", "mid", "senior", "executive"};
constexpr std::array<int, 4> k_level_weights{30, 42, 24, 4};

constexpr std::array<std::string_view, 14> k_geographies{"US-CA", "US-NY", "US-TX", "US-WA", "US-MA", "GB", "DE",
                                                         "IN",    "CA-ON", "BR",    "IE",    "NL",    "PL", "SG"};
constexpr std::array<int, 14> k_geography_weights{17, 13, 9, 6, 4, 10, 8, 12, 6, 5, 3, 3, 2, 2};

constexpr std::array<std::string_view, 7> k_visa_statuses{
    "citizen", "permanent_resident", "h1b_transfer", "opt_stem", "needs_sponsorship", "work_permit", "eu_blue_card"};
// US candidates are on US visas; elsewhere work permits and the EU Blue Card apply.
constexpr std::array<int, 7> k_us_visa_weights{58, 14, 9, 7, 12, 0, 0};
constexpr std::array<int, 7> k_other_visa_weights{64, 8, 0, 0, 14, 11, 3};

constexpr std::array<std::string_view, 3> k_relocations{"none", "domestic", "international"};
constexpr std::array<int, 3> k_settled_relocation_weights{74, 21, 5};
constexpr std::array<int, 3> k_sponsored_relocation_weights{35, 15, 50};

constexpr std::array<std::string_view, 7> k_sources{"linkedin",  "referral", "careers_site", "agency",
                                                    "job_board", "campus",   "internal"};
constexpr std::array<int, 7> k_source_weights{30, 22, 20, 8, 10, 6, 4};

constexpr std::array<std::string_view, 2> k_ats_codes{"greenhouse", "lever"};
constexpr std::array<std::string_view, 2> k_ats_display{"Greenhouse", "Lever"};

constexpr std::array<std::string_view, 3> k_email_domains{"example.com", "example.org", "example.net"};

// Candidate i gets an id in its own window of k_external_id_stride, so ids are unique
// without a set, and still look like an ATS's sparse numeric ids.
constexpr std::int64_t k_external_id_base = 40'000'000;
constexpr std::int64_t k_external_id_stride = 137;

std::string slug_of(std::string_view name) {
  std::string slug;
  for (unsigned char c : name) {
    if (std::isalnum(c)) {
      slug += static_cast<char>(std::tolower(c));
    } else if (c != '\'' && !slug.empty() && slug.back() != '_') {
      slug += '_';
    }
  }
  while (!slug.empty() && slug.back() == '_') slug.pop_back();
  return slug;
}

std::string lower_ascii_letters(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalpha(c)) out += static_cast<char>(std::tolower(c));
  }
  return out;
}

bool is_us(std::string_view geography) { return geography.starts_with("US-"); }

}  // namespace

bool works_tickets(std::string_view role) { return role != "hiring_manager" && role != "admin"; }

std::vector<DemoPerson> demo_people(const Catalog& catalog, std::int64_t count) {
  std::vector<DemoPerson> people;
  std::set<std::string> slugs;
  for (std::int64_t i = 0; i < count; ++i) {
    const auto index = static_cast<std::size_t>(i);
    RosterEntry entry;
    std::string name;
    if (index < k_roster.size()) {
      entry = k_roster[index];
      name = entry.name;
    } else {
      const std::size_t extra = index - k_roster.size();
      entry = k_extra_roles[extra % k_extra_roles.size()];
      // 7 is coprime with 48, so first and last names pair up differently on every lap.
      name = std::string(k_first_names[extra % k_first_names.size()]) + " " +
             std::string(k_last_names[(extra * 7 + extra / k_first_names.size()) % k_last_names.size()]);
    }
    DemoPerson person;
    person.role = catalog.has_role(entry.role) || catalog.roles.empty() ? std::string(entry.role)
                                                                        : catalog.roles[index % catalog.roles.size()].code;
    person.team = catalog.has_team(entry.team) ? std::string(entry.team) : std::string();
    person.slug = slug_of(name);
    // Generated names repeat after 48*48 people; a number keeps keys unique beyond that.
    for (int n = 2; !slugs.insert(person.slug).second; ++n) person.slug = slug_of(name) + "_" + std::to_string(n);
    person.name = std::move(name);
    people.push_back(std::move(person));
  }
  return people;
}

std::vector<DemoCandidate> make_candidates(DemoRandom& random, std::int64_t count, Timestamp start, Timestamp end) {
  std::vector<DemoCandidate> candidates;
  candidates.reserve(static_cast<std::size_t>(std::max<std::int64_t>(count, 0)));
  const double span_ms = static_cast<double>((end - start).count());
  for (std::int64_t i = 0; i < count; ++i) {
    DemoCandidate c;
    c.first_name = static_cast<std::uint16_t>(random.below(k_first_names.size()));
    c.last_name = static_cast<std::uint16_t>(random.below(k_last_names.size()));
    c.level = static_cast<std::uint8_t>(random.weighted(k_level_weights));
    c.geography = static_cast<std::uint8_t>(random.weighted(k_geography_weights));
    c.visa_status = static_cast<std::uint8_t>(
        random.weighted(is_us(k_geographies[c.geography]) ? k_us_visa_weights : k_other_visa_weights));
    const bool sponsored = k_visa_statuses[c.visa_status] == "needs_sponsorship";
    c.relocation = static_cast<std::uint8_t>(
        random.weighted(sponsored ? k_sponsored_relocation_weights : k_settled_relocation_weights));
    c.source = static_cast<std::uint8_t>(random.weighted(k_source_weights));
    c.ats = static_cast<std::uint8_t>(random.chance(0.7) ? 0 : 1);
    c.external_id =
        k_external_id_base + i * k_external_id_stride + static_cast<std::int64_t>(random.below(k_external_id_stride));
    // Whole seconds: stored times then print without a fraction.
    const double offset = (static_cast<double>(i) + random.uniform()) / static_cast<double>(count) * span_ms;
    c.created_at = start + std::chrono::seconds(static_cast<std::int64_t>(offset / 1000.0));
    candidates.push_back(c);
  }
  return candidates;
}

std::string candidate_name(const DemoCandidate& candidate) {
  std::string name(k_first_names[candidate.first_name]);
  name += ' ';
  name += k_last_names[candidate.last_name];
  return name;
}

std::string_view candidate_first_name(const DemoCandidate& candidate) { return k_first_names[candidate.first_name]; }
std::string_view candidate_level(const DemoCandidate& candidate) { return k_levels[candidate.level]; }
std::string_view candidate_geography(const DemoCandidate& candidate) { return k_geographies[candidate.geography]; }
std::string_view candidate_visa_status(const DemoCandidate& candidate) {
  return k_visa_statuses[candidate.visa_status];
}
std::string_view candidate_relocation(const DemoCandidate& candidate) { return k_relocations[candidate.relocation]; }
std::string_view candidate_ats(const DemoCandidate& candidate) { return k_ats_codes[candidate.ats]; }
std::string_view candidate_ats_display(const DemoCandidate& candidate) { return k_ats_display[candidate.ats]; }

CandidateRef candidate_ref(const DemoCandidate& candidate) {
  return CandidateRef{std::string(candidate_ats(candidate)), std::to_string(candidate.external_id)};
}

Candidate to_candidate(const DemoCandidate& candidate) {
  Candidate out;
  out.ref = candidate_ref(candidate);
  out.profile.name = candidate_name(candidate);
  out.profile.email = lower_ascii_letters(k_first_names[candidate.first_name]) + "." +
                      lower_ascii_letters(k_last_names[candidate.last_name]) +
                      std::to_string(candidate.external_id % 1000) + "@" +
                      std::string(k_email_domains[static_cast<std::size_t>(candidate.external_id) % 3]);
  out.profile.level = std::string(candidate_level(candidate));
  out.profile.geography = std::string(candidate_geography(candidate));
  out.profile.fields = {{"visa_status", candidate_visa_status(candidate)},
                        {"relocation", candidate_relocation(candidate)},
                        {"source", k_sources[candidate.source]}};
  out.created_at = candidate.created_at;
  out.updated_at = candidate.created_at;
  return out;
}

}  // namespace snag::demo
