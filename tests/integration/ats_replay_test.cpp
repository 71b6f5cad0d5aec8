// The feed's promises under a realistic ATS, end to end through `snag mock-ats` and the real
// server: a stream delivered with repeats and in shuffled order ends in the state of the clean
// stream, and a delivery acknowledged with a 2xx survives a kill -9 of the server.

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <future>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "snag_process.hpp"
#include <gtest/gtest.h>

namespace snag::testing {
namespace ats_replay_test {

constexpr std::string_view k_secret = "whsec_cmVwbGF5LXRlc3Qtc2VjcmV0LWZvci1zbmFn";

void create_connector(const SnagServer& server) {
  const auto created = server.post("/api/v1/connectors", {{"id", "sw"},
                                                          {"vendor", "standard_webhooks"},
                                                          {"ats", "acme-ats"},
                                                          {"secret", std::string(k_secret)}});
  ASSERT_EQ(created.status, 201) << created.body;
}

std::string hooks_url(const SnagServer& server) {
  return "http://127.0.0.1:" + std::to_string(server.port()) + "/hooks/sw";
}

// Waits until the inbox has nothing pending; false after two minutes.
bool drained(const SnagServer& server) {
  for (int i = 0; i < 1200; ++i) {
    const auto health = server.get("/api/v1/connectors/sw").json()["health"];
    if (health["pending"] == 0) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

// Every candidate with its whole profile, in key order.
std::vector<std::string> candidate_state(const SnagServer& server) {
  return query_column(server.database_url(),
                      "SELECT ats || '|' || external_id || '|' || COALESCE(name, '') || '|' || COALESCE(email, '') || "
                      "'|' || COALESCE(level, '') || '|' || COALESCE(geography, '') || '|' || CAST(fields AS TEXT) "
                      "FROM candidates ORDER BY 1");
}

// Every ticket's fields, and how many repeats of its blocker were added to it. Descriptions and
// comment texts name the event that happened to arrive first, which the delivery order decides.
std::vector<std::string> ticket_state(const SnagServer& server) {
  return query_column(server.database_url(),
                      "SELECT type || '|' || candidate_ats || '|' || candidate_external_id || '|' || status || '|' || "
                      "severity || '|' || team || '|' || title || '|' || labels || '|' || "
                      "CAST((SELECT count(*) FROM comments c WHERE c.ticket_id = t.id) AS TEXT) "
                      "FROM tickets t ORDER BY 1");
}

TEST(AtsReplay, TenThousandEventsWithRepeatsAndShuffledEndInTheStateOfTheCleanStream) {
  SnagServer clean;
  SnagServer messy;
  create_connector(clean);
  create_connector(messy);
  const std::vector<std::string> stream{"mock-ats", "--vendor", "standard_webhooks", "--secret", std::string(k_secret),
                                        "--candidates", "600", "--count", "10000", "--seed", "11",
                                        "--connections", "8"};

  auto clean_args = stream;
  clean_args.insert(clean_args.end(), {"--send-to", hooks_url(clean)});
  const auto clean_sent = run_snag(clean_args);
  ASSERT_EQ(clean_sent.exit_code, 0) << clean_sent.err;
  EXPECT_NE(clean_sent.out.find("sent 10000 deliveries (0 repeats): 10000 2xx"), std::string::npos) << clean_sent.out;

  auto messy_args = stream;
  messy_args.insert(messy_args.end(), {"--send-to", hooks_url(messy), "--duplicates", "0.2", "--shuffle"});
  const auto messy_sent = run_snag(messy_args);
  ASSERT_EQ(messy_sent.exit_code, 0) << messy_sent.err;
  std::smatch counts;
  ASSERT_TRUE(std::regex_search(messy_sent.out, counts,
                                std::regex(R"(sent (\d+) deliveries \((\d+) repeats\): (\d+) 2xx, 0 non-2xx, 0 failed)")))
      << messy_sent.out;
  EXPECT_GT(std::stoi(counts[2]), 1600);  // about 20% of 10,000
  EXPECT_LT(std::stoi(counts[2]), 2400);

  ASSERT_TRUE(drained(clean));
  ASSERT_TRUE(drained(messy));
  for (const auto* server : {&clean, &messy}) {
    const auto health = server->get("/api/v1/connectors/sw").json()["health"];
    EXPECT_EQ(health["received"], 10000) << health;
    EXPECT_EQ(health["dead"], 0) << health;
  }

  const auto candidates = candidate_state(clean);
  const auto tickets = ticket_state(clean);
  EXPECT_EQ(candidates.size(), 600u);
  EXPECT_GT(tickets.size(), 300u);  // offer, document and resume blockers about most candidates
  EXPECT_EQ(candidate_state(messy), candidates);
  EXPECT_EQ(ticket_state(messy), tickets);
}

TEST(AtsReplay, EveryDeliveryAcknowledgedBeforeAKill9IsInTheInboxAfterTheRestart) {
  // The killed server's leases (jobs.lease, which the inbox's follow) run out within seconds: on
  // PostgreSQL, where any node may still hold them, the restarted one waits for that.
  struct ShortLeases {
    ShortLeases() { ::setenv("SNAG_JOBS_LEASE_SECONDS", "3", 1); }
    ~ShortLeases() { ::unsetenv("SNAG_JOBS_LEASE_SECONDS"); }
  } short_leases;
  SnagServer server;
  create_connector(server);
  TempDir dir;
  const auto accepted_log = dir.path() / "accepted.txt";
  auto sending = std::async(std::launch::async, [&] {
    return run_snag({"mock-ats", "--vendor", "standard_webhooks", "--secret", std::string(k_secret), "--count",
                     "10000", "--seed", "5", "--connections", "8", "--send-to", hooks_url(server), "--accepted-log",
                     accepted_log.string()});
  });
  const auto acknowledged = [&] {
    std::ifstream in(accepted_log);
    std::vector<std::string> ids;
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) ids.push_back(line);
    }
    return ids;
  };
  for (int i = 0; i < 600 && acknowledged().size() < 1500; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  server.crash();  // in the middle of the stream: deliveries are in flight
  const auto sent = sending.get();
  ASSERT_EQ(sent.exit_code, 0) << sent.err;
  std::smatch failed;
  ASSERT_TRUE(std::regex_search(sent.out, failed, std::regex(R"((\d+) failed)"))) << sent.out;
  EXPECT_GT(std::stoi(failed[1]), 0) << "the server died in the middle of the stream";

  const auto ids = acknowledged();
  ASSERT_GE(ids.size(), 1500u) << sent.out;
  SnagServer restarted(server.database_url(), server.admin_key());
  const auto stored = query_column(restarted.database_url(), "SELECT event_id FROM deliveries WHERE connector = 'sw'");
  const std::set<std::string> inbox(stored.begin(), stored.end());
  const auto missing = std::count_if(ids.begin(), ids.end(), [&](const auto& id) { return !inbox.contains(id); });
  EXPECT_EQ(missing, 0) << "of " << ids.size() << " acknowledged deliveries";
  EXPECT_TRUE(drained(restarted));
  EXPECT_EQ(restarted.get("/api/v1/connectors/sw").json()["health"]["dead"], 0);
}

TEST(AtsReplay, TheDemoOrgsConnectorTakesTheMockAtsFeedThatMakeRunStarts) {
  SnagServer server;
  const auto seeded = run_snag({"demo", "--database", server.database_url(), "--tickets", "20", "--quiet"});
  ASSERT_EQ(seeded.exit_code, 0) << seeded.err;
  std::smatch secret;
  ASSERT_TRUE(std::regex_search(seeded.out, secret, std::regex(R"(POST /hooks/demo-ats \(Standard Webhooks, secret (whsec_[^)]+)\))")))
      << seeded.out;

  const auto sent = run_snag({"mock-ats", "--vendor", "standard_webhooks", "--secret", secret[1], "--count", "300",
                              "--candidates", "40", "--send-to",
                              "http://127.0.0.1:" + std::to_string(server.port()) + "/hooks/demo-ats"});
  ASSERT_EQ(sent.exit_code, 0) << sent.err;
  EXPECT_NE(sent.out.find("300 2xx, 0 non-2xx"), std::string::npos) << sent.out;
  for (int i = 0; i < 600 && server.get("/api/v1/connectors/demo-ats").json()["health"]["pending"] != 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_GT(count_rows(server.database_url(), "tickets WHERE reporter = 'ats:demo-ats'"), 0);
}

}  // namespace ats_replay_test
}  // namespace snag::testing
