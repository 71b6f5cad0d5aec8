#pragma once
// erasure.run: carries out one erasure request (app/compliance/erasure.hpp), queued when the
// request is filed and again when a legal hold is released. Its writes go into the job's own
// completion, so a lost lease erases nothing twice and a crash leaves the request pending.
// retention.run: the daily retention run (app/compliance/retention.hpp) under the configured
// rules. Each batch of purges is its own write; a run repeated by another node skips what is gone.

#include <snag/domain/compliance/retention.hpp>
#include <snag/jobs/job_runner.hpp>

namespace snag {

Result<void> run_erasure_request(const Job& job, JobContext& context);
// REQUIRES: policy outlives the handler.
JobHandler make_retention_handler(const RetentionPolicy& policy);

}  // namespace snag
