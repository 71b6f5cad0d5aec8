// /api/v1/subscriptions and /api/v1/vendors through the Api (routing, authentication,
// decoding, problem+json) over a real store.

#include "test_actor.hpp"
#include "outbound_fixtures.hpp"
#include <gtest/gtest.h>

#include <snag/http/api.hpp>

namespace snag::testing {
namespace subscriptions_api_test {

class SubscriptionsApiTest : public ::testing::Test {
 protected:
  SubscriptionsApiTest()
      : m_integrations(*world.store, default_catalog(), world.clock, m_ats_policy, world.app, "tests"),
        m_events(*world.store),
        m_api(HttpServices(world.app, m_integrations, *world.store, default_catalog(), m_events,
                           OutboundTargetPolicy{})) {
    m_admin = bearer_for("ops-admin", "admin");
  }

  std::string bearer_for(std::string name, std::string role) {
    NewApiKey key;
    key.name = std::move(name);
    key.role = std::move(role);
    key.team = "recruitment";
    auto issued = world.app.api_keys.create(testing::test_admin(), key);
    if (!issued) throw std::runtime_error(issued.error().message);
    return "Bearer " + issued->secret;
  }

  http::HttpResponse send(http::HttpMethod method, std::string target, std::string body = {},
                          std::optional<std::string> authorization = std::nullopt) {
    m_target = std::move(target);
    m_body = std::move(body);
    m_authorization = authorization.value_or(m_admin);
    http::HttpRequest request;
    request.method = method;
    request.method_text = http::to_string(method);
    request.path = m_target;
    request.body = m_body;
    if (!m_body.empty()) request.content_type = "application/json";
    request.authorization = m_authorization;
    request.request_id = "test-1";
    return m_api.handle(request);
  }

  static nlohmann::json json_of(const http::HttpResponse& response) { return nlohmann::json::parse(response.body); }

  static std::vector<std::string> error_fields(const http::HttpResponse& response) {
    const auto problem = json_of(response);
    std::vector<std::string> fields;
    for (const auto& error : problem["errors"]) fields.push_back(error["field"]);
    return fields;
  }

  OutboundWorld world;

 private:
  AtsPolicy m_ats_policy;
  IntegrationServices m_integrations;  // its processor is never started here
  EventHub m_events;                   // not started: the API needs one, these tests do not stream
  http::Api m_api;
  std::string m_admin;
  std::string m_target;
  std::string m_body;
  std::string m_authorization;
};

const std::string k_new_subscription = R"({
  "name": "BI warehouse",
  "url": "https://hooks.example.com/snag",
  "vendor": "acme",
  "events": ["ticket.created", "ticket.resolved"],
  "field_allowlist": ["key", "status", "candidate.external_id"]
})";

TEST_F(SubscriptionsApiTest, CreatesASubscriptionAndShowsItsSecretOnce) {
  const auto created = send(http::HttpMethod::post, "/api/v1/subscriptions", k_new_subscription);
  ASSERT_EQ(created.status, 201U) << created.body;
  const auto json = json_of(created);
  const std::string secret = json["secret"];
  EXPECT_TRUE(secret.starts_with("whsec_"));
  EXPECT_EQ(json["secret_hint"], "…" + secret.substr(secret.size() - 4));
  EXPECT_EQ(json["events"], nlohmann::json({"ticket.created", "ticket.resolved"}));
  EXPECT_EQ(json["enabled"], true);

  const auto listed = send(http::HttpMethod::get, "/api/v1/subscriptions");
  ASSERT_EQ(listed.status, 200U) << listed.body;
  EXPECT_EQ(listed.body.find(secret), std::string::npos);
  const auto item = json_of(listed)["items"][0];
  EXPECT_EQ(item["id"], json["id"]);
  EXPECT_FALSE(item.contains("secret"));
  EXPECT_EQ(item["attestation"], "unregistered");
  EXPECT_EQ(item["deliveries"]["pending"], 0);
}

TEST_F(SubscriptionsApiTest, AcceptsACallersSecret) {
  const std::string secret = generate_webhook_secret();
  auto body = nlohmann::json::parse(k_new_subscription);
  body["secret"] = secret;
  const auto created = send(http::HttpMethod::post, "/api/v1/subscriptions", body.dump());
  ASSERT_EQ(created.status, 201U) << created.body;
  EXPECT_EQ(json_of(created)["secret"], secret);
}

