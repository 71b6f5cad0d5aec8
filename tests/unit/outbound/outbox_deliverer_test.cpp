// Delivering the outbox through a scripted HttpClient, on a real store: signing, attestation
// checks, retries with backoff, dead messages and disabled subscriptions.

#include "outbound_fixtures.hpp"
#include <gtest/gtest.h>

#include <snag/integrations/ats/standard_webhooks/signature.hpp>
#include <snag/integrations/outbound/outbox_deliverer.hpp>
#include <snag/integrations/outbound/outbox_filler.hpp>

namespace snag::testing {
namespace outbox_deliverer_test {

const std::vector<std::string> k_all_events{"ticket.created", "ticket.changed", "ticket.resolved"};

DeliveryPolicy quick_policy() {
  DeliveryPolicy policy;
  policy.max_attempts = 3;
  policy.base_delay = std::chrono::seconds(10);
  policy.max_delay = std::chrono::minutes(10);
  policy.disable_after_failures = 100;
  return policy;
}

class OutboxDelivererTest : public ::testing::Test {
 protected:
  OutboxDeliverer deliverer(DeliveryPolicy policy = quick_policy()) {
    OutboxDelivererOptions options;
    options.node = "test-node";
    options.policy = policy;
    return OutboxDeliverer(*world.store, client, world.clock, options, [] { return 0.0; });
  }

  void fill() {
    OutboxFiller filler(*world.store, default_catalog(), world.clock);
    auto filled = filler.fill();
    ASSERT_TRUE(filled) << filled.error().message;
  }

  DeliveryReport deliver_due(OutboxDeliverer& outbox) {
    auto report = outbox.deliver_due();
    EXPECT_TRUE(report) << report.error().message;
    return report ? *report : DeliveryReport{};
  }

  Subscription subscription_of(SubscriptionId id) {
    auto found = world.store->find_subscription(id);
    EXPECT_TRUE(found && found->has_value());
    return found && found->has_value() ? **found : Subscription{};
  }

