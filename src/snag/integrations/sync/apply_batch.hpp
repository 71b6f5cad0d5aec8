#pragma once
// Applies a batch of events from one connector in ONE store write, through the EventApplier that
// webhook processing uses too. Batch sync commits a page this way (with the connector's
// watermark in the same transaction) and CSV import a few hundred rows: a crash leaves each batch
// either wholly applied or not at all, and re-applying one is harmless (upserts and the ordering
// rule).

#include <cstddef>
#include <functional>
#include <span>
#include <string_view>

#include <snag/app/ports/store.hpp>
#include <snag/domain/ats/ats_event.hpp>
#include <snag/domain/ats/connector.hpp>
#include <snag/integrations/event_applier.hpp>
#include <snag/util/error.hpp>

namespace snag::sync {

struct BatchOutcome {
  std::size_t applied = 0;     // events applied (superseded ones included)
  std::size_t created = 0;     // candidates Snag had not seen
  std::size_t superseded = 0;  // older than what was already applied: recorded only
};

// Changes the connector inside the batch's write (the sync's watermark); it is stored afterwards.
using ConnectorUpdate = std::function<void(Connector&)>;

// The connector is read inside the write, so that one deleted or disabled meanwhile stops the
// batch: not_found or conflict, and nothing is written. An event the applier refuses rolls the
// whole batch back and its error names the event's candidate.
Result<BatchOutcome> apply_batch(Store& store, const EventApplier& applier, std::string_view connector_id,
                                 std::span<const AtsEvent> events, Timestamp now,
                                 const ConnectorUpdate& update_connector = {});

}  // namespace snag::sync
