#pragma once
// ats.sync: pulls every connector in batch or hybrid mode from its ATS's API (see
// integrations/sync/batch_sync.hpp). Each connector resumes from its own watermark, so a run
// that fails part-way, or runs twice, loses and repeats nothing; the job fails (and is retried
// with backoff) when any connector's pull did, after trying every connector.

#include <chrono>
#include <memory>
#include <string_view>

#include <snag/app/ports/clock.hpp>
#include <snag/app/ports/http_client.hpp>
#include <snag/integrations/event_applier.hpp>
#include <snag/integrations/sync/batch_sync.hpp>
#include <snag/jobs/job_runner.hpp>

namespace snag {

inline constexpr std::string_view k_ats_sync_job = "ats.sync";

// Whether the job pulls this connector: batch or hybrid mode, not disabled, with an API to pull
// from (csv connectors are fed by `snag import` only).
bool syncs_on_schedule(const Connector& connector);

Result<void> run_ats_sync(const sync::BatchSync& batch, const Job& job, JobContext& context);

// The handler, owning its HTTP client (REQUIRES: store, applier and clock outlive it).
JobHandler make_ats_sync_handler(Store& store, const EventApplier& applier, const Clock& clock,
                                 std::shared_ptr<HttpClient> http);

}  // namespace snag
