#pragma once
// Turns stored webhook deliveries into effects: leases due deliveries from the inbox (several
// nodes may process at once), normalises each with its vendor's code, applies the events
// (EventApplier) and marks the delivery done, in one unit of work per delivery. Parsing and
// normalising are pure and happen on the processor's thread before the round is submitted:
// the group-commit writer, which every write of the node queues for, only applies. A delivery
// that fails (at either step) is retried with backoff and jitter; after its last attempt it
// goes to the dead-letter queue. The deliveries of one round are submitted together, so that
// they share commits. While a backlog lasts, the background thread leases and normalises the
// next round while the writer applies the one before it, and while webhooks keep arriving it
// pauses between rounds to leave the writer to them (processing_pace.hpp).

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <snag/app/ports/clock.hpp>
#include <snag/app/ports/store.hpp>
#include <snag/domain/ats/ats_policy.hpp>
#include <snag/integrations/event_applier.hpp>
#include <snag/integrations/processing_pace.hpp>

namespace snag {

struct ProcessedRound {
  std::size_t done = 0;
  std::size_t retried = 0;
  std::size_t dead = 0;

  std::size_t total() const { return done + retried + dead; }
  ProcessedRound& operator+=(const ProcessedRound& other) {
    done += other.done;
    retried += other.retried;
    dead += other.dead;
    return *this;
  }
};

// Thread-safe.
class InboxProcessor {
 public:
  static constexpr std::size_t k_round_size = 256;
  static constexpr std::chrono::milliseconds k_default_lease = std::chrono::seconds(60);

  // `lease_for`: how long a leased delivery stays this node's; a node that dies holding some
  // leaves them to the others (or to itself restarted) once it has run out (jobs.lease).
  InboxProcessor(Store& store, const Clock& clock, const EventApplier& applier, const AtsPolicy& policy,
                 std::string node, std::chrono::milliseconds lease_for = k_default_lease, ProcessingPace pace = {});
  InboxProcessor(const InboxProcessor&) = delete;
  InboxProcessor& operator=(const InboxProcessor&) = delete;
  ~InboxProcessor();

  // One round: leases up to `max` due deliveries and processes them.
  Result<ProcessedRound> process_due(std::size_t max = k_round_size);

  // A background thread that runs rounds while there is work, and otherwise waits for wake()
  // or `idle_poll` (deliveries stored by other nodes, retries coming due).
  void start(std::chrono::milliseconds idle_poll);
  void stop();
  void wake();
  // Intake stored a new delivery: wakes the processor, and tells it that intake is busy.
  void delivery_stored();
  ProcessingPauses pauses() const;

 private:
  // A delivery read: its connector and its vendor-neutral events.
  struct Normalised {
    Connector connector;
    std::vector<AtsEvent> events;
  };
  // The deliveries leased together, and what each was read as.
  struct Round {
    Timestamp now;
    std::vector<Delivery> leased;
    std::vector<Result<Normalised>> normalised;  // one per leased delivery, once normalised
  };
  // The connectors a round's deliveries name, each read once per round.
  using RoundConnectors = std::map<std::string, std::optional<Connector>, std::less<>>;

  Result<Round> lease_round(std::size_t max);
  void normalise_round(Round& round);
  Result<Normalised> normalise(const Delivery& delivery, RoundConnectors& connectors);
  // One unit of work per delivery: its events applied and the delivery marked done.
  std::vector<WriteWork> round_works(const Round& round);
  Result<void> apply_delivery(WriteTransaction& tx, const Delivery& delivery, const Normalised& normalised,
                              Timestamp now);
  // Counts the outcomes and sends each failed delivery back to be retried, or to the dead letters.
  Result<ProcessedRound> settle(const Round& round, const std::vector<Result<void>>& outcomes);
  // Rounds one after another until none is due (or stop()), each leased and normalised while
  // the writer applies the one before.
  Result<ProcessedRound> process_backlog();
  bool stopping();
  // Waits out the pause the pace asks for after a round that took `round_took`, if any; stop()
  // ends it early.
  void give_way_to_intake(std::chrono::nanoseconds round_took);
  void run(std::chrono::milliseconds idle_poll);

  Store& m_store;
  const Clock& m_clock;
  const EventApplier& m_applier;
  const AtsPolicy& m_policy;
  std::string m_node;
  std::chrono::milliseconds m_lease_for;
  ProcessingPace m_pace;
  // steady_clock ticks of intake's last stored delivery; none yet is long ago.
  std::atomic<std::chrono::steady_clock::rep> m_last_delivery{
      std::chrono::steady_clock::time_point::min().time_since_epoch().count()};

  mutable std::mutex m_mutex;
  std::condition_variable m_wake;
  bool m_woken = false;     // guarded by m_mutex
  bool m_stopping = false;  // guarded by m_mutex
  std::mt19937_64 m_random;  // guarded by m_mutex: the jitter of retries
  ProcessingPauses m_pauses;  // guarded by m_mutex
  std::thread m_thread;
};

}  // namespace snag
