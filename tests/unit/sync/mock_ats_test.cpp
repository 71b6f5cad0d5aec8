// The mock ATS's API and webhooks, without a network: what tests and demos rely on.

#include <set>

#include <gtest/gtest.h>

#include <snag/cli/mock_ats/candidate_pages.hpp>
#include <snag/cli/mock_ats/harvest_api.hpp>
#include <snag/cli/mock_ats/webhook_payloads.hpp>
#include <snag/integrations/ats/greenhouse/normalise.hpp>
#include <snag/integrations/ats/greenhouse/signature.hpp>
#include <snag/integrations/ats/lever/normalise.hpp>
#include <snag/integrations/ats/lever/signature.hpp>
#include <snag/integrations/sync/harvest_candidate.hpp>
#include <snag/integrations/sync/link_header.hpp>
#include <snag/util/crypto.hpp>

namespace snag::mock_ats {
namespace mock_ats_test {

MockRequest get(std::string target, std::optional<std::string> key = std::nullopt) {
  MockRequest request;
  request.method = "GET";
  request.target = std::move(target);
  request.headers.emplace_back("Host", "127.0.0.1:9999");
  if (key) request.headers.emplace_back("Authorization", "Basic " + base64_encode(*key + ":"));
  return request;
}

std::optional<std::string> header(const MockResponse& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return std::nullopt;
}

TEST(MockCandidates, AreTheSameForTheSameSeed) {
  const auto first = generate_candidates(50, 7);
  const auto again = generate_candidates(50, 7);
  const auto other = generate_candidates(50, 8);
  ASSERT_EQ(first.size(), 50u);
  for (std::size_t i = 0; i < first.size(); ++i) {
    EXPECT_EQ(first[i].id, again[i].id);
    EXPECT_EQ(first[i].personal_email, again[i].personal_email);
    EXPECT_EQ(first[i].updated_at, again[i].updated_at);
    if (i > 0) {
      EXPECT_LE(first[i - 1].updated_at, first[i].updated_at);
    }
  }
  EXPECT_NE(harvest_candidate_json(first[0]), harvest_candidate_json(other[0]));
}

TEST(HarvestApi, PagesWithLinksAndTheFiltersRepeated) {
  HarvestApi api(generate_candidates(25, 1), {});
  const auto first = api.handle(get("/v1/candidates?per_page=10"));
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(nlohmann::json::parse(first.body).size(), 10u);
  const auto link = header(first, "Link");
  ASSERT_TRUE(link);
  EXPECT_EQ(sync::next_link(*link), "http://127.0.0.1:9999/v1/candidates?page=2&per_page=10");

  const auto last = api.handle(get("/v1/candidates?per_page=10&page=3"));
  EXPECT_EQ(nlohmann::json::parse(last.body).size(), 5u);
  EXPECT_EQ(sync::next_link(header(last, "Link").value_or("")), std::nullopt);

  const auto beyond = api.handle(get("/v1/candidates?per_page=10&page=9"));
  EXPECT_EQ(beyond.status, 200);
  EXPECT_EQ(beyond.body, "[]");
}

TEST(HarvestApi, UpdatedAfterIsInclusiveAndKeptInTheLinks) {
  const auto candidates = generate_candidates(30, 1);
  HarvestApi api(candidates, {});
  const std::string since = format_rfc3339(candidates[20].updated_at);
  const auto page = api.handle(get("/v1/candidates?per_page=5&updated_after=" + since));
  ASSERT_EQ(page.status, 200);
  const auto records = nlohmann::json::parse(page.body);
  ASSERT_EQ(records.size(), 5u);
  EXPECT_EQ(records[0]["id"], candidates[20].id);
  const auto next = sync::next_link(header(page, "Link").value_or(""));
  ASSERT_TRUE(next);
  EXPECT_NE(next->find("updated_after=" + since), std::string::npos) << *next;

  EXPECT_EQ(api.handle(get("/v1/candidates?updated_after=yesterday")).status, 422);
  EXPECT_EQ(api.handle(get("/v1/candidates?per_page=501")).status, 422);
  EXPECT_EQ(api.handle(get("/v1/candidates?page=0")).status, 422);
  EXPECT_EQ(api.handle(get("/v1/jobs")).status, 404);
}

TEST(HarvestApi, AsksForTheKeyAndThrottles) {
  HarvestApi api(generate_candidates(3, 1), {std::string("right-key"), 3, false});
  EXPECT_EQ(api.handle(get("/v1/candidates")).status, 401);
  EXPECT_EQ(api.handle(get("/v1/candidates", "wrong-key")).status, 401);
  const auto throttled = api.handle(get("/v1/candidates", "right-key"));  // the third request
  EXPECT_EQ(throttled.status, 429);
  EXPECT_EQ(header(throttled, "Retry-After"), "1");
  EXPECT_EQ(api.handle(get("/v1/candidates", "right-key")).status, 200);
  EXPECT_EQ(api.requests(), 4u);
}

TEST(HarvestApi, ListsByIdWhenAsked) {
  HarvestApi api(generate_candidates(40, 3), {std::nullopt, 0, true});
  const auto records = nlohmann::json::parse(api.handle(get("/v1/candidates?per_page=500")).body);
  ASSERT_EQ(records.size(), 40u);
  for (std::size_t i = 1; i < records.size(); ++i) EXPECT_LT(records[i - 1]["id"], records[i]["id"]);
}

TEST(HarvestApi, EveryRecordMapsToACandidateEvent) {
  HarvestApi api(generate_candidates(20, 5), {});
  for (const auto& record : nlohmann::json::parse(api.handle(get("/v1/candidates?per_page=500")).body)) {
    const auto event = sync::harvest_candidate_event(record, "greenhouse");
    ASSERT_TRUE(event) << event.error().message;
    EXPECT_TRUE(event->profile->level);
    EXPECT_TRUE(event->profile->geography);
    EXPECT_TRUE(event->profile->fields.contains("visa_status"));
    EXPECT_TRUE(event->profile->fields.contains("relocation"));
  }
}

TEST(MockWebhooks, GreenhouseDeliveriesAreSignedAndNormalise) {
  const auto candidates = generate_candidates(10, 1);
  DeliveryPlan plan;
  plan.secret = "greenhouse-secret";
  plan.count = 200;
  const auto deliveries = plan_deliveries(plan, candidates);
  ASSERT_EQ(deliveries.size(), 200u);
  std::set<std::string> ids;
  std::set<std::string> actions;
  const std::vector<std::string> secrets{plan.secret};
  for (const auto& delivery : deliveries) {
    ids.insert(delivery.event_id);
    actions.insert(delivery.action);
    ats::WebhookHeaders headers;
    for (const auto& [name, value] : delivery.headers) headers.add(name, value);
    const auto check = ats::verify_greenhouse(delivery.body, headers, secrets);
    ASSERT_TRUE(check) << delivery.action << ": " << check.error().message;
    EXPECT_EQ(check->event_id, delivery.event_id);
    const auto events = ats::normalise_greenhouse(nlohmann::json::parse(delivery.body), "greenhouse",
                                                  *parse_rfc3339("2026-01-01T00:00:00Z"));
    ASSERT_TRUE(events) << delivery.action << ": " << events.error().message;
    EXPECT_FALSE(events->empty());
  }
  EXPECT_EQ(ids.size(), 200u);
  EXPECT_GE(actions.size(), 6u);
}

TEST(MockWebhooks, LeverDeliveriesCarryTheirSignatureAndNormalise) {
  DeliveryPlan plan;
  plan.vendor = WebhookVendor::lever;
  plan.secret = "lever-signature-token";
  plan.count = 50;
  const std::vector<std::string> tokens{plan.secret};
  for (const auto& delivery : plan_deliveries(plan, generate_candidates(5, 2))) {
    const auto check = ats::verify_lever(delivery.body, tokens);
    ASSERT_TRUE(check) << delivery.action << ": " << check.error().message;
    EXPECT_EQ(check->event_id, delivery.event_id);
    const auto events = ats::normalise_lever(nlohmann::json::parse(delivery.body), "lever");
    ASSERT_TRUE(events) << delivery.action << ": " << events.error().message;
  }
}

TEST(MockWebhooks, RepeatsAndShufflingChangeTheArrivalNotTheEvents) {
  const auto candidates = generate_candidates(10, 1);
  DeliveryPlan clean;
  clean.secret = "greenhouse-secret";
  clean.count = 300;
  DeliveryPlan messy = clean;
  messy.duplicates = 0.2;
  messy.shuffle = true;
  messy.repeat_delay = std::chrono::milliseconds(50);
  const auto clean_deliveries = plan_deliveries(clean, candidates);
  const auto messy_deliveries = plan_deliveries(messy, candidates);

  std::map<std::string, std::string> clean_bodies;
  for (const auto& delivery : clean_deliveries) clean_bodies[delivery.event_id] = delivery.body;
  std::map<std::string, std::string> messy_bodies;
  std::size_t repeats = 0;
  bool reordered = false;
  for (std::size_t i = 0; i < messy_deliveries.size(); ++i) {
    const auto& delivery = messy_deliveries[i];
    if (delivery.repeat) {
      ++repeats;
      EXPECT_EQ(messy_bodies.at(delivery.event_id), delivery.body);  // a repeat follows its first delivery
      EXPECT_EQ(delivery.hold, std::chrono::milliseconds(50));
      continue;
    }
    messy_bodies[delivery.event_id] = delivery.body;
    if (i < clean_deliveries.size() && clean_deliveries[i].event_id != delivery.event_id) reordered = true;
  }
  EXPECT_EQ(messy_bodies, clean_bodies);
  EXPECT_GT(repeats, 30u);  // about 60 of 300
  EXPECT_LT(repeats, 90u);
  EXPECT_TRUE(reordered);
}

// ---- Candidate pages with the widget ----------------------------------------------------------

TEST(MockCandidatePages, EmbedTheWidgetOfTheGivenSnagForTheCandidate) {
  auto candidates = generate_candidates(30, 3);
  candidates[0].first_name = "Zoë <script>";
  const CandidatePages pages(candidates, {"http://127.0.0.1:8080", "demo-ats"});

  const auto index = pages.handle(get("/"));
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_EQ(header(*index, "Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(index->body.find("/candidates/" + std::to_string(candidates[1].id)), std::string::npos);
  EXPECT_EQ(index->body.find("Zoë <script>"), std::string::npos);  // escaped
  EXPECT_NE(index->body.find("Zoë &lt;script&gt;"), std::string::npos);

  const auto page = pages.handle(get("/candidates/" + std::to_string(candidates[1].id)));
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("<script src=\"http://127.0.0.1:8080/widget.js\" data-connector=\"demo-ats\" "
                            "data-candidate=\"" +
                            std::to_string(candidates[1].id) + "\" defer></script>"),
            std::string::npos)
      << page->body;
  EXPECT_NE(page->body.find(candidates[1].last_name), std::string::npos);
}

TEST(MockCandidatePages, AnswerOnlyTheirOwnPaths) {
  const auto candidates = generate_candidates(5, 3);
  const CandidatePages pages(candidates, {"http://snag.test", "gh"});
  EXPECT_EQ(pages.handle(get("/candidates/999999999"))->status, 404);
  EXPECT_EQ(pages.handle(get("/candidates/12abc"))->status, 404);
  EXPECT_FALSE(pages.handle(get("/v1/candidates?per_page=5")));  // the Harvest API's
  MockRequest post = get("/");
  post.method = "POST";
  EXPECT_FALSE(pages.handle(post));
  EXPECT_EQ(escape_html(R"(<a href="x">&'</a>)"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
}

}  // namespace mock_ats_test
}  // namespace snag::mock_ats
