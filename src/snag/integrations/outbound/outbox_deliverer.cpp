#include <random>

#include <snag/domain/outbound/attestation.hpp>
#include <snag/integrations/ats/standard_webhooks/signature.hpp>
#include <snag/integrations/outbound/outbox_deliverer.hpp>
#include <snag/util/log.hpp>

namespace snag {

namespace {

double random_jitter() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
}

// What identifies a message in logs: never its payload, its URL or its secret.
nlohmann::json message_fields(const OutboxMessage& message, const Subscription& subscription) {
  return {{"subscription", subscription.id.value},
          {"vendor", subscription.vendor},
          {"message_id", message.message_id},
          {"event_type", message.event_type},
          {"attempt", message.attempts}};
}

// True when the write settling a message committed; false when the lease was lost meanwhile,
// which is another node's business now (or the subscription was deleted with its messages),
// not an error of this batch.
Result<bool> settled(Result<void> written, const OutboxMessage& message) {
  if (written) return true;
  if (written.error().code != ErrorCode::conflict) return tl::unexpected(std::move(written.error()));
  log_event(spdlog::level::info, "outbound message lease lost", {{"message_id", message.message_id}});
  return false;
}

bool is_success(int status) { return status >= 200 && status < 300; }

}  // namespace

OutboxDeliverer::OutboxDeliverer(Store& store, HttpClient& client, const Clock& clock, OutboxDelivererOptions options,
                                 JitterSource jitter)
    : m_store(store),
      m_client(client),
      m_clock(clock),
      m_options(std::move(options)),
      m_jitter(jitter ? std::move(jitter) : JitterSource(random_jitter)) {}

Result<DeliveryReport> OutboxDeliverer::deliver_due() {
  LeaseRequest request;
  request.node = m_options.node;
  request.max_jobs = m_options.batch;
  request.now = m_clock.now();
  request.lease_for = m_options.lease_for;
  std::vector<OutboxMessage> messages;
  auto leased = m_store.write([&](WriteTransaction& tx) -> Result<void> {
    auto rows = tx.lease_outbox(request);
    if (!rows) return tl::unexpected(std::move(rows.error()));
    messages = std::move(*rows);
    return {};
  });
  if (!leased) return tl::unexpected(std::move(leased.error()));

  DeliveryReport report;
  report.leased = messages.size();
  for (const auto& message : messages) {
    if (auto delivered = deliver(message, report); !delivered) return tl::unexpected(std::move(delivered.error()));
  }
  return report;
}

Result<void> OutboxDeliverer::deliver(const OutboxMessage& message, DeliveryReport& report) {
  auto found = m_store.find_subscription(message.subscription);
  if (!found) return tl::unexpected(std::move(found.error()));
  const Timestamp now = m_clock.now();
  if (!*found || !(*found)->enabled()) {
    const std::string_view why = *found ? "the subscription is disabled" : "the subscription was deleted";
    auto dead = settled(
        m_store.write([&](WriteTransaction& tx) { return tx.fail_outbox_message(message, why, now, std::nullopt); }),
        message);
    if (!dead) return tl::unexpected(std::move(dead.error()));
    if (*dead) ++report.dead;
    return {};
  }
  const Subscription& subscription = **found;

  auto attestation = m_store.find_vendor_attestation(subscription.vendor);
  if (!attestation) return tl::unexpected(std::move(attestation.error()));
  if (const AttestationStatus status = attestation_status(*attestation, now); status != AttestationStatus::current) {
    const std::string reason = "attestation " + std::string(to_string(status));
    auto blocked = settled(
        m_store.write([&](WriteTransaction& tx) { return tx.block_outbox_message(message, reason, now); }), message);
    if (!blocked) return tl::unexpected(std::move(blocked.error()));
    if (!*blocked) return {};
    ++report.blocked;
    auto fields = message_fields(message, subscription);
    fields["reason"] = to_string(status);
    log_event(spdlog::level::warn, "outbound delivery blocked: the vendor has no current attestation", fields);
    return {};
  }
  return send(message, subscription, report);
}

