// POST /oauth/token over the Api: RFC 6749 §4.4 (client credentials) and its §5.2 errors, then
// the token as a bearer on the API.

#include "test_actor.hpp"
#include "api_fixture.hpp"
#include <gtest/gtest.h>

#include <snag/util/crypto.hpp>

namespace snag::http {
namespace oauth_test {

using nlohmann::json;

std::string header(const HttpResponse& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return {};
}

// Standard, padded base64 (RFC 4648 §4), as HTTP Basic uses it.
std::string base64(std::string_view bytes) {
  std::string text = base64url_encode(bytes);
  for (auto& c : text) {
    if (c == '-') c = '+';
    if (c == '_') c = '/';
  }
  while (text.size() % 4 != 0) text += '=';
  return text;
}

std::string basic(std::string_view id, std::string_view secret) {
  return "Basic " + base64(std::string(id) + ":" + std::string(secret));
}

class OAuthToken : public ::testing::Test {
 protected:
  void SetUp() override {
    auto issued = fixture.services().tokens.create_client(testing::test_admin(), 
        NewOAuthClient{"greenhouse-sync", "recruiter", "recruitment", std::nullopt});
    ASSERT_TRUE(issued) << issued.error().message;
    client = *issued;
  }

  // POST /oauth/token with the body and headers as given.
  HttpResponse post(std::string body, std::string authorization = {},
                    std::string content_type = "application/x-www-form-urlencoded") {
    m_body = std::move(body);
    m_authorization = std::move(authorization);
    m_content_type = std::move(content_type);
    HttpRequest request;
    request.method = HttpMethod::post;
    request.method_text = "POST";
    request.path = "/oauth/token";
    request.body = m_body;
    request.content_type = m_content_type;
    request.authorization = m_authorization;
    request.request_id = "test-oauth";
    return fixture.api().handle(request);
  }

  HttpResponse post_basic(std::string body) {
    return post(std::move(body), basic(client.record.client_id, client.secret));
  }

  // Checks an RFC 6749 §5.2 error and returns its body.
  json expect_error(const HttpResponse& response, unsigned status, std::string_view error) {
    EXPECT_EQ(response.status, status) << response.body;
    EXPECT_EQ(response.content_type, "application/json");
    EXPECT_EQ(header(response, "Cache-Control"), "no-store");
    EXPECT_EQ(header(response, "Pragma"), "no-cache");
    const auto body = json::parse(response.body);
    EXPECT_EQ(body["error"], error) << response.body;
    EXPECT_TRUE(body["error_description"].is_string()) << response.body;
    return body;
  }

  std::string token_of(const HttpResponse& response) {
    EXPECT_EQ(response.status, 200U) << response.body;
    return json::parse(response.body).value("access_token", "");
  }

  testing::ApiFixture fixture;
  IssuedOAuthClient client;

