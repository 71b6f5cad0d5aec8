#include <fixtures.hpp>
#include <gtest/gtest.h>

#include <snag/integrations/sync/harvest_candidate.hpp>

namespace snag::sync {
namespace harvest_candidate_test {

using testing::at;

TEST(HarvestCandidate, GreenhousesDocumentedObjectBecomesCandidateUpdated) {
  const auto candidate = testing::ats_fixture_json("greenhouse_harvest_candidate_object.json");
  const auto event = harvest_candidate_event(candidate, "greenhouse");
  ASSERT_TRUE(event) << event.error().message;
  EXPECT_EQ(event->type, AtsEventType::candidate_updated);
  EXPECT_EQ(event->source_action, "harvest.candidate");
  EXPECT_EQ(event->occurred_at, at("2017-09-28T12:29:30.497Z"));
  ASSERT_TRUE(event->candidate);
  EXPECT_EQ(*event->candidate, (CandidateRef{"greenhouse", "53883394"}));
  // The same ordering key as Greenhouse's webhooks about the candidate.
  EXPECT_EQ(event->object, "candidate:53883394");
  ASSERT_TRUE(event->profile);
  EXPECT_EQ(event->profile->name, "John Locke");
  EXPECT_EQ(event->profile->email, "test@example.com");  // the personal address, though listed second
  EXPECT_EQ(event->profile->fields["desired_salary"], "1000000000");
  EXPECT_EQ(event->profile->fields["work_remotely"], true);
  EXPECT_EQ(event->profile->fields["graduation_year_1"], "2018");
  EXPECT_EQ(event->profile->level, std::nullopt);
  EXPECT_EQ(event->profile->geography, std::nullopt);
}

TEST(HarvestCandidate, LevelAndGeographyComeFromCustomFieldsOfThoseNames) {
  nlohmann::json candidate = {
      {"id", 7},
      {"first_name", "Ada"},
      {"last_name", nullptr},
      {"updated_at", "2026-02-01T10:00:00Z"},
      {"email_addresses", nlohmann::json::array({{{"value", "ada@work.example"}, {"type", "work"}}})},
      {"custom_fields", {{"level", "senior"}, {"geography", "DE"}, {"visa_status", "citizen"}}}};
  auto event = harvest_candidate_event(candidate, "gh");
  ASSERT_TRUE(event) << event.error().message;
  EXPECT_EQ(event->profile->name, "Ada");
  EXPECT_EQ(event->profile->email, "ada@work.example");  // no personal address: the first one
  EXPECT_EQ(event->profile->level, "senior");
  EXPECT_EQ(event->profile->geography, "DE");
  EXPECT_EQ(event->profile->fields["visa_status"], "citizen");

  // keyed_custom_fields win over custom_fields, and hold {name, type, value}.
  candidate["keyed_custom_fields"] = {{"level", {{"name", "Level"}, {"type", "single_select"}, {"value", "entry"}}}};
  event = harvest_candidate_event(candidate, "gh");
  ASSERT_TRUE(event);
  EXPECT_EQ(event->profile->level, "entry");
  EXPECT_EQ(event->profile->geography, std::nullopt);

  // A level that is not text is kept as a field but is no level.
  candidate["keyed_custom_fields"]["level"]["value"] = 3;
  event = harvest_candidate_event(candidate, "gh");
  ASSERT_TRUE(event);
  EXPECT_EQ(event->profile->level, std::nullopt);
  EXPECT_EQ(event->profile->fields["level"], 3);
}

TEST(HarvestCandidate, NamesEachBadMember) {
  const auto event = harvest_candidate_event({{"first_name", "No id"}, {"updated_at", "yesterday"}}, "gh");
  ASSERT_FALSE(event);
  EXPECT_EQ(event.error().code, ErrorCode::validation_failed);
  std::vector<std::string> fields;
  for (const auto& field : event.error().fields) fields.push_back(field.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"id", "updated_at"}));

  EXPECT_FALSE(harvest_candidate_event(nlohmann::json::array(), "gh"));
  EXPECT_FALSE(harvest_candidate_event({{"id", "has space"}, {"updated_at", "2026-02-01T10:00:00Z"}}, "gh"));
}

}  // namespace harvest_candidate_test
}  // namespace snag::sync