  OutboundWorld world;
  ScriptedHttpClient client;
};

TEST_F(OutboxDelivererTest, PostsAMessageSignedPerStandardWebhooks) {
  const auto subscription =
      world.subscribe("https://hooks.example.com/in?token=abc", "acme", k_all_events, {"key", "status"});
  world.attest_current("acme");
  world.open_ticket();
  fill();
  auto outbox = deliverer();
  const auto report = deliver_due(outbox);
  EXPECT_EQ(report.delivered, 1U);

  const auto requests = client.requests();
  ASSERT_EQ(requests.size(), 1U);
  const auto& request = requests[0];
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.url, "https://hooks.example.com/in?token=abc");
  ats::WebhookHeaders headers;
  for (const auto& [name, value] : request.headers) headers.add(name, value);
  const auto secret = world.store->list_subscriptions().value().front().secret;
  const auto check =
      ats::verify_standard_webhooks(request.body, headers, std::vector<std::string>{secret}, world.clock.now());
  ASSERT_TRUE(check) << check.error().message;
  const auto message = world.outbox(subscription.id).front();
  EXPECT_EQ(headers.find("webhook-id"), message.message_id);
  EXPECT_EQ(request.body, message.payload);
  EXPECT_EQ(message.state, OutboxState::done);
  EXPECT_EQ(message.attempts, 1);
}

TEST_F(OutboxDelivererTest, BlocksAndLogsWhenTheVendorHasNoCurrentAttestation) {
  const auto unregistered = world.subscribe("https://a.example.com/hook", "nobody", k_all_events, {"key"});
  const auto lapsed = world.subscribe("https://b.example.com/hook?token=s3cr3t", "lapsed", k_all_events, {"key"});
  const auto half = world.subscribe("https://c.example.com/hook", "half", k_all_events, {"key"});
  const Timestamp in_a_year = world.clock.now() + std::chrono::days(365);
  world.attest("lapsed", world.clock.now() - std::chrono::hours(1), in_a_year);
  world.attest("half", in_a_year, std::nullopt);
  world.open_ticket();
  fill();

  LogCapture log;
  auto outbox = deliverer();
  const auto report = deliver_due(outbox);
  EXPECT_EQ(report.blocked, 3U);
  EXPECT_TRUE(client.requests().empty());
  EXPECT_EQ(world.outbox(unregistered.id).front().state, OutboxState::blocked);
  EXPECT_EQ(world.outbox(unregistered.id).front().last_error, "attestation unregistered");
  EXPECT_EQ(world.outbox(lapsed.id).front().last_error, "attestation soc2_expired");
  EXPECT_EQ(world.outbox(half.id).front().last_error, "attestation iso27001_missing");

  const std::string lines = log.text();
  EXPECT_NE(lines.find("outbound delivery blocked"), std::string::npos) << lines;
  EXPECT_NE(lines.find("\"reason\":\"soc2_expired\""), std::string::npos) << lines;
  EXPECT_NE(lines.find(world.outbox(lapsed.id).front().message_id), std::string::npos) << lines;
  // Neither the payload, nor the URL (it may hold a token), nor the secret.
  EXPECT_EQ(lines.find("s3cr3t"), std::string::npos) << lines;
  EXPECT_EQ(lines.find("SNAG-"), std::string::npos) << lines;
  EXPECT_EQ(lines.find("whsec_"), std::string::npos) << lines;

  // Blocked is final: a renewed attestation does not send what was blocked.
  world.attest_current("nobody");
  EXPECT_EQ(deliver_due(outbox).leased, 0U);
}

TEST_F(OutboxDelivererTest, RetriesWithBackoffThenGivesUp) {
  const auto subscription = world.subscribe("https://a.example.com/hook", "acme", k_all_events, {"key"});
  world.attest_current("acme");
  world.open_ticket();
  fill();
  client.answer_status(503);
  auto outbox = deliverer();

  EXPECT_EQ(deliver_due(outbox).retried, 1U);
  auto message = world.outbox(subscription.id).front();
  EXPECT_EQ(message.state, OutboxState::queued);
  EXPECT_EQ(message.last_error, "HTTP 503");
  EXPECT_EQ(message.run_at, world.clock.now() + std::chrono::seconds(5));  // jitter 0: half of 10 s
  EXPECT_EQ(deliver_due(outbox).leased, 0U);                               // not due yet

  world.clock.advance(std::chrono::seconds(5));
  EXPECT_EQ(deliver_due(outbox).retried, 1U);
  EXPECT_EQ(world.outbox(subscription.id).front().run_at, world.clock.now() + std::chrono::seconds(10));
  world.clock.advance(std::chrono::seconds(10));
  EXPECT_EQ(deliver_due(outbox).dead, 1U);
  message = world.outbox(subscription.id).front();
  EXPECT_EQ(message.state, OutboxState::dead);
  EXPECT_EQ(message.attempts, 3);
  EXPECT_EQ(client.requests().size(), 3U);
  EXPECT_EQ(subscription_of(subscription.id).consecutive_failures, 3);
  EXPECT_TRUE(subscription_of(subscription.id).enabled());
}

TEST_F(OutboxDelivererTest, UnreachableDestinationsFailLikeErrorStatuses) {
  const auto subscription = world.subscribe("https://a.example.com/hook", "acme", k_all_events, {"key"});
  world.attest_current("acme");
  world.open_ticket();
  fill();
  client.answer([](const HttpClientRequest&) -> Result<HttpClientResponse> {
    return fail(ErrorCode::unavailable, "cannot connect to https://a.example.com:443");
  });
  auto outbox = deliverer();
  EXPECT_EQ(deliver_due(outbox).retried, 1U);
  EXPECT_EQ(world.outbox(subscription.id).front().last_error, "cannot connect to https://a.example.com:443");
}

TEST_F(OutboxDelivererTest, ASuccessResetsTheFailureCount) {
  const auto subscription = world.subscribe("https://a.example.com/hook", "acme", k_all_events, {"key"});
  world.attest_current("acme");
  world.open_ticket();
  fill();
  client.answer_status(500);
  auto outbox = deliverer();
  deliver_due(outbox);
  EXPECT_EQ(subscription_of(subscription.id).consecutive_failures, 1);
  client.answer_status(204);
  world.clock.advance(std::chrono::minutes(1));
  EXPECT_EQ(deliver_due(outbox).delivered, 1U);
  EXPECT_EQ(subscription_of(subscription.id).consecutive_failures, 0);
}

TEST_F(OutboxDelivererTest, DisablesASubscriptionAfterConsecutiveFailures) {
  const auto failing = world.subscribe("https://down.example.com/hook", "acme", k_all_events, {"key"});
  const auto healthy = world.subscribe("https://up.example.com/hook", "acme", k_all_events, {"key"});
  world.attest_current("acme");
  for (int i = 0; i < 3; ++i) world.open_ticket();
  fill();
  client.answer([](const HttpClientRequest& request) -> Result<HttpClientResponse> {
    HttpClientResponse response;
    response.status = request.url.starts_with("https://down.") ? 500 : 200;
    return response;
  });
  DeliveryPolicy policy = quick_policy();
  policy.disable_after_failures = 2;
  auto outbox = deliverer(policy);
  LogCapture log;
  const auto report = deliver_due(outbox);

  EXPECT_EQ(report.disabled_subscriptions, 1U);
  EXPECT_EQ(report.delivered, 3U);
  const auto disabled = subscription_of(failing.id);
  EXPECT_FALSE(disabled.enabled());
  EXPECT_EQ(disabled.disabled_at, world.clock.now());
  EXPECT_TRUE(subscription_of(healthy.id).enabled());
  // Two attempts, then the subscription was off: its third message went nowhere.
  std::size_t to_failing = 0;
  for (const auto& request : client.requests()) to_failing += request.url.starts_with("https://down.") ? 1 : 0;
  EXPECT_EQ(to_failing, 2U);
  auto messages = world.outbox(failing.id);
  ASSERT_EQ(messages.size(), 3U);
  EXPECT_EQ(messages[0].state, OutboxState::queued);  // its retry was scheduled before the second failure
  EXPECT_EQ(messages[1].state, OutboxState::dead);
  EXPECT_EQ(messages[2].state, OutboxState::dead);
  EXPECT_EQ(messages[2].last_error, "the subscription is disabled");
  EXPECT_NE(log.text().find("outbound subscription disabled"), std::string::npos);

  // The retry comes due and goes nowhere either.
  world.clock.advance(std::chrono::minutes(10));
  EXPECT_EQ(deliver_due(outbox).dead, 1U);
  EXPECT_EQ(world.outbox(failing.id)[0].state, OutboxState::dead);
  EXPECT_EQ(client.requests().size(), 5U);

  // Nothing new is queued for it either.
  world.open_ticket();
  fill();
  EXPECT_EQ(world.outbox(failing.id).size(), 3U);
  EXPECT_EQ(world.outbox(healthy.id).size(), 4U);
}

TEST_F(OutboxDelivererTest, SkipsAMessageWhoseSubscriptionWasDeletedMeanwhile) {
  const auto subscription = world.subscribe("https://a.example.com/hook", "acme", k_all_events, {"key"});
  world.attest_current("acme");
  world.open_ticket();
  fill();
  client.answer([&](const HttpClientRequest&) -> Result<HttpClientResponse> {
    // The subscription goes while its message is on the wire.
    EXPECT_TRUE(world.subscriptions.remove(admin_actor(), subscription.id));
    HttpClientResponse response;
    response.status = 200;
    return response;
  });
  auto outbox = deliverer();
  const auto report = deliver_due(outbox);
  EXPECT_EQ(report.leased, 1U);
  EXPECT_EQ(report.delivered, 0U);
  EXPECT_EQ(count_rows(world.database.url(), "outbox"), 0);
}

}  // namespace outbox_deliverer_test
}  // namespace snag::testing
