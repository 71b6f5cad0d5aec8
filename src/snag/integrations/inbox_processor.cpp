#include <snag/integrations/inbox_processor.hpp>

#include <nlohmann/json.hpp>

#include <snag/integrations/ats/vendor.hpp>
#include <snag/util/log.hpp>
#include <snag/util/thread_name.hpp>

namespace snag {
namespace {

// What the dead-letter queue shows an operator: the message and each field's complaint.
std::string describe(const Error& error) {
  std::string text = error.message;
  for (const auto& field : error.fields) text += "; " + field.field + ": " + field.message;
  return text;
}

}  // namespace

InboxProcessor::InboxProcessor(Store& store, const Clock& clock, const EventApplier& applier, const AtsPolicy& policy,
                               std::string node, std::chrono::milliseconds lease_for)
    : m_store(store),
      m_clock(clock),
      m_applier(applier),
      m_policy(policy),
      m_node(std::move(node)),
      m_lease_for(lease_for),
      m_random(std::random_device{}()) {}

InboxProcessor::~InboxProcessor() { stop(); }

Result<InboxProcessor::Normalised> InboxProcessor::normalise(const Delivery& delivery, RoundConnectors& connectors) {
  auto known = connectors.find(delivery.connector);
  if (known == connectors.end()) {
    auto found = m_store.find_connector(delivery.connector);
    if (!found) return tl::unexpected(std::move(found.error()));
    known = connectors.emplace(delivery.connector, std::move(*found)).first;
  }
  if (!known->second) return fail(ErrorCode::not_found, "connector '" + delivery.connector + "' no longer exists");
  const Connector& connector = *known->second;
  const auto vendor = ats::parse_vendor(connector.vendor);
  if (!vendor) return fail(ErrorCode::invalid_argument, "unknown vendor '" + connector.vendor + "'");
  const nlohmann::json body = nlohmann::json::parse(delivery.body, nullptr, false);
  if (body.is_discarded()) return fail(ErrorCode::invalid_argument, "the body is not JSON");
  auto events = ats::normalise_delivery(*vendor, body, connector.ats, delivery.received_at);
  if (!events) return tl::unexpected(std::move(events.error()));
  return Normalised{connector, std::move(*events)};
}

Result<void> InboxProcessor::apply_delivery(WriteTransaction& tx, const Delivery& delivery,
                                            const Normalised& normalised, Timestamp now) {
  for (const auto& event : normalised.events) {
    if (auto applied = m_applier.apply(tx, normalised.connector, event, now); !applied) {
      return tl::unexpected(std::move(applied.error()));
    }
  }
  return tx.complete_delivery(delivery, now);
}

Result<ProcessedRound> InboxProcessor::process_due(std::size_t max) {
  const Timestamp now = m_clock.now();
  std::vector<Delivery> leased;
  auto leasing = m_store.write([&](WriteTransaction& tx) -> Result<void> {
    LeaseRequest request;
    request.node = m_node;
    request.max_jobs = max;
    request.now = now;
    request.lease_for = m_lease_for;
    auto deliveries = tx.lease_deliveries(request);
    if (!deliveries) return tl::unexpected(std::move(deliveries.error()));
    leased = std::move(*deliveries);
    return {};
  });
  if (!leasing) return tl::unexpected(std::move(leasing.error()));

  RoundConnectors connectors;
  std::vector<Result<Normalised>> normalised;
  normalised.reserve(leased.size());
  for (const auto& delivery : leased) normalised.push_back(normalise(delivery, connectors));
  std::vector<WriteWork> works;
  works.reserve(leased.size());
  for (std::size_t i = 0; i < leased.size(); ++i) {
    works.push_back([this, &delivery = leased[i], &read = normalised[i], now](WriteTransaction& tx) -> Result<void> {
      // A delivery that could not be read fails in its own unit, like one that cannot apply.
      if (!read) return tl::unexpected(read.error());
      return apply_delivery(tx, delivery, *read, now);
    });
  }
  const auto outcomes = m_store.write_all(std::move(works));

  ProcessedRound round;
  for (std::size_t i = 0; i < leased.size(); ++i) {
    if (outcomes[i]) {
      ++round.done;
      continue;
    }
    const Delivery& delivery = leased[i];
    const Error& error = outcomes[i].error();
    // The unit rolled back alone; the delivery goes back with its error, or to the dead letters.
    std::optional<Timestamp> retry_at;
    if (delivery.attempts < m_policy.max_attempts) {
      std::lock_guard lock(m_mutex);
      retry_at = next_attempt_at(m_policy, delivery.attempts, now,
                                 std::uniform_real_distribution<double>(0.0, 1.0)(m_random));
    }
    auto failed = m_store.write([&](WriteTransaction& tx) {
      return tx.fail_delivery(delivery, describe(error), m_clock.now(), retry_at);
    });
    // A lost lease means another node took the delivery over: its outcome is that node's.
    if (!failed && failed.error().code == ErrorCode::conflict) continue;
    if (!failed) return tl::unexpected(std::move(failed.error()));
    ++(retry_at ? round.retried : round.dead);
    log_event(retry_at ? spdlog::level::warn : spdlog::level::err,
              retry_at ? "webhook delivery failed; will retry" : "webhook delivery moved to the dead letters",
              {{"connector", delivery.connector},
               {"delivery", std::to_string(delivery.id.value)},
               {"attempt", std::to_string(delivery.attempts)},
               {"error", describe(error)}});
  }
  return round;
}

void InboxProcessor::start(std::chrono::milliseconds idle_poll) {
  m_thread = std::thread([this, idle_poll] { run(idle_poll); });
}

void InboxProcessor::stop() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_wake.notify_all();
  if (m_thread.joinable()) m_thread.join();
}

void InboxProcessor::wake() {
  {
    std::lock_guard lock(m_mutex);
    m_woken = true;
  }
  m_wake.notify_all();
}

void InboxProcessor::run(std::chrono::milliseconds idle_poll) {
  name_this_thread("snag-inbox");
  for (;;) {
    {
      std::unique_lock lock(m_mutex);
      if (m_stopping) return;
    }
    bool busy = false;
    try {
      auto round = process_due();
      if (!round) {
        log_event(spdlog::level::err, "webhook processing failed", {{"error", round.error().message}});
      } else {
        busy = round->done + round->retried + round->dead > 0;
      }
    } catch (const std::exception& error) {
      // The boundary of the background thread: log and go on with the next round.
      log_event(spdlog::level::err, "webhook processing failed", {{"error", error.what()}});
    }
    if (busy) continue;
    std::unique_lock lock(m_mutex);
    m_wake.wait_for(lock, idle_poll, [&] { return m_stopping || m_woken; });
    m_woken = false;
  }
}

}  // namespace snag
