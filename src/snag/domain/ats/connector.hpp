#pragma once
// A connector is one ATS account that feeds Snag: which vendor's webhooks and API it speaks,
// the secrets its deliveries are signed with, and how it is fed (webhooks, batch pulls or both).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <snag/util/error.hpp>
#include <snag/util/time.hpp>

namespace snag {

// The vendors a connector may speak. `csv` connectors are fed only by `snag import`.
inline constexpr std::string_view k_connector_vendors[] = {"greenhouse", "lever", "standard_webhooks", "csv"};
// realtime: webhooks only; batch: periodic pulls from the ATS API only; hybrid: webhooks plus a
// periodic reconcile pull that catches what the webhooks missed.
inline constexpr std::string_view k_connector_modes[] = {"realtime", "batch", "hybrid"};

// Outgoing webhooks keep their place in the journal under this connector name (ats_objects), so
// no ATS connector may take it.
inline constexpr std::string_view k_reserved_connector_id = "outbound";

struct Connector {
  std::string id;      // the {connector} of /hooks/{connector}
  std::string vendor;  // one of k_connector_vendors
  // The ATS name candidates from this connector are filed under (CandidateRef::ats); the
  // vendor's name unless given.
  std::string ats;
  std::string mode = "realtime";
  // Every secret a delivery may be signed with: more than one while a secret is rotated.
  std::vector<std::string> secrets;
  // Batch sync: the Harvest-style API to pull from and its key (HTTP Basic user name).
  std::optional<std::string> api_url;
  std::optional<std::string> api_key;
  // The `updated_after` of the next pull: advanced only after a page is committed.
  std::optional<Timestamp> sync_watermark;
  std::optional<Timestamp> synced_at;
  Timestamp created_at;
  bool disabled = false;
};

// Checks a connector as it arrives in a request; an empty result means it may be stored.
std::vector<FieldError> validate_connector(const Connector& connector);

// Whether deliveries of this connector come by webhook (realtime and hybrid) or by pulls.
bool receives_webhooks(const Connector& connector);
bool pulls_batches(const Connector& connector);

// "whsec_…" and the last four characters: enough for an operator to tell secrets apart.
std::string secret_hint(std::string_view secret);

}  // namespace snag
