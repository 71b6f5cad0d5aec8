#pragma once
// synthetic.probe and synthetic.check (README "Synthetic monitoring"): the probe, on its own
// schedule, sends a signed Standard Webhooks delivery to this node's /hooks/snag-synthetic over
// loopback HTTP, exactly as an ATS would; the check, a follow-up job, waits for the ticket the
// default rules open for it and judges the probe (app/synthetic/synthetic_monitor.hpp).

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <snag/app/ports/http_client.hpp>
#include <snag/app/synthetic/synthetic_monitor.hpp>
#include <snag/jobs/job_runner.hpp>
#include <snag/jobs/periodic_jobs.hpp>

namespace snag {

inline constexpr std::string_view k_synthetic_probe_job = "synthetic.probe";
inline constexpr std::string_view k_synthetic_check_job = "synthetic.check";

// Where this node serves HTTP, known once its server has bound a port. Thread-safe.
class LoopbackTarget {
 public:
  void serving_on(std::uint16_t port) { m_port.store(port); }
  // http://127.0.0.1:<port>; nullopt until the port is known.
  std::optional<std::string> base_url() const;

 private:
  std::atomic<std::uint16_t> m_port{0};
};

// The probe's slot in the periodic schedule; nullopt when synthetic monitoring is off.
std::optional<PeriodicJob> synthetic_probe_schedule(const SyntheticPolicy& policy);

// How soon after sending, and then how often, the check looks for the probe's ticket: a tenth
// of the threshold, within [100 ms, 5 s].
std::chrono::milliseconds synthetic_check_every(const SyntheticPolicy& policy);

// The signed request a probe sends to `base_url`; fails when the secret is not a Standard
// Webhooks secret.
Result<HttpClientRequest> synthetic_request(const ProbeToSend& probe, std::string_view base_url);

// The handlers. REQUIRES: monitor and target outlive them. A probe on a node whose port is not
// known yet does nothing: the next slot probes.
JobHandler make_synthetic_probe_handler(const SyntheticMonitor& monitor, std::shared_ptr<HttpClient> client,
                                        const LoopbackTarget& target);
JobHandler make_synthetic_check_handler(const SyntheticMonitor& monitor);

}  // namespace snag
