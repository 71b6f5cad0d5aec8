#pragma once
// The background work a serving node runs beside HTTP: the job runner, the scheduler, the
// refresh of the rules in force, the outgoing webhooks worker and the synthetic probe.

#include <memory>

#include <snag/cli/runtime.hpp>
#include <snag/jobs/job_runner.hpp>
#include <snag/jobs/outbound_job.hpp>
#include <snag/jobs/scheduler.hpp>
#include <snag/jobs/synthetic_probe_job.hpp>
#include <snag/net/beast_http_client.hpp>

namespace snag {

// Starts on construction; the destructor lets running jobs and ticks finish and stops.
class BackgroundWork {
 public:
  explicit BackgroundWork(Runtime& runtime);

  // The synthetic probe posts to this port (its first probe waits for it).
  void serving_on(std::uint16_t port) { m_loopback.serving_on(port); }

 private:
  // Before the runner, whose handlers use them.
  LoopbackTarget m_loopback;
  SyntheticMonitor m_synthetic;
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