Result<void> OutboxDeliverer::send(const OutboxMessage& message, const Subscription& subscription,
                                   DeliveryReport& report) {
  const std::int64_t timestamp = std::chrono::floor<std::chrono::seconds>(m_clock.now()).time_since_epoch().count();
  auto signature = ats::sign_standard_webhooks(subscription.secret, message.message_id, timestamp, message.payload);
  if (!signature) {
    // The secret was checked when the subscription was created; only a tampered row gets here.
    return record_failure(message, subscription, "the subscription's secret cannot sign", "bad_secret", report);
  }
  HttpClientRequest request;
  request.method = "POST";
  request.url = subscription.url;
  request.timeout = m_options.timeout;
  request.body = message.payload;
  request.headers = {{"content-type", "application/json"},
                     {"user-agent", "Snag-Webhooks/1"},
                     {std::string(ats::k_standard_webhooks_id_header), message.message_id},
                     {std::string(ats::k_standard_webhooks_timestamp_header), std::to_string(timestamp)},
                     {std::string(ats::k_standard_webhooks_signature_header), std::move(*signature)}};
  auto response = m_client.send(request);
  if (!response) {
    // The client's message may name the URL, which may hold a token: stored, never logged.
    return record_failure(message, subscription, response.error().message, "unreachable", report);
  }
  if (!is_success(response->status)) {
    // The status only: a response body is the receiver's text and may echo what it was sent.
    const std::string status = "HTTP " + std::to_string(response->status);
    return record_failure(message, subscription, status, status, report);
  }
  const Timestamp now = m_clock.now();
  auto done = settled(m_store.write([&](WriteTransaction& tx) -> Result<void> {
    if (auto completed = tx.complete_outbox_message(message, now); !completed) return completed;
    return tx.reset_subscription_failures(subscription.id);
  }),
                      message);
  if (!done) return tl::unexpected(std::move(done.error()));
  if (*done) ++report.delivered;
  return {};
}

Result<void> OutboxDeliverer::record_failure(const OutboxMessage& message, const Subscription& subscription,
                                             std::string error, std::string_view log_reason, DeliveryReport& report) {
  const Timestamp now = m_clock.now();
  const double jitter = m_jitter();
  FailedAttempt outcome;
  bool disabled = false;
  auto failed = settled(m_store.write([&](WriteTransaction& tx) -> Result<void> {
    disabled = false;
    auto failures = tx.count_subscription_failure(subscription.id);
    if (!failures) return tl::unexpected(std::move(failures.error()));
    outcome = after_failed_attempt(m_options.policy, message.attempts, failures->value_or(0), now, jitter);
    if (auto marked = tx.fail_outbox_message(message, error, now, outcome.retry_at); !marked) return marked;
    if (!outcome.disable_subscription) return {};
    auto disabling = tx.disable_subscription(subscription.id, now);
    if (!disabling) return tl::unexpected(std::move(disabling.error()));
    disabled = *disabling;
    return {};
  }),
                        message);
  if (!failed) return tl::unexpected(std::move(failed.error()));
  if (!*failed) return {};

  auto fields = message_fields(message, subscription);
  fields["error"] = log_reason;
  if (outcome.retry_at) {
    ++report.retried;
    fields["retry_at"] = format_rfc3339(*outcome.retry_at);
    log_event(spdlog::level::info, "outbound delivery failed; will retry", fields);
  } else {
    ++report.dead;
    log_event(spdlog::level::warn, "outbound delivery failed for good", fields);
  }
  if (disabled) {
    ++report.disabled_subscriptions;
    log_event(spdlog::level::warn, "outbound subscription disabled after repeated failures",
              {{"subscription", subscription.id.value},
               {"vendor", subscription.vendor},
               {"consecutive_failures", m_options.policy.disable_after_failures}});
  }
  return {};
}

}  // namespace snag
