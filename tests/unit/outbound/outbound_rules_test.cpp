// The pure rules of outgoing webhooks: attestation currency, backoff with jitter, disabling,
// which event a change is and who gets it, and what a subscription must look like.

#include <gtest/gtest.h>

#include <snag/domain/outbound/attestation.hpp>
#include <snag/domain/outbound/delivery_policy.hpp>
#include <snag/domain/outbound/outbound_event.hpp>
#include <snag/domain/outbound/subscription.hpp>

namespace snag {
namespace outbound_rules_test {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::seconds;

const Timestamp k_now = from_epoch_ms(1'795'000'000'000);

VendorAttestation attestation(std::optional<Timestamp> soc2, std::optional<Timestamp> iso) {
  return VendorAttestation{"acme", "Acme", soc2, iso, k_now};
}

TEST(AttestationStatus, NeedsBothAttestationsUnexpired) {
  const Timestamp later = k_now + hours(1);
  const Timestamp earlier = k_now - hours(1);
  EXPECT_EQ(attestation_status(std::nullopt, k_now), AttestationStatus::unregistered);
  EXPECT_EQ(attestation_status(attestation(later, later), k_now), AttestationStatus::current);
  EXPECT_EQ(attestation_status(attestation(std::nullopt, later), k_now), AttestationStatus::soc2_missing);
  EXPECT_EQ(attestation_status(attestation(earlier, later), k_now), AttestationStatus::soc2_expired);
  EXPECT_EQ(attestation_status(attestation(later, std::nullopt), k_now), AttestationStatus::iso27001_missing);
  EXPECT_EQ(attestation_status(attestation(later, earlier), k_now), AttestationStatus::iso27001_expired);
  EXPECT_EQ(attestation_status(attestation(earlier, earlier), k_now), AttestationStatus::soc2_expired);
}

TEST(AttestationStatus, ExpiresAtTheExpiryInstant) {
  const Timestamp expiry = k_now + hours(24);
  EXPECT_EQ(attestation_status(attestation(expiry, expiry), expiry - milliseconds(1)), AttestationStatus::current);
  EXPECT_EQ(attestation_status(attestation(expiry, expiry), expiry), AttestationStatus::soc2_expired);
  EXPECT_EQ(attestation_status(attestation(expiry + hours(1), expiry), expiry), AttestationStatus::iso27001_expired);
}

TEST(AttestationStatus, ReasonsReadAsCodes) {
  EXPECT_EQ(to_string(AttestationStatus::current), "current");
  EXPECT_EQ(to_string(AttestationStatus::iso27001_expired), "iso27001_expired");
}

DeliveryPolicy policy() {
  DeliveryPolicy policy;
  policy.max_attempts = 4;
  policy.base_delay = seconds(10);
  policy.max_delay = seconds(60);
  policy.disable_after_failures = 5;
  return policy;
}

TEST(RetryDelay, DoublesFromTheBaseUpToTheCap) {
  EXPECT_EQ(retry_delay(policy(), 1, 0.0), seconds(5));  // half of 10 s is fixed
  EXPECT_EQ(retry_delay(policy(), 2, 0.0), seconds(10));
  EXPECT_EQ(retry_delay(policy(), 3, 0.0), seconds(20));
  EXPECT_EQ(retry_delay(policy(), 4, 0.0), seconds(30));  // 60 s cap
  EXPECT_EQ(retry_delay(policy(), 1000, 0.0), seconds(30));
}

TEST(RetryDelay, JitterSpreadsTheUpperHalf) {
  EXPECT_EQ(retry_delay(policy(), 1, 0.5), milliseconds(7500));
  EXPECT_LT(retry_delay(policy(), 1, 0.999999), seconds(10));
  EXPECT_GE(retry_delay(policy(), 1, 0.999999), milliseconds(9999));
  // Out-of-range draws are clamped rather than trusted.
  EXPECT_EQ(retry_delay(policy(), 1, -3.0), seconds(5));
  EXPECT_LT(retry_delay(policy(), 1, 7.0), seconds(10));
}

TEST(FailedAttempt, RetriesUntilTheLastAttemptThenGivesUp) {
  const auto first = after_failed_attempt(policy(), 1, 1, k_now, 0.0);
  ASSERT_TRUE(first.retry_at);
  EXPECT_EQ(*first.retry_at, k_now + seconds(5));
  EXPECT_FALSE(first.disable_subscription);
  EXPECT_TRUE(after_failed_attempt(policy(), 3, 3, k_now, 0.0).retry_at);
  EXPECT_FALSE(after_failed_attempt(policy(), 4, 4, k_now, 0.0).retry_at);
}

TEST(FailedAttempt, DisablesAfterConsecutiveFailuresAndStopsRetrying) {
  EXPECT_FALSE(should_disable(policy(), 4));
  EXPECT_TRUE(should_disable(policy(), 5));
  EXPECT_TRUE(should_disable(policy(), 6));
  const auto fifth = after_failed_attempt(policy(), 1, 5, k_now, 0.0);
  EXPECT_TRUE(fifth.disable_subscription);
  EXPECT_FALSE(fifth.retry_at);
  DeliveryPolicy zero = policy();
  zero.disable_after_failures = 0;  // read as 1: a count of 0 would disable what never failed
  EXPECT_FALSE(should_disable(zero, 0));
  EXPECT_TRUE(should_disable(zero, 1));
}

Workflow default_workflow() {
  Workflow workflow;
  workflow.name = "default";
  workflow.statuses = {"new", "in_progress", "resolved", "verified"};
  workflow.initial = "new";
  workflow.done = {"resolved", "verified"};
  return workflow;
}

TicketChange change_of(std::string action, std::vector<FieldChange> changes) {
  TicketChange change;
  change.seq = 7;
  change.ticket = TicketId{1};
  change.action = std::move(action);
  change.at = k_now;
  change.changes = std::move(changes);
  return change;
}

TEST(OutboundEventType, TellsCreationsResolutionsAndChangesApart) {
  const Workflow workflow = default_workflow();
  EXPECT_EQ(outbound_event_type(change_of("create", {{"status", nullptr, "new"}}), &workflow), "ticket.created");
  EXPECT_EQ(outbound_event_type(change_of("transition", {{"status", "in_progress", "resolved"}}), &workflow),
            "ticket.resolved");
  // Already done: moving on to another done status resolves nothing new.
  EXPECT_EQ(outbound_event_type(change_of("transition", {{"status", "resolved", "verified"}}), &workflow),
            "ticket.changed");
  EXPECT_EQ(outbound_event_type(change_of("transition", {{"status", "resolved", "in_progress"}}), &workflow),
            "ticket.changed");
  EXPECT_EQ(outbound_event_type(change_of("comment", {{"comment", nullptr, "hello"}}), &workflow), "ticket.changed");
  EXPECT_EQ(outbound_event_type(change_of("transition", {{"status", "in_progress", "resolved"}}), nullptr),
            "ticket.changed");
}

Subscription wanting(std::vector<std::string> events) {
  Subscription subscription;
  subscription.events = std::move(events);
  return subscription;
}

TEST(EventForSubscription, SendsAResolutionOnceAsTheMostSpecificTypeWanted) {
  EXPECT_EQ(event_for_subscription("ticket.resolved", wanting({"ticket.changed", "ticket.resolved"})),
            "ticket.resolved");
  EXPECT_EQ(event_for_subscription("ticket.resolved", wanting({"ticket.changed"})), "ticket.changed");
  EXPECT_EQ(event_for_subscription("ticket.resolved", wanting({"ticket.created"})), std::nullopt);
  EXPECT_EQ(event_for_subscription("ticket.changed", wanting({"ticket.resolved"})), std::nullopt);
  EXPECT_EQ(event_for_subscription("ticket.created", wanting({"ticket.created"})), "ticket.created");
}

TEST(ChangedPaths, NamesNestedMembersThatDiffer) {
  const std::vector<FieldChange> changes{
      {"status", "new", "in_progress"},
      {"candidate", nullptr, {{"ats", "greenhouse"}, {"external_id", "1"}}},
      {"fields",
       {{"visa", "h1b"}, {"same", 1}, {"gone", true}},
       {{"visa", "l1"}, {"same", 1}, {"addr", {{"city", "B"}}}}},
      {"comment", nullptr, "text"},
      {"fields", {{"a", 1}}, nlohmann::json::object()},
  };
  EXPECT_EQ(changed_paths(changes),
            (std::vector<std::string>{"status", "candidate.ats", "candidate.external_id", "fields.addr.city",
                                      "fields.gone", "fields.visa", "comment", "fields.a"}));
}

TEST(GroupTicketChanges, GroupsByEventAndExpandsCreations) {
  std::vector<JournalEntry> entries(4);
  entries[0] = {
      1,
      TicketId{1},
      1,
      k_now,
      "a",
      "create",
      "*",
      nullptr,
      nlohmann::json::array({nlohmann::json::array({"status", "new"}), nlohmann::json::array({"team", "hris"})}),
      "",
      "",
      ""};
  entries[1] = {2, TicketId{1}, 2, k_now, "a", "update", "title", "x", "y", "", "", ""};
  entries[2] = {3, TicketId{1}, 2, k_now, "a", "update", "severity", "sev3", "sev2", "", "", ""};
  entries[3] = {4, TicketId{2}, 3, k_now, "b", "comment", "comment", nullptr, "hi", "", "", ""};
  const auto changes = group_ticket_changes(entries);
  ASSERT_EQ(changes.size(), 3U);
  EXPECT_EQ(changes[0].seq, 1);
  EXPECT_EQ(changes[0].changes.size(), 2U);
  EXPECT_EQ(changes[0].changes[1].field, "team");
  EXPECT_EQ(changes[1].seq, 3);
  EXPECT_EQ(changes[1].changes.size(), 2U);
  EXPECT_EQ(changes[2].ticket, TicketId{2});
  EXPECT_EQ(changes[2].action, "comment");
}

TEST(WebhookPayload, FollowsTheStandardWebhooksStructure) {
  Ticket ticket;
  ticket.id = TicketId{9};
  ticket.title = "secret title";
  ticket.status = "resolved";
  ticket.updated_at = k_now;
  const auto payload =
      nlohmann::json::parse(webhook_payload("ticket.resolved", k_now, ticket, {"status", "title"}, {"key", "status"}));
  EXPECT_EQ(payload,
            (nlohmann::json{
                {"type", "ticket.resolved"},
                {"timestamp", format_rfc3339(k_now)},
                {"data", {{"ticket", {{"key", "SNAG-9"}, {"status", "resolved"}}}, {"changed_fields", {"status"}}}}}));
  const auto created = nlohmann::json::parse(webhook_payload("ticket.created", k_now, ticket, {"title"}, {"key"}));
  EXPECT_FALSE(created["data"].contains("changed_fields"));
}

TEST(OutboundMessageId, IsStablePerChangeAndSubscription) {
  EXPECT_EQ(outbound_message_id(42, SubscriptionId{3}), "msg_42_3");
  EXPECT_NE(outbound_message_id(42, SubscriptionId{3}), outbound_message_id(42, SubscriptionId{4}));
}

Subscription valid_subscription() {
  Subscription subscription;
  subscription.name = "BI warehouse";
  subscription.url = "https://hooks.example.com/snag?token=x";
  subscription.vendor = "acme-analytics";
  subscription.events = {"ticket.created", "ticket.resolved"};
  return subscription;
}

std::vector<std::string> error_fields(const Subscription& subscription) {
  std::vector<std::string> fields;
  for (const auto& error : validate_subscription(subscription)) fields.push_back(error.field);
  return fields;
}

TEST(SubscriptionValidation, AcceptsAWellFormedSubscription) {
  EXPECT_TRUE(validate_subscription(valid_subscription()).empty());
  auto plain_http = valid_subscription();
  plain_http.url = "http://127.0.0.1:8080/hook";
  EXPECT_TRUE(validate_subscription(plain_http).empty());
}

TEST(SubscriptionValidation, NamesEachBadField) {
  for (const std::string url : {"ftp://x", "https://", "https:///path", "https://a b", "hooks.example.com", ""}) {
    auto subscription = valid_subscription();
    subscription.url = url;
    EXPECT_EQ(error_fields(subscription), std::vector<std::string>{"url"}) << url;
  }
  auto subscription = valid_subscription();
  subscription.name = "";
  subscription.vendor = "Acme Inc";
  subscription.events = {"ticket.created", "ticket.deleted", "ticket.created"};
  EXPECT_EQ(error_fields(subscription), (std::vector<std::string>{"name", "vendor", "events[1]", "events[2]"}));
  subscription = valid_subscription();
  subscription.events = {};
  EXPECT_EQ(error_fields(subscription), std::vector<std::string>{"events"});
}

}  // namespace outbound_rules_test
}  // namespace snag
