#include <snag/jobs/compliance_job.hpp>

#include <nlohmann/json.hpp>

#include <snag/app/compliance/erasure.hpp>
#include <snag/app/compliance/retention.hpp>
#include <snag/util/log.hpp>

namespace snag {

Result<void> run_erasure_request(const Job& job, JobContext& context) {
  const auto payload = nlohmann::json::parse(job.payload, nullptr, false);
  if (!payload.is_object() || !payload.contains("request") || !payload["request"].is_number_integer()) {
    return fail(ErrorCode::invalid_argument, "an erasure.run job names no request");
  }
  const ErasureRequestId id{payload["request"].get<std::int64_t>()};
  ErasureRequest outcome;
  auto done = context.complete_with([&](WriteTransaction& tx) -> Result<void> {
    auto carried = carry_out_erasure(tx, id, context.now());
    if (!carried) return tl::unexpected(std::move(carried.error()));
    outcome = std::move(*carried);
    return {};
  });
  if (!done) return done;
  log_event(spdlog::level::info, "erasure request",
            {{"request", id.value}, {"status", to_string(outcome.status)}, {"tickets", outcome.report.tickets.size()}});
  return {};
}

JobHandler make_retention_handler(const RetentionPolicy& policy) {
  return [&policy](const Job&, JobContext& context) -> Result<void> {
    auto plan = plan_retention(context.store(), policy, context.now());
    if (!plan) return tl::unexpected(std::move(plan.error()));
    auto purged = purge_tickets(context.store(), plan->due, context.now());
    if (!purged) return tl::unexpected(std::move(purged.error()));
    log_event(spdlog::level::info, "retention run",
              {{"examined", plan->examined}, {"purged", *purged}, {"held", plan->held}});
    return {};
  };
}

}  // namespace snag
