#pragma once
// The background work a serving node runs beside HTTP: the job runner and the scheduler.

#include <memory>

#include <snag/cli/runtime.hpp>
#include <snag/jobs/job_runner.hpp>
#include <snag/jobs/scheduler.hpp>

namespace snag {

// Starts on construction; the destructor lets running jobs and ticks finish and stops.
class BackgroundWork {
 public:
  explicit BackgroundWork(Runtime& runtime);

 private:
  JobRunner m_runner;
  Scheduler m_scheduler;
};

// This node's name in the jobs table: host name and process id.
std::string node_name();

}  // namespace snag
