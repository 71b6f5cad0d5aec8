#include <optional>
#include <stdexcept>

#include "api_fixture.hpp"
#include <gtest/gtest.h>

#include <snag/http/metrics.hpp>
#include <snag/http/problem.hpp>

namespace snag::http {
namespace api_test {

using nlohmann::json;

std::string header(const HttpResponse& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return {};
}

TEST(Api, RefusesApiCallsWithoutABearer) {
  testing::ApiFixture fixture;
  const auto response = fixture.send(HttpMethod::get, "/api/v1/tickets", {}, {}, std::string_view{});
  EXPECT_EQ(response.status, 401U);
  EXPECT_EQ(header(response, "WWW-Authenticate"), "Bearer");
  EXPECT_EQ(fixture.send(HttpMethod::get, "/api/v1/tickets", {}, {}, "Bearer snag_wrong").status, 401U);
}

TEST(Api, ServesOperationsWithoutCredentials) {
  testing::ApiFixture fixture;
  const auto health = fixture.send(HttpMethod::get, "/healthz", {}, {}, std::string_view{});
  EXPECT_EQ(health.status, 200U);
  EXPECT_EQ(json::parse(health.body)["status"], "ok");
  EXPECT_EQ(fixture.send(HttpMethod::get, "/readyz", {}, {}, std::string_view{}).status, 200U);
  const auto metrics = fixture.send(HttpMethod::get, "/metrics", {}, {}, std::string_view{});
  EXPECT_NE(metrics.body.find("snag_store_commits_total"), std::string::npos);
  EXPECT_NE(metrics.body.find("# TYPE snag_store_syncs_total counter"), std::string::npos);
  EXPECT_NE(metrics.body.find("\nsnag_inbox_pauses_total 0\n"), std::string::npos) << metrics.body;
}

TEST(Api, MetricsCountTheInboxProcessorsPausesAndTheirTime) {
  const auto text = render_inbox_metrics({.count = 3, .total = std::chrono::milliseconds(1500)});
  EXPECT_NE(text.find("\nsnag_inbox_pauses_total 3\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\nsnag_inbox_pause_seconds_total 1.5\n"), std::string::npos) << text;
  EXPECT_NE(text.find("# TYPE snag_inbox_pause_seconds_total counter"), std::string::npos) << text;
}

TEST(Api, AnswersUnknownPathsAndWrongMethodsWithProblems) {
  testing::ApiFixture fixture;
  const auto missing = fixture.send(HttpMethod::get, "/api/v1/nope");
  EXPECT_EQ(missing.status, 404U);
  EXPECT_EQ(missing.content_type, "application/problem+json");
  const auto wrong = fixture.send(HttpMethod::delete_, "/api/v1/tickets");
  EXPECT_EQ(wrong.status, 405U);
  EXPECT_EQ(header(wrong, "Allow"), "POST, GET");
}

// Found by the HTTP fuzz target: a key with a byte that is not UTF-8, echoed in the 404's detail,
// made the JSON serialiser throw (a 500), and a candidate's ATS name with one failed its write (a
// 500 too). Such a path is now refused before any handler.
TEST(Api, APathThatIsNotUtf8IsABadRequest) {
  testing::ApiFixture fixture;
  const auto shown = fixture.send(HttpMethod::get, "/api/v1/tickets/SNA\xC4-1");
  EXPECT_EQ(shown.status, 400U) << shown.body;
  EXPECT_EQ(shown.content_type, "application/problem+json");
  const auto put = fixture.send(HttpMethod::put,
                                "/api/v1/candidates/gre\xB8"
                                "enhouse/123",
                                R"({"name": "Ana Diaz"})");
  EXPECT_EQ(put.status, 400U) << put.body;
}

// What a response echoes of a request (a query parameter's name, say) may hold bytes that are not
// UTF-8 too: they become U+FFFD instead of failing the answer.
TEST(Api, AnswerTextWithBytesThatAreNotUtf8IsStillJson) {
  const auto response = http::problem_response(404, "No ticket SNA\xC4-1.");
  EXPECT_EQ(response.status, 404U);
  EXPECT_TRUE(json::accept(response.body)) << response.body;
}

TEST(Api, CreatesAndShowsATicketWithItsETag) {
  testing::ApiFixture fixture;
  const auto created =
      fixture.send(HttpMethod::post, "/api/v1/tickets", R"({"type": "document_missing", "title": "No visa copy"})");
  ASSERT_EQ(created.status, 201U) << created.body;
  const auto ticket = json::parse(created.body);
  EXPECT_EQ(header(created, "Location"), "/api/v1/tickets/" + ticket["key"].get<std::string>());
  EXPECT_EQ(header(created, "ETag"), "\"1\"");
  EXPECT_EQ(ticket["status"], "new");
  EXPECT_EQ(ticket["team"], "hris");

  const auto shown = fixture.send(HttpMethod::get, "/api/v1/tickets/" + ticket["key"].get<std::string>());
  EXPECT_EQ(shown.status, 200U);
  EXPECT_EQ(json::parse(shown.body)["title"], "No visa copy");
}

// A deferred route answers through its Reply; an exception, thrown by the handler before it
// replies or by the Finish it replied with, is the generic 500 and never escapes.
TEST(Api, ADeferredRoutesExceptionsBecomeTheGeneric500) {
  testing::ApiFixture fixture;
  HttpRequest request;
  request.request_id = "req-1";
  const auto answer = [&](DeferredHandler handler) {
    RouteInfo route;
    route.execution = Execution::deferred;
    route.deferred_handler = std::move(handler);
    std::optional<HttpResponse> response;
    fixture.api().invoke_deferred(route, request, [&](Finish finish) { response = finish(); });
    EXPECT_TRUE(response);
    return response.value_or(HttpResponse{});
  };
  EXPECT_EQ(answer([](HttpRequest&, const Reply& reply) { reply([] { return json_response(202, "{}"); }); }).status,
            202U);
  EXPECT_EQ(answer([](HttpRequest&, const Reply&) { throw std::runtime_error("before the write"); }).status, 500U);
  const auto late = answer([](HttpRequest&, const Reply& reply) {
    reply([]() -> HttpResponse { throw std::runtime_error("while encoding"); });
  });
  EXPECT_EQ(late.status, 500U);
  EXPECT_EQ(late.body.find("encoding"), std::string::npos) << "the cause stays in the log";
}

TEST(Api, PatchNeedsIfMatchAndRefusesAStaleOne) {
  testing::ApiFixture fixture;
  const auto created = fixture.send(HttpMethod::post, "/api/v1/tickets", R"({"type": "other", "title": "t"})");
  const auto path = "/api/v1/tickets/" + json::parse(created.body)["key"].get<std::string>();
  EXPECT_EQ(fixture.send(HttpMethod::patch, path, R"({"title": "u"})").status, 428U);
  const auto edited = fixture.send(HttpMethod::patch, path, R"({"title": "u"})", "W/\"1\"");
  ASSERT_EQ(edited.status, 200U) << edited.body;
  EXPECT_EQ(header(edited, "ETag"), "\"2\"");
  EXPECT_EQ(fixture.send(HttpMethod::patch, path, R"({"title": "v"})", "\"1\"").status, 412U);
}

TEST(Api, NamesEachBadFieldOfANewTicket) {
  testing::ApiFixture fixture;
  const auto response =
      fixture.send(HttpMethod::post, "/api/v1/tickets", R"({"type": "other", "title": "t", "severity": "p1"})");
  ASSERT_EQ(response.status, 422U);
  const auto body = json::parse(response.body);
  EXPECT_EQ(body["errors"][0]["field"], "severity");
  EXPECT_EQ(body["errors"][0]["message"], "must be one of sev1, sev2, sev3, sev4");
}

TEST(Api, RefusesAMalformedQueryString) {
  testing::ApiFixture fixture;
  EXPECT_EQ(fixture.send(HttpMethod::get, "/api/v1/tickets?q=%zz").status, 400U);
}

TEST(Api, ListsTicketsWithANullCursorOnTheLastPage) {
  testing::ApiFixture fixture;
  fixture.send(HttpMethod::post, "/api/v1/tickets", R"({"type": "other", "title": "t"})");
  const auto list = fixture.send(HttpMethod::get, "/api/v1/tickets?limit=10");
  ASSERT_EQ(list.status, 200U) << list.body;
  const auto body = json::parse(list.body);
  EXPECT_EQ(body["items"].size(), 1U);
  EXPECT_TRUE(body["next_cursor"].is_null());
}

TEST(Api, TransitionOutsideTheWorkflowListsTheAllowedOnes) {
  testing::ApiFixture fixture;
  const auto created = fixture.send(HttpMethod::post, "/api/v1/tickets", R"({"type": "other", "title": "t"})");
  const auto path = "/api/v1/tickets/" + json::parse(created.body)["key"].get<std::string>() + "/transitions";
  const auto denied = fixture.send(HttpMethod::post, path, R"({"to": "closed"})");
  ASSERT_EQ(denied.status, 409U) << denied.body;
  EXPECT_FALSE(json::parse(denied.body)["allowed"].empty());
  EXPECT_EQ(fixture.send(HttpMethod::post, path, R"({"to": "triaged"})").status, 200U);
}

}  // namespace api_test
}  // namespace snag::http
