// Scheduled reports on a manual clock: the hourly `report.schedule` job queues the weekly
// reports at the configured hour and only then, once, and each `report.deliver` job mails its
// report as CSV and PDF attachments to a real SMTP server (Debian's python3-aiosmtpd), or POSTs
// it to a webhook. The attachments hold counts and ticket keys, never a ticket's text.

#include <algorithm>

#include "../app/fake_store.hpp"
#include "../support/test_time.hpp"
#include "job_fixtures.hpp"
#include <default_catalog.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <recording_http_client.hpp>
#include <smtp_sink.hpp>
#include <test_database.hpp>

#include <snag/app/app_services.hpp>
#include <snag/integrations/ats/standard_webhooks/signature.hpp>
#include <snag/jobs/periodic_jobs.hpp>
#include <snag/jobs/report_jobs.hpp>
#include <snag/net/smtp_mailer.hpp>
#include <snag/render/pdf_table.hpp>
#include <snag/util/crypto.hpp>

namespace snag {
namespace report_jobs_test {

using testing::default_catalog;
using testing::ManualClock;
using testing::RecordingHttpClient;

using testing::at;

// The base64 body of the attachment named `filename` in a raw message, decoded.
std::string attachment(const std::string& mail, const std::string& filename) {
  const auto named = mail.find("filename=\"" + filename + "\"");
  if (named == std::string::npos) return {};
  auto start = mail.find("\n\n", named);
  const auto crlf = mail.find("\r\n\r\n", named);
  if (crlf != std::string::npos && (start == std::string::npos || crlf < start)) start = crlf + 2;
  const auto end = mail.find("\n--", start + 2);
  std::string encoded = mail.substr(start + 2, end - start - 2);
  encoded.erase(std::remove_if(encoded.begin(), encoded.end(), [](char c) { return c == '\r' || c == '\n'; }),
                encoded.end());
  return base64_decode(encoded).value_or("");
}

const std::string k_aging_csv =
    "Team,Issue type,Open,0-2 days,3-7 days,8-14 days,15-30 days,>30 days,Oldest ticket,Oldest age (days)\r\n"
    "hris,document_missing,2,1,0,1,0,0,SNAG-2,9\r\n"
    "recruitment,offer_link_expired,1,0,0,0,0,1,SNAG-3,60\r\n"
    "All teams,All types,3,1,0,1,0,1,SNAG-3,60\r\n";

const std::string k_summary_csv =
    "Measure,Value\r\n"
    "Period start,2026-11-23T08:00:00Z\r\n"
    "Period end,2026-11-30T08:00:00Z\r\n"
    "Open tickets at end,3\r\n"
    "Opened in period,2\r\n"
    "Resolved in period,1\r\n"
    "Mean hours to resolve,24.0\r\n"
    "Median hours to resolve,24.0\r\n"
    "Resolution target met,1\r\n"
    "Resolution target breached,1\r\n"
    "Resolution target adherence,50.0%\r\n"
    "Top issue type 1,access_problem: 1 opened (50.0%)\r\n"
    "Top issue type 2,document_missing: 1 opened (50.0%)\r\n"
    "Spikes,none\r\n";

class ReportJobsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store = database.open();
    ASSERT_TRUE(store);
    services = std::make_unique<AppServices>(*store, default_catalog(), clock);
    schedule.weekday = std::chrono::Monday;
    schedule.hour = 8;
    // Hand-computed at Monday 2026-11-30 08:00 UTC. Open: SNAG-1 (22 hours), SNAG-2 (9 days
    // 23 hours), SNAG-3 (60 days, past its due time). SNAG-4 was opened and resolved in the
    // week before, in 24 hours and in time.
    insert("document_missing", "hris", "2026-11-29T10:00:00Z", std::nullopt, std::nullopt);
    insert("document_missing", "hris", "2026-11-20T09:00:00Z", std::nullopt, std::nullopt);
    insert("offer_link_expired", "recruitment", "2026-10-01T00:00:00Z", std::nullopt, "2026-10-05T00:00:00Z");
    insert("access_problem", "it_support", "2026-11-24T09:00:00Z", "2026-11-25T09:00:00Z", "2026-11-26T00:00:00Z");
  }

