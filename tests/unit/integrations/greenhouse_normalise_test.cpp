#include <optional>
#include <string>
#include <vector>

#include "fixtures.hpp"
#include <gtest/gtest.h>

#include <snag/integrations/ats/greenhouse/normalise.hpp>

namespace snag::ats {
namespace greenhouse_normalise_test {

using testing::at;
using testing::ats_fixture_json;

const Timestamp k_received_at = at("2026-03-01T12:00:00Z");

// What each of Greenhouse's 29 documented actions becomes. `occurred_at` empty means the payload
// dates no change and the event takes the time the delivery was received.
struct Expected {
  std::string action;
  std::vector<std::string> types;
  std::vector<std::string> objects;
  std::optional<std::string> candidate;
  std::string occurred_at;
};

const std::vector<Expected> k_expected{
    {"new_candidate_application",
     {"candidate.created", "application.stage_changed"},
     {"candidate:60304594", "application:71980812"},
     "60304594",
     "2017-10-27T14:44:43Z"},
    {"new_prospect_application",
     {"candidate.created", "application.stage_changed"},
     {"candidate:968190", "application:979554"},
     "968190",
     "2014-12-02T23:10:16Z"},
    {"application_updated", {"recorded"}, {"application:22202940"}, "13857579", "2015-12-03T06:31:26Z"},
    {"delete_application", {"recorded"}, {"application:46194062"}, "37031511", ""},
    {"candidate_stage_change", {"application.stage_changed"}, {"application:265277"}, "265772", "2015-02-09T16:38:36Z"},
    {"reject_candidate", {"application.rejected"}, {"application:265293"}, "265788", "2015-02-11T15:50:41Z"},
    {"unreject_candidate", {"application.stage_changed"}, {"application:265293"}, "265788", "2015-02-11T15:50:41Z"},
    {"hire_candidate", {"application.hired"}, {"application:46194062"}, "35897443", ""},
    {"unhire_candidate", {"application.stage_changed"}, {"application:265293"}, "265788", "2015-03-18T20:28:09Z"},
    {"update_candidate", {"candidate.updated"}, {"candidate:15696179"}, "15696179", ""},
    {"delete_candidate", {"candidate.deleted"}, {"candidate:37031511"}, "37031511", ""},
    {"merge_candidate", {"candidate.merged"}, {"candidate:37031511"}, "37031511", ""},
    {"candidate_anonymized", {"candidate.anonymized"}, {"candidate:37031511"}, "37031511", ""},
    {"offer_created", {"offer.created"}, {"offer:12345"}, std::nullopt, ""},
    {"offer_updated", {"offer.updated"}, {"offer:12345"}, std::nullopt, ""},
    {"offer_approved", {"offer.approved"}, {"offer:12345"}, std::nullopt, ""},
    {"offer_deleted", {"recorded"}, {"offer:506406"}, std::nullopt, ""},
    {"interview_deleted", {"interview.cancelled"}, {"interview:31087450"}, std::nullopt, ""},
    {"scorecard_deleted", {"recorded"}, {"scorecard:6036088"}, "29843272", ""},
    {"job_created", {"recorded"}, {"job:371417"}, std::nullopt, "2016-10-20T18:16:32Z"},
    {"job_updated", {"recorded"}, {"job:100445"}, std::nullopt, ""},
    {"job_approved", {"recorded"}, {"job:100445"}, std::nullopt, ""},
    {"job_deleted", {"recorded"}, {"job:209256"}, std::nullopt, ""},
    {"job_post_created", {"recorded"}, {"job_post:1815002"}, std::nullopt, "2017-10-12T15:06:32.691Z"},
    {"job_post_updated", {"recorded"}, {"job_post:1813002"}, std::nullopt, "2017-10-12T18:29:08.399Z"},
    {"job_post_deleted", {"recorded"}, {"job_post:258341"}, std::nullopt, ""},
    {"job_interview_stage_deleted", {"recorded"}, {"job_interview_stage:430608"}, std::nullopt, ""},
    {"department_deleted", {"recorded"}, {"department:106"}, std::nullopt, ""},
    {"office_deleted", {"recorded"}, {"office:16492"}, std::nullopt, ""},
};

Result<std::vector<AtsEvent>> normalise_sample(const std::string& action) {
  return normalise_greenhouse(ats_fixture_json("greenhouse_" + action + ".json"), "greenhouse", k_received_at);
}

AtsEvent only_event(const std::string& action) {
  auto events = normalise_sample(action);
  if (!events || events->size() != 1) throw std::runtime_error(action + " did not give exactly one event");
  return events->front();
}

TEST(GreenhouseNormalise, TheTableCoversAll29DocumentedActions) { EXPECT_EQ(k_expected.size(), 29u); }

TEST(GreenhouseNormalise, EverySampleActionGivesItsEvents) {
  for (const auto& expected : k_expected) {
    SCOPED_TRACE(expected.action);
    const auto events = normalise_sample(expected.action);
    ASSERT_TRUE(events) << events.error().message;
    ASSERT_EQ(events->size(), expected.types.size());
    for (std::size_t i = 0; i < events->size(); ++i) {
      const AtsEvent& event = (*events)[i];
      EXPECT_EQ(to_string(event.type), expected.types[i]);
      EXPECT_EQ(event.source_action, expected.action);
      EXPECT_EQ(event.object, expected.objects[i]);
      EXPECT_EQ(event.occurred_at, expected.occurred_at.empty() ? k_received_at : at(expected.occurred_at));
      if (expected.candidate) {
        EXPECT_EQ(event.candidate, (CandidateRef{"greenhouse", *expected.candidate}));
      } else {
        EXPECT_FALSE(event.candidate);
      }
      EXPECT_TRUE(event.detail.is_object());
    }
  }
}

TEST(GreenhouseNormalise, ANewApplicationCarriesTheCandidatesProfile) {
  const auto events = normalise_sample("new_candidate_application");
  ASSERT_TRUE(events);
  const AtsEvent& candidate = events->at(0);
  ASSERT_TRUE(candidate.profile);
  EXPECT_EQ(candidate.profile->name, "Jane Smith");
  // The personal address is preferred to the work one listed first.
  EXPECT_EQ(candidate.profile->email, "person@example.com");
  EXPECT_FALSE(candidate.profile->level);
  EXPECT_FALSE(candidate.profile->geography);
  EXPECT_EQ(
      candidate.profile->fields,
      (nlohmann::json{
          {"date_test", ""}, {"desired_salary", nullptr}, {"graduation_year_1", nullptr}, {"work_remotely", nullptr}}));
  EXPECT_EQ(candidate.application_id, "71980812");

  const AtsEvent& application = events->at(1);
  EXPECT_EQ(application.stage, "Preliminary Phone Screen");
  EXPECT_EQ(application.application_id, "71980812");
  EXPECT_EQ(application.detail["job_name"], "Data Scientist");
  EXPECT_EQ(application.detail["stage_id"], "2944102");
  EXPECT_EQ(application.detail["status"], "active");
}

TEST(GreenhouseNormalise, ACandidateCreatedLongBeforeTheApplicationIsAnUpdate) {
  auto body = ats_fixture_json("greenhouse_new_candidate_application.json");
  body["payload"]["application"]["candidate"]["created_at"] = "2016-01-04T09:00:00Z";
  const auto events = normalise_greenhouse(body, "greenhouse", k_received_at);
  ASSERT_TRUE(events);
  EXPECT_EQ(events->at(0).type, AtsEventType::candidate_updated);
  EXPECT_EQ(events->at(1).type, AtsEventType::application_stage_changed);
}

TEST(GreenhouseNormalise, AProspectHasNoStage) {
  const auto events = normalise_sample("new_prospect_application");
  ASSERT_TRUE(events);
  EXPECT_FALSE(events->at(1).stage);
  EXPECT_EQ(events->at(1).detail["prospect"], true);
}

TEST(GreenhouseNormalise, StageChangeNamesTheNewStageAndTheJob) {
  const AtsEvent event = only_event("candidate_stage_change");
  EXPECT_EQ(event.stage, "Assessment");
  EXPECT_EQ(event.detail["job_name"], "Designer");
  ASSERT_TRUE(event.profile);
  EXPECT_EQ(event.profile->name, "Giuseppe Hurley");
  EXPECT_EQ(event.profile->email, "giuseppe.hurley@example.com");
  EXPECT_EQ(event.profile->fields, (nlohmann::json{{"favorite_color", "Blue"}}));
}

TEST(GreenhouseNormalise, RejectionKeepsTheReason) {
  const AtsEvent event = only_event("reject_candidate");
  EXPECT_EQ(event.detail["rejection_reason"], "Too Junior");
  EXPECT_EQ(event.detail["rejection_type"], "Wrong skill set");
  EXPECT_EQ(event.detail["status"], "rejected");
  EXPECT_EQ(event.stage, "Offer");
}

TEST(GreenhouseNormalise, HireKeepsTheOfferAndTheProfile) {
  const AtsEvent event = only_event("hire_candidate");
  EXPECT_EQ(event.detail["job_name"], "Developer");
  EXPECT_EQ(event.detail["offer_id"], "506409");
  EXPECT_EQ(event.detail["offer_resolved_at"], "2014-11-20T22:49:14Z");
  EXPECT_EQ(event.detail["offer_starts_at"], "2015-01-23");
  ASSERT_TRUE(event.profile);
  EXPECT_EQ(event.profile->name, "Johnny Smith");
  EXPECT_EQ(event.profile->email, "personal@example.com");
  EXPECT_EQ(event.profile->fields["desired_level"], "Senior");
}

TEST(GreenhouseNormalise, UpdateCandidateCarriesTheProfile) {
  const AtsEvent event = only_event("update_candidate");
  ASSERT_TRUE(event.profile);
  EXPECT_EQ(event.profile->name, "Ronald Ronnie");
  EXPECT_EQ(event.profile->email, "123456email@email.com");  // the only address, a work one
}

TEST(GreenhouseNormalise, AHarvestCandidateObjectIsReadByItsKeyedCustomFieldsAndDatedByUpdatedAt) {
  const nlohmann::json body{{"action", "update_candidate"},
                            {"payload", {{"candidate", ats_fixture_json("greenhouse_harvest_candidate_object.json")}}}};
  const auto events = normalise_greenhouse(body, "greenhouse", k_received_at);
  ASSERT_TRUE(events) << events.error().message;
  const AtsEvent& event = events->at(0);
  EXPECT_EQ(event.candidate, (CandidateRef{"greenhouse", "53883394"}));
  EXPECT_EQ(event.occurred_at, at("2017-09-28T12:29:30.497Z"));
  ASSERT_TRUE(event.profile);
  EXPECT_EQ(event.profile->name, "John Locke");
  EXPECT_EQ(event.profile->email, "test@example.com");
  EXPECT_EQ(event.profile->fields,
            (nlohmann::json{{"desired_salary", "1000000000"}, {"work_remotely", true}, {"graduation_year_1", "2018"}}));
}

TEST(GreenhouseNormalise, MergeNamesBothCandidatesAndKeepsNoPersonalData) {
  const AtsEvent event = only_event("merge_candidate");
  EXPECT_EQ(event.merged_from, "37031511");
  EXPECT_EQ(event.merged_into, "457456");
  EXPECT_FALSE(event.profile);
}

TEST(GreenhouseNormalise, DeletionKeepsTheDeletedApplicationsAndNoPersonalData) {
  const AtsEvent event = only_event("delete_candidate");
  EXPECT_FALSE(event.profile);
  EXPECT_EQ(event.detail["deleted_application_ids"], (nlohmann::json{46196263, 46196258}));
}

TEST(GreenhouseNormalise, AnonymisationListsTheFields) {
  const AtsEvent event = only_event("candidate_anonymized");
  EXPECT_EQ(event.detail["anonymized_fields"], (nlohmann::json{"full_name", "current_title"}));
}

TEST(GreenhouseNormalise, OffersNameTheirApplicationAndStatus) {
  const AtsEvent updated = only_event("offer_updated");
  EXPECT_EQ(updated.application_id, "234556");
  EXPECT_EQ(updated.detail["offer_status"], "Deprecated");
  EXPECT_EQ(updated.detail["version"], 2);
  EXPECT_EQ(updated.detail["resolved_at"], "2013-03-25T00:00:00Z");
  EXPECT_EQ(updated.detail["job_id"], "45678");

  const AtsEvent deleted = only_event("offer_deleted");
  EXPECT_EQ(deleted.application_id, "46194062");
  EXPECT_EQ(deleted.detail["offer_status"], "Created");
}

TEST(GreenhouseNormalise, OrganisationEventsKeepTheObjectsName) {
  EXPECT_EQ(only_event("job_deleted").detail["name"], "Project Manager");
  EXPECT_EQ(only_event("job_post_deleted").detail["name"], "Software Engineer");
  EXPECT_EQ(only_event("department_deleted").detail["name"], "Creative");
}

TEST(GreenhouseNormalise, AnUndocumentedActionIsRecorded) {
  const nlohmann::json ping{{"action", "ping"}, {"payload", {{"web_hook_id", 1}}}};
  const auto events = normalise_greenhouse(ping, "greenhouse", k_received_at);
  ASSERT_TRUE(events);
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ(events->at(0).type, AtsEventType::recorded);
  EXPECT_EQ(events->at(0).source_action, "ping");
  EXPECT_EQ(events->at(0).object, "action:ping");
  EXPECT_EQ(events->at(0).occurred_at, k_received_at);
}

TEST(GreenhouseNormalise, TheConnectorsAtsNameIsUsedForCandidates) {
  const auto events =
      normalise_greenhouse(ats_fixture_json("greenhouse_reject_candidate.json"), "greenhouse-eu", k_received_at);
  ASSERT_TRUE(events);
  EXPECT_EQ(events->at(0).candidate, (CandidateRef{"greenhouse-eu", "265788"}));
}

std::vector<std::string> field_names(const Error& error) {
  std::vector<std::string> names;
  for (const auto& field : error.fields) names.push_back(field.field);
  return names;
}

TEST(GreenhouseNormalise, ABodyOfTheWrongShapeIsAnError) {
  EXPECT_EQ(normalise_greenhouse(nlohmann::json::array(), "greenhouse", k_received_at).error().code,
            ErrorCode::invalid_argument);
  const auto empty = normalise_greenhouse(nlohmann::json::object(), "greenhouse", k_received_at);
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, ErrorCode::validation_failed);
  EXPECT_EQ(field_names(empty.error()), (std::vector<std::string>{"action", "payload"}));
  const auto wrong_types = normalise_greenhouse({{"action", 7}, {"payload", "x"}}, "greenhouse", k_received_at);
  ASSERT_FALSE(wrong_types);
  EXPECT_EQ(field_names(wrong_types.error()), (std::vector<std::string>{"action", "payload"}));
}

TEST(GreenhouseNormalise, ErrorsNameTheMissingOrIllTypedMember) {
  auto body = ats_fixture_json("greenhouse_candidate_stage_change.json");
  body["payload"]["application"]["candidate"].erase("id");
  body["payload"]["application"]["last_activity_at"] = "last Tuesday";
  body["payload"]["application"]["id"] = 1.5;
  const auto events = normalise_greenhouse(body, "greenhouse", k_received_at);
  ASSERT_FALSE(events);
  EXPECT_EQ(field_names(events.error()),
            (std::vector<std::string>{"payload.application.id", "payload.application.candidate.id",
                                      "payload.application.last_activity_at"}));
  EXPECT_NE(events.error().message.find("payload.application.candidate.id"), std::string::npos);
}

TEST(GreenhouseNormalise, AMergeWithoutTheSurvivingCandidateIsAnError) {
  auto body = ats_fixture_json("greenhouse_merge_candidate.json");
  body["payload"]["person"].erase("new_candidate_id");
  const auto events = normalise_greenhouse(body, "greenhouse", k_received_at);
  ASSERT_FALSE(events);
  EXPECT_EQ(field_names(events.error()), (std::vector<std::string>{"payload.person.new_candidate_id"}));
}

TEST(GreenhouseNormalise, AnOfferWithoutItsApplicationIsAnError) {
  auto body = ats_fixture_json("greenhouse_offer_created.json");
  body["payload"].erase("application_id");
  const auto events = normalise_greenhouse(body, "greenhouse", k_received_at);
  ASSERT_FALSE(events);
  EXPECT_EQ(field_names(events.error()), (std::vector<std::string>{"payload.application_id"}));
}

}  // namespace greenhouse_normalise_test
}  // namespace snag::ats
