#pragma once
// audit.verify: walks the whole journal and checks its hash chain, as `snag audit verify`
// does, so that tampering behind Snag's back is noticed without anyone asking. A broken chain
// is logged as an error naming the first bad entry; the job itself succeeds (running it again
// would not mend the chain).

#include <string_view>

#include <snag/jobs/job_runner.hpp>

namespace snag {

inline constexpr std::string_view k_audit_verify_job = "audit.verify";

Result<void> run_audit_verify(const Job& job, JobContext& context);

}  // namespace snag