 private:
  std::string m_body;
  std::string m_authorization;
  std::string m_content_type;
};

TEST_F(OAuthToken, IssuesATokenToAClientAuthenticatedWithBasic) {
  const auto response = post_basic("grant_type=client_credentials");
  ASSERT_EQ(response.status, 200U) << response.body;
  EXPECT_EQ(response.content_type, "application/json");
  EXPECT_EQ(header(response, "Cache-Control"), "no-store");
  EXPECT_EQ(header(response, "Pragma"), "no-cache");
  const auto body = json::parse(response.body);
  EXPECT_TRUE(looks_like_jwt(body["access_token"].get<std::string>()));
  EXPECT_EQ(body["token_type"], "Bearer");
  EXPECT_EQ(body["expires_in"], 900);
  EXPECT_EQ(body["scope"],
            "candidates:read candidates:write incidents:read pii:read reports:read tickets:read tickets:transition tickets:write");
}

TEST_F(OAuthToken, DecodesTheFormEncodingInsideBasic) {
  // RFC 6749 §2.3.1: id and secret are form-encoded before base64, so %5F is an underscore.
  std::string id = client.record.client_id;
  for (std::size_t at = id.find('_'); at != std::string::npos; at = id.find('_', at)) id.replace(at, 1, "%5F");
  EXPECT_EQ(post("grant_type=client_credentials", basic(id, client.secret)).status, 200U);
  EXPECT_EQ(
      post("grant_type=client_credentials", "basic " + base64(client.record.client_id + ":" + client.secret)).status,
      200U);
}

TEST_F(OAuthToken, IssuesATokenToAClientAuthenticatedInTheForm) {
  const auto response = post("grant_type=client_credentials&client_id=" + client.record.client_id +
                             "&client_secret=" + client.secret + "&scope=tickets%3Aread+candidates:read");
  ASSERT_EQ(response.status, 200U) << response.body;
  EXPECT_EQ(json::parse(response.body)["scope"], "candidates:read tickets:read");
  EXPECT_EQ(header(response, "Cache-Control"), "no-store");
}

TEST_F(OAuthToken, AcceptsTheSameClientIdInTheFormBesideBasic) {
  EXPECT_EQ(post_basic("grant_type=client_credentials&client_id=" + client.record.client_id).status, 200U);
  expect_error(post_basic("grant_type=client_credentials&client_id=snag_client_other"), 400, "invalid_request");
}

TEST_F(OAuthToken, RefusesCredentialsSentTwice) {
  expect_error(post_basic("grant_type=client_credentials&client_id=" + client.record.client_id +
                          "&client_secret=" + client.secret),
               400, "invalid_request");
}

TEST_F(OAuthToken, NeedsTheClientCredentialsGrant) {
  expect_error(post_basic(""), 400, "invalid_request");
  expect_error(post_basic("scope=tickets:read"), 400, "invalid_request");
  expect_error(post_basic("grant_type="), 400, "invalid_request");
  expect_error(post_basic("grant_type=password&username=a&password=b"), 400, "unsupported_grant_type");
  expect_error(post_basic("grant_type=authorization_code&code=x"), 400, "unsupported_grant_type");
}

TEST_F(OAuthToken, RefusesARepeatedParameterOrABadEscape) {
  expect_error(post_basic("grant_type=client_credentials&grant_type=client_credentials"), 400, "invalid_request");
  expect_error(post_basic("grant_type=client_credentials&scope=%zz"), 400, "invalid_request");
  // Unknown parameters are ignored (RFC 6749 §3.2).
  EXPECT_EQ(post_basic("grant_type=client_credentials&audience=x").status, 200U);
}

TEST_F(OAuthToken, NeedsAFormBody) {
  expect_error(post(R"({"grant_type": "client_credentials"})", basic(client.record.client_id, client.secret),
                    "application/json"),
               400, "invalid_request");
  expect_error(post("grant_type=client_credentials", basic(client.record.client_id, client.secret), ""), 400,
               "invalid_request");
  EXPECT_EQ(post("grant_type=client_credentials", basic(client.record.client_id, client.secret),
                 "Application/X-WWW-Form-Urlencoded; charset=UTF-8")
                .status,
            200U);
}

TEST_F(OAuthToken, AnswersABadSecretWith401AndABasicChallenge) {
  const auto response = post("grant_type=client_credentials", basic(client.record.client_id, "wrong"));
  expect_error(response, 401, "invalid_client");
  EXPECT_EQ(header(response, "WWW-Authenticate"), "Basic realm=\"snag\"");

  const auto unknown = post("grant_type=client_credentials", basic("snag_client_nobody", client.secret));
  expect_error(unknown, 401, "invalid_client");

  const auto in_form =
      post("grant_type=client_credentials&client_id=" + client.record.client_id + "&client_secret=wrong");
  expect_error(in_form, 401, "invalid_client");
  EXPECT_EQ(header(in_form, "WWW-Authenticate"), "Basic realm=\"snag\"");
}

TEST_F(OAuthToken, AnswersMissingOrUnusableClientAuthenticationWithInvalidClient) {
  expect_error(post("grant_type=client_credentials"), 401, "invalid_client");
  expect_error(post("grant_type=client_credentials&client_id=" + client.record.client_id), 401, "invalid_client");
  expect_error(post("grant_type=client_credentials", "Basic not*base64"), 401, "invalid_client");
  expect_error(post("grant_type=client_credentials", "Basic " + base64("no-colon")), 401, "invalid_client");
  expect_error(post("grant_type=client_credentials", "Bearer " + client.secret), 401, "invalid_client");
}

TEST_F(OAuthToken, RefusesAScopeTheClientMayNotHave) {
  const auto body =
      expect_error(post_basic("grant_type=client_credentials&scope=tickets:read+keys:admin"), 400, "invalid_scope");
  EXPECT_NE(body["error_description"].get<std::string>().find("keys:admin"), std::string::npos);
  // What is echoed stays within error_description's characters (RFC 6749 §5.2).
  const auto odd = expect_error(post_basic("grant_type=client_credentials&scope=%22%5C%C3%A9"), 400, "invalid_scope");
  for (const char c : odd["error_description"].get<std::string>()) {
    const auto u = static_cast<unsigned char>(c);
    EXPECT_TRUE(u >= 0x20 && u <= 0x7e && c != '"' && c != '\\') << odd["error_description"];
  }
}

TEST_F(OAuthToken, TheTokenIsABearerForTheApi) {
  const auto token = token_of(post_basic("grant_type=client_credentials"));
  const auto listed = fixture.send(HttpMethod::get, "/api/v1/tickets", {}, {}, "Bearer " + token);
  EXPECT_EQ(listed.status, 200U) << listed.body;
  const auto created = fixture.send(HttpMethod::post, "/api/v1/tickets",
                                    R"({"type": "document_missing", "title": "No visa copy", "team": "recruitment"})",
                                    {}, "Bearer " + token);
  ASSERT_EQ(created.status, 201U) << created.body;

  // The signature covers the scope: editing the payload breaks the token.
  const auto first_dot = token.find('.');
  const auto second_dot = token.find('.', first_dot + 1);
  auto payload = json::parse(*base64url_decode(token.substr(first_dot + 1, second_dot - first_dot - 1)));
  payload["scope"] = "tickets:read keys:admin";
  const auto tampered = token.substr(0, first_dot + 1) + base64url_encode(payload.dump()) + token.substr(second_dot);
  const auto refused = fixture.send(HttpMethod::get, "/api/v1/tickets", {}, {}, "Bearer " + tampered);
  EXPECT_EQ(refused.status, 401U) << refused.body;
  EXPECT_EQ(refused.content_type, "application/problem+json");
}

TEST_F(OAuthToken, ANarrowTokenMayOnlyDoWhatItsScopeSays) {
  const auto token = token_of(post_basic("grant_type=client_credentials&scope=tickets:read"));
  EXPECT_EQ(fixture.send(HttpMethod::get, "/api/v1/tickets", {}, {}, "Bearer " + token).status, 200U);
  const auto created =
      fixture.send(HttpMethod::post, "/api/v1/tickets", R"({"type": "other", "title": "t"})", {}, "Bearer " + token);
  EXPECT_EQ(created.status, 403U) << created.body;
}

TEST_F(OAuthToken, AnExpiredTokenIsRefused) {
  const auto token = token_of(post_basic("grant_type=client_credentials"));
  fixture.clock().advance(std::chrono::seconds(900));
  EXPECT_EQ(fixture.send(HttpMethod::get, "/api/v1/tickets", {}, {}, "Bearer " + token).status, 401U);
}

TEST_F(OAuthToken, OnlyPostIsAnswered) {
  EXPECT_EQ(fixture.send(HttpMethod::get, "/oauth/token", {}, {}, std::string_view{}).status, 405U);
}

TEST_F(OAuthToken, TheOpenApiDocumentDescribesTheFormAndTheOAuthErrors) {
  const auto doc = json::parse(fixture.api().openapi_document());
  const auto& operation = doc["paths"]["/oauth/token"]["post"];
  EXPECT_EQ(operation["operationId"], "issueToken");
  EXPECT_TRUE(operation["security"].empty());
  EXPECT_EQ(operation["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"]["$ref"],
            "#/components/schemas/TokenRequest");
  EXPECT_EQ(operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/TokenResponse");
  for (const auto status : {"400", "401"}) {
    EXPECT_EQ(operation["responses"][status]["content"]["application/json"]["schema"]["$ref"],
              "#/components/schemas/OAuthError")
        << status;
  }
  EXPECT_EQ(doc["paths"]["/api/v1/tickets"]["post"]["responses"]["400"]["content"]["application/problem+json"]["schema"]
               ["$ref"],
            "#/components/schemas/Problem");
}

}  // namespace oauth_test
}  // namespace snag::http
