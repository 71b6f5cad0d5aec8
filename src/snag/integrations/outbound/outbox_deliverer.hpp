#pragma once
// Sends the outbox: leases due messages (any number of nodes may deliver at once; the lease
// makes each message go out from one node at a time) and, for each one:
//   1. its subscription disabled or gone: the message is dead, nothing is sent;
//   2. its vendor without a current attestation (domain/outbound/attestation.hpp): the message
//      is 'blocked', nothing is sent, and one JSON log line says which message, subscription,
//      vendor and why; never the payload, the URL (it may hold a token) or the secret;
//   3. otherwise it is signed per Standard Webhooks (webhook-id = the message id, the same on
//      every attempt; webhook-timestamp = now; webhook-signature = v1 HMAC-SHA256) and POSTed;
//      a 2xx marks it done and resets the subscription's failure count, anything else (another
//      status, a timeout, a refused connection) is a failed attempt: the message is retried
//      with backoff and jitter until its last attempt, then dead, and the subscription's
//      consecutive failures grow until they disable it (domain/outbound/delivery_policy.hpp).
// The outcome of a message and its subscription's counters change in one write.
//
// At least once: a node that dies after the POST and before its write, or whose lease ran
// out, leaves the message to be sent again. Receivers drop repeats by webhook-id, as the
// Standard Webhooks specification tells them to.

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

#include <snag/app/ports/clock.hpp>
#include <snag/app/ports/http_client.hpp>
#include <snag/app/ports/store.hpp>
#include <snag/domain/outbound/delivery_policy.hpp>

namespace snag {

struct OutboxDelivererOptions {
  std::string node;                          // who leases, for operators
  std::size_t batch = 16;                    // messages leased at once
  std::chrono::milliseconds timeout{10000};  // per POST
  // Long enough for a whole batch of POSTs that time out, so that a slow batch keeps its lease.
  std::chrono::milliseconds lease_for{std::chrono::minutes(5)};
  DeliveryPolicy policy;
};

struct DeliveryReport {
  std::size_t leased = 0;
  std::size_t delivered = 0;
  std::size_t retried = 0;
  std::size_t dead = 0;
  std::size_t blocked = 0;
  std::size_t disabled_subscriptions = 0;
};

// A uniform draw from [0, 1) for the backoff's jitter; tests pass a fixed one.
using JitterSource = std::function<double()>;

// Not thread-safe: one batch at a time (the outbound worker's thread).
class OutboxDeliverer {
 public:
  // REQUIRES: store, client and clock outlive the deliverer. Without `jitter`, a random one.
  OutboxDeliverer(Store& store, HttpClient& client, const Clock& clock, OutboxDelivererOptions options,
                  JitterSource jitter = {});

  // Leases one batch of due messages and settles each. A message whose lease was lost
  // meanwhile (another node took it, or its subscription was deleted) is skipped.
  Result<DeliveryReport> deliver_due();

  const OutboxDelivererOptions& options() const { return m_options; }

 private:
  Result<void> deliver(const OutboxMessage& message, DeliveryReport& report);
  Result<void> send(const OutboxMessage& message, const Subscription& subscription, DeliveryReport& report);
  // `error` is stored as the message's last_error; `log_reason` is what the log line says.
  Result<void> record_failure(const OutboxMessage& message, const Subscription& subscription, std::string error,
                              std::string_view log_reason, DeliveryReport& report);

  Store& m_store;
  HttpClient& m_client;
  const Clock& m_clock;
  const OutboxDelivererOptions m_options;
  JitterSource m_jitter;
};

}  // namespace snag
