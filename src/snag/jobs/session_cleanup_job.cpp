#include <snag/jobs/session_cleanup_job.hpp>

#include <snag/util/log.hpp>

namespace snag {

Result<void> run_session_cleanup(const Job&, JobContext& context) {
  std::int64_t deleted = 0;
  // Deleting twice is harmless, but completing in the same write keeps the count exact.
  auto written = context.complete_with([&](WriteTransaction& tx) -> Result<void> {
    auto count = tx.delete_expired_sessions(context.now());
    if (!count) return tl::unexpected(std::move(count.error()));
    deleted = *count;
    return {};
  });
  if (!written) return written;
  if (deleted > 0) log_event(spdlog::level::info, "expired sessions deleted", {{"count", std::to_string(deleted)}});
  return {};
}

}  // namespace snag
