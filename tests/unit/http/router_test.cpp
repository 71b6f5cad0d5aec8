#include <gtest/gtest.h>

#include <snag/http/router.hpp>

namespace snag::http {
namespace router_test {

RouteInfo route(HttpMethod method, std::string pattern, std::string id) {
  RouteInfo info;
  info.method = method;
  info.pattern = std::move(pattern);
  info.operation_id = std::move(id);
  info.handler = [](HttpRequest&) { return HttpResponse{}; };
  return info;
}

Router sample_router() {
  std::vector<RouteInfo> routes;
  routes.push_back(route(HttpMethod::get, "/api/v1/tickets", "list"));
  routes.push_back(route(HttpMethod::post, "/api/v1/tickets", "create"));
  routes.push_back(route(HttpMethod::get, "/api/v1/tickets/{key}", "get"));
  routes.push_back(route(HttpMethod::patch, "/api/v1/tickets/{key}", "edit"));
  routes.push_back(route(HttpMethod::post, "/api/v1/tickets/bulk", "bulk"));
  routes.push_back(route(HttpMethod::get, "/api/v1/tickets/{key}/transitions", "transitions"));
  routes.push_back(route(HttpMethod::get, "/api/v1/candidates/{ats}/{external_id}", "candidate"));
  return Router(std::move(routes));
}

TEST(Router, MatchesALiteralPath) {
  const auto router = sample_router();
  PathParams params;
  const auto match = router.match(HttpMethod::post, "/api/v1/tickets", params);
  ASSERT_EQ(match.outcome, RouteMatch::Outcome::matched);
  EXPECT_EQ(match.route->operation_id, "create");
  EXPECT_EQ(match.index, 1U);
}

TEST(Router, FillsPathParametersWithDecodedValues) {
  const auto router = sample_router();
  PathParams params;
  const auto match = router.match(HttpMethod::get, "/api/v1/candidates/greenhouse/abc%2F12", params);
  ASSERT_EQ(match.outcome, RouteMatch::Outcome::matched);
  EXPECT_EQ(params.get("ats"), "greenhouse");
  EXPECT_EQ(params.get("external_id"), "abc/12");
}

TEST(Router, PrefersALiteralSegmentOverAPathParameter) {
  const auto router = sample_router();
  PathParams params;
  EXPECT_EQ(router.match(HttpMethod::post, "/api/v1/tickets/bulk", params).route->operation_id, "bulk");
  const auto get = router.match(HttpMethod::get, "/api/v1/tickets/SNAG-4", params);
  EXPECT_EQ(get.route->operation_id, "get");
  EXPECT_EQ(params.get("key"), "SNAG-4");
}

TEST(Router, AnswersMethodNotAllowedWithTheAllowedMethods) {
  const auto router = sample_router();
  PathParams params;
  const auto match = router.match(HttpMethod::delete_, "/api/v1/tickets/SNAG-4", params);
  EXPECT_EQ(match.outcome, RouteMatch::Outcome::method_not_allowed);
  EXPECT_EQ(match.allow, "GET, PATCH");
}

TEST(Router, AnswersNotFoundForUnknownPaths) {
  const auto router = sample_router();
  PathParams params;
  for (const auto* path : {"/api/v1/nothing", "/api/v1/tickets/", "/api/v1/tickets/SNAG-1/transitions/x", "", "x"}) {
    EXPECT_EQ(router.match(HttpMethod::get, path, params).outcome, RouteMatch::Outcome::not_found) << path;
  }
}

TEST(Router, ReportsAnInvalidEscapeInAPathParameter) {
  const auto router = sample_router();
  PathParams params;
  EXPECT_EQ(router.match(HttpMethod::get, "/api/v1/tickets/SNAG%zz", params).outcome,
            RouteMatch::Outcome::bad_escape);
}

// A parameter is text: one that decodes to bytes that are not UTF-8, or to a NUL, is refused like
// a bad escape, raw or escaped.
TEST(Router, RefusesAPathParameterThatIsNotUtf8Text) {
  const auto router = sample_router();
  PathParams params;
  for (const auto* path : {"/api/v1/tickets/SNA\xC4-1", "/api/v1/tickets/SNA%C4-1", "/api/v1/tickets/SNAG%00-1"}) {
    EXPECT_EQ(router.match(HttpMethod::get, path, params).outcome, RouteMatch::Outcome::bad_escape) << path;
  }
  EXPECT_EQ(router.match(HttpMethod::get, "/api/v1/tickets/caf%C3%A9", params).outcome, RouteMatch::Outcome::matched);
}

}  // namespace router_test
}  // namespace snag::http
