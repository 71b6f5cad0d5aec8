// /api/v1/session: sign-in with a cookie, CSRF on cookie writes, sign-out, throttling.

#include <algorithm>
#include <set>

#include "test_actor.hpp"
#include "api_fixture.hpp"
#include <gtest/gtest.h>

namespace snag::http {
namespace session_test {

using nlohmann::json;

constexpr std::string_view k_password = "correct horse battery";
const std::string k_ticket = R"({"type": "document_missing", "title": "No visa copy", "team": "recruitment"})";

std::string header(const HttpResponse& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return {};
}

// What a browser sends: no Authorization, maybe the cookie and the CSRF header.
struct BrowserRequest {
  HttpMethod method = HttpMethod::get;
  std::string path{};
  std::string body{};
  std::string cookie{};
  std::string csrf_token{};
  std::string authorization{};
  std::string address = "192.0.2.10";
  std::string forwarded_proto{};
};

class SessionApiTest : public ::testing::Test {
 protected:
  SessionApiTest() {
    auto created = fixture.services().sessions.create_user(testing::test_admin(), 
        NewUser{"alice", "Alice Martin", "recruiter", "recruitment", std::string(k_password), std::nullopt});
    if (!created) throw std::runtime_error(created.error().message);
  }

  HttpResponse send(const BrowserRequest& browser) {
    HttpRequest request;
    request.method = browser.method;
    request.method_text = to_string(browser.method);
    const auto question = browser.path.find('?');
    request.path = std::string_view(browser.path).substr(0, question);
    if (question != std::string::npos) request.query = std::string_view(browser.path).substr(question + 1);
    request.body = browser.body;
    if (!browser.body.empty()) request.content_type = "application/json";
    request.cookie = browser.cookie;
    request.csrf_token = browser.csrf_token;
    request.authorization = browser.authorization;
    request.remote_address = browser.address;
    request.forwarded_proto = browser.forwarded_proto;
    request.request_id = "test-1";
    return fixture.api().handle(request);
  }

  HttpResponse login(std::string_view username, std::string_view password, std::string address = "192.0.2.10") {
    return send({.method = HttpMethod::post,
                 .path = "/api/v1/session",
                 .body = json{{"username", username}, {"password", password}}.dump(),
                 .address = std::move(address)});
  }

  struct Session {
    std::string cookie;  // "snag_session=…", as the browser sends it back
    std::string csrf_token;
  };

  Session sign_in() {
    const auto response = login("alice", k_password);
    EXPECT_EQ(response.status, 200u) << response.body;
    const auto set_cookie = header(response, "Set-Cookie");
    return Session{set_cookie.substr(0, set_cookie.find(';')), json::parse(response.body).value("csrf_token", "")};
  }