  void insert(const char* type, const char* team, const char* opened, std::optional<const char*> resolved,
              std::optional<const char*> due) {
    Ticket ticket;
    ticket.type = type;
    ticket.team = team;
    ticket.title = "Passport of Jane Roe (SSN 123-45-6789) is missing";
    ticket.description = "Jane Roe, jane.roe@example.com";
    ticket.status = resolved ? "resolved" : "new";
    ticket.reporter = "tester";
    ticket.created_at = at(opened);
    ticket.updated_at = ticket.created_at;
    if (resolved) ticket.resolved_at = at(*resolved);
    if (due) ticket.resolution_due_at = at(*due);
    ASSERT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
      auto id = tx.insert_ticket(ticket);
      if (!id) return tl::unexpected(id.error());
      return {};
    }));
  }

  // The scheduler's tick at `now` (the schedule's report.schedule entry alone), then the
  // report.schedule job it queued, run as the job runner would.
  void tick_and_run_schedule(Timestamp now) {
    clock.set(now);
    std::vector<PeriodicJob> reports_only;
    for (const PeriodicJob& periodic : periodic_jobs(AtsPolicy{})) {
      if (periodic.kind == k_report_schedule_job) reports_only.push_back(periodic);
    }
    ASSERT_EQ(reports_only.size(), 1u) << "report.schedule is in the periodic schedule";
    ASSERT_TRUE(enqueue_periodic_jobs(*store, reports_only, now));
    for (const Job& job : testing::lease_due_jobs(*store, now)) {
      if (job.kind == k_report_schedule_job) {
        JobContext context(*store, job, now);
        const auto ran = make_report_schedule_handler(schedule)(job, context);
        ASSERT_TRUE(ran) << ran.error().message;
      } else {
        leased_deliveries.push_back(job);
      }
    }
  }

  std::vector<Job> due_deliveries(Timestamp now) {
    std::vector<Job> found = std::move(leased_deliveries);
    leased_deliveries.clear();
    for (const Job& job : testing::lease_due_jobs(*store, now)) {
      if (job.kind == k_report_delivery_job) found.push_back(job);
    }
    return found;
  }

  ReportDelivery delivery(std::shared_ptr<Mailer> mailer, std::shared_ptr<HttpClient> http) {
    return ReportDelivery{services->aging_report,
                          services->executive_summary,
                          schedule,
                          std::move(mailer),
                          "snag@example.com",
                          std::move(http),
                          render_pdf,
                          exports_enabled};
  }

  testing::SmtpSink sink;
  testing::TestDatabase database;
  std::unique_ptr<Store> store;
  ManualClock clock{at("2026-11-30T07:00:00Z")};
  std::unique_ptr<AppServices> services;
  ReportSchedule schedule;
  bool exports_enabled = true;
  std::vector<Job> leased_deliveries;
};

TEST(ReportSchedule, TheLatestRunIsTheWeekdaysHourAtOrBeforeNow) {
  ReportSchedule schedule;
  schedule.weekday = std::chrono::Monday;
  schedule.hour = 8;
  EXPECT_EQ(latest_scheduled_run(schedule, at("2026-11-30T08:00:00Z")), at("2026-11-30T08:00:00Z"));
  EXPECT_EQ(latest_scheduled_run(schedule, at("2026-11-30T07:59:59Z")), at("2026-11-23T08:00:00Z"));
  EXPECT_EQ(latest_scheduled_run(schedule, at("2026-12-06T23:00:00Z")), at("2026-11-30T08:00:00Z"));
  schedule.weekday = std::chrono::Sunday;
  schedule.hour = 23;
  EXPECT_EQ(latest_scheduled_run(schedule, at("2026-11-30T08:00:00Z")), at("2026-11-29T23:00:00Z"));
}

