// Health, readiness, metrics, OpenAPI, request ids, JSON logs and graceful shutdown.

#include <chrono>
#include <thread>
#include <vector>

#include "snag_process.hpp"
#include <gtest/gtest.h>
#include <stdlib.h>

namespace snag::testing {
namespace operations_test {

using nlohmann::json;

TEST(Operations, HealthAndReadinessAnswerWithoutCredentials) {
  SnagServer server;
  EXPECT_EQ(server.send({"GET", "/healthz", "", {{"Authorization", ""}}}).status, 200);
  EXPECT_EQ(server.send({"GET", "/readyz", "", {{"Authorization", ""}}}).status, 200);
}

TEST(Operations, MetricsCountRequestsPerRouteAndCommitBatches) {
  SnagServer server;
  ASSERT_EQ(server.post("/api/v1/tickets", {{"type", "other"}, {"title", "For metrics"}}).status, 201);
  server.get("/api/v1/tickets");
  const auto metrics = server.send({"GET", "/metrics", "", {{"Authorization", ""}}});
  ASSERT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.header("content-type").find("text/plain"), std::string::npos);
  for (const char* name : {"snag_http_requests_total", "snag_http_request_duration_seconds_bucket",
                           "snag_store_commit_batch_size_bucket", "/api/v1/tickets"}) {
    EXPECT_NE(metrics.body.find(name), std::string::npos) << name;
  }
}

TEST(Operations, OpenApiDescribesTheTicketRoutes) {
  SnagServer server;
  const auto response = server.send({"GET", "/openapi.json", "", {{"Authorization", ""}}});
  ASSERT_EQ(response.status, 200);
  const json document = response.json();
  EXPECT_EQ(document["openapi"].get<std::string>().substr(0, 3), "3.1");
  for (const char* path : {"/api/v1/tickets", "/api/v1/tickets/{key}", "/api/v1/tickets/{key}/transitions",
                           "/api/v1/tickets/{key}/comments", "/api/v1/tickets/{key}/history", "/api/v1/tickets/bulk",
                           "/api/v1/issue-types", "/api/v1/candidates/{ats}/{external_id}",
                           "/api/v1/candidates/{ats}/{external_id}/tickets", "/healthz", "/readyz", "/metrics"}) {
    EXPECT_TRUE(document["paths"].contains(path)) << path;
  }
}

TEST(Operations, EveryRequestGetsARequestIdAndAJsonLogLineWithoutSecrets) {
  SnagServer server;
  const auto response = server.send({"GET", "/api/v1/tickets?q=secret-query-text", "", {{"X-Request-Id", "req-abc-123"}}});
  EXPECT_EQ(response.header("x-request-id"), "req-abc-123");
  EXPECT_FALSE(server.send({"GET", "/healthz", "", {}}).header("x-request-id").empty());
  server.stop();
  bool found = false;
  for (const auto& line : server.log_lines()) {
    const json parsed = json::parse(line, nullptr, false);
    EXPECT_TRUE(parsed.is_object()) << "not JSON: " << line;
    EXPECT_EQ(line.find(server.admin_key()), std::string::npos) << "secret in log: " << line;
    EXPECT_EQ(line.find("secret-query-text"), std::string::npos) << "query text in log: " << line;
    if (parsed.is_object() && parsed.value("request_id", "") == "req-abc-123") found = true;
  }
  EXPECT_TRUE(found);
}

// Issue 10's security basics: every answer, of a handler, of the router, of authentication, or of
// the server itself for a request it would not read, says it is not to be rendered, sniffed,
// framed or followed with a referrer.
TEST(Operations, EveryResponseCarriesTheSecurityHeaders) {
  SnagServer server;
  const std::vector<HttpResponse> responses{
      server.send({"GET", "/healthz", "", {{"Authorization", ""}}}),
      server.get("/api/v1/tickets"),
      server.post("/api/v1/tickets", {{"type", "other"}, {"title", "Headers"}}),
      server.get("/api/v1/nope"),
      server.send({"GET", "/api/v1/tickets", "", {{"Authorization", "Bearer nope"}}}),
      server.send({"POST", "/api/v1/tickets", std::string(2 << 20, 'x'), {{"Content-Type", "application/json"}}}),
  };
  const std::vector<int> statuses{200, 200, 201, 404, 401, 413};
  for (std::size_t i = 0; i < responses.size(); ++i) {
    const auto& response = responses[i];
    EXPECT_EQ(response.status, statuses[i]) << response.body;
    EXPECT_EQ(response.header("content-security-policy"), "default-src 'none'; frame-ancestors 'none'") << i;
    EXPECT_EQ(response.header("x-content-type-options"), "nosniff") << i;
    EXPECT_EQ(response.header("x-frame-options"), "DENY") << i;
    EXPECT_EQ(response.header("referrer-policy"), "no-referrer") << i;
    // Only over HTTPS (tls_test.cpp): RFC 6797 forbids it over plain HTTP.
    EXPECT_EQ(response.header("strict-transport-security"), "") << i;
  }
}

TEST(Operations, UnknownRoutesAre404AndWrongMethods405) {
  SnagServer server;
  EXPECT_EQ(server.get("/api/v1/nothing-here").status, 404);
  const auto wrong = server.send({"DELETE", "/api/v1/issue-types", "", {}});
  EXPECT_EQ(wrong.status, 405);
  EXPECT_FALSE(wrong.header("allow").empty());
}

TEST(Operations, AServingNodeSchedulesAndRunsTheDailyAuditJob) {
  // A fast tick and poll, for the test; the defaults are 10 s and 1 s.
  ::setenv("SNAG_JOBS_TICK_MILLISECONDS", "100", 1);
  ::setenv("SNAG_JOBS_POLL_MILLISECONDS", "100", 1);
  SnagServer server;
  ::unsetenv("SNAG_JOBS_TICK_MILLISECONDS");
  ::unsetenv("SNAG_JOBS_POLL_MILLISECONDS");
  ASSERT_EQ(server.post("/api/v1/tickets", {{"type", "other"}, {"title", "Audited"}}).status, 201);
  const auto audit_runs = [&] { return count_rows(server.database_url(), "jobs WHERE kind = 'audit.verify'"); };
  const auto verified = [&] {
    for (const auto& line : server.log_lines()) {
      if (line.find("\"audit chain verified\"") != std::string::npos) return true;
    }
    return false;
  };
  const auto audit_done = [&] {
    return count_rows(server.database_url(), "jobs WHERE kind = 'audit.verify' AND state = 'done'") == 1;
  };
  for (int i = 0; i < 200 && !(verified() && audit_done()); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(verified()) << "no audit.verify run in the log";
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // several more ticks
  EXPECT_EQ(audit_runs(), 1) << "one run per day, however often the scheduler ticks";
  EXPECT_EQ(count_rows(server.database_url(), "jobs WHERE kind = 'audit.verify' AND state = 'done'"), 1);
}

TEST(Operations, SigtermExitsCleanlyAndKeepsAcknowledgedWrites) {
  SnagServer server;
  const auto created = server.post("/api/v1/tickets", {{"type", "other"}, {"title", "Durable"}});
  ASSERT_EQ(created.status, 201);
  EXPECT_EQ(server.stop(), 0);
  EXPECT_EQ(count_rows(server.database_url(), "tickets"), 1);
}

}  // namespace operations_test
}  // namespace snag::testing
