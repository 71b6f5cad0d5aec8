// AtsEvent is a domain type; its tests sit here, beside the normalisers that produce it.
#include "fixtures.hpp"
#include <gtest/gtest.h>

#include <snag/domain/ats/ats_event.hpp>

namespace snag {
namespace ats_event_test {

using testing::at;

AtsEvent full_event() {
  AtsEvent event;
  event.type = AtsEventType::candidate_merged;
  event.source_action = "merge_candidate";
  event.occurred_at = at("2026-03-01T12:00:00.250Z");
  event.candidate = CandidateRef{"greenhouse", "37031511"};
  CandidateProfile profile;
  profile.name = "Jack Sparrow";
  profile.email = "jack@example.com";
  profile.level = "senior";
  profile.geography = "US-NY";
  profile.fields = {{"visa_status", "citizen"}, {"desired_salary", nullptr}};
  event.profile = profile;
  event.object = "candidate:37031511";
  event.application_id = "46194062";
  event.merged_into = "457456";
  event.merged_from = "37031511";
  event.stage = "Offer";
  event.detail = {{"job_name", "Designer"}};
  return event;
}

TEST(AtsEventType, EveryTypeRoundTripsThroughItsName) {
  for (AtsEventType type : k_all_ats_event_types) EXPECT_EQ(parse_ats_event_type(to_string(type)), type);
  EXPECT_EQ(to_string(AtsEventType::application_stage_changed), "application.stage_changed");
  EXPECT_EQ(to_string(AtsEventType::background_check_updated), "background_check.updated");
  EXPECT_FALSE(parse_ats_event_type("contact.created"));
  EXPECT_FALSE(parse_ats_event_type("Candidate.Created"));
}

TEST(AtsEventJson, AFullEventRoundTrips) {
  const AtsEvent event = full_event();
  const auto json = to_json(event);
  EXPECT_EQ(json["type"], "candidate.merged");
  EXPECT_EQ(json["occurred_at"], "2026-03-01T12:00:00.250Z");
  const auto read = ats_event_from_json(json);
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(to_json(*read), json);
  EXPECT_EQ(read->type, event.type);
  EXPECT_EQ(read->occurred_at, event.occurred_at);
  EXPECT_EQ(read->candidate, event.candidate);
  ASSERT_TRUE(read->profile);
  EXPECT_EQ(read->profile->name, "Jack Sparrow");
  EXPECT_EQ(read->profile->geography, "US-NY");
  EXPECT_EQ(read->profile->fields, event.profile->fields);
  EXPECT_EQ(read->merged_into, "457456");
  EXPECT_EQ(read->merged_from, "37031511");
  EXPECT_EQ(read->stage, "Offer");
  EXPECT_EQ(read->detail, event.detail);
}

TEST(AtsEventJson, AMinimalEventLeavesOptionalMembersOutAndRoundTrips) {
  AtsEvent event;
  event.type = AtsEventType::recorded;
  event.source_action = "job_deleted";
  event.occurred_at = at("2026-03-01T12:00:00Z");
  event.object = "job:209256";
  const auto json = to_json(event);
  for (const char* absent : {"candidate", "profile", "application_id", "merged_into", "merged_from", "stage"}) {
    EXPECT_FALSE(json.contains(absent)) << absent;
  }
  const auto read = ats_event_from_json(json);
  ASSERT_TRUE(read);
  EXPECT_FALSE(read->candidate);
  EXPECT_FALSE(read->profile);
  EXPECT_EQ(read->detail, nlohmann::json::object());
  EXPECT_EQ(to_json(*read), json);
}

TEST(AtsEventJson, ReadingNamesEachBadMember) {
  EXPECT_EQ(ats_event_from_json(nlohmann::json::array()).error().code, ErrorCode::invalid_argument);

  auto json = to_json(full_event());
  json["type"] = "contact.created";
  json["occurred_at"] = "yesterday";
  json["candidate"].erase("external_id");
  json["detail"] = "text";
  json["stage"] = 5;
  json.erase("object");
  const auto read = ats_event_from_json(json);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, ErrorCode::validation_failed);
  std::vector<std::string> fields;
  for (const auto& field : read.error().fields) fields.push_back(field.field);
  EXPECT_EQ(fields,
            (std::vector<std::string>{"type", "occurred_at", "candidate.external_id", "object", "stage", "detail"}));
}

TEST(AtsEventJson, AStoredCandidateMustBeAValidReference) {
  auto json = to_json(full_event());
  json["candidate"]["ats"] = "green house";
  const auto read = ats_event_from_json(json);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().fields.at(0).field, "candidate.ats");
}

TEST(Supersedes, TheFirstEventForAnObjectApplies) { EXPECT_TRUE(supersedes(at("2015-01-01T00:00:00Z"), std::nullopt)); }

TEST(Supersedes, ANewerEventApplies) {
  EXPECT_TRUE(supersedes(at("2015-02-11T15:50:42Z"), at("2015-02-11T15:50:41Z")));
}

TEST(Supersedes, AnOlderEventDoesNotOverwriteNewerState) {
  EXPECT_FALSE(supersedes(at("2015-02-11T15:50:40.999Z"), at("2015-02-11T15:50:41Z")));
}

TEST(Supersedes, AnEventAsOldAsTheLastAppliedOneApplies) {
  EXPECT_TRUE(supersedes(at("2015-02-11T15:50:41Z"), at("2015-02-11T15:50:41Z")));
}

}  // namespace ats_event_test
}  // namespace snag
