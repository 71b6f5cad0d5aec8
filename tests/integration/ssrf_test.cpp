// Snag's own requests never reach what the outbound policy refuses (issue 10, SSRF): through the
// real binary, a webhook URL naming a loopback, private or link-local address is refused with a
// 422, and a subscription whose target became refused (the policy was tightened after it was
// made) gets no connection at all, only a recorded failure.

#include <thread>

#include "snag_process.hpp"
#include "webhook_receiver.hpp"
#include <gtest/gtest.h>

namespace snag::testing {
namespace ssrf_test {

using nlohmann::json;

json subscription_to(const char* url) {
  return {{"name", "warehouse"},
          {"url", url},
          {"vendor", "acme"},
          {"events", {"ticket.created"}},
          {"field_allowlist", {"key", "status"}}};
}

void attest_acme(const SnagServer& server) {
  HttpRequest put;
  put.method = "PUT";
  put.target = "/api/v1/vendors/acme";
  put.headers["Content-Type"] = "application/json";
  put.body = json{{"name", "Acme Analytics"},
                  {"soc2_type2_expires_at", "2099-06-30T00:00:00Z"},
                  {"iso27001_expires_at", "2099-01-31T00:00:00Z"}}
                 .dump();
  const auto attested = server.send(put);
  ASSERT_EQ(attested.status, 200) << attested.body;
}

TEST(Ssrf, AWebhookUrlNamingANonPublicAddressIs422AndStoresNothing) {
  ScopedEnvironment strict("SNAG_OUTBOUND_ALLOW_PRIVATE_TARGETS", "false");
  SnagServer server;
  // Plain pointers: g++ 12 warns falsely about std::strings made from these literals here.
  const char* const refused_urls[] = {"http://127.0.0.1:9/hook",
                                      "http://localhost:9/hook",
                                      "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
                                      "http://10.0.0.5/hook",
                                      "http://[::1]/hook",
                                      "http://2130706433/hook"};
  for (const char* url : refused_urls) {
    const auto refused = server.post("/api/v1/subscriptions", subscription_to(url));
    ASSERT_EQ(refused.status, 422) << url << ": " << refused.body;
    EXPECT_EQ(refused.header("content-type"), "application/problem+json");
    EXPECT_EQ(refused.json()["errors"][0]["field"], "url") << refused.body;
  }
  EXPECT_TRUE(server.get("/api/v1/subscriptions").json()["items"].empty());
  EXPECT_EQ(server.post("/api/v1/subscriptions", subscription_to("https://hooks.example.com/snag")).status, 201);
}

TEST(Ssrf, ATargetRefusedAfterItWasStoredGetsNoConnection) {
  WebhookReceiver receiver;
  std::string database;
  std::string key;
  {
    // Made while the operator allowed private targets…
    ScopedEnvironment open("SNAG_OUTBOUND_ALLOW_PRIVATE_TARGETS", "true");
    SnagServer lenient;
    attest_acme(lenient);
    const auto created = lenient.post("/api/v1/subscriptions", subscription_to(receiver.url().c_str()));
    ASSERT_EQ(created.status, 201) << created.body;
    database = lenient.database_url();
    key = lenient.admin_key();
    ASSERT_EQ(lenient.stop(), 0);
    // …then served again without: the stored URL is checked at every connection.
    ScopedEnvironment strict("SNAG_OUTBOUND_ALLOW_PRIVATE_TARGETS", "false");
    SnagServer server(database, key);
    const auto ticket = server.post("/api/v1/tickets", {{"type", "document_missing"},
                                                        {"title", "I-9 missing"},
                                                        {"candidate", {{"ats", "greenhouse"}, {"external_id", "77"}}}});
    ASSERT_EQ(ticket.status, 201) << ticket.body;

    json subscription;
    for (int attempt = 0; attempt < 300; ++attempt) {
      subscription = server.get("/api/v1/subscriptions").json()["items"][0];
      if (subscription["consecutive_failures"].get<int>() > 0) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_EQ(subscription["consecutive_failures"], 1) << subscription.dump();
    EXPECT_EQ(subscription["deliveries"]["done"], 0);
    EXPECT_TRUE(receiver.received().empty());
    bool logged = false;
    for (const auto& line : server.log_lines()) logged = logged || line.find("unreachable") != std::string::npos;
    EXPECT_TRUE(logged) << "the refused delivery is logged";
  }
}

}  // namespace ssrf_test
}  // namespace snag::testing
