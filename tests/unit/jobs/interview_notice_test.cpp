// Interview notices on real stores, on a manual clock: an interview.scheduled event for a
// candidate with an open ticket tells the hiring managers of the ticket's team who may see it,
// once the interview is within the horizon and again the day before; a cancelled or moved
// interview is not announced at its old time; redelivered and late events announce nothing
// twice; a ticket resolved meanwhile is not announced.

#include "../support/test_time.hpp"
#include "job_fixtures.hpp"
#include <default_catalog.hpp>
#include <gtest/gtest.h>
#include <test_database.hpp>

#include <snag/app/automation/interview_notices.hpp>
#include <snag/app/automation/notifier.hpp>
#include <snag/integrations/event_applier.hpp>
#include <snag/jobs/automation_job.hpp>

namespace snag {
namespace interview_notice_test {

using namespace std::chrono_literals;
using testing::default_catalog;
using testing::default_router;
using testing::default_rules;

using testing::at;

const Timestamp k_monday = at("2026-11-30T09:00:00Z");
const CandidateRef k_candidate{"standard", "c-1"};

class InterviewNoticeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store = database.open();
    ASSERT_TRUE(store);
    connector.id = "sw-main";
    connector.vendor = "standard_webhooks";
    connector.ats = "standard";
    add_user("hank", "hiring_manager", "recruitment");
    add_user("hugo", "hiring_manager", "hris");  // another team's manager: not told
    add_user("rita", "recruiter", "recruitment");
  }

  void add_user(const std::string& name, const std::string& role, const std::string& team) {
    testing::add_user(*store, name, role, team, k_monday);
  }

  TicketId open(const std::string& type) {
    TicketDraft draft;
    draft.type = type;
    draft.title = "Panel double-booked";
    draft.candidate = k_candidate;
    return testing::open_routed_ticket(*store, draft, k_monday);
  }

  void resolve(TicketId id) {
    ASSERT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
      auto found = tx.find_ticket(id);
      if (!found) return tl::unexpected(found.error());
      Ticket ticket = **found;
      ticket.status = "resolved";
      return tx.update_ticket(ticket);
    }));
  }

  void apply(AtsEvent event, Timestamp now) {
    ASSERT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
      auto applied = applier.apply(tx, connector, event, now);
      if (!applied) return tl::unexpected(applied.error());
      return {};
    }));
  }

  // The ATS says, at `occurred_at`, that interview `object` starts at `starts_at`.
  void schedule(const std::string& object, std::string_view starts_at, Timestamp occurred_at) {
    AtsEvent event;
    event.type = AtsEventType::interview_scheduled;
    event.source_action = "interview.scheduled";
    event.occurred_at = occurred_at;
    event.candidate = k_candidate;
    event.object = object;
    event.detail = {{"starts_at", std::string(starts_at)}};
    apply(std::move(event), occurred_at);
  }

  // As Greenhouse's interview_deleted: the interview alone, no candidate.
  void cancel(const std::string& object, Timestamp occurred_at) {
    AtsEvent event;
    event.type = AtsEventType::interview_cancelled;
    event.source_action = "interview_deleted";
    event.occurred_at = occurred_at;
    event.object = object;
    apply(std::move(event), occurred_at);
  }

  // Leases the jobs due at `now`, runs the interview notices among them and returns how many
  // ran; the recipients of the emails they queued go to `emailed`.
  std::size_t run_due(Timestamp now) {
    const JobHandler handler = make_interview_notice_handler(default_catalog());
    std::size_t ran = 0;
    for (const Job& job : testing::lease_due_jobs(*store, now)) {
      JobContext context(*store, job, now);
      if (job.kind == k_interview_notice_job) {
        EXPECT_TRUE(handler(job, context));
        EXPECT_TRUE(context.completed());
        ++ran;
        continue;
      }
      EXPECT_EQ(job.kind, k_notification_email_job);
      emailed.push_back(nlohmann::json::parse(job.payload)["recipient"]);
      EXPECT_TRUE(context.complete_with([](WriteTransaction&) -> Result<void> { return {}; }));
    }
    return ran;
  }

  std::vector<Notification> notifications_of(const std::string& person) {
    NotificationQuery query;
    query.recipient = person;
    query.limit = 50;
    auto page = store->notifications(query);
    EXPECT_TRUE(page);
    return page ? page->items : std::vector<Notification>{};
  }

  testing::TestDatabase database;
  std::unique_ptr<Store> store;
  Connector connector;
  std::vector<std::string> emailed;
  const EventApplier applier{default_catalog(), default_router(), 72h};
};

