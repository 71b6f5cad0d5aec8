#include <snag/jobs/sync_job.hpp>
#include <snag/util/log.hpp>

namespace snag {

bool syncs_on_schedule(const Connector& connector) {
  return pulls_batches(connector) && !connector.disabled && connector.vendor != "csv" && connector.api_url.has_value();
}

Result<void> run_ats_sync(const sync::BatchSync& batch, const Job& job, JobContext& context) {
  auto connectors = context.store().list_connectors();
  if (!connectors) return tl::unexpected(std::move(connectors.error()));
  std::string failed;
  std::size_t synced = 0;
  for (const auto& connector : *connectors) {
    if (!syncs_on_schedule(connector)) continue;
    // BatchSync logs the outcome of each run, errors included.
    if (auto report = batch.sync(connector.id); !report) {
      failed += (failed.empty() ? "" : ", ") + connector.id;
      continue;
    }
    ++synced;
  }
  log_event(spdlog::level::info, "ats sync job finished", {{"job", job.id.value}, {"synced", synced}});
  if (!failed.empty()) return fail(ErrorCode::unavailable, "batch sync failed for connector(s) " + failed);
  return {};
}

JobHandler make_ats_sync_handler(Store& store, const EventApplier& applier, const Clock& clock,
                                 std::shared_ptr<HttpClient> http) {
  auto batch = std::make_shared<const sync::BatchSync>(store, *http, applier, clock);
  return [http = std::move(http), batch = std::move(batch)](const Job& job, JobContext& context) {
    return run_ats_sync(*batch, job, context);
  };
}

}  // namespace snag
