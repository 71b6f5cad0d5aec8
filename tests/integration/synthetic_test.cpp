// Synthetic monitoring through the real server: the probe posts signed webhooks to the node's own
// /hooks/snag-synthetic, raises its alert when ingestion is stopped (the synthetic connector is
// disabled, so its webhooks are refused) and clears it when ingestion resumes.

#include <chrono>
#include <functional>
#include <thread>

#include "snag_process.hpp"
#include <gtest/gtest.h>

namespace snag::testing {
namespace synthetic_test {

using json = nlohmann::json;

// Polls `done` every 100 ms for up to 30 s.
bool eventually(const std::function<bool()>& done) {
  for (int attempt = 0; attempt < 300; ++attempt) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

// CTest turns the probe off for every other integration test (tests/integration/CMakeLists.txt);
// this one turns it on, fast: a probe a second, a 2 s threshold, an alert after two failures.
class SyntheticMonitoring : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    for (const auto& [name, value] : k_environment) ::setenv(name, value, 1);
  }
  static void TearDownTestSuite() {
    for (const auto& [name, value] : k_environment) ::unsetenv(name);
    ::setenv("SNAG_SYNTHETIC_ENABLED", "false", 1);
  }

  json synthetic_readiness() const {
    const auto ready = server.get("/readyz");
    EXPECT_EQ(ready.status, 200) << "a failing probe never makes the node unready: " << ready.body;
    const json body = ready.json();
    return body.contains("synthetic") ? body["synthetic"] : json::object();
  }

  json alert_tickets() const {
    const auto listed = server.get("/api/v1/tickets?type=data_sync_mismatch&sort=created_at");
    EXPECT_EQ(listed.status, 200) << listed.body;
    return listed.json()["items"];
  }

  static constexpr std::pair<const char*, const char*> k_environment[] = {
      {"SNAG_SYNTHETIC_ENABLED", "true"},     {"SNAG_SYNTHETIC_INTERVAL", "1s"},
      {"SNAG_SYNTHETIC_THRESHOLD", "2s"},     {"SNAG_SYNTHETIC_ALERT_AFTER", "2"},
      {"SNAG_JOBS_TICK_MILLISECONDS", "100"}, {"SNAG_JOBS_POLL_MILLISECONDS", "100"}};

  SnagServer server;
};

TEST_F(SyntheticMonitoring, TheProberRaisesAnAlertWhenIngestionIsStoppedAndClearsWhenItResumes) {
  ASSERT_TRUE(eventually([&] { return synthetic_readiness().value("status", "") == "ok"; }))
      << synthetic_readiness().dump();
  const json healthy = synthetic_readiness();
  EXPECT_EQ(healthy["consecutive_failures"], 0);
  EXPECT_TRUE(healthy["last_success_at"].is_string()) << healthy.dump();
  EXPECT_TRUE(healthy["last_latency_ms"].is_number()) << healthy.dump();

  // Ingestion stops: the synthetic connector's webhooks are refused.
  ASSERT_EQ(server.patch("/api/v1/connectors/snag-synthetic", {{"disabled", true}}, "").status, 200);
  ASSERT_TRUE(eventually([&] { return alert_tickets().size() == 1; })) << alert_tickets().dump();
  const json alert = alert_tickets()[0];
  EXPECT_EQ(alert["title"], "Synthetic probe: ATS webhook ingestion is failing");
  EXPECT_EQ(alert["team"], "it_support");
  EXPECT_EQ(alert["severity"], "sev2");
  const json failing = synthetic_readiness();
  EXPECT_EQ(failing["status"], "failing") << failing.dump();
  EXPECT_GE(failing["consecutive_failures"].get<int>(), 2);
  const auto metrics = server.get("/metrics");
  EXPECT_NE(metrics.body.find("snag_synthetic_probes_total{result=\"failed\"}"), std::string::npos);
  EXPECT_NE(metrics.body.find("snag_synthetic_consecutive_failures "), std::string::npos);
  EXPECT_NE(metrics.body.find("snag_synthetic_last_success_timestamp_seconds "), std::string::npos);
  // Failures go on, but one alert is open at a time.
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  EXPECT_EQ(alert_tickets().size(), 1u);

  // Ingestion resumes: the next probe succeeds and resolves the alert with a comment.
  ASSERT_EQ(server.patch("/api/v1/connectors/snag-synthetic", {{"disabled", false}}, "").status, 200);
  const std::string alert_target = "/api/v1/tickets/" + alert["key"].get<std::string>();
  ASSERT_TRUE(eventually([&] { return server.get(alert_target).json().value("status", "") == "resolved"; }))
      << server.get(alert_target).body;
  EXPECT_EQ(synthetic_readiness()["status"], "ok");
  EXPECT_EQ(alert_tickets().size(), 1u);

  // The probes' own tickets are in no list or report.
  const json resume_tickets = server.get("/api/v1/tickets?type=resume_parse_failure").json()["items"];
  EXPECT_TRUE(resume_tickets.empty()) << resume_tickets.dump();
}

}  // namespace synthetic_test
}  // namespace snag::testing
