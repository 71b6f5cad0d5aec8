#include <algorithm>

#include <nlohmann/json.hpp>

#include <snag/integrations/ats/standard_webhooks/signature.hpp>
#include <snag/jobs/synthetic_probe_job.hpp>
#include <snag/util/log.hpp>

namespace snag {
namespace {

NewJob check_job(std::string_view event_id, Timestamp run_at) {
  NewJob job;
  job.kind = std::string(k_synthetic_check_job);
  job.payload = nlohmann::json{{"event_id", std::string(event_id)}}.dump();
  job.run_at = run_at;
  job.max_attempts = 3;
  job.dedupe_key =
      std::string(k_synthetic_check_job) + "@" + std::string(event_id) + "@" + std::to_string(to_epoch_ms(run_at));
  return job;
}

Result<void> enqueue_check(WriteTransaction& tx, std::string_view event_id, Timestamp run_at, Timestamp now) {
  auto enqueued = tx.enqueue_job(check_job(event_id, run_at), now);
  if (!enqueued) return tl::unexpected(std::move(enqueued.error()));
  return {};
}

// Why the webhook was not taken in, or nullopt when it was (any 2xx: 202 new, 200 repeat).
std::optional<std::string> refusal(const Result<HttpClientResponse>& response) {
  if (!response) return "the webhook could not be delivered: " + response.error().message;
  if (response->status >= 200 && response->status < 300) return std::nullopt;
  return "the webhook was answered " + std::to_string(response->status) + ": " + response->body.substr(0, 200);
}

}  // namespace

std::optional<std::string> LoopbackTarget::base_url() const {
  const std::uint16_t port = m_port.load();
  if (port == 0) return std::nullopt;
  return "http://127.0.0.1:" + std::to_string(port);
}

std::optional<PeriodicJob> synthetic_probe_schedule(const SyntheticPolicy& policy) {
  if (!policy.enabled) return std::nullopt;
  return PeriodicJob{std::string(k_synthetic_probe_job), policy.interval};
}

std::chrono::milliseconds synthetic_check_every(const SyntheticPolicy& policy) {
  using std::chrono::milliseconds;
  return std::clamp(policy.threshold / 10, milliseconds{100}, milliseconds{5000});
}

Result<HttpClientRequest> synthetic_request(const ProbeToSend& probe, std::string_view base_url) {
  // The event the default rules turn into a resume_parse_failure ticket, about the one synthetic
  // candidate, with a name: a candidate known by its id alone would get a reconciliation record.
  const nlohmann::json payload = {
      {"type", std::string(k_synthetic_event_type)},
      {"timestamp", format_rfc3339(probe.sent_at)},
      {"data",
       {{"candidate", {{"external_id", std::string(k_synthetic_candidate_id)}, {"name", "Synthetic probe"}}},
        {"object", "synthetic:" + probe.event_id},
        {"reason", "synthetic probe"}}}};
  const std::string body = payload.dump();
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(probe.sent_at.time_since_epoch()).count();
  auto signature = ats::sign_standard_webhooks(probe.secret, probe.event_id, seconds, body);
  if (!signature) return tl::unexpected(std::move(signature.error()));
  HttpClientRequest request;
  request.method = "POST";
  request.url = std::string(base_url) + "/hooks/" + std::string(k_synthetic_connector_id);
  request.headers = {{"Content-Type", "application/json"},
                     {std::string(ats::k_standard_webhooks_id_header), probe.event_id},
                     {std::string(ats::k_standard_webhooks_timestamp_header), std::to_string(seconds)},
                     {std::string(ats::k_standard_webhooks_signature_header), std::move(*signature)}};
  request.body = body;
  request.timeout = std::chrono::milliseconds(10000);
  return request;
}

JobHandler make_synthetic_probe_handler(const SyntheticMonitor& monitor, std::shared_ptr<HttpClient> client,
                                        const LoopbackTarget& target) {
  return [&monitor, client = std::move(client), &target](const Job&, JobContext& context) -> Result<void> {
    const auto base_url = target.base_url();
    if (!base_url) return {};
    const Timestamp now = context.now();
    // Committed before the webhook goes out: the ticket it opens may be written before this job
    // finishes, and must then find the probe pending.
    std::optional<ProbeToSend> probe;
    auto begun = context.store().write([&](WriteTransaction& tx) -> Result<void> {
      auto started = monitor.begin_probe(tx, now);
      if (!started) return tl::unexpected(std::move(started.error()));
      probe = std::move(*started);
      return {};
    });
    if (!begun) return begun;
    if (!probe) return {};  // the previous probe's ticket may still come
    auto request = synthetic_request(*probe, *base_url);
    std::optional<std::string> refused;
    if (!request) {
      refused = "the synthetic connector's secret cannot sign: " + request.error().message;
    } else {
      refused = refusal(client->send(*request));
    }
    if (refused) {
      log_event(spdlog::level::warn, "synthetic probe failed", {{"event_id", probe->event_id}, {"error", *refused}});
    }
    return context.complete_with([&](WriteTransaction& tx) -> Result<void> {
      if (refused) return monitor.fail_probe(tx, probe->event_id, *refused, now);
      return enqueue_check(tx, probe->event_id, now + synthetic_check_every(monitor.policy()), now);
    });
  };
}

JobHandler make_synthetic_check_handler(const SyntheticMonitor& monitor) {
  return [&monitor](const Job& job, JobContext& context) -> Result<void> {
    const auto payload = nlohmann::json::parse(job.payload, nullptr, false);
    if (!payload.is_object() || !payload.contains("event_id") || !payload["event_id"].is_string()) {
      return fail(ErrorCode::invalid_argument, "a synthetic.check job names the probe's event_id");
    }
    const std::string event_id = payload["event_id"].get<std::string>();
    const Timestamp now = context.now();
    return context.complete_with([&](WriteTransaction& tx) -> Result<void> {
      auto judged = monitor.check_probe(tx, event_id, now);
      if (!judged) return tl::unexpected(std::move(judged.error()));
      if (*judged) return {};
      return enqueue_check(tx, event_id, now + synthetic_check_every(monitor.policy()), now);
    });
  };
}

}  // namespace snag
