// The "report a problem" widget's calls through the real `snag serve` (issue 9): the CORS
// preflight, an embed token for an allowed origin, a ticket filed with it from that origin, and
// everything else refused: other origins, other routes, the token from another page; and the
// rate limit per address on the widget's calls.

#include "snag_process.hpp"
#include <gtest/gtest.h>

namespace snag::testing {
namespace widget_test {

constexpr const char* k_origin = "https://ats.example.com";

class WidgetTest : public ::testing::Test {
 protected:
  explicit WidgetTest(const char* calls_per_minute = "60")
      : m_origins("SNAG_WIDGET_ALLOWED_ORIGINS", k_origin),
        m_calls_per_minute("SNAG_WIDGET_REQUESTS_PER_MINUTE_PER_ADDRESS", calls_per_minute) {
    m_server = std::make_unique<SnagServer>();
    const auto created =
        m_server->post("/api/v1/connectors",
                       {{"id", "gh-main"}, {"vendor", "greenhouse"}, {"secret", "widget-test-secret-of-some-length"}});
    EXPECT_EQ(created.status, 201) << created.body;
  }

  // A request as the widget's script sends it: no API key, the page's Origin.
  HttpResponse from_page(std::string method, std::string target, std::string body, std::string origin = k_origin,
                         std::string authorization = "") const {
    HttpRequest request;
    request.method = std::move(method);
    request.target = std::move(target);
    request.body = std::move(body);
    request.headers["Origin"] = std::move(origin);
    // An empty Authorization stops SnagServer from sending the admin key.
    request.headers["Authorization"] = std::move(authorization);
    if (!request.body.empty()) request.headers["Content-Type"] = "application/json";
    return m_server->send(request);
  }

  std::string embed_token() const {
    const auto issued = from_page("POST", "/api/v1/embed-tokens", R"({"connector": "gh-main"})");
    EXPECT_EQ(issued.status, 201) << issued.body;
    return issued.json().value("token", "");
  }

