#include <gtest/gtest.h>

#include <optional>
#include <string>

#include <snag/util/crypto.hpp>
#include <snag/util/jwt.hpp>

namespace snag::jwt {
namespace jwt_test {

const std::string k_key = "0123456789abcdef0123456789abcdef";
constexpr std::int64_t k_now = 1'800'000'000;

// Builds a token from raw header and payload text, correctly signed, to reach the checks that
// come after the signature with inputs sign_hs256 would never produce.
std::string signed_token(std::string_view header, std::string_view payload, std::string_view key = k_key) {
  std::string signing_input = base64url_encode(header) + "." + base64url_encode(payload);
  return signing_input + "." + base64url_encode(hmac_sha256(key, signing_input));
}

std::string unsigned_token(std::string_view header, std::string_view payload, std::string_view signature) {
  return base64url_encode(header) + "." + base64url_encode(payload) + "." + std::string(signature);
}

// Empty when the token is accepted, so that EXPECT_EQ shows which refusal came instead.
std::optional<Refusal> refusal_of(std::string_view token, std::int64_t now = k_now, std::string_view key = k_key) {
  const auto verified = verify_hs256(token, key, now);
  if (verified) return std::nullopt;
  return verified.error();
}

Claims some_claims() {
  Claims claims;
  claims.subject = "user:42";
  claims.scope = "tickets:read tickets:write";
  claims.issued_at = k_now - 10;
  claims.expires_at = k_now + 600;
  claims.id = "token-1";
  claims.extra = {{"iss", "snag"}, {"aud", {"api"}}};
  return claims;
}

TEST(Jwt, SignThenVerifyRoundTrips) {
  const Claims claims = some_claims();
  const std::string token = sign_hs256(claims, k_key);
  const auto verified = verify_hs256(token, k_key, k_now);
  ASSERT_TRUE(verified) << to_string(verified.error());
  EXPECT_EQ(verified->subject, claims.subject);
  EXPECT_EQ(verified->scope, claims.scope);
  EXPECT_EQ(verified->issued_at, claims.issued_at);
  EXPECT_EQ(verified->expires_at, claims.expires_at);
  EXPECT_EQ(verified->id, claims.id);
  EXPECT_EQ(verified->extra, claims.extra);
}

TEST(Jwt, SignsWithTheFixedHeader) {
  const std::string token = sign_hs256(some_claims(), k_key);
  EXPECT_EQ(base64url_decode(token.substr(0, token.find('.'))), R"({"alg":"HS256","typ":"JWT"})");
}

TEST(Jwt, EmptyOptionalClaimsAreLeftOutAndReadBackEmpty) {
  Claims claims;
  claims.expires_at = k_now + 1;
  const std::string token = sign_hs256(claims, k_key);
  const auto payload = nlohmann::json::parse(
      *base64url_decode(token.substr(token.find('.') + 1, token.rfind('.') - token.find('.') - 1)));
  EXPECT_EQ(payload, (nlohmann::json{{"exp", k_now + 1}, {"iat", 0}}));
  const auto verified = verify_hs256(token, k_key, k_now);
  ASSERT_TRUE(verified);
  EXPECT_EQ(verified->subject, "");
  EXPECT_EQ(verified->extra, nlohmann::json::object());
}

TEST(Jwt, VerifiesTheRfc7515AppendixA1Example) {
  const std::string token =
      "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
      ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
      ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  const auto key =
      base64url_decode("AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow");
  ASSERT_TRUE(key);
  const auto verified = verify_hs256(token, *key, 1300819379);
  ASSERT_TRUE(verified) << to_string(verified.error());
  EXPECT_EQ(verified->expires_at, 1300819380);
  EXPECT_EQ(verified->extra, (nlohmann::json{{"iss", "joe"}, {"http://example.com/is_root", true}}));
  // Its header has CRLF and spaces: the signature holds only because the bytes are used as received.
  EXPECT_EQ(refusal_of(token, 1300819380, *key), Refusal::expired);
}

TEST(Jwt, RefusesAlgNoneWithOrWithoutASignature) {
  const std::string payload = R"({"sub":"admin","exp":1900000000})";
  EXPECT_EQ(refusal_of(unsigned_token(R"({"alg":"none","typ":"JWT"})", payload, "")), Refusal::unsupported_algorithm);
  EXPECT_EQ(refusal_of(unsigned_token(R"({"alg":"none"})", payload, "")), Refusal::unsupported_algorithm);
  EXPECT_EQ(refusal_of(signed_token(R"({"alg":"none"})", payload)), Refusal::unsupported_algorithm);
  EXPECT_EQ(refusal_of(unsigned_token(R"({"alg":"None"})", payload, "c2ln")), Refusal::unsupported_algorithm);
}

TEST(Jwt, RefusesEveryOtherAlgorithm) {
  const std::string payload = R"({"exp":1900000000})";
  for (const char* header : {R"({"alg":"HS512","typ":"JWT"})", R"({"alg":"RS256","typ":"JWT"})", R"({"alg":"hs256"})",
                             R"({"alg":"HS256 "})", R"({"alg":["HS256"]})", R"({"alg":256})", R"({"alg":null})"}) {
    EXPECT_EQ(refusal_of(signed_token(header, payload)), Refusal::unsupported_algorithm) << header;
  }
}

TEST(Jwt, RefusesAHeaderWithoutAlg) {
  EXPECT_EQ(refusal_of(signed_token(R"({"typ":"JWT"})", R"({"exp":1900000000})")), Refusal::unsupported_algorithm);
  EXPECT_EQ(refusal_of(signed_token(R"({})", R"({"exp":1900000000})")), Refusal::unsupported_algorithm);
}

TEST(Jwt, RefusesAnotherTypAndAnyCrit) {
  const std::string payload = R"({"exp":1900000000})";
  EXPECT_TRUE(verify_hs256(signed_token(R"({"alg":"HS256"})", payload), k_key, k_now));
  for (const char* header : {R"({"alg":"HS256","typ":"at+jwt"})", R"({"alg":"HS256","typ":1})",
                             R"({"alg":"HS256","crit":["exp"],"exp":1})"}) {
    EXPECT_EQ(refusal_of(signed_token(header, payload)), Refusal::malformed) << header;
  }
}

TEST(Jwt, RefusesATamperedPayload) {
  const std::string token = sign_hs256(some_claims(), k_key);
  const auto first_dot = token.find('.');
  const auto second_dot = token.rfind('.');
  Claims forged = some_claims();
  forged.scope = "admin";
  const std::string forged_payload = sign_hs256(forged, "another key").substr(first_dot + 1);
  const std::string tampered =
      token.substr(0, first_dot + 1) + forged_payload.substr(0, forged_payload.find('.')) + token.substr(second_dot);
  EXPECT_EQ(refusal_of(tampered), Refusal::bad_signature);
}

TEST(Jwt, RefusesATamperedSignature) {
  std::string token = sign_hs256(some_claims(), k_key);
  // The first character of the signature carries six whole bits, so changing it stays canonical.
  char& first = token[token.rfind('.') + 1];
  first = first == 'A' ? 'B' : 'A';
  EXPECT_EQ(refusal_of(token), Refusal::bad_signature);

  const std::string valid = sign_hs256(some_claims(), k_key);
  EXPECT_EQ(refusal_of(valid.substr(0, valid.rfind('.') + 1)), Refusal::bad_signature);  // empty signature
  // 43 characters cut to 40 decode to 30 bytes: well-formed, but the tag is short.
  EXPECT_EQ(refusal_of(valid.substr(0, valid.size() - 3)), Refusal::bad_signature);
}

TEST(Jwt, RefusesTheWrongKey) {
  EXPECT_EQ(refusal_of(sign_hs256(some_claims(), k_key), k_now, "another key"), Refusal::bad_signature);
  EXPECT_EQ(refusal_of(sign_hs256(some_claims(), k_key), k_now, ""), Refusal::bad_signature);
}

TEST(Jwt, ExpiresExactlyAtExp) {
  Claims claims = some_claims();
  const std::string token = sign_hs256(claims, k_key);
  EXPECT_TRUE(verify_hs256(token, k_key, claims.expires_at - 1));
  EXPECT_EQ(refusal_of(token, claims.expires_at), Refusal::expired);
  EXPECT_EQ(refusal_of(token, claims.expires_at + 1000), Refusal::expired);
}

TEST(Jwt, LeewayExtendsExpiryAndNeverOverflows) {
  const std::string token = sign_hs256(some_claims(), k_key);
  const std::int64_t exp = some_claims().expires_at;
  EXPECT_TRUE(verify_hs256(token, k_key, exp + 29, 30));
  EXPECT_FALSE(verify_hs256(token, k_key, exp + 30, 30));
  EXPECT_FALSE(verify_hs256(token, k_key, exp, -30));  // a negative leeway counts as none

  const std::string far_future = signed_token(R"({"alg":"HS256"})", R"({"exp":9223372036854775807})");
  EXPECT_TRUE(verify_hs256(far_future, k_key, k_now, 9223372036854775807));
}

TEST(Jwt, HonoursNotBefore) {
  Claims claims = some_claims();
  claims.extra["nbf"] = k_now + 60;
  const std::string token = sign_hs256(claims, k_key);
  EXPECT_EQ(refusal_of(token, k_now), Refusal::not_yet_valid);
  EXPECT_EQ(refusal_of(token, k_now + 59), Refusal::not_yet_valid);
  EXPECT_TRUE(verify_hs256(token, k_key, k_now + 60));
  EXPECT_TRUE(verify_hs256(token, k_key, k_now, 60));
  const auto verified = verify_hs256(token, k_key, k_now + 60);
  ASSERT_TRUE(verified);
  EXPECT_EQ(verified->extra["nbf"], k_now + 60);
}

TEST(Jwt, ReadsFractionalNumericDatesOnTheStrictSide) {
  // exp 1800000000.9 counts as 1800000000 and nbf 1799999998.1 as 1799999999.
  const std::string token = signed_token(R"({"alg":"HS256"})", R"({"exp":1800000000.9,"nbf":1799999998.1})");
  EXPECT_EQ(refusal_of(token, k_now - 2), Refusal::not_yet_valid);
  EXPECT_EQ(refusal_of(token, k_now - 1), std::nullopt);
  EXPECT_EQ(refusal_of(token, k_now), Refusal::expired);
}

TEST(Jwt, RefusesTheWrongNumberOfSegments) {
  const std::string token = sign_hs256(some_claims(), k_key);
  EXPECT_EQ(refusal_of(token.substr(0, token.rfind('.'))), Refusal::malformed);
  EXPECT_EQ(refusal_of(token + ".c2ln"), Refusal::malformed);
  EXPECT_EQ(refusal_of(token + "."), Refusal::malformed);
  EXPECT_EQ(refusal_of(""), Refusal::malformed);
  EXPECT_EQ(refusal_of(".."), Refusal::malformed);
  EXPECT_EQ(refusal_of("not a token"), Refusal::malformed);
}

TEST(Jwt, RefusesPaddingAndCharactersOutsideBase64Url) {
  // {"alg":"HS256"} is 15 bytes, so its standard encoding ends in one '='.
  const std::string padded_header = base64url_encode(R"({"alg":"HS256"})") + "=";
  const std::string payload = base64url_encode(R"({"exp":1900000000})");
  EXPECT_EQ(refusal_of(padded_header + "." + payload + ".c2ln"), Refusal::malformed);

  const std::string token = sign_hs256(some_claims(), k_key);
  EXPECT_EQ(refusal_of(token + "="), Refusal::malformed);
  for (const char foreign : {'+', '/', '*', ' ', '\n', '\0'}) {
    std::string spoiled = token;
    spoiled[token.find('.') + 3] = foreign;
    EXPECT_EQ(refusal_of(spoiled), Refusal::malformed) << static_cast<int>(foreign);
  }
}

TEST(Jwt, RefusesAHeaderThatIsNotAJsonObject) {
  const std::string payload = R"({"exp":1900000000})";
  for (const char* header : {"alg=HS256", R"({"alg":"HS256")", R"(["alg","HS256"])", R"("HS256")", "", "null"}) {
    EXPECT_EQ(refusal_of(signed_token(header, payload)), Refusal::malformed) << header;
  }
}

TEST(Jwt, RefusesAPayloadThatIsNotAJsonObject) {
  for (const char* payload : {R"([{"exp":1900000000}])", "1900000000", R"({"exp":1900000000)", "", "\xff\xfe"}) {
    EXPECT_EQ(refusal_of(signed_token(R"({"alg":"HS256"})", payload)), Refusal::malformed) << payload;
  }
}

TEST(Jwt, RefusesClaimsOfTheWrongType) {
  for (const char* payload :
       {R"({"exp":"1900000000"})", R"({})", R"({"exp":null})", R"({"exp":1900000000,"nbf":"0"})",
        R"({"exp":1900000000,"iat":true})", R"({"exp":1900000000,"sub":42})", R"({"exp":1900000000,"scope":["a"]})",
        R"({"exp":1900000000,"jti":{}})", R"({"exp":18446744073709551615})", R"({"exp":1e300})"}) {
    EXPECT_EQ(refusal_of(signed_token(R"({"alg":"HS256"})", payload)), Refusal::malformed) << payload;
  }
}

TEST(Jwt, RefusesAMalformedButExpiredTokenAsMalformed) {
  EXPECT_EQ(refusal_of(signed_token(R"({"alg":"HS256"})", R"({"exp":1,"sub":42})")), Refusal::malformed);
}

TEST(Jwt, RefusesOversizeTokens) {
  Claims claims = some_claims();
  claims.extra["padding"] = std::string(k_max_token_bytes, 'x');
  EXPECT_EQ(refusal_of(sign_hs256(claims, k_key)), Refusal::malformed);

  // Just under the cap still verifies: the limit is on the token, not on its payload.
  claims.extra["padding"] = "";
  const std::size_t room = k_max_token_bytes - sign_hs256(claims, k_key).size();
  claims.extra["padding"] = std::string(room / 4 * 3, 'x');
  const std::string largest = sign_hs256(claims, k_key);
  ASSERT_LE(largest.size(), k_max_token_bytes);
  EXPECT_TRUE(verify_hs256(largest, k_key, k_now));
}

TEST(Jwt, SurvivesDeeplyNestedJson) {
  const std::string nested = R"({"exp":1900000000,"x":)" + std::string(5000, '[') + std::string(5000, ']') + "}";
  EXPECT_EQ(refusal_of(signed_token(R"({"alg":"HS256"})", nested)), Refusal::malformed);  // over the cap
  const std::string smaller = R"({"exp":1900000000,"x":)" + std::string(2500, '[') + std::string(2500, ']') + "}";
  EXPECT_TRUE(verify_hs256(signed_token(R"({"alg":"HS256"})", smaller), k_key, k_now));
}

TEST(Jwt, NamesEveryRefusal) {
  EXPECT_EQ(to_string(Refusal::malformed), "malformed");
  EXPECT_EQ(to_string(Refusal::unsupported_algorithm), "unsupported_algorithm");
  EXPECT_EQ(to_string(Refusal::bad_signature), "bad_signature");
  EXPECT_EQ(to_string(Refusal::expired), "expired");
  EXPECT_EQ(to_string(Refusal::not_yet_valid), "not_yet_valid");
}

}  // namespace jwt_test
}  // namespace snag::jwt
