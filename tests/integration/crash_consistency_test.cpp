// A 2xx means durable, also when the server dies the next instant. Clients create tickets and
// send signed webhooks while the real server is killed with SIGKILL at random moments, twenty
// times, each time restarted on the same database. Afterwards every acknowledged ticket and
// delivery is there, every ticket has its journal, the inbox drains with nothing dead, the chain
// verifies and (on SQLite) PRAGMA integrity_check says ok. CTest runs it on PostgreSQL too.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "snag_process.hpp"
#include <gtest/gtest.h>

#include <snag/integrations/ats/greenhouse/signature.hpp>

namespace snag::testing {
namespace crash_consistency_test {

constexpr std::string_view k_secret = "crash-test-secret";
constexpr int k_kills = 20;
constexpr int k_clients = 4;

// What the clients were told was done.
struct Acknowledged {
  std::mutex mutex;
  std::vector<std::string> ticket_titles;
  std::vector<std::string> delivery_ids;
  int refused = 0;  // answers other than 2xx before the kill: there must be none
};

// Greenhouse's documented update_candidate payload.
std::string webhook_body() {
  std::ifstream file(std::filesystem::path(SNAG_ATS_FIXTURES) / "greenhouse_update_candidate.json", std::ios::binary);
  return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

// One client: alternates ticket creates and webhook deliveries until the server stops answering.
void drive(const SnagServer& server, const std::string& prefix, const std::atomic<bool>& stop,
           Acknowledged& acknowledged) {
  const std::string body = webhook_body();
  const std::string signature = ats::sign_greenhouse(std::string(k_secret), body);
  for (int n = 0; !stop; ++n) {
    const std::string name = prefix + "-" + std::to_string(n);
    try {
      if (n % 2 == 0) {
        const auto created = server.post("/api/v1/tickets", {{"type", "document_missing"}, {"title", "crash " + name}});
        std::lock_guard lock(acknowledged.mutex);
        if (created.status == 201) {
          acknowledged.ticket_titles.push_back("crash " + name);
        } else if (!stop) {
          ++acknowledged.refused;
        }
      } else {
        HttpRequest request;
        request.method = "POST";
        request.target = "/hooks/gh";
        request.body = body;
        request.headers = {
            {"Content-Type", "application/json"}, {"Signature", signature}, {"Greenhouse-Event-ID", name}};
        const auto delivered = server.send(request);
        std::lock_guard lock(acknowledged.mutex);
        if (delivered.status / 100 == 2) {
          acknowledged.delivery_ids.push_back(name);
        } else if (!stop) {
          ++acknowledged.refused;
        }
      }
    } catch (const std::exception&) {
      // The connection failed or broke: killed, so nothing was acknowledged.
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
}

std::set<std::string> column_set(const std::string& url, const std::string& sql) {
  const auto values = query_column(url, sql);
  return {values.begin(), values.end()};
}

TEST(CrashConsistency, TwentyKillsLoseNoAcknowledgedWriteAndLeaveTheStoreWhole) {
  // A killed node's job leases (the inbox's processing) run out within seconds: on PostgreSQL
  // the next node waits for that.
  struct ShortLeases {
    ShortLeases() { ::setenv("SNAG_JOBS_LEASE_SECONDS", "2", 1); }
    ~ShortLeases() { ::unsetenv("SNAG_JOBS_LEASE_SECONDS"); }
  } short_leases;
  SnagServer first;  // owns the database for the whole test
  const auto created = first.post("/api/v1/connectors", {{"id", "gh"}, {"vendor", "greenhouse"}, {"secret", k_secret}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string url = first.database_url();
  const std::string key = first.admin_key();
  first.crash();

  Acknowledged acknowledged;
  std::mt19937 random(20261130);
  std::uniform_int_distribution<int> kill_after_ms(100, 400);
  for (int kill = 0; kill < k_kills; ++kill) {
    SnagServer server(url, key);
    std::atomic<bool> stop{false};
    std::vector<std::thread> clients;
    for (int client = 0; client < k_clients; ++client) {
      clients.emplace_back(drive, std::cref(server), "k" + std::to_string(kill) + "c" + std::to_string(client),
                           std::cref(stop), std::ref(acknowledged));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(kill_after_ms(random)));
    server.crash();
    stop = true;
    for (auto& client : clients) client.join();
  }

  SnagServer restarted(url, key);
  EXPECT_EQ(acknowledged.refused, 0);
  ASSERT_GT(acknowledged.ticket_titles.size(), 100u);
  ASSERT_GT(acknowledged.delivery_ids.size(), 100u);

  const auto titles = column_set(url, "SELECT title FROM tickets");
  const auto missing_tickets = std::count_if(acknowledged.ticket_titles.begin(), acknowledged.ticket_titles.end(),
                                             [&](const auto& title) { return !titles.contains(title); });
  EXPECT_EQ(missing_tickets, 0) << "of " << acknowledged.ticket_titles.size() << " acknowledged tickets";
  const auto inbox = column_set(url, "SELECT event_id FROM deliveries WHERE connector = 'gh'");
  const auto missing_deliveries = std::count_if(acknowledged.delivery_ids.begin(), acknowledged.delivery_ids.end(),
                                                [&](const auto& id) { return !inbox.contains(id); });
  EXPECT_EQ(missing_deliveries, 0) << "of " << acknowledged.delivery_ids.size() << " acknowledged deliveries";

  // Nothing half-applied: each ticket came with its journal entries, each "create" entry with
  // its ticket, in the same transaction.
  EXPECT_EQ(count_rows(url, "tickets t WHERE NOT EXISTS (SELECT 1 FROM journal j WHERE j.ticket_id = t.id)"), 0);
  EXPECT_EQ(count_rows(url,
                       "journal j WHERE j.action = 'create' AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.id = "
                       "j.ticket_id)"),
            0);
  // The inbox drains: every stored delivery is processed once, none dead.
  nlohmann::json health;
  for (int i = 0; i < 600; ++i) {
    health = restarted.get("/api/v1/connectors/gh").json()["health"];
    if (health["pending"] == 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(health["pending"], 0) << health.dump();
  EXPECT_EQ(health["dead"], 0) << health.dump();

  EXPECT_EQ(restarted.stop(), 0);
  const auto verified = run_snag({"audit", "verify", "--database", url});
  EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
  EXPECT_EQ(verified.out.rfind("ok ", 0), 0u) << verified.out;
  if (url.starts_with("sqlite:")) {
    EXPECT_EQ(query_column(url, "PRAGMA integrity_check"), std::vector<std::string>{"ok"});
  }
  std::cout << "crash consistency: " << k_kills << " kills, " << acknowledged.ticket_titles.size()
            << " acknowledged tickets and " << acknowledged.delivery_ids.size() << " acknowledged deliveries, "
            << missing_tickets + missing_deliveries << " lost\n";
}

}  // namespace crash_consistency_test
}  // namespace snag::testing
