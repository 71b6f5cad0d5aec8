#pragma once
// Fills the outbox from the journal: every ticket change becomes one message per enabled
// subscription that wants its event, its body already filtered by the subscription's
// allowlist, so that what a destination may not see is never even stored for it.
//
// Exactly once. The outbox keeps a journal position (the seq of the last entry turned into
// messages; WriteTransaction::outbox_journal_position). Each pass reads the journal after it a
// page at a time and, for each page, inserts the messages and moves the position in ONE write:
// a crash loses both or keeps both, so nothing is missed across restarts and nothing is queued
// twice. The move is a compare-and-set; should two nodes fill at once (the worker holds a
// leader lock, so only after a lock was lost) the second write fails with conflict and queues
// nothing.
//
// What a message carries is the ticket as it is when the page is read (normally within a
// second of the change), not as it was at the change: the journal holds changes, not whole
// tickets. A subscription receives the changes made at or after its creation.

#include <cstddef>
#include <cstdint>

#include <snag/app/ports/clock.hpp>
#include <snag/app/ports/store.hpp>
#include <snag/domain/catalog.hpp>

namespace snag {

struct OutboxFillerOptions {
  std::size_t page_size = 500;  // journal entries per read and per write
};

struct FillReport {
  std::int64_t changes = 0;   // ticket changes read
  std::int64_t messages = 0;  // messages queued
};

// Not thread-safe: one pass at a time (the outbound worker's thread).
class OutboxFiller {
 public:
  // REQUIRES: store, catalog and clock outlive the filler.
  OutboxFiller(Store& store, const Catalog& catalog, const Clock& clock, OutboxFillerOptions options = {});

  // Turns what the journal gained since the position into messages, until caught up. Nothing
  // happens before the first subscription is created (there is no position yet).
  Result<FillReport> fill();

 private:
  // Handles the next page; false when there was nothing after the position.
  Result<bool> fill_page(FillReport& report);

  Store& m_store;
  const Catalog& m_catalog;
  const Clock& m_clock;
  const OutboxFillerOptions m_options;
};

}  // namespace snag
