#include <string>
#include <vector>

#include "fixtures.hpp"
#include <gtest/gtest.h>

#include <snag/integrations/ats/lever/normalise.hpp>

namespace snag::ats {
namespace lever_normalise_test {

using testing::ats_fixture_json;

const std::string k_opportunity = "3410c8b9-5c31-4bab-b7e9-9f710206d647";
constexpr std::int64_t k_triggered_at = 1431454330072;

nlohmann::json delivery(const std::string& event, nlohmann::json data) {
  return {{"triggeredAt", k_triggered_at},
          {"event", event},
          {"data", std::move(data)},
          {"token", "t"},
          {"signature", std::string(64, '0')}};
}

AtsEvent only_event(const nlohmann::json& body) {
  auto events = normalise_lever(body, "lever");
  if (!events) throw std::runtime_error(events.error().message);
  if (events->size() != 1) throw std::runtime_error("expected exactly one event");
  return events->front();
}

std::vector<std::string> field_names(const Error& error) {
  std::vector<std::string> names;
  for (const auto& field : error.fields) names.push_back(field.field);
  return names;
}

TEST(LeverNormalise, TheDocumentedStageChangeSample) {
  const AtsEvent event = only_event(ats_fixture_json("lever_candidateStageChange.json"));
  EXPECT_EQ(event.type, AtsEventType::application_stage_changed);
  EXPECT_EQ(event.source_action, "candidateStageChange");
  EXPECT_EQ(event.candidate, (CandidateRef{"lever", k_opportunity}));
  EXPECT_EQ(event.object, "opportunity:" + k_opportunity);
  EXPECT_EQ(event.occurred_at, from_epoch_ms(k_triggered_at));
  EXPECT_EQ(format_rfc3339(event.occurred_at), "2015-05-12T18:12:10.072Z");
  EXPECT_EQ(event.stage, "7c2690d8-6308-4ed9-ae2a-cbfe7db26593");
  EXPECT_EQ(event.detail["from_stage_id"], "992f01a9-ee19-41d2-ae79-1040701b195c");
  EXPECT_EQ(event.detail["contact_id"], "05c248f9-ccb1-435f-bab5-0ec608aec263");
  EXPECT_FALSE(event.profile);
}

TEST(LeverNormalise, TheSettingsPageTestDeliveryIsRecordedWithoutACandidate) {
  const AtsEvent event = only_event(ats_fixture_json("lever_candidateHired_test_ping.json"));
  EXPECT_EQ(event.type, AtsEventType::recorded);
  EXPECT_EQ(event.source_action, "candidateHired");
  EXPECT_FALSE(event.candidate);
  EXPECT_EQ(event.object, "event:candidateHired");
  EXPECT_EQ(event.occurred_at, from_epoch_ms(1431458021951));
}

struct LeverCase {
  std::string event;
  nlohmann::json data;
  AtsEventType type;
  std::string object;
};

TEST(LeverNormalise, EachDocumentedEventMapsToItsType) {
  const nlohmann::json ids{{"opportunityId", k_opportunity}, {"candidateId", k_opportunity}, {"contactId", "c-1"}};
  auto with = [&](nlohmann::json extra) {
    nlohmann::json data = ids;
    data.update(extra);
    return data;
  };
  const std::vector<LeverCase> cases{
      {"applicationCreated", with({{"applicationId", "app-1"}}), AtsEventType::candidate_created,
       "candidate:" + k_opportunity},
      {"candidateStageChange", with({{"toStageId", "s-2"}, {"fromStageId", "s-1"}}),
       AtsEventType::application_stage_changed, "opportunity:" + k_opportunity},
      {"candidateHired", ids, AtsEventType::application_hired, "opportunity:" + k_opportunity},
      {"candidateArchiveChange",
       with({{"fromArchived", nullptr}, {"toArchived", {{"archivedAt", 1431454330000}, {"reason", "r-1"}}}}),
       AtsEventType::application_rejected, "opportunity:" + k_opportunity},
      {"candidateArchiveChange",
       with({{"fromArchived", {{"archivedAt", 1431454330000}, {"reason", "r-1"}}}, {"toArchived", nullptr}}),
       AtsEventType::application_stage_changed, "opportunity:" + k_opportunity},
      {"candidateDeleted", ids, AtsEventType::candidate_deleted, "candidate:" + k_opportunity},
      {"interviewCreated", with({{"interviewId", "i-1"}}), AtsEventType::interview_scheduled, "interview:i-1"},
      {"interviewUpdated", with({{"interviewId", "i-1"}}), AtsEventType::interview_scheduled, "interview:i-1"},
      {"interviewDeleted", with({{"interviewId", "i-1"}}), AtsEventType::interview_cancelled, "interview:i-1"},
      {"contactUpdated", {{"contactId", "c-1"}}, AtsEventType::recorded, "contact:c-1"},
      {"somethingNew", ids, AtsEventType::recorded, "opportunity:" + k_opportunity},
  };
  for (const auto& expected : cases) {
    SCOPED_TRACE(expected.event + " " + expected.data.dump());
    const AtsEvent event = only_event(delivery(expected.event, expected.data));
    EXPECT_EQ(event.type, expected.type);
    EXPECT_EQ(event.source_action, expected.event);
    EXPECT_EQ(event.object, expected.object);
    EXPECT_EQ(event.occurred_at, from_epoch_ms(k_triggered_at));
    if (expected.data.contains("opportunityId")) {
      EXPECT_EQ(event.candidate, (CandidateRef{"lever", k_opportunity}));
    }
  }
}

TEST(LeverNormalise, ApplicationCreatedNamesTheApplication) {
  const AtsEvent event =
      only_event(delivery("applicationCreated", {{"opportunityId", "o-1"}, {"applicationId", "a-1"}}));
  EXPECT_EQ(event.application_id, "a-1");
}

TEST(LeverNormalise, ArchivingKeepsTheReasonAndTime) {
  const AtsEvent event = only_event(
      delivery("candidateArchiveChange",
               {{"opportunityId", "o-1"}, {"toArchived", {{"archivedAt", 1431454330000}, {"reason", "r-9"}}}}));
  EXPECT_EQ(event.detail["archive_reason"], "r-9");
  EXPECT_EQ(event.detail["archived_at"], "2015-05-12T18:12:10Z");
}

TEST(LeverNormalise, TheLegacyCandidateIdServesWhenThereIsNoOpportunityId) {
  const AtsEvent event = only_event(delivery("candidateHired", {{"candidateId", "legacy-1"}}));
  EXPECT_EQ(event.candidate, (CandidateRef{"lever", "legacy-1"}));
  EXPECT_EQ(event.object, "opportunity:legacy-1");
}

TEST(LeverNormalise, ACandidateEventThatNamesNoCandidateIsAnError) {
  const auto events = normalise_lever(delivery("candidateStageChange", {{"toStageId", "s-2"}}), "lever");
  ASSERT_FALSE(events);
  EXPECT_EQ(events.error().code, ErrorCode::validation_failed);
  EXPECT_EQ(field_names(events.error()), (std::vector<std::string>{"data.opportunityId"}));
}

TEST(LeverNormalise, AnInterviewEventMustNameTheInterview) {
  const auto events = normalise_lever(delivery("interviewDeleted", {{"opportunityId", "o-1"}}), "lever");
  ASSERT_FALSE(events);
  EXPECT_EQ(field_names(events.error()), (std::vector<std::string>{"data.interviewId"}));
}

TEST(LeverNormalise, TheEnvelopeIsCheckedMemberByMember) {
  EXPECT_EQ(normalise_lever("[]"_json, "lever").error().code, ErrorCode::invalid_argument);
  const auto empty = normalise_lever(nlohmann::json::object(), "lever");
  ASSERT_FALSE(empty);
  EXPECT_EQ(field_names(empty.error()), (std::vector<std::string>{"event", "triggeredAt", "data"}));

  auto body = delivery("candidateHired", {{"opportunityId", "o-1"}});
  body["triggeredAt"] = "1431454330072";
  body["data"]["opportunityId"] = nlohmann::json::array();
  body["event"] = nullptr;
  const auto wrong = normalise_lever(body, "lever");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(field_names(wrong.error()), (std::vector<std::string>{"event", "triggeredAt"}));
}

TEST(LeverNormalise, AnIllTypedIdIsNamed) {
  const auto events = normalise_lever(delivery("candidateHired", {{"opportunityId", 1.5}}), "lever");
  ASSERT_FALSE(events);
  EXPECT_EQ(field_names(events.error())[0], "data.opportunityId");
}

}  // namespace lever_normalise_test
}  // namespace snag::ats