TEST_F(ReportJobsTest, TheWeeklyReportsArriveAtTheSmtpSinkOnceAtTheScheduledHour) {
  ASSERT_TRUE(sink.running()) << "python3-aiosmtpd did not start";
  schedule.email = {"lead@example.com"};

  // 07:00: last week's run is a week old, this week's not yet due.
  tick_and_run_schedule(at("2026-11-30T07:00:00Z"));
  EXPECT_TRUE(due_deliveries(at("2026-11-30T07:00:00Z")).empty());

  // 08:00: the aging report and the summary, each to the one address.
  tick_and_run_schedule(at("2026-11-30T08:00:00Z"));
  const std::vector<Job> jobs = due_deliveries(at("2026-11-30T08:00:00Z"));
  ASSERT_EQ(jobs.size(), 2u);
  const JobHandler deliver = make_report_delivery_handler(delivery(std::make_shared<SmtpMailer>(sink.url()), nullptr));
  for (const Job& job : jobs) {
    JobContext context(*store, job, clock.now());
    const auto sent = deliver(job, context);
    ASSERT_TRUE(sent) << sent.error().message;
    ASSERT_TRUE(store->write([&](WriteTransaction& tx) { return tx.complete_job(job, clock.now()); }));
  }

  // 09:00 and the week's other hours queue nothing more.
  tick_and_run_schedule(at("2026-11-30T09:00:00Z"));
  tick_and_run_schedule(at("2026-12-03T08:00:00Z"));
  EXPECT_TRUE(due_deliveries(at("2026-12-03T08:00:00Z")).empty());

  const auto messages = sink.messages();
  ASSERT_EQ(messages.size(), 2u);
  const auto aging = std::find_if(messages.begin(), messages.end(), [](const std::string& mail) {
    return mail.find("Subject: [Snag] Weekly aging report, 2026-11-30") != std::string::npos;
  });
  const auto summary = std::find_if(messages.begin(), messages.end(), [](const std::string& mail) {
    return mail.find("Subject: [Snag] Executive summary, 2026-11-30") != std::string::npos;
  });
  ASSERT_NE(aging, messages.end());
  ASSERT_NE(summary, messages.end());
  for (const std::string& mail : messages) {
    EXPECT_NE(mail.find("To: lead@example.com"), std::string::npos) << mail;
    EXPECT_NE(mail.find("From: snag@example.com"), std::string::npos) << mail;
    EXPECT_NE(mail.find("Content-Type: multipart/mixed"), std::string::npos) << mail;
    EXPECT_EQ(mail.find("Jane Roe"), std::string::npos) << "no ticket text: " << mail;
  }
  EXPECT_EQ(attachment(*aging, "aging-2026-11-30.csv"), k_aging_csv);
  EXPECT_EQ(attachment(*aging, "aging-2026-11-30.pdf").substr(0, 5), "%PDF-");
  EXPECT_EQ(attachment(*summary, "summary-2026-11-30.csv"), k_summary_csv);
  EXPECT_EQ(attachment(*summary, "summary-2026-11-30.pdf").substr(0, 5), "%PDF-");
}

TEST_F(ReportJobsTest, AfterDowntimeTheRunIsCaughtUpWithinADayAndSkippedLater) {
  schedule.email = {"lead@example.com"};
  schedule.reports = {ReportKind::summary};
  schedule.weekday = std::chrono::Sunday;  // Sunday 08:00 is 25 hours before: skipped
  tick_and_run_schedule(at("2026-11-30T09:00:00Z"));
  EXPECT_TRUE(due_deliveries(at("2026-11-30T09:00:00Z")).empty());

  schedule.weekday = std::chrono::Monday;  // Monday 08:00 is 12 hours before: sent now
  tick_and_run_schedule(at("2026-11-30T20:00:00Z"));
  const std::vector<Job> jobs = due_deliveries(at("2026-11-30T20:00:00Z"));
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_EQ(nlohmann::json::parse(jobs.front().payload)["scheduled_for"], "2026-11-30T08:00:00Z");
}

