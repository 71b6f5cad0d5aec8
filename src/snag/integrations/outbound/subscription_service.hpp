#pragma once
// Subscriptions for outgoing webhooks, managed through /api/v1/subscriptions by holders of
// subscriptions:admin.
//
// The secret signs every message (Standard Webhooks). It is chosen by Snag unless the caller
// brings one, returned once in the creation's answer and never again: lists show a hint (its
// last characters) so that operators can tell secrets apart. Snag must keep the secret itself,
// not a hash, because signing needs it.

#include <optional>
#include <string>
#include <vector>

#include <snag/app/access/access_guard.hpp>
#include <snag/app/ports/clock.hpp>
#include <snag/app/ports/store.hpp>
#include <snag/domain/actor.hpp>
#include <snag/domain/outbound/attestation.hpp>
#include <snag/domain/outbound/outbound_target.hpp>
#include <snag/domain/outbound/subscription.hpp>

namespace snag {

struct NewSubscription {
  std::string name;
  std::string url;
  std::string vendor;
  std::vector<std::string> events;
  std::vector<std::string> field_allowlist;
  std::optional<std::string> secret;  // whsec_<base64 of 24 to 64 bytes>; generated when absent
};

struct CreatedSubscription {
  Subscription subscription;
  std::string secret;  // shown once
};

// A subscription as GET lists it: with how its deliveries are doing and whether its vendor may
// receive anything now.
struct SubscriptionOverview {
  Subscription subscription;
  OutboxStats stats;
  AttestationStatus attestation = AttestationStatus::unregistered;
};

// Thread-safe: holds references and the target policy, which it only reads; the store is.
class SubscriptionService {
 public:
  SubscriptionService(Store& store, const Clock& clock, const AccessGuard& access, OutboundTargetPolicy targets);

  // validation_failed naming each bad field (name, url, vendor, events[i], field_allowlist[i],
  // secret; url also when it names an address `targets` refuses); permission_denied without subscriptions:admin.
  Result<CreatedSubscription> create(const Actor& actor, NewSubscription request) const;
  // Every subscription, in id order.
  Result<std::vector<SubscriptionOverview>> list(const Actor& actor) const;
  // Removes the subscription and its outbox (messages not yet sent are dropped). not_found when
  // there is none.
  Result<void> remove(const Actor& actor, SubscriptionId id) const;
  // Turns a subscription that was disabled after repeated failures back on, with its failure
  // count at zero; it receives the events from then on. not_found when there is none.
  Result<void> enable(const Actor& actor, SubscriptionId id) const;

  Timestamp now() const { return m_clock.now(); }

 private:
  Store& m_store;
  const Clock& m_clock;
  const AccessGuard& m_access;
  OutboundTargetPolicy m_targets;
};

// A new Standard Webhooks secret: "whsec_" and the base64 of 32 random bytes.
std::string generate_webhook_secret();

}  // namespace snag
