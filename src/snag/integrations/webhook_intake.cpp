#include <memory>

#include <nlohmann/json.hpp>

#include <snag/integrations/ats/vendor.hpp>
#include <snag/integrations/webhook_intake.hpp>
#include <snag/util/log.hpp>
#include <snag/util/text.hpp>

namespace snag {
namespace {

constexpr auto k_connector_cache_time = std::chrono::seconds(5);

// Kept with the delivery for operators and replays; signatures are not (they prove nothing
// once verified, and replays are not re-verified).
constexpr std::string_view k_kept_headers[] = {"Content-Type", "User-Agent", "Greenhouse-Event-ID", "webhook-id",
                                               "webhook-timestamp"};

std::string kept_headers(const ats::WebhookHeaders& headers) {
  nlohmann::json kept = nlohmann::json::object();
  for (const auto name : k_kept_headers) {
    if (auto value = headers.find(name)) kept[std::string(name)] = std::string(*value);
  }
  // Header values are bytes, not always UTF-8; a bad byte must not fail the delivery.
  return kept.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

WebhookIntake::WebhookIntake(Store& store, const Clock& clock, std::function<void()> stored)
    : m_store(store), m_clock(clock), m_stored(std::move(stored)) {}

Result<Connector> WebhookIntake::connector(std::string_view id) {
  const auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(m_mutex);
    auto cached = m_connectors.find(std::string(id));
    if (cached != m_connectors.end() && now - cached->second.loaded < k_connector_cache_time) {
      return cached->second.connector;
    }
  }
  auto found = m_store.find_connector(id);
  if (!found) return tl::unexpected(std::move(found.error()));
  if (!*found) return fail(ErrorCode::not_found, "No connector '" + std::string(id) + "'.");
  std::lock_guard lock(m_mutex);
  m_connectors[std::string(id)] = CachedConnector{**found, now};
  return std::move(**found);
}

void WebhookIntake::forget_connector(std::string_view connector_id) {
  std::lock_guard lock(m_mutex);
  m_connectors.erase(std::string(connector_id));
}

Result<IntakeOutcome> WebhookIntake::receive(std::string_view connector_id, std::string_view body,
                                             const ats::WebhookHeaders& headers) {
  return write_now(m_store, prepare_receive(connector_id, body, headers));
}

Result<DeferredWrite<IntakeOutcome>> WebhookIntake::prepare_receive(std::string_view connector_id,
                                                                    std::string_view body,
                                                                    const ats::WebhookHeaders& headers) {
  auto found = connector(connector_id);
  if (!found) return tl::unexpected(std::move(found.error()));
  const Connector& connector = *found;
  const auto vendor = ats::parse_vendor(connector.vendor);
  if (connector.disabled || !receives_webhooks(connector) || !vendor || *vendor == ats::Vendor::csv) {
    return fail(ErrorCode::not_found, "Connector '" + connector.id + "' does not take webhooks.");
  }
  const Timestamp now = m_clock.now();
  auto verified = ats::verify_delivery(*vendor, body, headers, connector.secrets, now);
  if (!verified) {
    log_event(spdlog::level::warn, "webhook refused",
              {{"connector", connector.id}, {"reason", verified.error().message}});
    return tl::unexpected(ats::to_error(verified.error()));
  }
  if (!is_storable_text(body)) {
    return fail(ErrorCode::invalid_argument, "The body is not UTF-8 text.");
  }

  NewDelivery delivery;
  delivery.connector = connector.id;
  delivery.event_id = std::move(verified->event_id);
  delivery.received_at = now;
  delivery.headers = kept_headers(headers);
  delivery.body = std::string(body);
  // Set by the work, read by finish, which runs after it.
  auto inserted = std::make_shared<bool>(false);
  DeferredWrite<IntakeOutcome> deferred;
  deferred.work = [delivery = std::move(delivery), inserted](WriteTransaction& tx) -> Result<void> {
    auto stored = tx.insert_delivery(delivery);
    if (!stored) return tl::unexpected(std::move(stored.error()));
    *inserted = *stored;
    return {};
  };
  deferred.finish = [this, inserted](Result<void> committed) -> Result<IntakeOutcome> {
    if (!committed) return tl::unexpected(std::move(committed.error()));
    if (!*inserted) return IntakeOutcome::duplicate;
    if (m_stored) m_stored();
    return IntakeOutcome::stored;
  };
  return deferred;
}

}  // namespace snag
