// When interviews are announced: plan_interview_notices, interview_notice_due, interview_start.

#include "../support/test_time.hpp"
#include <gtest/gtest.h>

#include <snag/domain/automation/interview_notice.hpp>

namespace snag {
namespace interview_notice_test {

using namespace std::chrono_literals;

using testing::at;

const Timestamp k_now = at("2026-11-30T09:00:00Z");

TEST(PlanInterviewNotices, AFarInterviewIsAnnouncedAtTheHorizonAndTheDayBefore) {
  const auto notices = plan_interview_notices(at("2026-12-10T15:00:00Z"), 72h, k_now);
  EXPECT_EQ(notices, (std::vector<PlannedInterviewNotice>{
                         {InterviewNoticeKind::upcoming, at("2026-12-07T15:00:00Z")},
                         {InterviewNoticeKind::day_before, at("2026-12-09T15:00:00Z")}}));
}

TEST(PlanInterviewNotices, AnInterviewInsideTheHorizonIsAnnouncedNow) {
  const auto notices = plan_interview_notices(at("2026-12-02T15:00:00Z"), 72h, k_now);
  EXPECT_EQ(notices, (std::vector<PlannedInterviewNotice>{
                         {InterviewNoticeKind::upcoming, k_now},
                         {InterviewNoticeKind::day_before, at("2026-12-01T15:00:00Z")}}));
}

TEST(PlanInterviewNotices, AnInterviewWithinADayGetsOneNotice) {
  const auto notices = plan_interview_notices(at("2026-11-30T16:00:00Z"), 72h, k_now);
  EXPECT_EQ(notices, (std::vector<PlannedInterviewNotice>{{InterviewNoticeKind::upcoming, k_now}}));
}

TEST(PlanInterviewNotices, AShortHorizonStillRemindsTheDayBeforeOnlyWhenThatComesLater) {
  // Horizon 12 h: the day-before reminder (24 h ahead) would come before the upcoming notice.
  const auto notices = plan_interview_notices(at("2026-12-10T15:00:00Z"), 12h, k_now);
  EXPECT_EQ(notices, (std::vector<PlannedInterviewNotice>{
                         {InterviewNoticeKind::upcoming, at("2026-12-10T03:00:00Z")}}));
}

TEST(PlanInterviewNotices, AnInterviewThatHasBegunIsNotAnnounced) {
  EXPECT_TRUE(plan_interview_notices(k_now, 72h, k_now).empty());
  EXPECT_TRUE(plan_interview_notices(k_now - 1h, 72h, k_now).empty());
}

TEST(InterviewNoticeDue, OnlyForTheInterviewAsPlannedWhileItIsAhead) {
  const Timestamp start = at("2026-12-02T15:00:00Z");
  EXPECT_TRUE(interview_notice_due(start, false, start, k_now));
  EXPECT_FALSE(interview_notice_due(start, true, start, k_now));                 // cancelled
  EXPECT_FALSE(interview_notice_due(start + 1h, false, start, k_now));           // moved
  EXPECT_FALSE(interview_notice_due(std::nullopt, false, start, k_now));         // time unknown now
  EXPECT_FALSE(interview_notice_due(start, false, start, start));                // begun
}

TEST(InterviewStart, ReadsStartsAtOfAScheduledInterview) {
  AtsEvent event;
  event.type = AtsEventType::interview_scheduled;
  event.detail = {{"starts_at", "2026-12-02T15:00:00Z"}};
  EXPECT_EQ(interview_start(event), at("2026-12-02T15:00:00Z"));
  event.detail = {{"starts_at", "next tuesday"}};
  EXPECT_EQ(interview_start(event), std::nullopt);
  event.detail = {{"starts_at", 1764687600}};
  EXPECT_EQ(interview_start(event), std::nullopt);
  event.type = AtsEventType::interview_cancelled;
  event.detail = {{"starts_at", "2026-12-02T15:00:00Z"}};
  EXPECT_EQ(interview_start(event), std::nullopt);
}

TEST(InterviewNoticeKind, RoundTripsItsNames) {
  for (const auto kind : {InterviewNoticeKind::upcoming, InterviewNoticeKind::day_before}) {
    EXPECT_EQ(parse_interview_notice_kind(to_string(kind)), kind);
  }
  EXPECT_EQ(parse_interview_notice_kind("tomorrow"), std::nullopt);
}

}  // namespace interview_notice_test
}  // namespace snag