TEST_F(ReportJobsTest, AWebhookGetsTheReportAsSignedJsonAndAFailedPostIsRetried) {
  schedule.webhook_url = "https://hooks.example.com/reports?token=secret";
  schedule.webhook_secret = "whsec_" + base64_encode("reports signing key");
  schedule.reports = {ReportKind::aging};
  tick_and_run_schedule(at("2026-11-30T08:00:00Z"));
  const std::vector<Job> jobs = due_deliveries(at("2026-11-30T08:00:00Z"));
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_EQ(jobs.front().payload.find("secret"), std::string::npos) << "the URL stays in the settings";

  auto http = std::make_shared<RecordingHttpClient>(204);
  http->status = 500;
  const JobHandler deliver = make_report_delivery_handler(delivery(nullptr, http));
  JobContext failing(*store, jobs.front(), clock.now());
  const auto refused = deliver(jobs.front(), failing);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::unavailable);
  EXPECT_EQ(refused.error().message.find("secret"), std::string::npos) << refused.error().message;

  http->status = 200;
  JobContext context(*store, jobs.front(), clock.now());
  ASSERT_TRUE(deliver(jobs.front(), context));
  ASSERT_EQ(http->requests.size(), 2u);
  const HttpClientRequest& posted = http->requests.back();
  EXPECT_EQ(posted.method, "POST");
  EXPECT_EQ(posted.url, schedule.webhook_url);
  const auto body = nlohmann::json::parse(posted.body);
  EXPECT_EQ(body["report"], "aging");
  EXPECT_EQ(body["scheduled_for"], "2026-11-30T08:00:00Z");
  EXPECT_EQ(body["filename"], "aging-2026-11-30");
  EXPECT_EQ(body["csv"], k_aging_csv);
  EXPECT_EQ(base64_decode(body["pdf_base64"].get<std::string>()).value_or("").substr(0, 5), "%PDF-");
  EXPECT_EQ(posted.body.find("Jane Roe"), std::string::npos);

  // Standard Webhooks headers over the body as sent; the id is the run's, on every attempt.
  const auto header = [&](const HttpClientRequest& request, std::string_view name) {
    for (const auto& [key, value] : request.headers) {
      if (key == name) return value;
    }
    return std::string();
  };
  const std::string id = header(posted, "webhook-id");
  EXPECT_EQ(id, "report_aging_" + std::to_string(to_epoch_ms(at("2026-11-30T08:00:00Z"))));
  EXPECT_EQ(header(http->requests.front(), "webhook-id"), id);
  const std::string timestamp = header(posted, "webhook-timestamp");
  EXPECT_EQ(timestamp, std::to_string(to_epoch_ms(clock.now()) / 1000));
  const auto expected = ats::sign_standard_webhooks(schedule.webhook_secret, id, std::stoll(timestamp), posted.body);
  ASSERT_TRUE(expected);
  EXPECT_EQ(header(posted, "webhook-signature"), *expected);
  EXPECT_EQ(header(posted, "webhook-signature").rfind("v1,", 0), 0u);
}

// exports.enabled off, the switch of regulated installations: no report leaves, by mail or hook.
TEST_F(ReportJobsTest, WithExportsTurnedOffNoReportLeaves) {
  schedule.email = {"ops@example.com"};
  schedule.webhook_url = "https://hooks.example.com/reports";
  schedule.webhook_secret = "whsec_" + base64_encode("reports signing key");
  schedule.reports = {ReportKind::aging};
  exports_enabled = false;
  tick_and_run_schedule(at("2026-11-30T08:00:00Z"));
  const std::vector<Job> jobs = due_deliveries(at("2026-11-30T08:00:00Z"));
  ASSERT_EQ(jobs.size(), 2u);
  auto http = std::make_shared<RecordingHttpClient>(204);
  auto mailer = std::make_shared<SmtpMailer>(sink.url());
  const JobHandler deliver = make_report_delivery_handler(delivery(mailer, http));
  for (const Job& job : jobs) {
    JobContext context(*store, job, clock.now());
    EXPECT_TRUE(deliver(job, context));
  }
  EXPECT_TRUE(http->requests.empty());
  EXPECT_TRUE(sink.messages().empty());
}

TEST_F(ReportJobsTest, WithoutADestinationNothingIsQueued) {
  tick_and_run_schedule(at("2026-11-30T08:00:00Z"));
  EXPECT_TRUE(due_deliveries(at("2026-11-30T08:00:00Z")).empty());
}

}  // namespace report_jobs_test
}  // namespace snag
