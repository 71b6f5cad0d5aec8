#pragma once
// Connectors and their dead letters, for /api/v1/connectors and /api/v1/dead-letters: creating
// a connector, listing connectors with the health of their feed, and replaying deliveries that
// ran out of attempts. Every call needs connectors:admin.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <snag/app/access/access_guard.hpp>
#include <snag/app/ports/clock.hpp>
#include <snag/app/ports/store.hpp>
#include <snag/domain/actor.hpp>

namespace snag {

class WebhookIntake;

struct ConnectorHealth {
  Connector connector;
  ConnectorStats stats;
  // How long the oldest unprocessed delivery has waited; zero when none waits.
  std::chrono::milliseconds lag{0};
  // The share of deliveries that needed a retry or died.
  double error_rate = 0.0;
};

// What PATCH /api/v1/connectors/{id} may change; a member left out stays as it is. Rotating a
// secret is two changes: first the new secret beside the old (both verify), then, once the ATS
// signs with the new one, the new one alone.
struct ConnectorChanges {
  std::optional<std::vector<std::string>> secrets;
  std::optional<std::string> mode;
  std::optional<std::optional<std::string>> api_url;  // engaged and empty: none
  std::optional<std::optional<std::string>> api_key;
  std::optional<bool> disabled;  // a disabled connector's webhooks are refused and it is not pulled
};

// Thread-safe.
class ConnectorService {
 public:
  // `replayed` is called after dead letters were queued again (to wake the processor).
  ConnectorService(Store& store, const Clock& clock, const AccessGuard& access, WebhookIntake& intake,
                   std::function<void()> replayed);

  // validation_failed naming each bad field; conflict when the id is taken.
  Result<ConnectorHealth> create(const Actor& actor, Connector connector);
  // not_found for an unknown connector; validation_failed naming each bad field.
  Result<ConnectorHealth> update(const Actor& actor, std::string_view id, const ConnectorChanges& changes);
  Result<std::vector<ConnectorHealth>> list(const Actor& actor);
  Result<ConnectorHealth> get(const Actor& actor, std::string_view id);

  Result<DeadLetterPage> dead_letters(const Actor& actor, const DeadLetterQuery& query);
  // Queues dead deliveries again: one (not_found when it is not dead), or all (of a connector).
  // Returns how many.
  Result<std::int64_t> replay(const Actor& actor, std::optional<DeliveryId> id,
                              const std::optional<std::string>& connector);

 private:
  ConnectorHealth health(Connector connector, const std::vector<ConnectorStats>& all_stats) const;

  Store& m_store;
  const Clock& m_clock;
  const AccessGuard& m_access;
  WebhookIntake& m_intake;
  std::function<void()> m_replayed;
};

}  // namespace snag
