#include <string>
#include <vector>

#include "fixtures.hpp"
#include <gtest/gtest.h>

#include <snag/integrations/ats/greenhouse/signature.hpp>

namespace snag::ats {
namespace greenhouse_signature_test {

const std::string k_body = R"({"action":"ping","payload":{"web_hook_id":1}})";
const std::string k_secret = "greenhouse-secret-1";
// Computed independently of this code:
//   printf '%s' '{"action":"ping","payload":{"web_hook_id":1}}' | openssl dgst -sha256 -hmac 'greenhouse-secret-1'
const std::string k_expected_hex = "4c3c6ba3f76b6656adb43fbd6d899c361b023e6c40999d5ea884aee53820e5da";

WebhookHeaders signed_headers(const std::string& signature) {
  return WebhookHeaders{{"Signature", signature}, {"Greenhouse-Event-ID", "evt-1"}};
}

SignatureCheck verify(const std::string& body, const WebhookHeaders& headers,
                      const std::vector<std::string>& secrets = {k_secret}) {
  return verify_greenhouse(body, headers, secrets);
}

TEST(GreenhouseSignature, SignMatchesOpensslHmac) {
  EXPECT_EQ(sign_greenhouse(k_secret, k_body), "sha256 " + k_expected_hex);
}

TEST(GreenhouseSignature, AcceptsTheOpensslVectorAndReturnsTheEventId) {
  const auto check = verify(k_body, signed_headers("sha256 " + k_expected_hex));
  ASSERT_TRUE(check) << check.error().message;
  EXPECT_EQ(check->event_id, "evt-1");
}

TEST(GreenhouseSignature, RoundTripsOverASampleBodysExactBytes) {
  const std::string body = testing::read_ats_fixture("greenhouse_candidate_stage_change.json");
  EXPECT_TRUE(verify(body, signed_headers(sign_greenhouse(k_secret, body))));
}

TEST(GreenhouseSignature, HeaderNamesAndHexDigitsAreCaseInsensitive) {
  std::string upper_hex = k_expected_hex;
  for (char& c : upper_hex) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const WebhookHeaders headers{{"signature", "sha256 " + upper_hex}, {"greenhouse-event-id", "evt-2"}};
  const auto check = verify(k_body, headers);
  ASSERT_TRUE(check);
  EXPECT_EQ(check->event_id, "evt-2");
}

TEST(GreenhouseSignature, TamperedBodyIsAMismatch) {
  const auto check =
      verify(R"({"action":"ping","payload":{"web_hook_id":2}})", signed_headers(sign_greenhouse(k_secret, k_body)));
  ASSERT_FALSE(check);
  EXPECT_EQ(check.error().reason, RefusalReason::signature_mismatch);
}

TEST(GreenhouseSignature, WrongSecretIsAMismatchThatDoesNotLeakTheExpectedValue) {
  const auto check = verify(k_body, signed_headers(sign_greenhouse("another-secret", k_body)));
  ASSERT_FALSE(check);
  EXPECT_EQ(check.error().reason, RefusalReason::signature_mismatch);
  EXPECT_EQ(check.error().message.find(k_expected_hex), std::string::npos);
  EXPECT_EQ(to_error(check.error()).code, ErrorCode::unauthenticated);
}

TEST(GreenhouseSignature, AnyOfSeveralSecretsAcceptsDuringARotation) {
  const std::vector<std::string> secrets{"old-secret", "new-secret"};
  EXPECT_TRUE(verify(k_body, signed_headers(sign_greenhouse("old-secret", k_body)), secrets));
  EXPECT_TRUE(verify(k_body, signed_headers(sign_greenhouse("new-secret", k_body)), secrets));
  EXPECT_FALSE(verify(k_body, signed_headers(sign_greenhouse("retired-secret", k_body)), secrets));
}

TEST(GreenhouseSignature, MissingHeadersAreNamed) {
  const auto no_signature = verify(k_body, WebhookHeaders{{"Greenhouse-Event-ID", "evt-1"}});
  ASSERT_FALSE(no_signature);
  EXPECT_EQ(no_signature.error().reason, RefusalReason::missing_header);
  EXPECT_NE(no_signature.error().message.find("Signature"), std::string::npos);

  const auto no_event_id = verify(k_body, WebhookHeaders{{"Signature", sign_greenhouse(k_secret, k_body)}});
  ASSERT_FALSE(no_event_id);
  EXPECT_EQ(no_event_id.error().reason, RefusalReason::missing_header);
  EXPECT_NE(no_event_id.error().message.find("Greenhouse-Event-ID"), std::string::npos);
}

TEST(GreenhouseSignature, MalformedSignatureHeadersAreRefusedAsSuch) {
  for (const std::string& value :
       {std::string("sha1 ") + k_expected_hex, std::string("sha256"), std::string("sha256 "),
        std::string("sha256=") + k_expected_hex, std::string("sha256 ") + k_expected_hex.substr(1),
        std::string("sha256 ") + k_expected_hex + "0", std::string("sha256 zz") + k_expected_hex.substr(2)}) {
    const auto check = verify(k_body, signed_headers(value));
    ASSERT_FALSE(check) << value;
    EXPECT_EQ(check.error().reason, RefusalReason::malformed_header) << value;
  }
}

TEST(GreenhouseSignature, AConnectorWithoutASecretRefusesEverything) {
  const auto none = verify(k_body, signed_headers(sign_greenhouse("", k_body)), {});
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().reason, RefusalReason::no_usable_secret);
  EXPECT_EQ(to_error(none.error()).code, ErrorCode::internal);
}

TEST(GreenhouseSignature, AnEmptySecretNeverVerifiesBecauseAnyoneCanSignWithIt) {
  const auto only_empty = verify(k_body, signed_headers(sign_greenhouse("", k_body)), {""});
  ASSERT_FALSE(only_empty);
  EXPECT_EQ(only_empty.error().reason, RefusalReason::no_usable_secret);

  const auto beside_a_real_one = verify(k_body, signed_headers(sign_greenhouse("", k_body)), {"", k_secret});
  ASSERT_FALSE(beside_a_real_one);
  EXPECT_EQ(beside_a_real_one.error().reason, RefusalReason::signature_mismatch);
}

}  // namespace greenhouse_signature_test
}  // namespace snag::ats
