#pragma once
// Synthetic transaction monitoring: Snag sends itself a signed ATS event through its own webhook
// path on a schedule and checks that the ticket the default rules open for it appears in time.
// This file holds the reserved names every layer recognises synthetic data by, and the probe's
// state machine as pure functions (the time is a parameter); app/synthetic/ stores the state and
// acts on what these functions decide.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <snag/domain/candidate.hpp>
#include <snag/domain/ids.hpp>
#include <snag/domain/severity.hpp>
#include <snag/util/time.hpp>

namespace snag {

// The connector the probe posts to (/hooks/snag-synthetic); no connector created through the API
// may take the id.
inline constexpr std::string_view k_synthetic_connector_id = "snag-synthetic";
// The ATS name the synthetic connector files its candidates under: tickets about them are left out
// of every list, export and report unless a candidate filter names this ATS.
inline constexpr std::string_view k_synthetic_ats = "snag-synthetic";
// The one candidate every probe is about. Reports recognise synthetic tickets by this external id
// alone, so that their aggregates keep reading covering indexes without the candidate's ATS.
inline constexpr std::string_view k_synthetic_candidate_id = "snag-synthetic-probe";
// The event the probe sends: the default rules open a resume_parse_failure ticket for it.
inline constexpr std::string_view k_synthetic_event_type = "resume.parse_failed";

CandidateRef synthetic_candidate();

// The `synthetic:` section of the configuration.
struct SyntheticPolicy {
  bool enabled = true;
  std::chrono::milliseconds interval{std::chrono::minutes(5)};    // how often a probe is sent
  std::chrono::milliseconds threshold{std::chrono::seconds(60)};  // its ticket must appear within this
  int alert_after = 3;                                            // consecutive failures that open the alert ticket
  std::string alert_issue_type = "data_sync_mismatch";
  std::string alert_team = "it_support";
  Severity alert_severity = Severity::sev2;

  friend bool operator==(const SyntheticPolicy&, const SyntheticPolicy&) = default;
};

// A probe sent and not judged yet.
struct PendingProbe {
  std::string event_id;  // the webhook-id it was sent with
  Timestamp sent_at;
};

// What every node agrees on about the probes (stored whole, see app/synthetic/).
struct SyntheticState {
  int consecutive_failures = 0;
  std::int64_t probes_ok = 0;
  std::int64_t probes_failed = 0;
  std::optional<Timestamp> last_success_at;
  std::optional<std::chrono::milliseconds> last_latency;  // of the last successful probe
  std::optional<Timestamp> last_probe_at;                 // when the last probe was judged
  std::string last_error;                                 // why the last failed probe failed
  std::optional<TicketId> alert_ticket;                   // the open alert ticket, if any
  std::optional<PendingProbe> pending;
};

struct ProbeOutcome {
  bool ok = false;
  std::chrono::milliseconds latency{0};  // from sending to the ticket's creation, when it appeared
  std::string error;                     // why it failed
};

// The probe's verdict once its ticket appeared (`ticket_created_at`) or the threshold passed;
// nullopt while it may still appear. A ticket that appeared later than the threshold is a failure:
// ingestion that slow is what the alert is for.
std::optional<ProbeOutcome> judge_probe(const PendingProbe& probe, std::optional<Timestamp> ticket_created_at,
                                        Timestamp now, const SyntheticPolicy& policy);

enum class AlertChange { none, open, resolve };

struct SyntheticStep {
  SyntheticState state;  // pending cleared, counters moved
  AlertChange alert = AlertChange::none;
};

// The state after a judged probe, and what to do about the alert ticket: open one when the
// failures reach alert_after and none is open (never a second), resolve the open one on success.
// The caller records the ticket it opens (or clears the one it resolved) in the new state.
SyntheticStep record_probe(SyntheticState state, const ProbeOutcome& outcome, Timestamp now,
                           const SyntheticPolicy& policy);

}  // namespace snag
