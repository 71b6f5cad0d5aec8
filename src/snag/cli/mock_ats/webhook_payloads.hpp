#pragma once
// Signed webhook deliveries about the mock ATS's candidates, shaped like the vendors' documented
// samples (tests/fixtures/ats): Greenhouse's {"action", "payload"} with the Signature and
// Greenhouse-Event-ID headers, Lever's {"id", "event", "triggeredAt", "data", "token",
// "signature"}, and Snag's own neutral events under Standard Webhooks signatures (the only feed
// here whose events open tickets: offer.expired, document.missing, resume.parse_failed).
//
// The events depend only on the seed and the count: every event gets its own source time (one
// second after the last) and a candidate's details are the same in all of its events, so any
// order of delivery, with or without repeats, should leave Snag in the state the clean stream
// does. Repeats, shuffling and delays are drawn from a second generator, so that turning them on
// changes how the same events arrive, not which events there are.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <snag/cli/mock_ats/candidate_data.hpp>
#include <snag/cli/mock_ats/tiny_server.hpp>

namespace snag::mock_ats {

enum class WebhookVendor { greenhouse, lever, standard_webhooks };

struct DeliveryPlan {
  WebhookVendor vendor = WebhookVendor::greenhouse;
  std::string secret;       // Greenhouse's secret key, Lever's signature token or a whsec_ secret
  std::size_t count = 100;  // distinct events
  std::uint64_t seed = 1;
  double duplicates = 0;  // the share of events delivered a second time, with the same event id
  bool shuffle = false;   // deliver the events in a random order
  // A repeat is sent this long after its first delivery, as a vendor's retry would be, while the
  // rest of the stream goes on.
  std::chrono::milliseconds repeat_delay{0};
};

struct MockDelivery {
  std::string event_id;
  std::string action;  // "update_candidate", "candidateStageChange", …
  HeaderList headers;
  std::string body;
  bool repeat = false;
  std::chrono::milliseconds hold{0};  // how long after its turn it is due (repeats only)
  // Standard Webhooks signs the sending time, which must be within minutes of the receiver's
  // clock: a slow stream (make run's demo) signs each delivery again as it goes out.
  std::function<HeaderList()> signed_now;
};

// Every delivery in the order it is to be sent. REQUIRES: candidates is not empty.
std::vector<MockDelivery> plan_deliveries(const DeliveryPlan& plan, const std::vector<MockCandidate>& candidates);

}  // namespace snag::mock_ats
