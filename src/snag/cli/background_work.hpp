#pragma once
// The background work a serving node runs beside HTTP: the job runner, the scheduler, the
// refresh of the rules in force and the outgoing webhooks worker.

#include <memory>

#include <snag/cli/runtime.hpp>
#include <snag/jobs/job_runner.hpp>
#include <snag/jobs/outbound_job.hpp>
#include <snag/jobs/scheduler.hpp>
#include <snag/net/beast_http_client.hpp>

namespace snag {

// Starts on construction; the destructor lets running jobs and ticks finish and stops.
class BackgroundWork {
 public:
  explicit BackgroundWork(Runtime& runtime);

 private:
  JobRunner m_runner;
  Scheduler m_scheduler;
  Scheduler m_rule_refresh;  // on every node
  // Outgoing webhooks; the client first, so that it outlives the worker that sends with it.
  BeastHttpClient m_webhook_client;
  OutboundWorker m_outbound;
};

// This node's name in the jobs table: host name and process id.
std::string node_name();

}  // namespace snag
