#include <string>
#include <vector>

#include "fixtures.hpp"
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <snag/integrations/ats/lever/signature.hpp>

namespace snag::ats {
namespace lever_signature_test {

// Token and triggeredAt of Lever's documented example delivery (lever_candidateStageChange.json),
// signed with a key of our own since Lever's is not published. Computed independently of this code:
//   printf '%s' 'be58f711f349c7780e4579cd7c63341ac6f881e4dccc31541431454330072' |
//     openssl dgst -sha256 -hmac 'lever-signature-token'
const std::string k_token = "be58f711f349c7780e4579cd7c63341ac6f881e4dccc3154";
constexpr std::int64_t k_triggered_at = 1431454330072;
const std::string k_key = "lever-signature-token";
const std::string k_expected_hex = "4fa6d7241600d63e33c7b16fbdd62ca16e5530e82dc85da4155c94444451e0b9";

// The documented example with its signature replaced by one under `key`.
std::string example_body_signed_with(const std::string& key) {
  auto body = testing::ats_fixture_json("lever_candidateStageChange.json");
  body["signature"] = sign_lever(body["token"].get<std::string>(), body["triggeredAt"].get<std::int64_t>(), key);
  return body.dump();
}

SignatureCheck verify(const std::string& body, const std::vector<std::string>& keys = {k_key}) {
  return verify_lever(body, keys);
}

TEST(LeverSignature, SignMatchesOpensslHmacOfTokenAndTriggeredAt) {
  EXPECT_EQ(sign_lever(k_token, k_triggered_at, k_key), k_expected_hex);
}

TEST(LeverSignature, AcceptsAValidBodyAndFallsBackToTheTokenAsEventId) {
  const auto check = verify(example_body_signed_with(k_key));
  ASSERT_TRUE(check) << check.error().message;
  EXPECT_EQ(check->event_id, k_token);
}

TEST(LeverSignature, TheBodysIdIsTheEventIdWhenPresent) {
  auto body = nlohmann::json::parse(example_body_signed_with(k_key));
  body["id"] = "delivery-42";
  const auto check = verify(body.dump());
  ASSERT_TRUE(check);
  EXPECT_EQ(check->event_id, "delivery-42");
}

TEST(LeverSignature, TheDocumentedExampleDoesNotVerifyUnderAnotherKey) {
  const auto check = verify(testing::read_ats_fixture("lever_candidateStageChange.json"));
  ASSERT_FALSE(check);
  EXPECT_EQ(check.error().reason, RefusalReason::signature_mismatch);
}

TEST(LeverSignature, TamperedTokenOrTriggeredAtIsAMismatch) {
  auto body = nlohmann::json::parse(example_body_signed_with(k_key));
  body["triggeredAt"] = k_triggered_at + 1;
  EXPECT_EQ(verify(body.dump()).error().reason, RefusalReason::signature_mismatch);
  body["triggeredAt"] = k_triggered_at;
  body["token"] = k_token + "0";
  EXPECT_EQ(verify(body.dump()).error().reason, RefusalReason::signature_mismatch);
}

// Lever's scheme signs the token and the time only: this documents the limit of what a verified
// Lever delivery proves, rather than a property Snag adds.
TEST(LeverSignature, TheSignatureDoesNotCoverTheEventData) {
  auto body = nlohmann::json::parse(example_body_signed_with(k_key));
  body["data"]["toStageId"] = "another-stage";
  EXPECT_TRUE(verify(body.dump()));
}

TEST(LeverSignature, WrongKeyIsAMismatchAndAnyOfSeveralKeysAccepts) {
  EXPECT_EQ(verify(example_body_signed_with("other-key")).error().reason, RefusalReason::signature_mismatch);
  // Lever issues one signature token per event type; a connector holds all of them.
  EXPECT_TRUE(verify(example_body_signed_with(k_key), {"application-created-token", k_key}));
}

TEST(LeverSignature, MalformedBodiesAreRefusedAsSuch) {
  auto valid = nlohmann::json::parse(example_body_signed_with(k_key));
  std::vector<std::string> bodies{"not json", "[]"};
  for (const char* member : {"token", "triggeredAt", "signature"}) {
    auto without = valid;
    without.erase(member);
    bodies.push_back(without.dump());
  }
  auto string_time = valid;
  string_time["triggeredAt"] = std::to_string(k_triggered_at);
  bodies.push_back(string_time.dump());
  auto short_signature = valid;
  short_signature["signature"] = k_expected_hex.substr(2);
  bodies.push_back(short_signature.dump());
  // The doc's test delivery: its signature has non-hex characters.
  bodies.push_back(testing::read_ats_fixture("lever_candidateHired_test_ping.json"));

  for (const auto& body : bodies) {
    const auto check = verify(body);
    ASSERT_FALSE(check) << body;
    EXPECT_EQ(check.error().reason, RefusalReason::malformed_body) << body;
  }
}

TEST(LeverSignature, AConnectorWithoutAKeyRefusesEverything) {
  EXPECT_EQ(verify(example_body_signed_with(""), {}).error().reason, RefusalReason::no_usable_secret);
  EXPECT_EQ(verify(example_body_signed_with(""), {""}).error().reason, RefusalReason::no_usable_secret);
}

}  // namespace lever_signature_test
}  // namespace snag::ats
