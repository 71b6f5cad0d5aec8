#pragma once
// The scheduled reports (README "Scheduled reports"). `report.schedule` runs every hour; at the
// configured weekday and hour (or within k_report_catch_up after it, when the node was down) it
// queues one `report.deliver` job per report and destination, deduplicated by the scheduled
// time, so that a report goes out once however many ticks, nodes and retries see that hour.
// Each delivery job renders its report as CSV and PDF when it runs and mails both as
// attachments, or POSTs them to the webhook; a failure is retried by the job runner on its own,
// without resending what another destination already received.

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <snag/app/exports/export_table.hpp>
#include <snag/app/ports/http_client.hpp>
#include <snag/app/ports/mailer.hpp>
#include <snag/app/reports/report_tables.hpp>
#include <snag/jobs/job_runner.hpp>

namespace snag {

inline constexpr std::string_view k_report_schedule_job = "report.schedule";
inline constexpr std::string_view k_report_delivery_job = "report.deliver";
inline constexpr std::chrono::hours k_report_schedule_every{1};

// A table as a PDF carrying `watermark` on every page (render/pdf_table.hpp, wired in by cli/).
using PdfRenderer = std::function<Result<std::string>(const ExportTable& table, const std::string& watermark)>;

// The delivery jobs of the run scheduled for `scheduled_for`: each report to each address, and
// each to the webhook. The payload names the report, the time and the address (never the
// webhook's URL, which may hold a secret and is read from the settings when the job runs).
std::vector<NewJob> report_delivery_jobs(const ReportSchedule& schedule, Timestamp scheduled_for);

JobHandler make_report_schedule_handler(ReportSchedule schedule);

struct ReportDelivery {
  const AgingReportService& aging;
  const ExecutiveSummaryService& summary;
  ReportSchedule schedule;
  std::shared_ptr<Mailer> mailer;  // null without notifications.smtp_url: email jobs are dropped
  std::string mail_from;
  std::shared_ptr<HttpClient> http;
  PdfRenderer render_pdf;
  bool exports_enabled = true;  // exports.enabled: off, no report leaves (dropped with a warning)
};

JobHandler make_report_delivery_handler(ReportDelivery delivery);

}  // namespace snag
