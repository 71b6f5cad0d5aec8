#include <snag/integrations/sync/apply_batch.hpp>

namespace snag::sync {

Result<BatchOutcome> apply_batch(Store& store, const EventApplier& applier, std::string_view connector_id,
                                 std::span<const AtsEvent> events, Timestamp now,
                                 const ConnectorUpdate& update_connector) {
  BatchOutcome outcome;
  auto written = store.write([&](WriteTransaction& tx) -> Result<void> {
    outcome = {};
    auto found = tx.find_connector(connector_id);
    if (!found) return tl::unexpected(std::move(found.error()));
    if (!*found) return fail(ErrorCode::not_found, "connector " + std::string(connector_id) + " does not exist");
    Connector& connector = **found;
    if (connector.disabled) return fail(ErrorCode::conflict, "connector " + connector.id + " is disabled");
    for (const auto& event : events) {
      auto applied = applier.apply(tx, connector, event, now);
      if (!applied) {
        Error error = std::move(applied.error());
        if (event.candidate) error.message = "candidate " + event.candidate->external_id + ": " + error.message;
        return tl::unexpected(std::move(error));
      }
      ++outcome.applied;
      if (applied->candidate_created) ++outcome.created;
      if (applied->superseded) ++outcome.superseded;
    }
    if (!update_connector) return {};
    update_connector(connector);
    return tx.update_connector(connector);
  });
  if (!written) return tl::unexpected(std::move(written.error()));
  return outcome;
}

}  // namespace snag::sync
