#include <snag/integrations/connector_service.hpp>

#include <snag/app/access/access_recorder.hpp>
#include <snag/domain/access/access_policy.hpp>
#include <snag/domain/ats/synthetic_probe.hpp>
#include <snag/integrations/webhook_intake.hpp>

namespace snag {

namespace {
// A connector's secrets and batch API key are credentials: who changed them is access-logged.
AccessEntry connector_edit(const Actor& actor, Timestamp at, const Connector& connector) {
  return access_entry(actor, AccessAction::edit, at, "connector:" + connector.id);
}
}  // namespace

ConnectorService::ConnectorService(Store& store, const Clock& clock, const AccessGuard& access, WebhookIntake& intake,
                                   std::function<void()> replayed)
    : m_store(store), m_clock(clock), m_access(access), m_intake(intake), m_replayed(std::move(replayed)) {}

ConnectorHealth ConnectorService::health(Connector connector, const std::vector<ConnectorStats>& all_stats) const {
  ConnectorHealth health;
  health.stats.connector = connector.id;
  for (const auto& stats : all_stats) {
    if (stats.connector == connector.id) health.stats = stats;
  }
  if (health.stats.oldest_pending_at) {
    health.lag = std::max(std::chrono::milliseconds(0), std::chrono::duration_cast<std::chrono::milliseconds>(
                                                            m_clock.now() - *health.stats.oldest_pending_at));
  }
  if (health.stats.received > 0) {
    health.error_rate = static_cast<double>(health.stats.retried + health.stats.dead) /
                        static_cast<double>(health.stats.received);
  }
  health.connector = std::move(connector);
  return health;
}

Result<ConnectorHealth> ConnectorService::create(const Actor& actor, Connector connector) {
  if (auto allowed = m_access.require(actor, permission::connectors_admin); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  if (connector.ats.empty()) connector.ats = connector.vendor;
  auto errors = validate_connector(connector);
  // Synthetic probes are recognised by these names everywhere (domain/ats/synthetic_probe.hpp);
  // only the prober creates them.
  if (connector.id == k_synthetic_connector_id) errors.push_back({"id", "is reserved for synthetic probes"});
  if (connector.ats == k_synthetic_ats) errors.push_back({"ats", "is reserved for synthetic probes"});
  if (!errors.empty()) return fail_validation(std::move(errors));
  connector.created_at = m_clock.now();
  auto written = m_store.write([&](WriteTransaction& tx) -> Result<void> {
    if (auto inserted = tx.insert_connector(connector); !inserted) return inserted;
    return tx.append_access_log({connector_edit(actor, connector.created_at, connector)});
  });
  if (!written) return tl::unexpected(std::move(written.error()));
  m_intake.forget_connector(connector.id);
  return health(std::move(connector), {});
}

Result<ConnectorHealth> ConnectorService::update(const Actor& actor, std::string_view id,
                                                 const ConnectorChanges& changes) {
  if (auto allowed = m_access.require(actor, permission::connectors_admin); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  auto found = m_store.find_connector(id);
  if (!found) return tl::unexpected(std::move(found.error()));
  if (!*found) return fail(ErrorCode::not_found, "No connector '" + std::string(id) + "'.");
  Connector connector = std::move(**found);
  if (changes.secrets) connector.secrets = *changes.secrets;
  if (changes.mode) connector.mode = *changes.mode;
  if (changes.api_url) connector.api_url = *changes.api_url;
  if (changes.api_key) connector.api_key = *changes.api_key;
  if (changes.disabled) connector.disabled = *changes.disabled;
  if (auto errors = validate_connector(connector); !errors.empty()) return fail_validation(std::move(errors));
  auto written = m_store.write([&](WriteTransaction& tx) -> Result<void> {
    if (auto updated = tx.update_connector(connector); !updated) return updated;
    return tx.append_access_log({connector_edit(actor, m_clock.now(), connector)});
  });
  if (!written) return tl::unexpected(std::move(written.error()));
  m_intake.forget_connector(connector.id);
  auto stats = m_store.connector_stats();
  if (!stats) return tl::unexpected(std::move(stats.error()));
  return health(std::move(connector), *stats);
}

Result<std::vector<ConnectorHealth>> ConnectorService::list(const Actor& actor) {
  if (auto allowed = m_access.require(actor, permission::connectors_admin); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  auto connectors = m_store.list_connectors();
  if (!connectors) return tl::unexpected(std::move(connectors.error()));
  auto stats = m_store.connector_stats();
  if (!stats) return tl::unexpected(std::move(stats.error()));
  std::vector<ConnectorHealth> all;
  all.reserve(connectors->size());
  for (auto& connector : *connectors) all.push_back(health(std::move(connector), *stats));
  return all;
}

Result<ConnectorHealth> ConnectorService::get(const Actor& actor, std::string_view id) {
  if (auto allowed = m_access.require(actor, permission::connectors_admin); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  auto connector = m_store.find_connector(id);
  if (!connector) return tl::unexpected(std::move(connector.error()));
  if (!*connector) return fail(ErrorCode::not_found, "No connector '" + std::string(id) + "'.");
  auto stats = m_store.connector_stats();
  if (!stats) return tl::unexpected(std::move(stats.error()));
  return health(std::move(**connector), *stats);
}

Result<DeadLetterPage> ConnectorService::dead_letters(const Actor& actor, const DeadLetterQuery& query) {
  if (auto allowed = m_access.require(actor, permission::connectors_admin); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  return m_store.dead_letters(query);
}

Result<std::int64_t> ConnectorService::replay(const Actor& actor, std::optional<DeliveryId> id,
                                              const std::optional<std::string>& connector) {
  if (auto allowed = m_access.require(actor, permission::connectors_admin); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  std::int64_t replayed = 0;
  auto written = m_store.write([&](WriteTransaction& tx) -> Result<void> {
    auto count = tx.replay_dead_deliveries(id, connector, m_clock.now());
    if (!count) return tl::unexpected(std::move(count.error()));
    replayed = *count;
    return {};
  });
  if (!written) return tl::unexpected(std::move(written.error()));
  if (id && replayed == 0) {
    return fail(ErrorCode::not_found, "No dead letter " + std::to_string(id->value) + ".");
  }
  if (replayed > 0 && m_replayed) m_replayed();
  return replayed;
}

}  // namespace snag
