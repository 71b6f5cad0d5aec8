#include <string>
#include <vector>

#include "fixtures.hpp"
#include <gtest/gtest.h>

#include <snag/integrations/ats/standard_webhooks/normalise.hpp>

namespace snag::ats {
namespace standard_webhooks_normalise_test {

using testing::at;

nlohmann::json offer_expired() {
  return {{"type", "offer.expired"},
          {"timestamp", "2026-02-27T09:30:00Z"},
          {"data",
           {{"candidate",
             {{"ats", "acme-ats"},
              {"external_id", "c-77"},
              {"name", "Ada Lovelace"},
              {"email", "ada@example.com"},
              {"level", "senior"},
              {"geography", "GB"},
              {"fields", {{"visa_status", "citizen"}}}}},
            {"object", "offer:o-5"},
            {"application_id", "a-9"},
            {"offer_link", "https://ats.example/offers/o-5"},
            {"expired_after_days", 7}}}};
}

std::vector<std::string> field_names(const Error& error) {
  std::vector<std::string> names;
  for (const auto& field : error.fields) names.push_back(field.field);
  return names;
}

Result<std::vector<AtsEvent>> normalise(const nlohmann::json& body) {
  return normalise_standard_webhooks(body, "acme-ats");
}

TEST(StandardWebhooksNormalise, ANeutralEventBecomesOneEvent) {
  const auto events = normalise(offer_expired());
  ASSERT_TRUE(events) << events.error().message;
  ASSERT_EQ(events->size(), 1u);
  const AtsEvent& event = events->front();
  EXPECT_EQ(event.type, AtsEventType::offer_expired);
  EXPECT_EQ(event.source_action, "offer.expired");
  EXPECT_EQ(event.occurred_at, at("2026-02-27T09:30:00Z"));
  EXPECT_EQ(event.candidate, (CandidateRef{"acme-ats", "c-77"}));
  EXPECT_EQ(event.object, "offer:o-5");
  EXPECT_EQ(event.application_id, "a-9");
  ASSERT_TRUE(event.profile);
  EXPECT_EQ(event.profile->name, "Ada Lovelace");
  EXPECT_EQ(event.profile->email, "ada@example.com");
  EXPECT_EQ(event.profile->level, "senior");
  EXPECT_EQ(event.profile->geography, "GB");
  EXPECT_EQ(event.profile->fields, (nlohmann::json{{"visa_status", "citizen"}}));
  EXPECT_EQ(event.detail,
            (nlohmann::json{{"offer_link", "https://ats.example/offers/o-5"}, {"expired_after_days", 7}}));
}

TEST(StandardWebhooksNormalise, TheObjectDefaultsToTheCandidateAndTheAtsToTheConnectors) {
  const nlohmann::json body{{"type", "document.missing"},
                            {"timestamp", "2026-02-27T09:30:00+01:00"},
                            {"data", {{"candidate", {{"external_id", "c-78"}}}, {"document", "passport"}}}};
  const auto events = normalise(body);
  ASSERT_TRUE(events) << events.error().message;
  const AtsEvent& event = events->front();
  EXPECT_EQ(event.candidate, (CandidateRef{"acme-ats", "c-78"}));
  EXPECT_EQ(event.object, "candidate:c-78");
  EXPECT_EQ(event.occurred_at, at("2026-02-27T08:30:00Z"));
  EXPECT_FALSE(event.profile);
  EXPECT_EQ(event.detail, (nlohmann::json{{"document", "passport"}}));
}

TEST(StandardWebhooksNormalise, AMergeNamesBothCandidates) {
  const nlohmann::json body{
      {"type", "candidate.merged"},
      {"timestamp", "2026-02-27T09:30:00Z"},
      {"data", {{"candidate", {{"external_id", "c-1"}}}, {"merged_into", "c-2"}, {"merged_from", "c-1"}}}};
  const auto events = normalise(body);
  ASSERT_TRUE(events);
  EXPECT_EQ(events->front().merged_into, "c-2");
  EXPECT_EQ(events->front().merged_from, "c-1");

  auto without_target = body;
  without_target["data"].erase("merged_into");
  const auto refused = normalise(without_target);
  ASSERT_FALSE(refused);
  EXPECT_EQ(field_names(refused.error()), (std::vector<std::string>{"data.merged_into"}));
}

TEST(StandardWebhooksNormalise, TheSpecsThinExampleIsRefusedNamingItsTypeAndTheMissingCandidate) {
  const auto events = normalise(testing::ats_fixture_json("standardwebhooks_contact_created_thin.json"));
  ASSERT_FALSE(events);
  EXPECT_EQ(events.error().code, ErrorCode::validation_failed);
  EXPECT_EQ(field_names(events.error()), (std::vector<std::string>{"type", "data.candidate"}));
  EXPECT_NE(events.error().fields[0].message.find("contact.created"), std::string::npos);
}

TEST(StandardWebhooksNormalise, RecordedIsNotATypeASenderMayUse) {
  auto body = offer_expired();
  body["type"] = "recorded";
  const auto events = normalise(body);
  ASSERT_FALSE(events);
  EXPECT_EQ(field_names(events.error()), (std::vector<std::string>{"type"}));
}

TEST(StandardWebhooksNormalise, TheCandidateMustBeNamed) {
  auto body = offer_expired();
  body["data"]["candidate"].erase("external_id");
  auto events = normalise(body);
  ASSERT_FALSE(events);
  EXPECT_EQ(field_names(events.error()), (std::vector<std::string>{"data.candidate.external_id"}));

  body["data"]["candidate"]["external_id"] = "has spaces";
  events = normalise(body);
  ASSERT_FALSE(events);
  EXPECT_EQ(field_names(events.error()), (std::vector<std::string>{"data.candidate.external_id"}));
}

TEST(StandardWebhooksNormalise, AnotherAtsNameIsRefused) {
  auto body = offer_expired();
  body["data"]["candidate"]["ats"] = "someone-else";
  const auto events = normalise(body);
  ASSERT_FALSE(events);
  EXPECT_EQ(field_names(events.error()), (std::vector<std::string>{"data.candidate.ats"}));
}

TEST(StandardWebhooksNormalise, EveryIllTypedOrUnknownMemberIsNamed) {
  auto body = offer_expired();
  body["timestamp"] = "2026-02-30T09:30:00Z";
  body["extra"] = true;
  body["data"]["candidate"]["fields"] = "visa";
  body["data"]["candidate"]["email"] = 5;
  body["data"]["candidate"]["phone"] = "555";
  body["data"]["stage"] = 3;
  body["data"]["object"] = "";
  const auto events = normalise(body);
  ASSERT_FALSE(events);
  EXPECT_EQ(field_names(events.error()),
            (std::vector<std::string>{"timestamp", "extra", "data.candidate.phone", "data.candidate.email",
                                      "data.candidate.fields", "data.stage", "data.object"}));
}

TEST(StandardWebhooksNormalise, ABodyThatIsNotAnObjectIsAnError) {
  EXPECT_EQ(normalise("\"offer.expired\""_json).error().code, ErrorCode::invalid_argument);
  const auto empty = normalise(nlohmann::json::object());
  ASSERT_FALSE(empty);
  EXPECT_EQ(field_names(empty.error()), (std::vector<std::string>{"type", "timestamp", "data"}));
}

}  // namespace standard_webhooks_normalise_test
}  // namespace snag::ats
