#include <algorithm>
#include <array>
#include <string_view>

#include <snag/cli/mock_ats/candidate_data.hpp>

namespace snag::mock_ats {

namespace {

constexpr std::array<std::string_view, 24> k_first_names{
    "Ada",  "Bjorn",  "Chiara", "Dmitri", "Esther", "Farid",  "Grace", "Hiroshi", "Ines", "Jamal",  "Kavya", "Lars",
    "Mina", "Nnamdi", "Olga",   "Pedro",  "Quynh",  "Rashid", "Sofia", "Tariq",   "Uma",  "Viktor", "Wen",   "Yusuf"};
constexpr std::array<std::string_view, 24> k_last_names{"Okafor", "Lindqvist", "Rossi",   "Petrov", "Cohen",  "Haddad",
                                                        "Hopper", "Tanaka",    "Garcia",  "Bakr",   "Iyer",   "Berg",
                                                        "Park",   "Eze",       "Ivanova", "Santos", "Nguyen", "Karimi",
                                                        "Moreau", "Aziz",      "Menon",   "Novak",  "Zhang",  "Demir"};
constexpr std::array<std::string_view, 8> k_jobs{
    "Backend Engineer",          "Data Scientist",    "Product Designer",    "Recruiting Coordinator",
    "Site Reliability Engineer", "Account Executive", "Engineering Manager", "Support Specialist"};
constexpr std::array<std::string_view, 4> k_visa{"citizen", "permanent_resident", "needs_sponsorship", "work_permit"};
constexpr std::array<std::string_view, 3> k_relocation{"yes", "no", "open"};
constexpr std::array<std::string_view, 4> k_levels{"entry", "mid", "senior", "executive"};
constexpr std::array<std::string_view, 8> k_geographies{"US-CA", "US-NY", "DE", "IN", "GB", "BR", "NG", "JP"};

constexpr std::int64_t k_spread_ms = std::int64_t{180} * 24 * 3600 * 1000;

template <std::size_t N>
std::string pick(MockRandom& random, const std::array<std::string_view, N>& values) {
  return std::string(values[random.below(N)]);
}

std::string lowered(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; });
  return text;
}

nlohmann::json email_addresses(const MockCandidate& candidate) {
  return nlohmann::json::array({{{"value", candidate.work_email}, {"type", "work"}},
                                {{"value", candidate.personal_email}, {"type", "personal"}}});
}

nlohmann::json keyed_fields(const MockCandidate& candidate) {
  const auto field = [](std::string_view name, std::string_view type, const std::string& value) {
    return nlohmann::json{{"name", name}, {"type", type}, {"value", value}};
  };
  return {{"visa_status", field("Visa Status", "single_select", candidate.visa_status)},
          {"relocation", field("Open to Relocation", "single_select", candidate.relocation)},
          {"level", field("Level", "single_select", candidate.level)},
          {"geography", field("Geography", "short_text", candidate.geography)}};
}

}  // namespace

std::uint64_t MockRandom::next() {
  std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::vector<MockCandidate> generate_candidates(std::size_t count, std::uint64_t seed) {
  MockRandom random(seed);
  std::vector<MockCandidate> candidates;
  candidates.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    MockCandidate candidate;
    candidate.id = 53000000 + static_cast<std::int64_t>(i) * 17;
    candidate.application_id = 69000000 + static_cast<std::int64_t>(i) * 23;
    candidate.first_name = pick(random, k_first_names);
    candidate.last_name = pick(random, k_last_names);
    const std::string handle = lowered(candidate.first_name + "." + candidate.last_name) + "." + std::to_string(i);
    candidate.personal_email = handle + "@example.com";
    candidate.work_email = handle + "@work.example.org";
    candidate.job_name = pick(random, k_jobs);
    candidate.updated_at = from_epoch_ms(
        k_mock_epoch_ms + static_cast<std::int64_t>(random.below(static_cast<std::uint64_t>(k_spread_ms))));
    candidate.created_at = candidate.updated_at - std::chrono::hours(24 * static_cast<int>(1 + random.below(60)));
    candidate.visa_status = pick(random, k_visa);
    candidate.relocation = pick(random, k_relocation);
    candidate.level = pick(random, k_levels);
    candidate.geography = pick(random, k_geographies);
    candidates.push_back(std::move(candidate));
  }
  std::sort(candidates.begin(), candidates.end(), [](const MockCandidate& a, const MockCandidate& b) {
    return a.updated_at != b.updated_at ? a.updated_at < b.updated_at : a.id < b.id;
  });
  return candidates;
}

nlohmann::json harvest_candidate_json(const MockCandidate& candidate) {
  return {{"id", candidate.id},
          {"first_name", candidate.first_name},
          {"last_name", candidate.last_name},
          {"company", nullptr},
          {"title", nullptr},
          {"created_at", format_rfc3339(candidate.created_at)},
          {"updated_at", format_rfc3339(candidate.updated_at)},
          {"last_activity", format_rfc3339(candidate.updated_at)},
          {"is_private", false},
          {"photo_url", nullptr},
          {"attachments", nlohmann::json::array()},
          {"application_ids", nlohmann::json::array({candidate.application_id})},
          {"phone_numbers", nlohmann::json::array()},
          {"addresses", nlohmann::json::array()},
          {"email_addresses", email_addresses(candidate)},
          {"website_addresses", nlohmann::json::array()},
          {"social_media_addresses", nlohmann::json::array()},
          {"recruiter", nullptr},
          {"coordinator", nullptr},
          {"can_email", true},
          {"tags", nlohmann::json::array({"Mock ATS"})},
          {"applications",
           nlohmann::json::array({{{"id", candidate.application_id},
                                   {"candidate_id", candidate.id},
                                   {"prospect", false},
                                   {"applied_at", format_rfc3339(candidate.created_at)},
                                   {"rejected_at", nullptr},
                                   {"last_activity_at", format_rfc3339(candidate.updated_at)},
                                   {"status", "active"},
                                   {"jobs", nlohmann::json::array({{{"id", 149995}, {"name", candidate.job_name}}})},
                                   {"current_stage", {{"id", 1073533}, {"name", "Application Review"}}}}})},
          {"custom_fields",
           {{"visa_status", candidate.visa_status},
            {"relocation", candidate.relocation},
            {"level", candidate.level},
            {"geography", candidate.geography}}},
          {"keyed_custom_fields", keyed_fields(candidate)}};
}

nlohmann::json webhook_candidate_json(const MockCandidate& candidate) {
  return {{"id", candidate.id},
          {"first_name", candidate.first_name},
          {"last_name", candidate.last_name},
          {"title", nullptr},
          {"company", nullptr},
          {"created_at", format_rfc3339(candidate.created_at)},
          {"external_id", nullptr},
          {"photo_url", nullptr},
          {"url", "https://app.greenhouse.io/people/" + std::to_string(candidate.id)},
          {"is_private", false},
          {"can_email", true},
          {"phone_numbers", nlohmann::json::array()},
          {"email_addresses", email_addresses(candidate)},
          {"addresses", nlohmann::json::array()},
          {"website_addresses", nlohmann::json::array()},
          {"social_media_addresses", nlohmann::json::array()},
          {"recruiter", nullptr},
          {"coordinator", nullptr},
          {"attachments", nlohmann::json::array()},
          {"tags", nlohmann::json::array({"Mock ATS"})},
          {"custom_fields", keyed_fields(candidate)}};
}

}  // namespace snag::mock_ats
