#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <snag/http/problem.hpp>

namespace snag::http {
namespace problem_test {

TEST(Problem, MapsEveryErrorCodeToItsStatus) {
  const std::pair<ErrorCode, unsigned> table[] = {
      {ErrorCode::not_found, 404},         {ErrorCode::invalid_argument, 400},
      {ErrorCode::validation_failed, 422}, {ErrorCode::workflow_denied, 409},
      {ErrorCode::permission_denied, 403}, {ErrorCode::unauthenticated, 401},
      {ErrorCode::conflict, 409},          {ErrorCode::precondition_failed, 412},
      {ErrorCode::unavailable, 503},       {ErrorCode::internal, 500},
  };
  for (const auto& [code, status] : table) EXPECT_EQ(status_for(code), status) << to_string(code);
}

TEST(Problem, ValidationFailureNamesEachField) {
  const auto response = problem_response(
      Error{ErrorCode::validation_failed, "bad", {{"severity", "must be one of sev1, sev2, sev3, sev4"}, {"x", "y"}}, {}});
  EXPECT_EQ(response.status, 422U);
  EXPECT_EQ(response.content_type, "application/problem+json");
  const auto body = nlohmann::json::parse(response.body);
  EXPECT_EQ(body["status"], 422);
  EXPECT_EQ(body["detail"], "bad");
  ASSERT_EQ(body["errors"].size(), 2U);
  EXPECT_EQ(body["errors"][0]["field"], "severity");
  EXPECT_EQ(body["errors"][0]["message"], "must be one of sev1, sev2, sev3, sev4");
  EXPECT_TRUE(body.contains("type"));
  EXPECT_TRUE(body.contains("title"));
}

TEST(Problem, WorkflowDenialListsTheAllowedStatuses) {
  const auto response =
      problem_response(Error{ErrorCode::workflow_denied, "no", {}, {"triaged", "in_progress"}});
  EXPECT_EQ(response.status, 409U);
  EXPECT_EQ(nlohmann::json::parse(response.body)["allowed"], nlohmann::json({"triaged", "in_progress"}));
}

TEST(Problem, UnauthenticatedAsksForABearer) {
  const auto response = problem_response(Error{ErrorCode::unauthenticated, "who?", {}, {}});
  EXPECT_EQ(response.status, 401U);
  ASSERT_EQ(response.headers.size(), 1U);
  EXPECT_EQ(response.headers[0].first, "WWW-Authenticate");
  EXPECT_EQ(response.headers[0].second, "Bearer");
}

TEST(Problem, InternalErrorsHideTheirMessage) {
  const auto response = problem_response(Error{ErrorCode::internal, "SELECT * FROM tickets failed", {}, {}});
  EXPECT_EQ(response.status, 500U);
  EXPECT_EQ(response.body.find("SELECT"), std::string::npos);
  const auto generic = internal_error_response("req-7");
  EXPECT_EQ(nlohmann::json::parse(generic.body)["request_id"], "req-7");
}

TEST(Problem, ProtocolProblemsUseAboutBlankAndTheReasonPhrase) {
  const auto body = nlohmann::json::parse(problem_response(415, "json please").body);
  EXPECT_EQ(body["type"], "about:blank");
  EXPECT_EQ(body["title"], "Unsupported Media Type");
  EXPECT_EQ(body["status"], 415);
  EXPECT_EQ(body["detail"], "json please");
}

}  // namespace problem_test
}  // namespace snag::http
