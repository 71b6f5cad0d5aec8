#pragma once
// Outgoing webhooks in the background: one OutboundWorker per serving node. Its thread
//   - fills the outbox from the journal (OutboxFiller) while this node holds the "outbound"
//     leader lock, so that one node at a time reads the journal for it (the filler's
//     compare-and-set on its position covers the moment a lock changes hands);
//   - delivers due messages (OutboxDeliverer) on every node: the outbox's leases keep two
//     nodes from sending the same message at once.
// It wakes when the store reports a commit (a ticket changed: fill at once, and deliver at once
// what the fill queued) and at least every `poll`, when it also delivers what came due (a retry
// whose backoff ran out). Commits of its own writes wake it too; such a pass finds nothing new
// in the journal and ends after one read.
//
// Not a job of the job queue: a job per ticket change would double the writes of the hot path,
// and a periodic job could only fill as often as the scheduler ticks.

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include <snag/app/ports/clock.hpp>
#include <snag/app/ports/http_client.hpp>
#include <snag/app/ports/store.hpp>
#include <snag/domain/catalog.hpp>
#include <snag/integrations/outbound/outbox_deliverer.hpp>
#include <snag/integrations/outbound/outbox_filler.hpp>

namespace snag {

struct OutboundWorkerSettings {
  std::chrono::milliseconds poll{1000};
  OutboxFillerOptions filler;
  OutboxDelivererOptions deliverer;  // deliverer.node names this node
};

// Starts its thread in the constructor; the destructor lets the pass in progress finish
// (at most one batch of deliveries) and stops.
class OutboundWorker {
 public:
  // REQUIRES: store, catalog, clock and client outlive the worker.
  OutboundWorker(Store& store, const Catalog& catalog, const Clock& clock, HttpClient& client,
                 OutboundWorkerSettings settings);
  ~OutboundWorker();
  OutboundWorker(const OutboundWorker&) = delete;
  OutboundWorker& operator=(const OutboundWorker&) = delete;

 private:
  // Raised by the store's commit listener, which may outlive the worker: hence shared.
  struct Signal {
    std::mutex mutex;
    std::condition_variable raised_cv;
    bool raised = false;    // guarded by mutex
    bool stopping = false;  // guarded by mutex
    void raise();
  };

  void run();
  // Fills when leading; returns how many messages were queued.
  std::int64_t fill();
  // Delivers batches until one comes back short or the worker stops.
  void deliver();
  bool stopping();

  const std::shared_ptr<Signal> m_signal = std::make_shared<Signal>();
  const OutboundWorkerSettings m_settings;
  std::unique_ptr<LeaderLock> m_fill_lock;  // worker thread only
  OutboxFiller m_filler;
  OutboxDeliverer m_deliverer;
  std::thread m_thread;  // last: starts once everything above is initialised
};

}  // namespace snag