  ScopedEnvironment m_origins;
  ScopedEnvironment m_calls_per_minute;
  std::unique_ptr<SnagServer> m_server;
};

class LimitedWidgetTest : public WidgetTest {
 protected:
  LimitedWidgetTest() : WidgetTest("3") {}
};

TEST_F(WidgetTest, ThePreflightAnswersAllowedOriginsOnly) {
  const auto preflight = from_page("OPTIONS", "/api/v1/tickets", "");
  EXPECT_EQ(preflight.status, 204);
  EXPECT_EQ(preflight.header("access-control-allow-origin"), k_origin);
  EXPECT_EQ(preflight.header("access-control-allow-methods"), "POST");
  EXPECT_NE(preflight.header("access-control-allow-headers").find("Authorization"), std::string::npos);
  EXPECT_EQ(preflight.header("vary"), "Origin");

  const auto other = from_page("OPTIONS", "/api/v1/tickets", "", "https://evil.example.com");
  EXPECT_EQ(other.status, 403);
  EXPECT_EQ(other.header("access-control-allow-origin"), "");
  // Any page may ask for an embed token, so that a page not listed can read its refusal.
  EXPECT_EQ(from_page("OPTIONS", "/api/v1/embed-tokens", "", "https://evil.example.com").status, 204);
  // Other routes are same-origin only.
  EXPECT_EQ(from_page("OPTIONS", "/api/v1/candidates/greenhouse/1", "").header("access-control-allow-origin"), "");
}

TEST_F(WidgetTest, AnAllowedPageFilesATicketWithItsEmbedToken) {
  const auto issued = from_page("POST", "/api/v1/embed-tokens", R"({"connector": "gh-main"})");
  ASSERT_EQ(issued.status, 201) << issued.body;
  EXPECT_EQ(issued.header("access-control-allow-origin"), k_origin);
  const auto answer = issued.json();
  EXPECT_EQ(answer["token_type"], "Bearer");
  EXPECT_EQ(answer["expires_in"], 600);
  EXPECT_EQ(answer["ats"], "greenhouse");
  ASSERT_TRUE(answer["issue_types"].is_array());
  EXPECT_FALSE(answer["issue_types"].empty());

  const auto filed = from_page(
      "POST", "/api/v1/tickets",
      R"({"type": "document_missing", "title": "I-9 upload fails", "candidate": {"ats": "greenhouse", "external_id": "4711"}})",
      k_origin, "Bearer " + answer["token"].get<std::string>());
  ASSERT_EQ(filed.status, 201) << filed.body;
  EXPECT_EQ(filed.header("access-control-allow-origin"), k_origin);
  const auto key = filed.json()["key"].get<std::string>();

  const auto stored = m_server->get("/api/v1/tickets/" + key);
  ASSERT_EQ(stored.status, 200);
  EXPECT_EQ(stored.json()["title"], "I-9 upload fails");
  const auto history = m_server->get("/api/v1/tickets/" + key + "/history").json();
  EXPECT_EQ(history["items"][0]["actor"], "widget:ats.example.com");
}

TEST_F(WidgetTest, OtherOriginsOtherRoutesAndUnknownConnectorsAreRefused) {
  const auto other_page =
      from_page("POST", "/api/v1/embed-tokens", R"({"connector": "gh-main"})", "https://evil.example.com");
  EXPECT_EQ(other_page.status, 403);
  EXPECT_EQ(other_page.header("access-control-allow-origin"), "https://evil.example.com");
  EXPECT_EQ(other_page.json()["status"], 403);
  EXPECT_EQ(from_page("POST", "/api/v1/embed-tokens", R"({"connector": "gh-main"})", "").status, 403);
  const auto unknown = from_page("POST", "/api/v1/embed-tokens", R"({"connector": "nope"})");
  EXPECT_EQ(unknown.status, 422);
  EXPECT_NE(unknown.body.find("connector"), std::string::npos);

  const std::string bearer = "Bearer " + embed_token();
  const std::string ticket = R"({"type": "other", "title": "from elsewhere"})";
  // The token taken to another page, or sent with no page at all.
  EXPECT_EQ(from_page("POST", "/api/v1/tickets", ticket, "https://evil.example.com", bearer).status, 401);
  EXPECT_EQ(from_page("POST", "/api/v1/tickets", ticket, "", bearer).status, 401);
  // Filing is all it does.
  EXPECT_EQ(from_page("GET", "/api/v1/tickets", "", k_origin, bearer).status, 403);
  EXPECT_EQ(from_page("GET", "/api/v1/tickets/SNAG-1", "", k_origin, bearer).status, 403);
  EXPECT_EQ(from_page("POST", "/api/v1/embed-tokens", R"({"connector": "gh-main"})", k_origin, bearer).status, 201);
}

TEST_F(LimitedWidgetTest, AnAddressThatCallsTooOftenIsToldWhenToComeBackAndFilesNothing) {
  const std::string bearer = "Bearer " + embed_token();
  const std::string ticket = R"({"type": "other", "title": "flood"})";
  EXPECT_EQ(from_page("POST", "/api/v1/tickets", ticket, k_origin, bearer).status, 201);
  EXPECT_EQ(from_page("POST", "/api/v1/tickets", ticket, k_origin, bearer).status, 201);

  // The fourth widget call within the minute, a ticket or a token, from any page.
  const auto refused = from_page("POST", "/api/v1/tickets", ticket, k_origin, bearer);
  EXPECT_EQ(refused.status, 429) << refused.body;
  EXPECT_EQ(refused.header("content-type"), "application/problem+json");
  const int retry_after = std::stoi(refused.header("retry-after"));
  EXPECT_GE(retry_after, 1);
  EXPECT_LE(retry_after, 60);
  EXPECT_EQ(refused.header("access-control-allow-origin"), k_origin) << "the page can read why";
  // and when to come back, which it could not read from Retry-After across origins.
  EXPECT_EQ(refused.json()["detail"], "Too many reports from this network; try again in " +
                                          std::to_string(retry_after) + (retry_after == 1 ? " second" : " seconds"));
  const auto token = from_page("POST", "/api/v1/embed-tokens", R"({"connector": "gh-main"})");
  EXPECT_EQ(token.status, 429);
  EXPECT_EQ(from_page("POST", "/api/v1/embed-tokens", R"({"connector": "gh-main"})", "https://evil.example.com").status,
            429);

  // Nothing more was filed, and callers with keys are not counted.
  const auto listed = m_server->get("/api/v1/tickets?q=flood");
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.json()["items"].size(), 2u);
  EXPECT_EQ(m_server->post("/api/v1/tickets", {{"type", "other"}, {"title", "by key"}}).status, 201);
}

}  // namespace widget_test
}  // namespace snag::testing
