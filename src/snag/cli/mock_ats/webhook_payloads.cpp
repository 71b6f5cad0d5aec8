#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <string_view>

#include <snag/cli/mock_ats/webhook_payloads.hpp>
#include <snag/integrations/ats/greenhouse/signature.hpp>
#include <snag/integrations/ats/lever/signature.hpp>
#include <snag/integrations/ats/standard_webhooks/signature.hpp>

namespace snag::mock_ats {

namespace {

// Events start after every generated updated_at, so that they are newer than what a sync pulls.
constexpr std::int64_t k_events_start_ms = k_mock_epoch_ms + std::int64_t{200} * 24 * 3600 * 1000;

struct Weighted {
  std::string_view action;
  unsigned weight;
};

// Roughly how often each happens in a recruiting team's day.
constexpr std::array<Weighted, 8> k_greenhouse_actions{{{"candidate_stage_change", 30},
                                                        {"update_candidate", 20},
                                                        {"new_candidate_application", 10},
                                                        {"reject_candidate", 12},
                                                        {"unreject_candidate", 3},
                                                        {"hire_candidate", 5},
                                                        {"application_updated", 10},
                                                        {"offer_created", 10}}};
constexpr std::array<Weighted, 6> k_lever_actions{{{"candidateStageChange", 40},
                                                   {"applicationCreated", 15},
                                                   {"candidateArchiveChange", 15},
                                                   {"candidateHired", 5},
                                                   {"interviewCreated", 15},
                                                   {"interviewDeleted", 10}}};
// Snag's own neutral events, as an ATS integration that speaks Standard Webhooks would send
// them; the last four are blockers that open tickets (a background check only when it is late).
constexpr std::array<Weighted, 7> k_standard_actions{{{"candidate.updated", 25},
                                                      {"application.stage_changed", 25},
                                                      {"interview.scheduled", 12},
                                                      {"background_check.updated", 10},
                                                      {"offer.expired", 10},
                                                      {"document.missing", 10},
                                                      {"resume.parse_failed", 8}}};
constexpr std::array<std::string_view, 4> k_documents{"I-9", "signed offer letter", "right-to-work proof",
                                                      "background check consent"};
constexpr std::array<std::string_view, 5> k_stages{"Application Review", "Preliminary Phone Screen", "Assessment",
                                                   "Face to Face", "Offer"};

template <std::size_t N>
std::string_view pick_action(MockRandom& random, const std::array<Weighted, N>& actions) {
  unsigned total = 0;
  for (const auto& action : actions) total += action.weight;
  auto roll = static_cast<unsigned>(random.below(total));
  for (const auto& action : actions) {
    if (roll < action.weight) return action.action;
    roll -= action.weight;
  }
  return actions.front().action;
}

// A version 4 UUID's shape from the generator: vendors' ids look like this.
std::string uuid(MockRandom& random) {
  const std::uint64_t high = random.next();
  const std::uint64_t low = random.next();
  char text[37];
  std::snprintf(text, sizeof text, "%08x-%04x-4%03x-%04x-%012llx", static_cast<unsigned>(high >> 32),
                static_cast<unsigned>((high >> 16) & 0xffff), static_cast<unsigned>(high & 0xfff),
                static_cast<unsigned>(0x8000 | ((low >> 48) & 0x3fff)),
                static_cast<unsigned long long>(low & 0xffffffffffffULL));
  return text;
}

std::string hex_token(MockRandom& random) {
  char text[49];
  std::snprintf(text, sizeof text, "%016llx%016llx%016llx", static_cast<unsigned long long>(random.next()),
                static_cast<unsigned long long>(random.next()), static_cast<unsigned long long>(random.next()));
  return text;
}

nlohmann::json greenhouse_application(const MockCandidate& candidate, std::string_view action, Timestamp at,
                                      MockRandom& random) {
  const bool rejected = action == "reject_candidate";
  const bool hired = action == "hire_candidate";
  const bool fresh = action == "new_candidate_application";
  nlohmann::json application = {
      {"id", candidate.application_id},
      {"rejected_at", rejected ? nlohmann::json(format_rfc3339(at)) : nlohmann::json()},
      {"prospect", false},
      {"status", rejected ? "rejected"
                 : hired  ? "hired"
                          : "active"},
      {"applied_at", format_rfc3339(fresh ? at : candidate.created_at)},
      {"last_activity_at", format_rfc3339(at)},
      {"url", "https://app.greenhouse.io/people/" + std::to_string(candidate.id) +
                  "?application_id=" + std::to_string(candidate.application_id)},
      {"source", {{"id", 16}, {"public_name", "LinkedIn (Prospecting)"}}},
      {"credited_to", nullptr},
      {"rejection_reason",
       rejected ? nlohmann::json{{"id", 14}, {"name", "Too Junior"}, {"type", {{"id", 3}, {"name", "Wrong skill set"}}}}
                : nlohmann::json()},
      {"rejection_details", nullptr},
      {"current_stage",
       {{"id", 2944102 + random.below(k_stages.size())},
        {"name", fresh ? k_stages.front() : k_stages[random.below(k_stages.size())]},
        {"interviews", nlohmann::json::array()}}},
      {"custom_fields", nlohmann::json::object()},
      {"candidate", webhook_candidate_json(candidate)},
  };
  const nlohmann::json job = {
      {"id", 149995}, {"name", candidate.job_name}, {"requisition_id", nullptr}, {"status", "open"}};
  if (hired) {
    application["job"] = job;
    application["offer"] = {{"id", candidate.application_id + 7},
                            {"version", 1},
                            {"resolved_at", format_rfc3339(at)},
                            {"starts_at", "2026-09-01"}};
  } else {
    application["jobs"] = nlohmann::json::array({job});
  }
  return application;
}

nlohmann::json greenhouse_body(const MockCandidate& candidate, std::string_view action, Timestamp at,
                               MockRandom& random) {
  if (action == "update_candidate") {
    nlohmann::json person = webhook_candidate_json(candidate);
    // Greenhouse's webhook dates no change; the mock adds Harvest's updated_at so that its
    // events are ordered by their own time, whatever order they arrive in.
    person["updated_at"] = format_rfc3339(at);
    return {{"action", action}, {"payload", {{"candidate", person}}}};
  }
  if (action == "offer_created") {
    return {{"action", action},
            {"payload",
             {{"id", candidate.application_id + 7},
              {"application_id", candidate.application_id},
              {"job_id", 149995},
              {"user_id", 92120},
              {"version", 1},
              {"sent_on", nullptr},
              {"resolved_at", nullptr},
              {"start_date", "09/01/2026"},
              {"notes", nullptr},
              {"offer_status", "Created"},
              {"custom_fields", nlohmann::json::object()}}}};
  }
  return {{"action", action}, {"payload", {{"application", greenhouse_application(candidate, action, at, random)}}}};
}

nlohmann::json lever_data(const MockCandidate& candidate, std::string_view action, MockRandom& random) {
  const std::string opportunity = std::to_string(candidate.id);
  nlohmann::json data = {
      {"opportunityId", opportunity}, {"candidateId", opportunity}, {"contactId", "contact-" + opportunity}};
  if (action == "candidateStageChange") {
    data["fromStageId"] = uuid(random);
    data["toStageId"] = uuid(random);
  } else if (action == "applicationCreated") {
    data["applicationId"] = std::to_string(candidate.application_id);
  } else if (action == "candidateArchiveChange") {
    data["fromArchived"] = nullptr;
    data["toArchived"] = {{"archivedAt", 0}, {"reason", uuid(random)}};
  } else if (action == "interviewCreated" || action == "interviewDeleted") {
    data["interviewId"] = uuid(random);
    data["panelId"] = uuid(random);
  }
  return data;
}

MockDelivery greenhouse_delivery(const MockCandidate& candidate, std::string_view action, Timestamp at,
                                 const std::string& secret, MockRandom& random) {
  MockDelivery delivery;
  delivery.action = std::string(action);
  delivery.event_id = uuid(random);
  delivery.body = greenhouse_body(candidate, action, at, random).dump();
  delivery.headers = {{"Content-Type", "application/json"},
                      {"User-Agent", "Greenhouse-Webhooks"},
                      {std::string(ats::k_greenhouse_event_id_header), delivery.event_id},
                      {std::string(ats::k_greenhouse_signature_header), ats::sign_greenhouse(secret, delivery.body)}};
  return delivery;
}

MockDelivery lever_delivery(const MockCandidate& candidate, std::string_view action, Timestamp at,
                            const std::string& secret, MockRandom& random) {
  MockDelivery delivery;
  delivery.action = std::string(action);
  delivery.event_id = uuid(random);
  const std::string token = hex_token(random);
  const std::int64_t triggered_at = to_epoch_ms(at);
  nlohmann::json data = lever_data(candidate, action, random);
  if (action == "candidateArchiveChange") data["toArchived"]["archivedAt"] = triggered_at;
  const nlohmann::json body = {{"id", delivery.event_id}, {"triggeredAt", triggered_at},
                               {"event", action},         {"data", data},
                               {"token", token},          {"signature", ats::sign_lever(token, triggered_at, secret)}};
  delivery.body = body.dump();
  delivery.headers = {{"Content-Type", "application/json"}, {"User-Agent", "Lever-Webhooks"}};
  return delivery;
}

// A candidate.updated event describes the candidate in full; the others name it only, so that
// an event arriving before any description makes a stub. Everything but the time is the same in
// every event of a kind about one candidate.
nlohmann::json standard_body(const MockCandidate& candidate, std::string_view type, Timestamp at) {
  nlohmann::json person = {{"external_id", std::to_string(candidate.id)}};
  if (type == "candidate.updated") {
    person["name"] = candidate.first_name + " " + candidate.last_name;
    person["email"] = candidate.personal_email;
    person["level"] = candidate.level;
    person["geography"] = candidate.geography;
    person["fields"] = {{"visa_status", candidate.visa_status}, {"relocation", candidate.relocation}};
  }
  nlohmann::json data = {{"candidate", person}};
  const auto pick = static_cast<std::size_t>(candidate.id);
  if (type == "application.stage_changed") {
    data["object"] = "application:" + std::to_string(candidate.application_id);
    data["stage"] = std::string(k_stages[pick % k_stages.size()]);
  } else if (type == "document.missing") {
    data["document"] = std::string(k_documents[pick % k_documents.size()]);
  } else if (type == "interview.scheduled") {
    data["object"] = "application:" + std::to_string(candidate.application_id);
  } else if (type == "background_check.updated") {
    // Checks that started up to two weeks ago and are still pending: the shipped rule opens a
    // background_check_delay ticket for those older than a week.
    data["status"] = "pending";
    data["started_at"] = format_rfc3339(at - std::chrono::days(static_cast<int>(pick % 14)));
  }
  return {{"type", type}, {"timestamp", format_rfc3339(at)}, {"data", data}};
}

// The headers of a Standard Webhooks delivery signed now.
HeaderList standard_headers(const std::string& secret, const std::string& id, const std::string& body) {
  const auto seconds =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  auto signature = ats::sign_standard_webhooks(secret, id, seconds, body);
  if (!signature) throw std::runtime_error("--secret: " + signature.error().message);
  return {{"Content-Type", "application/json"},
          {std::string(ats::k_standard_webhooks_id_header), id},
          {std::string(ats::k_standard_webhooks_timestamp_header), std::to_string(seconds)},
          {std::string(ats::k_standard_webhooks_signature_header), *signature}};
}

MockDelivery standard_delivery(const MockCandidate& candidate, std::string_view type, Timestamp at,
                               const std::string& secret, MockRandom& random) {
  MockDelivery delivery;
  delivery.action = std::string(type);
  delivery.event_id = "msg_" + uuid(random);
  delivery.body = standard_body(candidate, type, at).dump();
  delivery.headers = standard_headers(secret, delivery.event_id, delivery.body);
  delivery.signed_now = [secret, id = delivery.event_id, body = delivery.body] {
    return standard_headers(secret, id, body);
  };
  return delivery;
}

}  // namespace

std::vector<MockDelivery> plan_deliveries(const DeliveryPlan& plan, const std::vector<MockCandidate>& candidates) {
  MockRandom events(plan.seed);
  std::vector<MockDelivery> originals;
  originals.reserve(plan.count);
  for (std::size_t i = 0; i < plan.count; ++i) {
    const MockCandidate& candidate = candidates[events.below(candidates.size())];
    const Timestamp at = from_epoch_ms(k_events_start_ms + static_cast<std::int64_t>(i) * 1000);
    if (plan.vendor == WebhookVendor::greenhouse) {
      originals.push_back(
          greenhouse_delivery(candidate, pick_action(events, k_greenhouse_actions), at, plan.secret, events));
    } else if (plan.vendor == WebhookVendor::lever) {
      originals.push_back(lever_delivery(candidate, pick_action(events, k_lever_actions), at, plan.secret, events));
    } else {
      originals.push_back(
          standard_delivery(candidate, pick_action(events, k_standard_actions), at, plan.secret, events));
    }
  }

  MockRandom arrival(plan.seed ^ 0x5eedULL);
  if (plan.shuffle) {
    for (std::size_t i = originals.size(); i > 1; --i) std::swap(originals[i - 1], originals[arrival.below(i)]);
  }
  std::vector<MockDelivery> deliveries;
  deliveries.reserve(originals.size() +
                     static_cast<std::size_t>(static_cast<double>(originals.size()) * std::max(plan.duplicates, 0.0)) +
                     1);
  for (auto& original : originals) {
    const bool repeated = arrival.chance(plan.duplicates);
    deliveries.push_back(original);
    if (!repeated) continue;
    MockDelivery repeat = std::move(original);
    repeat.repeat = true;
    repeat.hold = plan.repeat_delay;
    deliveries.push_back(std::move(repeat));
  }
  return deliveries;
}

}  // namespace snag::mock_ats
