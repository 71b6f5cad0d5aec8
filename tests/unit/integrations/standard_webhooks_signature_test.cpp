#include <string>
#include <vector>

#include "fixtures.hpp"
#include <gtest/gtest.h>

#include <snag/integrations/ats/standard_webhooks/signature.hpp>

namespace snag::ats {
namespace standard_webhooks_signature_test {

// The published test vector (standard-webhooks, libraries/python/tests/test_webhooks.py,
// test_sign_function); the body fixture holds its exact bytes.
const std::string k_secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const std::string k_id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
constexpr std::int64_t k_timestamp = 1614265330;
const std::string k_signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

std::string vector_body() { return testing::read_ats_fixture("standardwebhooks_testvector_body.json"); }

Timestamp unix_seconds(std::int64_t seconds) { return from_epoch_ms(seconds * 1000); }

WebhookHeaders headers_with(const std::string& signature, const std::string& timestamp = std::to_string(k_timestamp),
                            const std::string& id = k_id) {
  return WebhookHeaders{{"webhook-id", id}, {"webhook-timestamp", timestamp}, {"webhook-signature", signature}};
}

SignatureCheck verify(const std::string& body, const WebhookHeaders& headers,
                      const std::vector<std::string>& secrets = {k_secret}, Timestamp now = unix_seconds(k_timestamp)) {
  return verify_standard_webhooks(body, headers, secrets, now);
}

TEST(StandardWebhooksSignature, TheVectorBodyIsTheExactSignedBytes) {
  EXPECT_EQ(vector_body(), R"({"test": 2432232314})");
}

TEST(StandardWebhooksSignature, SignReproducesThePublishedVector) {
  EXPECT_EQ(sign_standard_webhooks(k_secret, k_id, k_timestamp, vector_body()), k_signature);
}

TEST(StandardWebhooksSignature, VerifiesThePublishedVector) {
  const auto check = verify(vector_body(), headers_with(k_signature));
  ASSERT_TRUE(check) << check.error().message;
  EXPECT_EQ(check->event_id, k_id);
}

TEST(StandardWebhooksSignature, SignMatchesAnOpensslComputation) {
  // Computed independently of this code:
  //   key=$(printf '%s' 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' | base64 -d | xxd -p -c 256)
  //   printf '%s' 'msg_1.1700000000.{"type":"offer.expired"}' |
  //     openssl dgst -sha256 -mac HMAC -macopt hexkey:$key -binary | base64
  EXPECT_EQ(sign_standard_webhooks(k_secret, "msg_1", 1700000000, R"({"type":"offer.expired"})"),
            "v1,rU+E9Fgd5gN+/Sxp9GZhNmUjfDuA+imlvq+980zztrk=");
}

TEST(StandardWebhooksSignature, RoundTrips) {
  const std::string body = R"({"type":"candidate.updated"})";
  const auto signature = sign_standard_webhooks(k_secret, "msg_2", 1700000123, body);
  ASSERT_TRUE(signature);
  EXPECT_TRUE(verify(body, headers_with(*signature, "1700000123", "msg_2"), {k_secret}, unix_seconds(1700000123)));
}

TEST(StandardWebhooksSignature, TheSecretPrefixIsOptionalAndABadSecretCannotSign) {
  EXPECT_TRUE(verify(vector_body(), headers_with(k_signature), {"MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}));
  EXPECT_FALSE(standard_webhooks_key("whsec_not base64!"));
  EXPECT_FALSE(standard_webhooks_key("whsec_"));
  EXPECT_FALSE(sign_standard_webhooks("whsec_not base64!", k_id, k_timestamp, vector_body()));
}

TEST(StandardWebhooksSignature, TamperedBodyIdOrTimestampIsAMismatch) {
  EXPECT_EQ(verify(R"({"test": 2432232315})", headers_with(k_signature)).error().reason,
            RefusalReason::signature_mismatch);
  EXPECT_EQ(verify(vector_body(), headers_with(k_signature, std::to_string(k_timestamp), "msg_other")).error().reason,
            RefusalReason::signature_mismatch);
  EXPECT_EQ(verify(vector_body(), headers_with(k_signature, std::to_string(k_timestamp + 1))).error().reason,
            RefusalReason::signature_mismatch);
}

TEST(StandardWebhooksSignature, WrongSecretIsAMismatchAndAnyOfSeveralSecretsAccepts) {
  const std::string other = "whsec_" + std::string("c2Vjb25kLXNlY3JldC1rZXktYnl0ZXM=");
  const auto check = verify(vector_body(), headers_with(k_signature), {other});
  ASSERT_FALSE(check);
  EXPECT_EQ(check.error().reason, RefusalReason::signature_mismatch);
  EXPECT_EQ(check.error().message.find("g0hM9SsE"), std::string::npos);
  EXPECT_TRUE(verify(vector_body(), headers_with(k_signature), {other, k_secret}));
  // A secret that is not base64 is skipped, not fatal, while another one is usable.
  EXPECT_TRUE(verify(vector_body(), headers_with(k_signature), {"whsec_???", k_secret}));
}

TEST(StandardWebhooksSignature, TimestampsWithinFiveMinutesEitherWayAreAccepted) {
  const auto headers = headers_with(k_signature);
  EXPECT_TRUE(verify(vector_body(), headers, {k_secret}, unix_seconds(k_timestamp + 300)));
  EXPECT_TRUE(verify(vector_body(), headers, {k_secret}, unix_seconds(k_timestamp - 300)));
  EXPECT_TRUE(
      verify(vector_body(), headers, {k_secret}, unix_seconds(k_timestamp + 300) + std::chrono::milliseconds(999)));
}

TEST(StandardWebhooksSignature, StaleAndFutureTimestampsAreRefused) {
  const auto headers = headers_with(k_signature);
  const auto stale = verify(vector_body(), headers, {k_secret}, unix_seconds(k_timestamp + 301));
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().reason, RefusalReason::timestamp_outside_tolerance);
  EXPECT_NE(stale.error().message.find("old"), std::string::npos);
  const auto future = verify(vector_body(), headers, {k_secret}, unix_seconds(k_timestamp - 301));
  ASSERT_FALSE(future);
  EXPECT_EQ(future.error().reason, RefusalReason::timestamp_outside_tolerance);
  EXPECT_NE(future.error().message.find("future"), std::string::npos);
}

TEST(StandardWebhooksSignature, OneValidSignatureAmongSeveralIsEnough) {
  const std::string wrong_v1 = "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=";
  const std::string v1a =
      "v1a,hnO3f9T8Ytu9HwrXslvumlUpqtNVqkhqw/enGzPCXe5BdqzCInXqYXFymVJaA7AZdpXwVLPo3mNl8EM+m7TBAg==";
  EXPECT_TRUE(verify(vector_body(), headers_with(wrong_v1 + " " + v1a + " " + k_signature)));
  EXPECT_TRUE(verify(vector_body(), headers_with(k_signature + " " + wrong_v1)));
  EXPECT_TRUE(verify(vector_body(), headers_with("v1,not-base64 " + k_signature)));
  EXPECT_EQ(verify(vector_body(), headers_with(wrong_v1 + " " + v1a)).error().reason,
            RefusalReason::signature_mismatch);
}

TEST(StandardWebhooksSignature, OtherVersionsAreIgnored) {
  // The v1a value carries the v1 tag: it must still not count, since it is not a v1 signature.
  const auto check = verify(vector_body(), headers_with("v1a,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
  ASSERT_FALSE(check);
  EXPECT_EQ(check.error().reason, RefusalReason::malformed_header);
}

TEST(StandardWebhooksSignature, MalformedHeadersAreRefusedAsSuch) {
  for (const std::string signature : {"", "v1", "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", "v1,",
                                      "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE"}) {
    const auto check = verify(vector_body(), headers_with(signature));
    ASSERT_FALSE(check) << signature;
    EXPECT_EQ(check.error().reason, RefusalReason::malformed_header) << signature;
  }
  for (const std::string timestamp : {"", "16142653a0", "-1614265330", "+1614265330", "1614265330.0", "1e9"}) {
    const auto check = verify(vector_body(), headers_with(k_signature, timestamp));
    ASSERT_FALSE(check) << timestamp;
    EXPECT_EQ(check.error().reason, RefusalReason::malformed_header) << timestamp;
  }
}

TEST(StandardWebhooksSignature, EachMissingHeaderIsNamed) {
  for (const char* missing : {"webhook-id", "webhook-timestamp", "webhook-signature"}) {
    WebhookHeaders headers;
    if (std::string(missing) != "webhook-id") headers.add("webhook-id", k_id);
    if (std::string(missing) != "webhook-timestamp") headers.add("webhook-timestamp", std::to_string(k_timestamp));
    if (std::string(missing) != "webhook-signature") headers.add("webhook-signature", k_signature);
    const auto check = verify(vector_body(), headers);
    ASSERT_FALSE(check) << missing;
    EXPECT_EQ(check.error().reason, RefusalReason::missing_header) << missing;
    EXPECT_NE(check.error().message.find(missing), std::string::npos) << check.error().message;
  }
}

TEST(StandardWebhooksSignature, AConnectorWithoutAValidSecretRefusesEverything) {
  EXPECT_EQ(verify(vector_body(), headers_with(k_signature), {}).error().reason, RefusalReason::no_usable_secret);
  EXPECT_EQ(verify(vector_body(), headers_with(k_signature), {"whsec_", "not base64"}).error().reason,
            RefusalReason::no_usable_secret);
}

}  // namespace standard_webhooks_signature_test
}  // namespace snag::ats
