#include <snag/app/taxonomy_service.hpp>
#include <snag/jobs/taxonomy_job.hpp>
#include <snag/util/log.hpp>

namespace snag {

JobHandler make_taxonomy_migrate_handler(const Catalog& catalog) {
  return [&catalog](const Job&, JobContext& context) -> Result<void> {
    // Each page moves in its own write; a run cut short leaves the rest for the next, and a
    // ticket moved already is skipped.
    auto moved = move_tickets_off_deprecated_types(context.store(), catalog, context.now());
    if (!moved) return tl::unexpected(std::move(moved.error()));
    if (*moved > 0) {
      log_event(spdlog::level::info, "tickets moved off deprecated issue types", {{"count", std::to_string(*moved)}});
    }
    return {};
  };
}

}  // namespace snag
