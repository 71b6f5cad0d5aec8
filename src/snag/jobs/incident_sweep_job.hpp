#pragma once
// incidents.sweep, every minute: late status updates and overdue post-mortem action items
// (app/incidents/incident_sweep.hpp).

#include <chrono>
#include <string_view>

#include <snag/domain/catalog.hpp>
#include <snag/jobs/job_runner.hpp>

namespace snag {

inline constexpr std::string_view k_incident_sweep_job = "incidents.sweep";
inline constexpr std::chrono::minutes k_incident_sweep_every{1};

// REQUIRES: catalog outlives the handler.
JobHandler make_incident_sweep_handler(const Catalog& catalog);

}  // namespace snag
