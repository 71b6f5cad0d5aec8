#include <snag/domain/ats/synthetic_probe.hpp>

namespace snag {

CandidateRef synthetic_candidate() {
  return CandidateRef{std::string(k_synthetic_ats), std::string(k_synthetic_candidate_id)};
}

std::optional<ProbeOutcome> judge_probe(const PendingProbe& probe, std::optional<Timestamp> ticket_created_at,
                                        Timestamp now, const SyntheticPolicy& policy) {
  using std::chrono::duration_cast;
  using std::chrono::milliseconds;
  if (ticket_created_at) {
    const auto latency = std::max(milliseconds{0}, duration_cast<milliseconds>(*ticket_created_at - probe.sent_at));
    if (latency <= policy.threshold) return ProbeOutcome{true, latency, ""};
    return ProbeOutcome{false, latency,
                        "the ticket appeared after " + std::to_string(latency.count()) + " ms, over the threshold of " +
                            std::to_string(policy.threshold.count()) + " ms"};
  }
  if (now - probe.sent_at <= policy.threshold) return std::nullopt;
  return ProbeOutcome{false, milliseconds{0},
                      "no ticket within " + std::to_string(policy.threshold.count()) + " ms of the webhook"};
}

SyntheticStep record_probe(SyntheticState state, const ProbeOutcome& outcome, Timestamp now,
                           const SyntheticPolicy& policy) {
  SyntheticStep step;
  state.pending.reset();
  state.last_probe_at = now;
  if (outcome.ok) {
    state.consecutive_failures = 0;
    ++state.probes_ok;
    state.last_success_at = now;
    state.last_latency = outcome.latency;
    state.last_error.clear();
    if (state.alert_ticket) step.alert = AlertChange::resolve;
  } else {
    ++state.consecutive_failures;
    ++state.probes_failed;
    state.last_error = outcome.error;
    if (state.consecutive_failures >= policy.alert_after && !state.alert_ticket) step.alert = AlertChange::open;
  }
  step.state = std::move(state);
  return step;
}

}  // namespace snag
