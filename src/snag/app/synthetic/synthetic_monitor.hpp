#pragma once
// The synthetic probe's use case (domain/ats/synthetic_probe.hpp decides, this acts): the
// reserved connector and its secret, the probe's state kept in the store so that every node and a
// restart agree on it, the alert ticket it opens and resolves, and the synthetic tickets it removes.
// jobs/synthetic_probe_job.hpp sends the webhooks; /readyz and /metrics read the state.
//
// Every call that takes a WriteTransaction runs inside the caller's write: the probe's state
// moves in the same transaction as the tickets it opens, resolves or deletes.

#include <optional>
#include <string>

#include <snag/app/automation/ticket_router.hpp>
#include <snag/app/ports/store.hpp>
#include <snag/domain/ats/synthetic_probe.hpp>
#include <snag/domain/catalog.hpp>

namespace snag {

// What a probe sends: the Standard Webhooks id and time, and the secret to sign with.
struct ProbeToSend {
  std::string event_id;
  Timestamp sent_at;
  std::string secret;
};

// The stored state; nullopt before the first probe.
Result<std::optional<SyntheticState>> read_synthetic_state(Store& store);

// "ok" (the last probe succeeded), "failing", or "unknown" before any probe was judged.
std::string_view synthetic_status(const std::optional<SyntheticState>& state);

// Thread-safe (it keeps no state of its own). REQUIRES: catalog and router outlive it.
class SyntheticMonitor {
 public:
  SyntheticMonitor(const Catalog& catalog, const TicketRouter& router, SyntheticPolicy policy);

  const SyntheticPolicy& policy() const { return m_policy; }

  // Starts a probe: judges the previous one if it is overdue, removes synthetic tickets left
  // from earlier probes, creates the synthetic connector (and its secret) the first time, and
  // records the new probe as pending. nullopt while the previous probe may still succeed.
  Result<std::optional<ProbeToSend>> begin_probe(WriteTransaction& tx, Timestamp now) const;

  // The probe's webhook was not accepted (no 2xx, or no answer at all): a failure now.
  Result<void> fail_probe(WriteTransaction& tx, std::string_view event_id, std::string error, Timestamp now) const;

  // Looks for the probe's ticket and judges the probe when it appeared or the threshold passed;
  // false while it is still awaited. A probe that is no longer pending (judged already, or
  // replaced) counts as judged.
  Result<bool> check_probe(WriteTransaction& tx, std::string_view event_id, Timestamp now) const;

 private:
  Result<std::optional<Timestamp>> probe_ticket_created_at(WriteTransaction& tx) const;
  Result<void> record(WriteTransaction& tx, SyntheticState state, const ProbeOutcome& outcome, Timestamp now) const;
  Result<TicketId> open_alert(WriteTransaction& tx, const SyntheticState& state, Timestamp now) const;
  Result<void> resolve_alert(WriteTransaction& tx, TicketId id, Timestamp now) const;
  Result<void> remove_synthetic_tickets(WriteTransaction& tx) const;

  const Catalog& m_catalog;
  const TicketRouter& m_router;
  const SyntheticPolicy m_policy;
};

}  // namespace snag