  testing::ApiFixture fixture;
};

TEST_F(SessionApiTest, BehindATlsProxyTheCookieIsSecure) {
  const auto response = send({.method = HttpMethod::post,
                              .path = "/api/v1/session",
                              .body = json{{"username", "alice"}, {"password", k_password}}.dump(),
                              .forwarded_proto = "https"});
  ASSERT_EQ(response.status, 200u) << response.body;
  EXPECT_NE(header(response, "Set-Cookie").find("; Secure"), std::string::npos) << header(response, "Set-Cookie");
}

TEST_F(SessionApiTest, LoginSetsAnHttpOnlySameSiteCookieAndAnswersTheUserAndCsrfToken) {
  const auto response = login("alice", k_password);
  ASSERT_EQ(response.status, 200u) << response.body;
  const auto set_cookie = header(response, "Set-Cookie");
  EXPECT_TRUE(set_cookie.starts_with("snag_session=")) << set_cookie;
  EXPECT_NE(set_cookie.find("; Path=/"), std::string::npos) << set_cookie;
  EXPECT_NE(set_cookie.find("; HttpOnly"), std::string::npos) << set_cookie;
  EXPECT_NE(set_cookie.find("; SameSite=Lax"), std::string::npos) << set_cookie;
  EXPECT_NE(set_cookie.find("; Max-Age=43200"), std::string::npos) << set_cookie;  // 12 h
  EXPECT_EQ(set_cookie.find("Secure"), std::string::npos) << set_cookie;           // plain HTTP
  EXPECT_GT(set_cookie.find(';'), std::string("snag_session=").size() + 40);
  EXPECT_EQ(header(response, "Cache-Control"), "no-store");

  auto body = json::parse(response.body);
  // The role's permissions, so that the web app offers only what the API allows.
  const auto permissions = body["user"]["permissions"].get<std::vector<std::string>>();
  EXPECT_NE(std::find(permissions.begin(), permissions.end(), "tickets:write"), permissions.end());
  EXPECT_EQ(std::find(permissions.begin(), permissions.end(), "keys:admin"), permissions.end());
  body["user"].erase("permissions");
  EXPECT_EQ(body["user"], (json{{"username", "alice"},
                                {"display_name", "Alice Martin"},
                                {"role", "recruiter"},
                                {"team", "recruitment"},
                                {"default_view", nullptr}}));  // the fixture configures no views
  EXPECT_GE(body["csrf_token"].get<std::string>().size(), 43u);
  EXPECT_EQ(body["expires_at"], format_rfc3339(fixture.clock().now() + std::chrono::hours(12)));
  // The token is in the cookie only.
  EXPECT_EQ(response.body.find(set_cookie.substr(13, set_cookie.find(';') - 13)), std::string::npos);
}

TEST_F(SessionApiTest, TheCookieAloneReadsTickets) {
  const auto session = sign_in();
  const auto listed = send({.path = "/api/v1/tickets", .cookie = "theme=dark; " + session.cookie});
  EXPECT_EQ(listed.status, 200u) << listed.body;
  EXPECT_EQ(send({.path = "/api/v1/tickets"}).status, 401u);
  EXPECT_EQ(send({.path = "/api/v1/tickets", .cookie = "snag_session=forged"}).status, 401u);
}

TEST_F(SessionApiTest, TheAccessLogRecordsAViewThroughTheApiAndOneThroughTheSessionButNotARepeat) {
  const auto admin = fixture.bearer_for("ops-admin", "admin");
  const auto created = send({.method = HttpMethod::post,
                             .path = "/api/v1/tickets",
                             .body = json{{"type", "resume_parse_failure"},
                                          {"title", "Parser lost the phone"},
                                          {"team", "recruitment"},
                                          {"candidate", {{"ats", "greenhouse"}, {"external_id", "c-1"}}}}
                                         .dump(),
                             .authorization = admin});
  ASSERT_EQ(created.status, 201u) << created.body;
  const std::string key = json::parse(created.body)["key"];
  EXPECT_EQ(send({.path = "/api/v1/tickets/" + key, .authorization = admin}).status, 200u);
  // The same person's repeat within the view window (15 minutes by default) is not logged again.
  EXPECT_EQ(send({.path = "/api/v1/tickets/" + key, .authorization = admin}).status, 200u);
  const auto session = sign_in();
  EXPECT_EQ(send({.path = "/api/v1/tickets/" + key, .cookie = session.cookie, .address = "198.51.100.7"}).status, 200u);
  fixture.services().recorder.flush();

  const auto auditor = fixture.bearer_for("auditor", "compliance");
  const auto log = send({.path = "/api/v1/access-log?action=view&ticket=" + key, .authorization = auditor});
  ASSERT_EQ(log.status, 200u) << log.body;
  const auto items = json::parse(log.body)["items"];
  ASSERT_EQ(items.size(), 2u) << log.body;
  // Newest first: the session's view, then the API key's.
  EXPECT_EQ(items[0]["actor"], "alice");
  EXPECT_TRUE(items[0]["credential"].get<std::string>().starts_with("session:")) << items[0];
  EXPECT_EQ(items[0]["address"], "198.51.100.7");
  EXPECT_EQ(items[0]["object"], "ticket:" + key);
  EXPECT_EQ(items[0]["candidate"], "greenhouse:c-1");
  EXPECT_EQ(items[1]["actor"], "ops-admin");
  EXPECT_TRUE(items[1]["credential"].get<std::string>().starts_with("key:")) << items[1];
  // The creation is logged as an edit; a recruiter may not read the log.
  const auto edits = send({.path = "/api/v1/access-log?action=edit&ticket=" + key, .authorization = auditor});
  EXPECT_EQ(json::parse(edits.body)["items"].size(), 1u) << edits.body;
  EXPECT_EQ(send({.path = "/api/v1/access-log", .cookie = session.cookie}).status, 403u);
}

TEST_F(SessionApiTest, ACookieWriteNeedsTheCsrfToken) {
  const auto session = sign_in();
  const auto without =
      send({.method = HttpMethod::post, .path = "/api/v1/tickets", .body = k_ticket, .cookie = session.cookie});
  EXPECT_EQ(without.status, 403u) << without.body;
  EXPECT_NE(json::parse(without.body)["detail"].get<std::string>().find("X-CSRF-Token"), std::string::npos);
  const auto wrong = send({.method = HttpMethod::post,
                           .path = "/api/v1/tickets",
                           .body = k_ticket,
                           .cookie = session.cookie,
                           .csrf_token = "not-the-token"});
  EXPECT_EQ(wrong.status, 403u) << wrong.body;

  const auto with = send({.method = HttpMethod::post,
                          .path = "/api/v1/tickets",
                          .body = k_ticket,
                          .cookie = session.cookie,
                          .csrf_token = session.csrf_token});
  ASSERT_EQ(with.status, 201u) << with.body;
  EXPECT_EQ(json::parse(with.body)["reporter"], "alice");
}

TEST_F(SessionApiTest, GetSessionGivesTheCsrfTokenBackAfterAReload) {
  const auto session = sign_in();
  const auto current = send({.path = "/api/v1/session", .cookie = session.cookie});
  ASSERT_EQ(current.status, 200u) << current.body;
  const auto body = json::parse(current.body);
  EXPECT_EQ(body["csrf_token"], session.csrf_token);
  EXPECT_EQ(body["user"]["username"], "alice");
  EXPECT_EQ(body["user"]["display_name"], "Alice Martin");

  // A bearer caller has no session, and so no CSRF token.
  const auto bearer = send({.path = "/api/v1/session", .authorization = fixture.bearer()});
  ASSERT_EQ(bearer.status, 200u) << bearer.body;
  const auto bearer_body = json::parse(bearer.body);
  EXPECT_TRUE(bearer_body["csrf_token"].is_null());
  EXPECT_EQ(bearer_body["user"]["username"], "tests");
  EXPECT_EQ(bearer_body["user"]["role"], "admin");

  EXPECT_EQ(send({.path = "/api/v1/session"}).status, 401u);
}

TEST_F(SessionApiTest, LogoutEndsTheSessionAndClearsTheCookie) {
  const auto session = sign_in();
  // A cookie DELETE is a write: without the CSRF token a cross-site request cannot sign anyone out.
  EXPECT_EQ(send({.method = HttpMethod::delete_, .path = "/api/v1/session", .cookie = session.cookie}).status, 403u);
  const auto out = send({.method = HttpMethod::delete_,
                         .path = "/api/v1/session",
                         .cookie = session.cookie,
                         .csrf_token = session.csrf_token});
  ASSERT_EQ(out.status, 204u) << out.body;
  EXPECT_EQ(header(out, "Set-Cookie"), "snag_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
  EXPECT_EQ(send({.path = "/api/v1/tickets", .cookie = session.cookie}).status, 401u);
  EXPECT_EQ(send({.path = "/api/v1/session", .cookie = session.cookie}).status, 401u);
}

TEST_F(SessionApiTest, BadCredentialsAre401AndTheSameForUnknownUsers) {
  const auto wrong = login("alice", "not the password");
  const auto unknown = login("nobody", "not the password");
  for (const auto* response : {&wrong, &unknown}) {
    EXPECT_EQ(response->status, 401u);
    EXPECT_EQ(response->content_type, "application/problem+json");
    EXPECT_EQ(json::parse(response->body)["detail"], "The username or password is wrong");
    EXPECT_TRUE(header(*response, "Set-Cookie").empty());
  }
}

TEST_F(SessionApiTest, RepeatedFailuresAreThrottledWithRetryAfter) {
  for (int i = 0; i < 5; ++i) EXPECT_EQ(login("alice", "guess", "192.0.2." + std::to_string(i)).status, 401u) << i;
  const auto throttled = login("alice", k_password, "198.51.100.7");
  EXPECT_EQ(throttled.status, 429u) << throttled.body;
  EXPECT_EQ(throttled.content_type, "application/problem+json");
  EXPECT_EQ(header(throttled, "Retry-After"), "900");
  EXPECT_TRUE(header(throttled, "Set-Cookie").empty());

  fixture.clock().advance(std::chrono::minutes(15));
  EXPECT_EQ(login("alice", k_password, "198.51.100.7").status, 200u);
}

TEST_F(SessionApiTest, TheLoginBodyIsDecodedStrictly) {
  const auto missing = send(
      {.method = HttpMethod::post, .path = "/api/v1/session", .body = R"({"username": "alice", "remember": true})"});
  EXPECT_EQ(missing.status, 422u) << missing.body;
  std::set<std::string> fields;
  const auto problem = json::parse(missing.body);
  for (const auto& error : problem["errors"]) fields.insert(error["field"].get<std::string>());
  EXPECT_EQ(fields, (std::set<std::string>{"password", "remember"})) << missing.body;

  EXPECT_EQ(send({.method = HttpMethod::post, .path = "/api/v1/session", .body = "{"}).status, 400u);
  EXPECT_EQ(send({.method = HttpMethod::post, .path = "/api/v1/session", .body = R"(["alice"])"}).status, 400u);
}

}  // namespace session_test
}  // namespace snag::http
