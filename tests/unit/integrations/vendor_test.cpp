#include <string>
#include <vector>

#include "fixtures.hpp"
#include <gtest/gtest.h>

#include <snag/integrations/ats/greenhouse/signature.hpp>
#include <snag/integrations/ats/lever/signature.hpp>
#include <snag/integrations/ats/standard_webhooks/signature.hpp>
#include <snag/integrations/ats/vendor.hpp>

namespace snag::ats {
namespace vendor_test {

TEST(Vendor, EveryVendorRoundTripsThroughItsName) {
  for (Vendor vendor : k_all_vendors) EXPECT_EQ(parse_vendor(to_string(vendor)), vendor);
  EXPECT_EQ(to_string(Vendor::standard_webhooks), "standard_webhooks");
  EXPECT_FALSE(parse_vendor("Greenhouse"));
  EXPECT_FALSE(parse_vendor("workday"));
}

TEST(Vendor, VerifyHandsEachVendorsDeliveryToItsScheme) {
  const std::vector<std::string> secrets{"s3cret"};
  const Timestamp now = from_epoch_ms(1700000000000);
  const std::string body = R"({"action":"ping","payload":{}})";

  const WebhookHeaders greenhouse{{"Signature", sign_greenhouse("s3cret", body)}, {"Greenhouse-Event-ID", "g-1"}};
  EXPECT_EQ(verify_delivery(Vendor::greenhouse, body, greenhouse, secrets, now)->event_id, "g-1");

  const nlohmann::json lever_body{{"token", "tok"}, {"triggeredAt", 5}, {"signature", sign_lever("tok", 5, "s3cret")}};
  EXPECT_EQ(verify_delivery(Vendor::lever, lever_body.dump(), {}, secrets, now)->event_id, "tok");

  const std::string whsec = "whsec_czNjcmV0";  // base64 of "s3cret"
  const WebhookHeaders standard{{"webhook-id", "m-1"},
                                {"webhook-timestamp", "1700000000"},
                                {"webhook-signature", *sign_standard_webhooks(whsec, "m-1", 1700000000, body)}};
  EXPECT_EQ(verify_delivery(Vendor::standard_webhooks, body, standard, std::vector<std::string>{whsec}, now)->event_id,
            "m-1");
  // The same headers under Greenhouse's scheme lack its signature.
  EXPECT_EQ(verify_delivery(Vendor::greenhouse, body, standard, secrets, now).error().reason,
            RefusalReason::missing_header);
}

TEST(Vendor, CsvReceivesNoWebhooks) {
  const auto check = verify_delivery(Vendor::csv, "{}", {}, std::vector<std::string>{"s"}, from_epoch_ms(0));
  ASSERT_FALSE(check);
  EXPECT_EQ(check.error().reason, RefusalReason::no_webhooks_for_vendor);
  EXPECT_EQ(to_error(check.error()).code, ErrorCode::not_found);
  EXPECT_EQ(normalise_delivery(Vendor::csv, nlohmann::json::object(), "ats", from_epoch_ms(0)).error().code,
            ErrorCode::invalid_argument);
}

TEST(Vendor, NormaliseHandsEachVendorsBodyToItsNormaliser) {
  const Timestamp received_at = from_epoch_ms(1700000000000);
  const auto greenhouse = normalise_delivery(
      Vendor::greenhouse, testing::ats_fixture_json("greenhouse_reject_candidate.json"), "gh", received_at);
  ASSERT_TRUE(greenhouse);
  EXPECT_EQ(greenhouse->at(0).type, AtsEventType::application_rejected);

  const auto lever = normalise_delivery(Vendor::lever, testing::ats_fixture_json("lever_candidateStageChange.json"),
                                        "lv", received_at);
  ASSERT_TRUE(lever);
  EXPECT_EQ(lever->at(0).candidate->ats, "lv");

  const nlohmann::json neutral{{"type", "resume.parse_failed"},
                               {"timestamp", "2026-02-27T09:30:00Z"},
                               {"data", {{"candidate", {{"external_id", "c-1"}}}}}};
  const auto standard = normalise_delivery(Vendor::standard_webhooks, neutral, "sw", received_at);
  ASSERT_TRUE(standard);
  EXPECT_EQ(standard->at(0).type, AtsEventType::resume_parse_failed);
}

}  // namespace vendor_test
}  // namespace snag::ats
