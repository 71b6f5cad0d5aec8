#pragma once
// Batch sync: pulls the candidates a Greenhouse-Harvest-style API changed since the connector's
// watermark and applies them as candidate.updated events, page by page:
//
//   GET {api_url}/v1/candidates?per_page=N&updated_after=<watermark, RFC 3339>
//   Authorization: Basic base64(api_key + ":")
//
// then each `Link: <…>; rel="next"` until there is none. Each page is committed in one store
// write together with the connector's sync_watermark (the largest updated_at seen so far) and
// synced_at, so a crash between pages resumes from the last committed page. A page applied twice
// (the crash came after the commit but before the next request, or two syncs overlapped) changes
// nothing: candidates are upserted, and the ordering rule keeps an older record from overwriting
// a newer one. updated_after is inclusive, so records stamped exactly at the watermark come again
// on the next run, harmlessly.
//
// The watermark may move ahead mid-run only while the API lists records in updated_at order (as
// the mock ATS does by default): once a record comes that is older than the one before it, the
// API orders otherwise (by id, say), and the watermark stays put until the last page, so that a
// crash cannot skip records still to come. (An API ordered otherwise whose first pages happen to
// look ordered can still get ahead of itself; Harvest-style offset paging cannot be made exact
// without a cursor, which is what a hybrid connector's webhooks make up for.)
//
// 429 waits for Retry-After and asks for the same page again, up to a number of waits per run;
// 5xx and unreachable peers are retried a few times with doubling waits; anything else ends the
// run with an error that names the API's origin and the status (never the key).

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string_view>

#include <snag/app/ports/clock.hpp>
#include <snag/app/ports/http_client.hpp>
#include <snag/app/ports/store.hpp>
#include <snag/integrations/event_applier.hpp>
#include <snag/util/error.hpp>

namespace snag::sync {

struct SyncSettings {
  int per_page = 500;  // Harvest's maximum
  std::chrono::milliseconds request_timeout{30000};
  // 429s honoured in one run before it gives up (the next run resumes from the watermark).
  int max_rate_limit_waits = 10;
  // A Retry-After longer than this ends the run rather than holding a job thread for it.
  std::chrono::seconds max_retry_after{60};
  // Wait when a 429 names no usable Retry-After.
  std::chrono::seconds default_retry_after{5};
  // Retries of one page after a 5xx or a failed connection; the waits double from first_backoff.
  int max_retries = 3;
  std::chrono::milliseconds first_backoff{1000};
};

struct SyncReport {
  std::size_t pages = 0;
  std::size_t candidates = 0;  // records applied
  std::size_t created = 0;     // candidates Snag had not seen
  std::size_t superseded = 0;  // records older than what Snag already had
  std::size_t skipped = 0;     // records that are not candidate objects (logged, not applied)
  std::size_t rate_limit_waits = 0;
  std::size_t retries = 0;
  std::optional<Timestamp> watermark;  // the connector's watermark at the end
};

// Blocks the calling thread; tests pass one that records the waits instead.
using Sleeper = std::function<void(std::chrono::milliseconds)>;

// Thread-safe when the store, client and applier are (the shipped ones are): each sync keeps its
// state on its own stack.
class BatchSync {
 public:
  BatchSync(Store& store, HttpClient& http, const EventApplier& applier, const Clock& clock, SyncSettings settings = {},
            Sleeper sleeper = {});

  // One run for the connector: needs its api_url (and usually its api_key). not_found for an
  // unknown connector, conflict for a disabled one; on any error, the pages committed before it
  // stay committed and the watermark says how far they got.
  Result<SyncReport> sync(std::string_view connector_id) const;

 private:
  Store& m_store;
  HttpClient& m_http;
  const EventApplier& m_applier;
  const Clock& m_clock;
  const SyncSettings m_settings;
  const Sleeper m_sleep;
};

}  // namespace snag::sync
