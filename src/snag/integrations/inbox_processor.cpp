#include <future>

#include <nlohmann/json.hpp>

#include <snag/integrations/ats/vendor.hpp>
#include <snag/integrations/inbox_processor.hpp>
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
                               std::string node, std::chrono::milliseconds lease_for, ProcessingPace pace)
    : m_store(store),
      m_clock(clock),
      m_applier(applier),
      m_policy(policy),
      m_node(std::move(node)),
      m_lease_for(lease_for),
      m_pace(pace),
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

Result<InboxProcessor::Round> InboxProcessor::lease_round(std::size_t max) {
  Round round;
  round.now = m_clock.now();
  auto leasing = m_store.write([&](WriteTransaction& tx) -> Result<void> {
    LeaseRequest request;
    request.node = m_node;
    request.max_jobs = max;
    request.now = round.now;
    request.lease_for = m_lease_for;
    auto deliveries = tx.lease_deliveries(request);
    if (!deliveries) return tl::unexpected(std::move(deliveries.error()));
    round.leased = std::move(*deliveries);
    return {};
  });
  if (!leasing) return tl::unexpected(std::move(leasing.error()));
  return round;
}

void InboxProcessor::normalise_round(Round& round) {
  RoundConnectors connectors;
  round.normalised.reserve(round.leased.size());
  for (const auto& delivery : round.leased) round.normalised.push_back(normalise(delivery, connectors));
}

std::vector<WriteWork> InboxProcessor::round_works(const Round& round) {
  std::vector<WriteWork> works;
  works.reserve(round.leased.size());
  for (std::size_t i = 0; i < round.leased.size(); ++i) {
    works.push_back([this, &delivery = round.leased[i], &read = round.normalised[i],
                     now = round.now](WriteTransaction& tx) -> Result<void> {
      // A delivery that could not be read fails in its own unit, like one that cannot apply.
      if (!read) return tl::unexpected(read.error());
      return apply_delivery(tx, delivery, *read, now);
    });
  }
  return works;
}

Result<ProcessedRound> InboxProcessor::settle(const Round& round, const std::vector<Result<void>>& outcomes) {
  ProcessedRound settled;
  for (std::size_t i = 0; i < round.leased.size(); ++i) {
    if (outcomes[i]) {
      ++settled.done;
      continue;
    }
    const Delivery& delivery = round.leased[i];
    const Error& error = outcomes[i].error();
    // The unit rolled back alone; the delivery goes back with its error, or to the dead letters.
    std::optional<Timestamp> retry_at;
    if (delivery.attempts < m_policy.max_attempts) {
      std::lock_guard lock(m_mutex);
      retry_at = next_attempt_at(m_policy, delivery.attempts, round.now,
                                 std::uniform_real_distribution<double>(0.0, 1.0)(m_random));
    }
    auto failed = m_store.write([&](WriteTransaction& tx) {
      return tx.fail_delivery(delivery, describe(error), m_clock.now(), retry_at);
    });
    // A lost lease means another node took the delivery over: its outcome is that node's.
    if (!failed && failed.error().code == ErrorCode::conflict) continue;
    if (!failed) return tl::unexpected(std::move(failed.error()));
    ++(retry_at ? settled.retried : settled.dead);
    log_event(retry_at ? spdlog::level::warn : spdlog::level::err,
              retry_at ? "webhook delivery failed; will retry" : "webhook delivery moved to the dead letters",
              {{"connector", delivery.connector},
               {"delivery", std::to_string(delivery.id.value)},
               {"attempt", std::to_string(delivery.attempts)},
               {"error", describe(error)}});
  }
  return settled;
}

Result<ProcessedRound> InboxProcessor::process_due(std::size_t max) {
  auto round = lease_round(max);
  if (!round) return tl::unexpected(std::move(round.error()));
  normalise_round(*round);
  return settle(*round, m_store.write_all(round_works(*round)));
}

Result<ProcessedRound> InboxProcessor::process_backlog() {
  ProcessedRound processed;
  auto current = lease_round(k_round_size);
  if (!current) return tl::unexpected(std::move(current.error()));
  normalise_round(*current);
  while (!current->leased.empty()) {
    // The next round's lease commits before this round's units reach the writer, so that
    // this thread normalises it while the writer applies them.
    auto next = stopping() ? Result<Round>(Round{}) : lease_round(k_round_size);
    const auto submitted = std::chrono::steady_clock::now();
    auto applying = std::async(std::launch::async, [this, works = round_works(*current)]() mutable {
      return m_store.write_all(std::move(works));
    });
    if (next) normalise_round(*next);
    auto outcomes = applying.get();
    const auto round_took = std::chrono::steady_clock::now() - submitted;
    auto settled = settle(*current, outcomes);
    if (!settled) return settled;
    processed += *settled;
    // A failed lease leased nothing: what is due is found again in the next round.
    if (!next) return tl::unexpected(std::move(next.error()));
    if (!next->leased.empty()) give_way_to_intake(round_took);
    current = std::move(next);
  }
  return processed;
}

bool InboxProcessor::stopping() {
  std::lock_guard lock(m_mutex);
  return m_stopping;
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

void InboxProcessor::delivery_stored() {
  m_last_delivery.store(std::chrono::steady_clock::now().time_since_epoch().count(), std::memory_order_relaxed);
  wake();
}

ProcessingPauses InboxProcessor::pauses() const {
  std::lock_guard lock(m_mutex);
  return m_pauses;
}

void InboxProcessor::give_way_to_intake(std::chrono::nanoseconds round_took) {
  const auto now = std::chrono::steady_clock::now();
  const std::chrono::steady_clock::time_point last_delivery{
      std::chrono::steady_clock::duration(m_last_delivery.load(std::memory_order_relaxed))};
  const auto since_last_delivery = last_delivery == std::chrono::steady_clock::time_point::min()
                                       ? std::chrono::nanoseconds::max()
                                       : std::chrono::nanoseconds(now - last_delivery);
  const auto pause = pause_before_next_round(m_pace, since_last_delivery, round_took);
  if (pause <= std::chrono::nanoseconds::zero()) return;
  std::unique_lock lock(m_mutex);
  ++m_pauses.count;
  m_pauses.total += pause;
  // Deliveries arriving meanwhile wake() the processor; only stop() ends the pause early.
  m_wake.wait_for(lock, pause, [&] { return m_stopping; });
}

void InboxProcessor::run(std::chrono::milliseconds idle_poll) {
  name_this_thread("snag-inbox");
  for (;;) {
    if (stopping()) return;
    bool busy = false;
    try {
      auto processed = process_backlog();
      if (!processed) {
        log_event(spdlog::level::err, "webhook processing failed", {{"error", processed.error().message}});
      } else {
        busy = processed->total() > 0;
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
