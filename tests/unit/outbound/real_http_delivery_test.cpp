// Outgoing webhooks over real HTTP (the Beast client) to a receiver on a local port: what
// arrives verifies under the published Standard Webhooks scheme, carries nothing outside the
// destination's allowlist, never arrives at a destination without a current attestation, and
// a destination that keeps failing is retried and then disabled.

#include "outbound_fixtures.hpp"
#include "webhook_receiver.hpp"
#include <gtest/gtest.h>

#include <snag/domain/outbound/field_allowlist.hpp>
#include <snag/integrations/ats/standard_webhooks/signature.hpp>
#include <snag/integrations/outbound/outbox_deliverer.hpp>
#include <snag/integrations/outbound/outbox_filler.hpp>
#include <snag/jobs/outbound_job.hpp>
#include <snag/net/beast_http_client.hpp>

namespace snag::testing {
namespace real_http_delivery_test {

const std::vector<std::string> k_all_events{"ticket.created", "ticket.changed", "ticket.resolved"};
const std::vector<std::string> k_allowlist{"key",  "type",       "status",        "severity",
                                           "team", "created_at", "candidate.ats", "candidate.external_id"};

class RealHttpDeliveryTest : public ::testing::Test {
 protected:
  // Fills the outbox and delivers until nothing is due now, through `through` or the fixture's client.
  void send_what_is_due(DeliveryPolicy policy = {}, HttpClient* through = nullptr) {
    OutboxFiller filler(*world.store, default_catalog(), world.clock);
    auto filled = filler.fill();
    ASSERT_TRUE(filled) << filled.error().message;
    OutboxDelivererOptions options;
    options.node = "test-node";
    options.policy = policy;
    options.timeout = std::chrono::seconds(30);
    OutboxDeliverer deliverer(*world.store, through ? *through : client, world.clock, options, [] { return 0.0; });
    for (;;) {
      auto report = deliverer.deliver_due();
      ASSERT_TRUE(report) << report.error().message;
      if (report->leased == 0) return;
    }
  }

  std::string secret_of(SubscriptionId id) {
    auto found = world.store->find_subscription(id);
    EXPECT_TRUE(found && found->has_value());
    return found && found->has_value() ? (*found)->secret : std::string{};
  }

