#pragma once
// POST /hooks/{connector}: the hot path of the ATS feed. It verifies the vendor's signature on
// the raw bytes, stores the delivery durably (group-committed with other writes) and answers;
// it does not parse the payload. The InboxProcessor makes events of it afterwards.

#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include <snag/app/deferred_write.hpp>
#include <snag/app/ports/clock.hpp>
#include <snag/app/ports/store.hpp>
#include <snag/integrations/ats/webhook_headers.hpp>

namespace snag {

enum class IntakeOutcome {
  stored,     // new: durable in the inbox, to be processed
  duplicate,  // the connector already has a delivery with this event id: nothing changed
};

// Thread-safe.
class WebhookIntake {
 public:
  // `stored` is called after each new delivery commits (to wake the processor); it must return
  // quickly.
  WebhookIntake(Store& store, const Clock& clock, std::function<void()> stored);

  // not_found for an unknown, disabled or batch-only connector; unauthenticated when the
  // signature does not verify; invalid_argument for a body that is not UTF-8 text. Nothing is
  // stored in any of these cases.
  Result<IntakeOutcome> receive(std::string_view connector_id, std::string_view body,
                                const ats::WebhookHeaders& headers);
  // `receive` up to its write, for a caller that commits it without waiting (DeferredWrite).
  Result<DeferredWrite<IntakeOutcome>> prepare_receive(std::string_view connector_id, std::string_view body,
                                                       const ats::WebhookHeaders& headers);

  // Connectors are cached for a few seconds; a change through the API takes effect at once on
  // this node and within that time on the others.
  void forget_connector(std::string_view connector_id);

 private:
  Result<Connector> connector(std::string_view id);

  Store& m_store;
  const Clock& m_clock;
  std::function<void()> m_stored;
  std::mutex m_mutex;
  struct CachedConnector {
    Connector connector;
    std::chrono::steady_clock::time_point loaded;
  };
  std::unordered_map<std::string, CachedConnector> m_connectors;  // guarded by m_mutex
};

}  // namespace snag
