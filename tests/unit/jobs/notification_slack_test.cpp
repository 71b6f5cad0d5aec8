// Slack-compatible channel posts: a rule that notifies a team whose configuration names a
// webhook queues a post in its write; the job posts {"text": …} to the webhook, without the
// ticket's personal data, and a refused post fails the job (to be retried) without naming the
// secret URL.

#include <gtest/gtest.h>
#include <recording_http_client.hpp>
#include <test_database.hpp>

#include <snag/app/automation/notifier.hpp>
#include <snag/app/automation/sla_sweep.hpp>
#include <snag/app/ticket_writes.hpp>
#include <snag/config/settings.hpp>
#include <snag/domain/ticket_changes.hpp>
#include <snag/jobs/notification_slack_job.hpp>

namespace snag {
namespace notification_slack_test {

constexpr const char* k_legal_webhook = "https://hooks.slack.example/services/T000/B000/legal-secret";

using testing::RecordingHttpClient;

class NotificationSlackTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto parsed = parse_settings(std::string(R"(
teams:
  - {code: recruitment, name: Recruitment}
  - {code: hris, name: HR information systems}
  - {code: compliance, name: Compliance}
  - {code: legal, name: Legal, slack_webhook: ")") + k_legal_webhook + R"("}
  - {code: it_support, name: IT support}
)", "teams.yaml", {});
    ASSERT_TRUE(parsed) << parsed.error().message;
    settings = std::move(*parsed);
    book.emplace(settings.rules, settings.catalog.sla.escalation_points);
    router.emplace(settings.catalog, *book);
    store = database.open();
    ASSERT_TRUE(store);
  }

  // A background check stuck since Monday 10:00: a business day after its breach (Wednesday
  // 10:00) the shipped ladder hands it to legal and notifies the team.
  void escalate_to_legal() {
    TicketDraft draft;
    draft.type = "background_check_delay";
    draft.title = "Check for Jane Roe (SSN 123-45-6789) stuck at the vendor";
    Actor actor{"tester", "admin", std::nullopt, "key:1", "127.0.0.1", std::nullopt};
    const Timestamp monday = *parse_rfc3339("2026-03-02T10:00:00-05:00");
    ASSERT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
      auto opened = open_ticket(settings.catalog, draft, actor, monday);
      if (!opened) return tl::unexpected(opened.error());
      auto inserted = insert_opened_ticket(tx, *router, actor, std::move(*opened), monday);
      if (!inserted) return tl::unexpected(inserted.error());
      return {};
    }));
    ASSERT_TRUE(run_sla_sweep(*store, *router, wednesday));
  }

  std::vector<Job> slack_jobs() {
    std::vector<Job> jobs;
    EXPECT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
      auto leased = tx.lease_jobs({"test", 100, wednesday, std::chrono::seconds(30)});
      if (!leased) return tl::unexpected(leased.error());
      for (auto& job : *leased) {
        if (job.kind == k_notification_slack_job) jobs.push_back(std::move(job));
      }
      return {};
    }));
    return jobs;
  }

  Settings settings;
  std::optional<RuleBook> book;
  std::optional<TicketRouter> router;
  testing::TestDatabase database;
  std::unique_ptr<Store> store;
  const Timestamp wednesday = *parse_rfc3339("2026-03-04T10:30:00-05:00");
};

TEST_F(NotificationSlackTest, ATeamNotificationIsPostedToTheTeamsChannelWithoutPersonalData) {
  escalate_to_legal();
  const auto jobs = slack_jobs();
  ASSERT_EQ(jobs.size(), 1u) << "only legal has a webhook, and only the legal step notifies a team";
  EXPECT_EQ(jobs.front().payload.find("hooks.slack"), std::string::npos) << "the queue holds the team, not the URL";
  auto client = std::make_shared<RecordingHttpClient>();
  const auto handler = make_notification_slack_handler(settings.catalog, client);
  JobContext context(*store, jobs.front(), wednesday);
  ASSERT_TRUE(handler(jobs.front(), context));
  ASSERT_EQ(client->requests.size(), 1u);
  const auto& post = client->requests.front();
  EXPECT_EQ(post.method, "POST");
  EXPECT_EQ(post.url, k_legal_webhook);
  const auto body = nlohmann::json::parse(post.body);
  EXPECT_EQ(body["text"], "SNAG-1: a business day past its resolution target: now with legal");
  EXPECT_EQ(post.body.find("Jane Roe"), std::string::npos);
  EXPECT_EQ(post.body.find("123-45-6789"), std::string::npos);
}

TEST_F(NotificationSlackTest, ARefusedPostFailsTheJobWithoutNamingTheWebhook) {
  escalate_to_legal();
  const auto jobs = slack_jobs();
  ASSERT_EQ(jobs.size(), 1u);
  auto client = std::make_shared<RecordingHttpClient>();
  client->status = 500;
  JobContext context(*store, jobs.front(), wednesday);
  const auto posted = make_notification_slack_handler(settings.catalog, client)(jobs.front(), context);
  ASSERT_FALSE(posted);
  EXPECT_EQ(posted.error().code, ErrorCode::unavailable);
  EXPECT_EQ(posted.error().message.find("legal-secret"), std::string::npos) << posted.error().message;
}

TEST(NotificationSlackConfig, AWebhookMustBeAnHttpUrl) {
  const auto parsed = parse_settings(R"(
teams:
  - {code: recruitment, name: Recruitment, slack_webhook: "ftp://example.com/hook"}
)", "teams.yaml", {});
  ASSERT_FALSE(parsed);
  EXPECT_NE(parsed.error().message.find("slack_webhook must be an http:// or https:// URL"), std::string::npos)
      << parsed.error().message;
}

}  // namespace notification_slack_test
}  // namespace snag