TEST_F(SubscriptionsApiTest, NamesEachInvalidField) {
  const auto invalid = send(http::HttpMethod::post, "/api/v1/subscriptions", R"({
    "name": "x", "url": "ftp://nope", "vendor": "acme",
    "events": ["ticket.created", "ticket.exploded"],
    "field_allowlist": ["key", "fields", "email"],
    "secret": "whsec_c2hvcnQ=", "colour": "red"
  })");
  ASSERT_EQ(invalid.status, 422U) << invalid.body;
  EXPECT_EQ(error_fields(invalid), std::vector<std::string>{"colour"});  // unknown members first, alone

  const auto wrong = send(http::HttpMethod::post, "/api/v1/subscriptions", R"({
    "name": "x", "url": "ftp://nope", "vendor": "acme",
    "events": ["ticket.created", "ticket.exploded"],
    "field_allowlist": ["key", "fields", "email"],
    "secret": "whsec_c2hvcnQ="
  })");
  ASSERT_EQ(wrong.status, 422U) << wrong.body;
  EXPECT_EQ(error_fields(wrong),
            (std::vector<std::string>{"url", "events[1]", "field_allowlist[1]", "field_allowlist[2]", "secret"}));
  const auto missing = send(http::HttpMethod::post, "/api/v1/subscriptions", R"({"name": "x"})");
  ASSERT_EQ(missing.status, 422U);
  EXPECT_EQ(error_fields(missing), (std::vector<std::string>{"url", "vendor", "events", "field_allowlist"}));
}

TEST_F(SubscriptionsApiTest, RefusesTargetsOnLoopbackPrivateAndLinkLocalAddresses) {
  for (const std::string url :
       {"http://127.0.0.1:8080/hook", "http://localhost/hook", "http://[::1]/hook", "https://10.1.2.3/hook",
        "http://169.254.169.254/latest/meta-data/", "http://192.168.0.10/hook", "http://[fd00::1]/hook",
        "http://0x7f.1/hook", "http://[::ffff:10.0.0.1]/hook", "http://0.0.0.0:9/hook"}) {
    auto body = nlohmann::json::parse(k_new_subscription);
    body["url"] = url;
    const auto refused = send(http::HttpMethod::post, "/api/v1/subscriptions", body.dump());
    ASSERT_EQ(refused.status, 422U) << url << ": " << refused.body;
    EXPECT_EQ(error_fields(refused), std::vector<std::string>{"url"}) << url;
  }
  EXPECT_TRUE(json_of(send(http::HttpMethod::get, "/api/v1/subscriptions"))["items"].empty());

  auto public_address = nlohmann::json::parse(k_new_subscription);
  public_address["url"] = "https://203.0.114.7/hook";
  EXPECT_EQ(send(http::HttpMethod::post, "/api/v1/subscriptions", public_address.dump()).status, 201U);
}

TEST_F(SubscriptionsApiTest, NeedsSubscriptionsAdmin) {
  const auto recruiter = bearer_for("rita", "recruiter");
  EXPECT_EQ(send(http::HttpMethod::post, "/api/v1/subscriptions", k_new_subscription, recruiter).status, 403U);
  EXPECT_EQ(send(http::HttpMethod::get, "/api/v1/subscriptions", {}, recruiter).status, 403U);
  EXPECT_EQ(send(http::HttpMethod::get, "/api/v1/vendors", {}, recruiter).status, 403U);
  EXPECT_EQ(send(http::HttpMethod::get, "/api/v1/subscriptions", {}, std::string("Bearer nope")).status, 401U);
}

TEST_F(SubscriptionsApiTest, DeletesASubscription) {
  const auto created = send(http::HttpMethod::post, "/api/v1/subscriptions", k_new_subscription);
  ASSERT_EQ(created.status, 201U);
  const std::string path = "/api/v1/subscriptions/" + std::to_string(json_of(created)["id"].get<std::int64_t>());
  EXPECT_EQ(send(http::HttpMethod::delete_, path).status, 204U);
  EXPECT_EQ(send(http::HttpMethod::delete_, path).status, 404U);
  EXPECT_EQ(send(http::HttpMethod::delete_, "/api/v1/subscriptions/abc").status, 404U);
  EXPECT_EQ(json_of(send(http::HttpMethod::get, "/api/v1/subscriptions"))["items"], nlohmann::json::array());
}

