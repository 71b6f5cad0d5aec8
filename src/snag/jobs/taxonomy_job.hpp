#pragma once
// taxonomy.migrate, hourly: the open tickets of deprecated types with `replaced_by` move to their
// successor (app/taxonomy_service.hpp), so that a merge in the configuration takes effect within
// the hour of the restart that brought it.

#include <chrono>
#include <string_view>

#include <snag/domain/catalog.hpp>
#include <snag/jobs/job_runner.hpp>

namespace snag {

inline constexpr std::string_view k_taxonomy_migrate_job = "taxonomy.migrate";
inline constexpr std::chrono::hours k_taxonomy_migrate_every{1};

// REQUIRES: catalog outlives the handler.
JobHandler make_taxonomy_migrate_handler(const Catalog& catalog);

}  // namespace snag