TEST_F(InterviewNoticeTest, AnInterviewWithinTheHorizonIsAnnouncedAtOnceAndAgainTheDayBefore) {
  const TicketId ticket = open("interview_scheduling_conflict");  // recruitment, normal
  schedule("interview:1", "2026-12-02T15:00:00Z", k_monday);  // Wednesday, 54 hours ahead

  EXPECT_EQ(run_due(k_monday), 1u);
  auto told = notifications_of("hank");
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(told[0].kind, "interview");
  EXPECT_EQ(told[0].ticket, ticket);
  EXPECT_EQ(told[0].message, ticket_key(ticket) +
                                 ": interview_scheduling_conflict ticket (sev3) is open and the candidate has an "
                                 "interview at 2026-12-02T15:00:00Z");
  EXPECT_TRUE(notifications_of("hugo").empty());
  EXPECT_TRUE(notifications_of("rita").empty());

  EXPECT_EQ(run_due(at("2026-12-01T14:59:00Z")), 0u);
  EXPECT_EQ(emailed, (std::vector<std::string>{"hank"}));  // the email of the first notice
  EXPECT_EQ(run_due(at("2026-12-01T15:00:00Z")), 1u);
  told = notifications_of("hank");
  ASSERT_EQ(told.size(), 2u);
  EXPECT_NE(told[0].message.find("interview tomorrow, at 2026-12-02T15:00:00Z"), std::string::npos);
}

TEST_F(InterviewNoticeTest, AFarInterviewIsAnnouncedWhenItComesWithinTheHorizon) {
  open("interview_scheduling_conflict");
  schedule("interview:1", "2026-12-10T15:00:00Z", k_monday);
  EXPECT_EQ(run_due(k_monday), 0u);
  EXPECT_EQ(run_due(at("2026-12-07T14:59:00Z")), 0u);
  EXPECT_EQ(run_due(at("2026-12-07T15:00:00Z")), 1u);  // 72 hours ahead
  EXPECT_EQ(notifications_of("hank").size(), 1u);
  EXPECT_EQ(run_due(at("2026-12-09T15:00:00Z")), 1u);
  EXPECT_EQ(notifications_of("hank").size(), 2u);
}

TEST_F(InterviewNoticeTest, ACancelledInterviewIsNotAnnounced) {
  open("interview_scheduling_conflict");
  schedule("interview:1", "2026-12-10T15:00:00Z", k_monday);
  cancel("interview:1", k_monday + 1h);
  EXPECT_EQ(run_due(at("2026-12-09T15:00:00Z")), 2u);  // both notices run, and send nothing
  EXPECT_TRUE(notifications_of("hank").empty());
}

TEST_F(InterviewNoticeTest, AMovedInterviewIsAnnouncedAtItsNewTimeOnly) {
  open("interview_scheduling_conflict");
  schedule("interview:1", "2026-12-10T15:00:00Z", k_monday);
  schedule("interview:1", "2026-12-11T10:00:00Z", k_monday + 1h);
  EXPECT_EQ(run_due(at("2026-12-07T15:00:00Z")), 1u);  // the old time's notice: nothing to say
  EXPECT_TRUE(notifications_of("hank").empty());
  EXPECT_EQ(run_due(at("2026-12-08T10:00:00Z")), 1u);
  const auto told = notifications_of("hank");
  ASSERT_EQ(told.size(), 1u);
  EXPECT_NE(told[0].message.find("2026-12-11T10:00:00Z"), std::string::npos);
}

TEST_F(InterviewNoticeTest, RedeliveredAndLateEventsAnnounceNothingTwice) {
  open("interview_scheduling_conflict");
  schedule("interview:1", "2026-12-02T15:00:00Z", k_monday);
  schedule("interview:1", "2026-12-02T15:00:00Z", k_monday);  // the same event again
  cancel("interview:1", k_monday + 2h);
  // A scheduling older than the cancellation arrives late: the interview stays cancelled.
  schedule("interview:1", "2026-12-02T15:00:00Z", k_monday + 1h);
  EXPECT_EQ(run_due(at("2026-12-01T15:00:00Z")), 2u);
  EXPECT_TRUE(notifications_of("hank").empty());
}

TEST_F(InterviewNoticeTest, OnlyOpenTicketsTheManagerMaySeeAreAnnounced) {
  const TicketId conflict = open("interview_scheduling_conflict");
  open("offer_link_expired");  // confidential: a hiring manager may not see it
  schedule("interview:1", "2026-12-02T15:00:00Z", k_monday);
  EXPECT_EQ(run_due(k_monday), 1u);
  auto told = notifications_of("hank");
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(told[0].ticket, conflict);

  resolve(conflict);
  EXPECT_EQ(run_due(at("2026-12-01T15:00:00Z")), 1u);
  EXPECT_EQ(notifications_of("hank").size(), 1u);  // no reminder: nothing open they may see
}

}  // namespace interview_notice_test
}  // namespace snag
