#pragma once
// What the Store keeps for the ATS integration (see integrations/): webhook deliveries, the
// per-object watermarks that keep late events from overwriting newer state, candidate merges
// and reconciliation records.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <snag/domain/ats/connector.hpp>
#include <snag/domain/candidate.hpp>
#include <snag/domain/ids.hpp>
#include <snag/util/time.hpp>

namespace snag {

// A signed webhook as it arrived, before anything is made of it.
struct NewDelivery {
  std::string connector;
  std::string event_id;  // the vendor's delivery id: a repeat with the same id is ignored
  Timestamp received_at;
  std::string headers = "{}";  // JSON object of the headers worth keeping
  std::string body;            // the raw bytes that were signed (UTF-8 JSON)
};

enum class DeliveryState { queued, leased, done, dead };

inline std::string_view to_string(DeliveryState state) {
  switch (state) {
    case DeliveryState::queued: return "queued";
    case DeliveryState::leased: return "leased";
    case DeliveryState::done: return "done";
    case DeliveryState::dead: return "dead";
  }
  return "queued";
}

struct Delivery {
  DeliveryId id;
  std::string connector;
  std::string event_id;
  Timestamp received_at;
  std::string headers;
  std::string body;
  DeliveryState state = DeliveryState::queued;
  int attempts = 0;
  std::optional<std::string> last_error;
  std::optional<Timestamp> finished_at;
  // Set while leased: only the holder of the token may finish it.
  std::string lease_token;
};

// Per connector, for GET /api/v1/connectors: how well its feed is doing.
struct ConnectorStats {
  std::string connector;
  std::int64_t received = 0;  // deliveries ever stored
  std::int64_t pending = 0;   // queued or leased
  std::int64_t dead = 0;      // in the dead-letter queue
  std::int64_t retried = 0;   // deliveries that needed more than one attempt
  std::optional<Timestamp> last_received_at;
  std::optional<Timestamp> oldest_pending_at;  // the lag: how long the oldest waits
};

struct DeadLetterQuery {
  std::optional<std::string> connector;
  std::optional<DeliveryId> after;  // the cursor: deliveries with a larger id
  int limit = 50;
};

struct DeadLetterPage {
  std::vector<Delivery> items;
  std::optional<DeliveryId> next_after;
};

struct Reconciliation {
  ReconciliationId id;
  std::string connector;
  std::string kind;  // unknown_candidate, …
  CandidateRef candidate;
  std::string detail;
  Timestamp created_at;
  std::optional<Timestamp> resolved_at;
  std::optional<TicketId> ticket;  // the data_sync_mismatch ticket opened for it
};

}  // namespace snag