  OutboundWorld world;
  BeastHttpClient client;
  WebhookReceiver receiver;
};

TEST_F(RealHttpDeliveryTest, DeliveriesVerifyAndCarryOnlyAllowedFields) {
  const auto subscription = world.subscribe(receiver.url(), "acme", k_all_events, k_allowlist);
  world.attest_current("acme");
  const Ticket ticket = world.open_ticket();
  ASSERT_TRUE(world.app.tickets.transition(admin_actor(), ticket.id, "in_progress", "Jane phoned", std::nullopt));
  ASSERT_TRUE(world.app.tickets.add_comment(admin_actor(), ticket.id, "jane.roe@example.com wrote back"));
  send_what_is_due();

  const auto received = receiver.received();
  ASSERT_EQ(received.size(), 3U);  // created, transitioned, commented
  const std::vector<std::string> secrets{secret_of(subscription.id)};
  const std::set<std::string> allowed(k_allowlist.begin(), k_allowlist.end());
  for (const auto& request : received) {
    EXPECT_EQ(request.method, "POST");
    EXPECT_EQ(request.target, "/hooks/snag");
    EXPECT_EQ(request.header("content-type"), "application/json");
    ats::WebhookHeaders headers;
    for (const auto& [name, value] : request.headers) headers.add(name, value);
    const auto check = ats::verify_standard_webhooks(request.body, headers, secrets, world.clock.now());
    ASSERT_TRUE(check) << check.error().message;
    EXPECT_EQ(check->event_id, request.header("webhook-id"));

    const auto payload = nlohmann::json::parse(request.body);
    for (const auto& path : value_paths(payload["data"]["ticket"])) {
      EXPECT_TRUE(allowed.contains(path)) << path << " in " << request.body;
    }
    for (const auto& name : payload["data"].value("changed_fields", nlohmann::json::array())) {
      EXPECT_TRUE(allowed.contains(name.get<std::string>())) << name;
    }
    for (const auto& personal : personal_data_of_open_ticket()) {
      EXPECT_EQ(request.body.find(personal), std::string::npos) << personal << " in " << request.body;
    }
  }
  EXPECT_EQ(nlohmann::json::parse(received[0].body)["type"], "ticket.created");
  EXPECT_EQ(nlohmann::json::parse(received[1].body)["data"]["changed_fields"], nlohmann::json({"status"}));

  // A tampered body or another secret does not verify: the signature covers both.
  ats::WebhookHeaders headers;
  for (const auto& [name, value] : received[0].headers) headers.add(name, value);
  EXPECT_FALSE(ats::verify_standard_webhooks(received[0].body + " ", headers, secrets, world.clock.now()));
  EXPECT_FALSE(ats::verify_standard_webhooks(received[0].body, headers,
                                             std::vector<std::string>{generate_webhook_secret()}, world.clock.now()));
}

TEST_F(RealHttpDeliveryTest, ADestinationWithoutCurrentAttestationReceivesNothing) {
  const auto expired = world.subscribe(receiver.url("/expired"), "expired", k_all_events, k_allowlist);
  const auto unknown = world.subscribe(receiver.url("/unknown"), "unknown", k_all_events, k_allowlist);
  const auto attested = world.subscribe(receiver.url("/attested"), "attested", k_all_events, k_allowlist);
  const Timestamp in_a_year = world.clock.now() + std::chrono::days(365);
  world.attest("expired", in_a_year, world.clock.now() - std::chrono::days(1));
  world.attest_current("attested");
  world.open_ticket();
  LogCapture log;
  send_what_is_due();

  const auto received = receiver.received();
  ASSERT_EQ(received.size(), 1U);
  EXPECT_EQ(received[0].target, "/attested");
  EXPECT_EQ(world.outbox(expired.id).front().state, OutboxState::blocked);
  EXPECT_EQ(world.outbox(unknown.id).front().state, OutboxState::blocked);
  EXPECT_EQ(world.outbox(attested.id).front().state, OutboxState::done);
  EXPECT_NE(log.text().find("iso27001_expired"), std::string::npos);
  EXPECT_NE(log.text().find("unregistered"), std::string::npos);
}

TEST_F(RealHttpDeliveryTest, ATargetTheOutboundPolicyRefusesIsNeverConnectedTo) {
  const auto subscription = world.subscribe(receiver.url(), "acme", k_all_events, k_allowlist);
  world.attest_current("acme");
  world.open_ticket();
  BeastHttpClient guarded(outbound_options(OutboundTargetPolicy{}));
  send_what_is_due({}, &guarded);
  EXPECT_TRUE(receiver.received().empty());
  const auto refused = world.outbox(subscription.id).front();
  EXPECT_EQ(refused.state, OutboxState::queued);
  const std::string error = refused.last_error.value_or("");
  EXPECT_NE(error.find("resolves to 127.0.0.1, a loopback address"), std::string::npos) << error;

  // The host the operator allowed is reached whatever its address.
  world.clock.advance(std::chrono::hours(1));
  BeastHttpClient allowed(outbound_options(OutboundTargetPolicy{false, {"127.0.0.1"}}));
  send_what_is_due({}, &allowed);
  EXPECT_EQ(receiver.received().size(), 1U);
  EXPECT_EQ(world.outbox(subscription.id).front().state, OutboxState::done);
}

TEST_F(RealHttpDeliveryTest, FailuresRetryAndThenDisableTheSubscription) {
  const auto subscription = world.subscribe(receiver.url(), "acme", k_all_events, k_allowlist);
  world.attest_current("acme");
  receiver.respond_with(503);
  world.open_ticket();
  world.open_ticket();
  DeliveryPolicy policy;
  policy.max_attempts = 5;
  policy.base_delay = std::chrono::seconds(1);
  policy.disable_after_failures = 3;

  send_what_is_due(policy);  // attempt 1 of each message
  EXPECT_EQ(receiver.received().size(), 2U);
  for (const auto& message : world.outbox(subscription.id)) {
    EXPECT_EQ(message.state, OutboxState::queued);
    EXPECT_EQ(message.last_error, "HTTP 503");
  }
  world.clock.advance(std::chrono::seconds(10));
  send_what_is_due(policy);  // the third failure in a row disables; the other message is not sent

  const auto received = receiver.received();
  ASSERT_EQ(received.size(), 3U);
  EXPECT_EQ(received[0].header("webhook-id"), received[2].header("webhook-id"));  // a retry is the same message
  auto found = world.store->find_subscription(subscription.id);
  ASSERT_TRUE(found && found->has_value());
  EXPECT_FALSE((*found)->enabled());
  for (const auto& message : world.outbox(subscription.id)) EXPECT_EQ(message.state, OutboxState::dead);

  receiver.respond_with(200);
  world.open_ticket();
  world.clock.advance(std::chrono::hours(1));
  send_what_is_due(policy);
  EXPECT_EQ(receiver.received().size(), 3U);
}

TEST_F(RealHttpDeliveryTest, TheWorkerSendsTicketChangesInTheBackground) {
  world.subscribe(receiver.url(), "acme", {"ticket.created"}, {"key"});
  world.attest_current("acme");
  OutboundWorkerSettings settings;
  settings.poll = std::chrono::milliseconds(50);
  settings.deliverer.node = "worker-test";
  OutboundWorker worker(*world.store, default_catalog(), world.clock, client, settings);
  const Ticket ticket = world.open_ticket();
  ASSERT_TRUE(receiver.wait_for(1, std::chrono::seconds(60)));
  const auto payload = nlohmann::json::parse(receiver.received()[0].body);
  EXPECT_EQ(payload["data"]["ticket"], (nlohmann::json{{"key", ticket_key(ticket.id)}}));
}

}  // namespace real_http_delivery_test
}  // namespace snag::testing
