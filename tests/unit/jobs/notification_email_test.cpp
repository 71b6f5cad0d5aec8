// Email notifications end to end on a real SMTP server (Debian's python3-aiosmtpd, writing a
// maildir): an escalation's notification is queued as a job in its write, and the job mails it
// to the recipient's address, without the ticket's personal data.

#include <gtest/gtest.h>
#include <default_catalog.hpp>
#include <smtp_sink.hpp>
#include <test_database.hpp>

#include <snag/app/automation/notifier.hpp>
#include <snag/app/automation/sla_sweep.hpp>
#include <snag/app/ticket_writes.hpp>
#include <snag/domain/ticket_changes.hpp>
#include <snag/jobs/notification_email_job.hpp>
#include <snag/net/smtp_mailer.hpp>

namespace snag {
namespace notification_email_test {

using testing::default_catalog;
using testing::default_router;
using testing::free_port;
using testing::SmtpSink;

class NotificationEmailTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store = database.open();
    ASSERT_TRUE(store);
    ASSERT_TRUE(sink.running()) << "python3-aiosmtpd did not start";
    add_user("cora", "compliance", "cora@example.com");
    add_user("carl", "compliance", std::nullopt);
  }

  void add_user(const std::string& name, const std::string& role, std::optional<std::string> email) {
    UserRecord user;
    user.username = name;
    user.display_name = name;
    user.role = role;
    user.team = "compliance";
    user.password_hash = "unused";
    user.created_at = monday;
    user.email = std::move(email);
    ASSERT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
      auto id = tx.insert_user(user);
      if (!id) return tl::unexpected(id.error());
      return {};
    }));
  }

  // A background check assigned to `assignee`, its title full of personal data.
  void open_check(const std::string& assignee) {
    TicketDraft draft;
    draft.type = "background_check_delay";
    draft.title = "Check for Jane Roe (SSN 123-45-6789) stuck at the vendor";
    draft.assignee = assignee;
    Actor actor{"tester", "admin", std::nullopt, "key:1", "127.0.0.1", std::nullopt};
    ASSERT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
      auto opened = open_ticket(default_catalog(), draft, actor, monday);
      if (!opened) return tl::unexpected(opened.error());
      auto inserted = insert_opened_ticket(tx, default_router(), actor, std::move(*opened), monday);
      if (!inserted) return tl::unexpected(inserted.error());
      return {};
    }));
  }

  std::vector<Job> lease_due_jobs(Timestamp now) {
    std::vector<Job> jobs;
    EXPECT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
      auto leased = tx.lease_jobs({"test", 100, now, std::chrono::seconds(30)});
      if (!leased) return tl::unexpected(leased.error());
      jobs = std::move(*leased);
      return {};
    }));
    return jobs;
  }

  // Leases the due jobs and runs the email ones; returns how many ran.
  int run_email_jobs(const JobHandler& handler, Timestamp now) {
    int ran = 0;
    for (const Job& job : lease_due_jobs(now)) {
      if (job.kind != k_notification_email_job) continue;
      JobContext context(*store, job, now);
      const auto sent = handler(job, context);
      EXPECT_TRUE(sent) << sent.error().message;
      ++ran;
    }
    return ran;
  }

  SmtpSink sink;
  testing::TestDatabase database;
  std::unique_ptr<Store> store;
  const Timestamp monday = *parse_rfc3339("2026-03-02T10:00:00-05:00");
};

TEST_F(NotificationEmailTest, AnEscalationIsMailedToTheRecipientWithoutPersonalData) {
  open_check("cora");
  // 75% of the sev2 target (8 business hours): Monday 16:00; the assignee is told.
  const Timestamp later = *parse_rfc3339("2026-03-02T16:30:00-05:00");
  ASSERT_TRUE(run_sla_sweep(*store, default_router(), later));
  const auto handler = make_notification_email_handler(std::make_shared<SmtpMailer>(sink.url()), "snag@example.com");
  EXPECT_EQ(run_email_jobs(handler, later), 1);

  const auto messages = sink.messages();
  ASSERT_EQ(messages.size(), 1u);
  const std::string& mail = messages.front();
  EXPECT_NE(mail.find("To: cora@example.com"), std::string::npos) << mail;
  EXPECT_NE(mail.find("From: snag@example.com"), std::string::npos) << mail;
  EXPECT_NE(mail.find("SNAG-1"), std::string::npos) << mail;
  EXPECT_NE(mail.find("three quarters of the resolution target have passed"), std::string::npos) << mail;
  EXPECT_EQ(mail.find("123-45-6789"), std::string::npos) << "no SSN: " << mail;
  EXPECT_EQ(mail.find("Jane Roe"), std::string::npos) << "no candidate name: " << mail;
}

TEST_F(NotificationEmailTest, NoAddressOrNoSmtpServerKeepsTheNotificationInTheAppOnly) {
  open_check("carl");
  const Timestamp later = *parse_rfc3339("2026-03-02T16:30:00-05:00");
  ASSERT_TRUE(run_sla_sweep(*store, default_router(), later));
  EXPECT_EQ(run_email_jobs(make_notification_email_handler(std::make_shared<SmtpMailer>(sink.url()), "snag@example.com"),
                           later),
            1);
  EXPECT_TRUE(sink.messages().empty()) << "carl has no address";
  NotificationQuery query;
  query.recipient = "carl";
  EXPECT_EQ(store->notifications(query)->items.size(), 1u);

  // Without a mailer (no smtp_url) the job is simply done.
  open_check("cora");
  ASSERT_TRUE(run_sla_sweep(*store, default_router(), later));
  EXPECT_EQ(run_email_jobs(make_notification_email_handler(nullptr, "snag@example.com"), later), 1);
  EXPECT_TRUE(sink.messages().empty());
}

TEST_F(NotificationEmailTest, AnUnreachableServerFailsTheJobSoThatItIsRetried) {
  open_check("cora");
  const Timestamp later = *parse_rfc3339("2026-03-02T16:30:00-05:00");
  ASSERT_TRUE(run_sla_sweep(*store, default_router(), later));
  const auto handler =
      make_notification_email_handler(std::make_shared<SmtpMailer>("smtp://127.0.0.1:" + std::to_string(free_port())),
                                      "snag@example.com");
  const std::vector<Job> jobs = lease_due_jobs(later);
  ASSERT_EQ(jobs.size(), 1u);
  JobContext context(*store, jobs.front(), later);
  const auto sent = handler(jobs.front(), context);
  ASSERT_FALSE(sent);
  EXPECT_EQ(sent.error().code, ErrorCode::unavailable);
}

}  // namespace notification_email_test
}  // namespace snag
