#include <nlohmann/json.hpp>

#include <snag/integrations/ats/standard_webhooks/signature.hpp>
#include <snag/jobs/report_jobs.hpp>
#include <snag/util/crypto.hpp>
#include <snag/util/log.hpp>

namespace snag {
namespace {

// Reports run as Snag itself with the configured role's view, which decides what they count.
Actor report_actor(const ReportSchedule& schedule) {
  Actor actor = system_actor("snag:reports", "job:report.deliver");
  actor.role = schedule.role;
  return actor;
}

std::string day_of(Timestamp at) { return format_rfc3339(at).substr(0, 10); }

std::string report_name(ReportKind kind) {
  return kind == ReportKind::aging ? "Weekly aging report" : "Executive summary";
}

struct RenderedReport {
  std::string title;
  std::string file_stem;  // "aging-2026-11-30"
  std::string csv;
  std::string pdf;
};

Result<RenderedReport> render(const ReportDelivery& delivery, ReportKind kind, Timestamp scheduled_for, Timestamp now) {
  // The summary starts a week before the scheduled time, also when a retry runs later, and ends
  // now; the aging report is of every open ticket, aged to now.
  std::optional<Timestamp> since;
  if (kind == ReportKind::summary) since = scheduled_for - k_summary_period;
  auto table = report_table(delivery.aging, delivery.summary, kind, report_actor(delivery.schedule), since, now);
  if (!table) return tl::unexpected(std::move(table.error()));
  // The same watermark as every export (render/pdf_table.hpp: export_watermark).
  auto pdf = delivery.render_pdf(*table, "Confidential - exported by Snag scheduled reports - " + format_rfc3339(now));
  if (!pdf) return tl::unexpected(std::move(pdf.error()));
  RenderedReport rendered;
  rendered.title = table->title;
  rendered.file_stem = std::string(to_string(kind)) + "-" + day_of(scheduled_for);
  rendered.csv = table_csv(*table);
  rendered.pdf = std::move(*pdf);
  return rendered;
}

Result<void> send_email(const ReportDelivery& delivery, ReportKind kind, const RenderedReport& report,
                        const std::string& to, Timestamp scheduled_for) {
  MailMessage message;
  message.from = delivery.mail_from;
  message.to = to;
  message.subject = "[Snag] " + report_name(kind) + ", " + day_of(scheduled_for);
  message.body = report.title +
                 "\n\nThe report is attached as CSV and PDF. It holds counts and ticket keys only: open a ticket in "
                 "Snag to see it.\n\nYou get this email because the Snag configuration lists you under reports.email.";
  message.attachments = {{report.file_stem + ".csv", "text/csv; charset=utf-8", report.csv},
                         {report.file_stem + ".pdf", "application/pdf", report.pdf}};
  return delivery.mailer->send(message);
}

Result<void> post_webhook(const ReportDelivery& delivery, ReportKind kind, const RenderedReport& report,
                          Timestamp scheduled_for, Timestamp now) {
  HttpClientRequest request;
  request.method = "POST";
  request.url = delivery.schedule.webhook_url;
  request.timeout = std::chrono::seconds(30);
  request.body = nlohmann::json{{"report", to_string(kind)},
                                {"title", report.title},
                                {"scheduled_for", format_rfc3339(scheduled_for)},
                                {"generated_at", format_rfc3339(now)},
                                {"filename", report.file_stem},
                                {"csv", report.csv},
                                {"pdf_base64", base64_encode(report.pdf)}}
                     .dump();
  // Signed per Standard Webhooks. The id is the same on every attempt at one scheduled run, so
  // that the receiver can drop a repeat.
  const std::string id = "report_" + std::string(to_string(kind)) + "_" + std::to_string(to_epoch_ms(scheduled_for));
  const std::int64_t timestamp = to_epoch_ms(now) / 1000;
  auto signature = ats::sign_standard_webhooks(delivery.schedule.webhook_secret, id, timestamp, request.body);
  if (!signature) return tl::unexpected(std::move(signature.error()));
  request.headers = {{"Content-Type", "application/json"},
                     {std::string(ats::k_standard_webhooks_id_header), id},
                     {std::string(ats::k_standard_webhooks_timestamp_header), std::to_string(timestamp)},
                     {std::string(ats::k_standard_webhooks_signature_header), *signature}};
  auto response = delivery.http->send(request);
  if (!response) return tl::unexpected(std::move(response.error()));
  if (response->status < 200 || response->status >= 300) {
    // The URL may hold a secret: the error names the report, not the URL.
    return fail(ErrorCode::unavailable, "the reports webhook answered " + std::to_string(response->status) +
                                            " to the " + std::string(to_string(kind)) + " report");
  }
  return {};
}

}  // namespace

std::vector<NewJob> report_delivery_jobs(const ReportSchedule& schedule, Timestamp scheduled_for) {
  std::vector<NewJob> jobs;
  const std::string at = format_rfc3339(scheduled_for);
  const auto job_for = [&](ReportKind kind, const std::string& destination, nlohmann::json payload) {
    NewJob job;
    job.kind = std::string(k_report_delivery_job);
    payload["report"] = to_string(kind);
    payload["scheduled_for"] = at;
    job.payload = payload.dump();
    job.run_at = scheduled_for;
    job.dedupe_key = std::string(k_report_delivery_job) + ":" + std::string(to_string(kind)) + ":" + destination + "@" +
                     std::to_string(to_epoch_ms(scheduled_for));
    jobs.push_back(std::move(job));
  };
  for (const ReportKind kind : schedule.reports) {
    for (const std::string& address : schedule.email) job_for(kind, "email:" + address, {{"email", address}});
    if (!schedule.webhook_url.empty()) job_for(kind, "webhook", {{"webhook", true}});
  }
  return jobs;
}

JobHandler make_report_schedule_handler(ReportSchedule schedule) {
  return [schedule = std::move(schedule)](const Job&, JobContext& context) -> Result<void> {
    if (!schedule.delivers() || schedule.reports.empty()) return {};
    const Timestamp now = context.now();
    const Timestamp due = latest_scheduled_run(schedule, now);
    if (now - due >= k_report_catch_up) return {};
    const std::vector<NewJob> jobs = report_delivery_jobs(schedule, due);
    return context.complete_with([&](WriteTransaction& tx) -> Result<void> {
      for (const NewJob& job : jobs) {
        if (auto enqueued = tx.enqueue_job(job, now); !enqueued) return tl::unexpected(std::move(enqueued.error()));
      }
      return {};
    });
  };
}

JobHandler make_report_delivery_handler(ReportDelivery delivery) {
  return [delivery = std::move(delivery)](const Job& job, JobContext& context) -> Result<void> {
    const auto payload = nlohmann::json::parse(job.payload, nullptr, false);
    const auto kind = payload.is_object() ? parse_report_kind(payload.value("report", std::string())) : std::nullopt;
    const auto scheduled_for =
        payload.is_object() ? parse_rfc3339(payload.value("scheduled_for", std::string())) : std::nullopt;
    if (!kind || !scheduled_for) {
      log_event(spdlog::level::warn, "a report job without a report or time is dropped", {{"job", job.id.value}});
      return {};
    }
    // A report is data leaving Snag, as an export is: the regulated installation's switch holds
    // it back too.
    if (!delivery.exports_enabled) {
      log_event(spdlog::level::warn, "a scheduled report is not sent: exports are turned off (exports.enabled)",
                {{"job", job.id.value}});
      return {};
    }
    const bool by_email = payload.value("email", nlohmann::json()).is_string();
    if (by_email && !delivery.mailer) {
      log_event(spdlog::level::warn, "a report is not mailed: notifications.smtp_url is not set",
                {{"job", job.id.value}});
      return {};
    }
    // No webhook: removed from the settings since the job was queued, or no client to post with.
    if (!by_email && (delivery.schedule.webhook_url.empty() || !delivery.http)) return {};
    auto report = render(delivery, *kind, *scheduled_for, context.now());
    if (!report) return tl::unexpected(std::move(report.error()));
    if (by_email) return send_email(delivery, *kind, *report, payload["email"].get<std::string>(), *scheduled_for);
    return post_webhook(delivery, *kind, *report, *scheduled_for, context.now());
  };
}

}  // namespace snag
