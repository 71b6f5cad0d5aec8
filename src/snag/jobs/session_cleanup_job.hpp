#pragma once
// sessions.cleanup: deletes the sessions that have expired. An expired session already signs no
// one in (SessionService checks expires_at); this keeps the table from growing with every
// sign-in ever made.

#include <chrono>
#include <string_view>

#include <snag/jobs/job_runner.hpp>

namespace snag {

inline constexpr std::string_view k_session_cleanup_job = "sessions.cleanup";
inline constexpr std::chrono::hours k_session_cleanup_every{1};

Result<void> run_session_cleanup(const Job& job, JobContext& context);

}  // namespace snag
