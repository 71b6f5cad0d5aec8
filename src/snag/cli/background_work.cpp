#include <unistd.h>

#include <array>

#include <snag/cli/background_work.hpp>
#include <snag/jobs/audit_job.hpp>
#include <snag/app/automation/interview_notices.hpp>
#include <snag/app/automation/notifier.hpp>
#include <snag/jobs/automation_job.hpp>
#include <snag/jobs/compliance_job.hpp>
#include <snag/app/compliance/erasure.hpp>
#include <snag/app/compliance/retention.hpp>
#include <snag/jobs/notification_email_job.hpp>
#include <snag/jobs/notification_slack_job.hpp>
#include <snag/jobs/periodic_jobs.hpp>
#include <snag/jobs/reconcile_job.hpp>
#include <snag/jobs/report_jobs.hpp>
#include <snag/render/pdf_table.hpp>
#include <snag/jobs/incident_sweep_job.hpp>
#include <snag/jobs/session_cleanup_job.hpp>
#include <snag/jobs/taxonomy_job.hpp>
#include <snag/jobs/sync_job.hpp>
#include <snag/net/smtp_mailer.hpp>
#include <snag/util/log.hpp>

namespace snag {

namespace {

// How soon a node puts in force the rules another node stored.
constexpr std::chrono::milliseconds k_rule_refresh_every{2000};

// A client for requests to other systems, held to the `outbound:` section's targets. Only the
// synthetic probe, which posts to this node itself, goes without.
std::shared_ptr<HttpClient> outbound_client(const Settings& settings) {
  return std::make_shared<BeastHttpClient>(outbound_options(settings.outbound));
}

JobRunnerSettings runner_settings(const JobsSettings& jobs) {
  JobRunnerSettings settings;
  settings.node = node_name();
  settings.lease_for = jobs.lease;
  settings.poll_every = jobs.poll;
  settings.threads = static_cast<std::size_t>(jobs.threads);
  return settings;
}

OutboundWorkerSettings outbound_settings(const JobsSettings& jobs) {
  OutboundWorkerSettings settings;
  settings.poll = jobs.poll;
  settings.deliverer.node = node_name();
  return settings;
}

// Email goes out only where an SMTP server is configured.
std::shared_ptr<Mailer> mailer(const NotificationSettings& notifications) {
  if (notifications.smtp_url.empty()) return nullptr;
  return std::make_shared<SmtpMailer>(notifications.smtp_url);
}

// The scheduled reports' delivery: through the notifications' SMTP server and the Beast client.
ReportDelivery report_delivery(Runtime& runtime) {
  const Settings& settings = runtime.settings();
  return ReportDelivery{runtime.services().aging_report,
                        runtime.services().executive_summary,
                        settings.reports,
                        mailer(settings.notifications),
                        settings.notifications.mail_from,
                        outbound_client(settings),
                        render_pdf,
                        settings.exports.enabled};
}

// The periodic jobs, with the synthetic probe when it is on.
std::vector<PeriodicJob> periodic_schedule(const Settings& settings) {
  auto jobs = periodic_jobs(settings.ats);
  if (auto probe = synthetic_probe_schedule(settings.synthetic)) jobs.push_back(std::move(*probe));
  return jobs;
}

// The handler of every job kind Snag runs.
std::map<std::string, JobHandler> job_handlers(Runtime& runtime, const SyntheticMonitor& synthetic,
                                               const LoopbackTarget& loopback) {
  const NotificationSettings& notifications = runtime.settings().notifications;
  return {
      {std::string(k_audit_verify_job), run_audit_verify},
      {std::string(k_synthetic_probe_job),
       make_synthetic_probe_handler(synthetic, std::make_shared<BeastHttpClient>(), loopback)},
      {std::string(k_synthetic_check_job), make_synthetic_check_handler(synthetic)},
      {std::string(k_ats_sync_job), make_ats_sync_handler(runtime.store(), runtime.integrations().applier,
                                                          runtime.clock(), outbound_client(runtime.settings()))},
      {std::string(k_ats_reconcile_job),
       make_ats_reconcile_handler(runtime.settings().catalog, runtime.services().router, runtime.settings().ats)},
      {std::string(k_session_cleanup_job), run_session_cleanup},
      {std::string(k_erasure_job), run_erasure_request},
      {std::string(k_retention_job), make_retention_handler(runtime.settings().retention)},
      {std::string(k_automation_sweep_job), make_automation_sweep_handler(runtime.services().router)},
      {std::string(k_sla_sweep_job), make_sla_sweep_handler(runtime.services().router)},
      {std::string(k_incident_sweep_job), make_incident_sweep_handler(runtime.settings().catalog)},
      {std::string(k_taxonomy_migrate_job), make_taxonomy_migrate_handler(runtime.settings().catalog)},
      {std::string(k_sla_replan_job), make_sla_replan_handler(runtime.services().rules, runtime.settings().catalog)},
      {std::string(k_interview_notice_job), make_interview_notice_handler(runtime.settings().catalog)},
      {std::string(k_notification_email_job),
       make_notification_email_handler(mailer(notifications), notifications.mail_from)},
      {std::string(k_notification_slack_job),
       make_notification_slack_handler(runtime.settings().catalog, outbound_client(runtime.settings()))},
      {std::string(k_report_schedule_job), make_report_schedule_handler(runtime.settings().reports)},
      {std::string(k_report_delivery_job), make_report_delivery_handler(report_delivery(runtime))}};
}

}  // namespace

std::string node_name() {
  std::array<char, 256> host{};
  if (::gethostname(host.data(), host.size() - 1) != 0) host[0] = '\0';
  return std::string(host.data()) + ":" + std::to_string(::getpid());
}

BackgroundWork::BackgroundWork(Runtime& runtime)
    : m_synthetic(runtime.settings().catalog, runtime.services().router, runtime.settings().synthetic),
      m_runner(runtime.store(), runtime.clock(), runner_settings(runtime.settings().jobs),
               job_handlers(runtime, m_synthetic, m_loopback)),
      m_scheduler(
          runtime.store().leader_lock("scheduler"), runtime.settings().jobs.tick,
          [&runtime, schedule = periodic_schedule(runtime.settings())] {
            if (auto enqueued = enqueue_periodic_jobs(runtime.store(), schedule, runtime.clock().now()); !enqueued) {
              log_event(spdlog::level::warn, "cannot enqueue periodic jobs", {{"error", enqueued.error().message}});
            }
          }),
      m_rule_refresh(std::make_unique<EveryNodeLock>(), k_rule_refresh_every,
                     [&rules = runtime.services().rules] {
                       auto installed = rules.refresh();
                       if (!installed) {
                         log_event(spdlog::level::err, "cannot put the newest rules in force",
                                   {{"error", installed.error().message}});
                       } else if (*installed) {
                         log_event(spdlog::level::info, "rules replaced", {{"version", rules.version_in_force()}});
                       }
                     }),
      m_webhook_client(outbound_options(runtime.settings().outbound)),
      m_outbound(runtime.store(), runtime.settings().catalog, runtime.clock(), m_webhook_client,
                 outbound_settings(runtime.settings().jobs)) {}

}  // namespace snag