TEST_F(SubscriptionsApiTest, EnablesASubscriptionThatFailuresDisabled) {
  const auto created = send(http::HttpMethod::post, "/api/v1/subscriptions", k_new_subscription);
  ASSERT_EQ(created.status, 201U);
  const SubscriptionId id{json_of(created)["id"].get<std::int64_t>()};
  ASSERT_TRUE(world.store->write([&](WriteTransaction& tx) -> Result<void> {
    for (int i = 0; i < 3; ++i) {
      if (auto counted = tx.count_subscription_failure(id); !counted) return tl::unexpected(counted.error());
    }
    auto disabled = tx.disable_subscription(id, world.clock.now());
    if (!disabled) return tl::unexpected(disabled.error());
    return {};
  }));
  const auto listed = [&] { return json_of(send(http::HttpMethod::get, "/api/v1/subscriptions"))["items"][0]; };
  ASSERT_EQ(listed()["enabled"], false) << listed();

  const std::string path = "/api/v1/subscriptions/" + std::to_string(id.value) + "/enable";
  EXPECT_EQ(send(http::HttpMethod::post, path, {}, bearer_for("rita", "recruiter")).status, 403U);
  EXPECT_EQ(listed()["enabled"], false);
  EXPECT_EQ(send(http::HttpMethod::post, path).status, 204U);
  EXPECT_EQ(listed()["enabled"], true) << listed();
  EXPECT_EQ(listed()["consecutive_failures"], 0) << listed();
  EXPECT_EQ(send(http::HttpMethod::post, path).status, 204U) << "enabling an enabled subscription changes nothing";
  EXPECT_EQ(send(http::HttpMethod::post, "/api/v1/subscriptions/999/enable").status, 404U);
}

TEST_F(SubscriptionsApiTest, RecordsVendorAttestations) {
  const auto put = send(http::HttpMethod::put, "/api/v1/vendors/acme", R"({
    "name": "Acme Analytics", "soc2_type2_expires_at": "2027-06-30T00:00:00Z",
    "iso27001_expires_at": "2027-01-31T00:00:00Z"})");
  ASSERT_EQ(put.status, 200U) << put.body;
  EXPECT_EQ(json_of(put)["status"], "current");
  EXPECT_EQ(json_of(put)["current"], true);

  const auto lapsed = send(http::HttpMethod::put, "/api/v1/vendors/lapsed", R"({
    "name": "Lapsed Ltd", "soc2_type2_expires_at": "2027-06-30T00:00:00Z", "iso27001_expires_at": null})");
  ASSERT_EQ(lapsed.status, 200U) << lapsed.body;
  EXPECT_EQ(json_of(lapsed)["status"], "iso27001_missing");

  const auto listed = json_of(send(http::HttpMethod::get, "/api/v1/vendors"));
  ASSERT_EQ(listed["items"].size(), 2U);
  EXPECT_EQ(listed["items"][0]["vendor"], "acme");
  EXPECT_EQ(listed["items"][0]["soc2_type2_expires_at"], "2027-06-30T00:00:00Z");

  ASSERT_EQ(send(http::HttpMethod::post, "/api/v1/subscriptions", k_new_subscription).status, 201U);
  EXPECT_EQ(json_of(send(http::HttpMethod::get, "/api/v1/subscriptions"))["items"][0]["attestation"], "current");
}

TEST_F(SubscriptionsApiTest, RefusesIncompleteAttestationUpdates) {
  const auto bad = send(http::HttpMethod::put, "/api/v1/vendors/Not%20A%20Code", R"({
    "name": "", "soc2_type2_expires_at": "next year"})");
  ASSERT_EQ(bad.status, 422U) << bad.body;
  EXPECT_EQ(error_fields(bad), (std::vector<std::string>{"soc2_type2_expires_at", "iso27001_expires_at"}));
  const auto named = send(http::HttpMethod::put, "/api/v1/vendors/Not%20A%20Code", R"({
    "name": "", "soc2_type2_expires_at": null, "iso27001_expires_at": null})");
  ASSERT_EQ(named.status, 422U) << named.body;
  EXPECT_EQ(error_fields(named), (std::vector<std::string>{"vendor", "name"}));
}

}  // namespace subscriptions_api_test
}  // namespace snag::testing
