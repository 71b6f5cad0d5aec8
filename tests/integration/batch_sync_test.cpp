// The ATS feeds other than webhooks, run as an operator would: `snag import candidates` on a CSV
// file with a bad row, `snag sync` against a running `snag mock-ats`, and `snag mock-ats`
// sending signed Greenhouse webhooks (with repeats, shuffled) to a running `snag serve`.

#include <fstream>
#include <regex>
#include <stdexcept>
#include <thread>

#include "snag_process.hpp"
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace snag::testing {
namespace batch_sync_test {

// `snag mock-ats --listen 127.0.0.1:0 …` for the length of a test: its URL is read from the
// "listening on" line it prints once it accepts connections.
class MockAtsProcess {
 public:
  explicit MockAtsProcess(const std::vector<std::string>& args) {
    int out[2];
    if (pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    std::vector<std::string> storage{SNAG_BINARY, "mock-ats", "--listen", "127.0.0.1:0"};
    storage.insert(storage.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& arg : storage) argv.push_back(arg.data());
    argv.push_back(nullptr);
    const int rc = posix_spawn(&m_pid, SNAG_BINARY, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    if (rc != 0) throw std::runtime_error("cannot start " SNAG_BINARY " mock-ats");
    m_out = out[0];
    std::string line;
    char c = 0;
    while (read(m_out, &c, 1) == 1) {
      if (c != '\n') {
        line += c;
        continue;
      }
      if (line.rfind("listening on ", 0) == 0) {
        m_url = line.substr(13);
        return;
      }
      line.clear();
    }
    throw std::runtime_error("snag mock-ats ended before it listened");
  }
  ~MockAtsProcess() {
    kill(m_pid, SIGTERM);
    int status = 0;
    waitpid(m_pid, &status, 0);
    close(m_out);
  }
  MockAtsProcess(const MockAtsProcess&) = delete;
  MockAtsProcess& operator=(const MockAtsProcess&) = delete;

  const std::string& url() const { return m_url; }

 private:
  pid_t m_pid = -1;
  int m_out = -1;
  std::string m_url;
};

void create_connector(const SnagServer& server, const nlohmann::json& connector) {
  const auto created = server.post("/api/v1/connectors", connector);
  ASSERT_EQ(created.status, 201) << created.body;
}

// GET as a recruiter: the admin key's role has no pii:read, and sees names and emails masked.
HttpResponse get_unmasked(const SnagServer& server, const std::string& key, const std::string& target) {
  return server.send({"GET", target, "", {{"Authorization", "Bearer " + key}}});
}

TEST(BatchSync, CsvImportSkipsBadRowsWithTheirNumbersAndImportsTheRest) {
  SnagServer server;
  create_connector(server, {{"id", "hr-csv"}, {"vendor", "csv"}, {"mode", "batch"}});
  TempDir dir;
  const auto file = dir.path() / "candidates.csv";
  std::ofstream(file) << "external_id,name,email,level,geography,visa_status\n"
                         "c-1,Ada Lovelace,ada@example.com,senior,GB,citizen\n"
                         "c-2,Not An Email,not-an-email,entry,IN,needs_sponsorship\n"
                         "c-3,\"Hopper, Grace\",grace@example.com,executive,US-NY,\n"
                         "c-4,Too Few Cells\n"
                         "c-5,Katherine Johnson,kj@example.com,mid,US-VA,citizen\n";

  const auto result =
      run_snag({"import", "candidates", file.string(), "--connector", "hr-csv", "--database", server.database_url()});
  EXPECT_EQ(result.exit_code, 2) << result.out << result.err;  // imported, with rows skipped
  EXPECT_NE(result.err.find("row 3: email must be an email address"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("row 5: row has 2 cells where the header has 6"), std::string::npos) << result.err;
  EXPECT_NE(result.out.find("imported 3 of 5 rows into connector hr-csv (3 new candidates)"), std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("skipped 2 rows"), std::string::npos) << result.out;

  const std::string recruiter = server.create_key("recruiter");
  const auto ada = get_unmasked(server, recruiter, "/api/v1/candidates/csv/c-1");
  ASSERT_EQ(ada.status, 200) << ada.body;
  EXPECT_EQ(ada.json()["name"], "Ada Lovelace");
  EXPECT_EQ(ada.json()["email"], "ada@example.com");
  EXPECT_EQ(ada.json()["level"], "senior");
  EXPECT_EQ(ada.json()["geography"], "GB");
  EXPECT_EQ(ada.json()["fields"]["visa_status"], "citizen");
  EXPECT_EQ(get_unmasked(server, recruiter, "/api/v1/candidates/csv/c-3").json()["name"], "Hopper, Grace");
  EXPECT_EQ(server.get("/api/v1/candidates/csv/c-2").status, 404);
  EXPECT_EQ(server.get("/api/v1/candidates/csv/c-4").status, 404);

  // A later export says the ATS purged Ada: her profile is erased, and the purge is on record.
  const auto purges = dir.path() / "purges.csv";
  std::ofstream(purges) << "external_id,name,purged_at\nc-1,Ada Lovelace,2026-01-05T00:00:00Z\n";
  const auto purged =
      run_snag({"import", "candidates", purges.string(), "--connector", "hr-csv", "--database", server.database_url()});
  EXPECT_EQ(purged.exit_code, 0) << purged.out << purged.err;
  std::string erased_name = "Ada Lovelace";
  for (int attempt = 0; attempt < 100 && erased_name == "Ada Lovelace"; ++attempt) {  // the server's erasure job
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const auto read = get_unmasked(server, recruiter, "/api/v1/candidates/csv/c-1").json();
    erased_name = read["name"].is_null() ? "" : read["name"].get<std::string>();
    EXPECT_EQ(read["purged_at"], "2026-01-05T00:00:00Z");
  }
  EXPECT_EQ(erased_name, "");

  const auto unknown =
      run_snag({"import", "candidates", file.string(), "--connector", "nope", "--database", server.database_url()});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("no connector 'nope'"), std::string::npos) << unknown.err;
}

TEST(BatchSync, SnagSyncPullsEveryCandidateFromTheMockAtsAndResumesFromTheWatermark) {
  MockAtsProcess ats({"--candidates", "120", "--seed", "4", "--api-key", "harvest-key-42", "--throttle-every", "3"});
  SnagServer server;
  // Realtime, with an API to pull from: the server's own ats.sync job pulls only batch and hybrid
  // connectors, so here the command alone syncs, and its counts are exact.
  create_connector(server, {{"id", "gh-batch"},
                            {"vendor", "greenhouse"},
                            {"mode", "realtime"},
                            {"secret", "webhook-secret-unused"},
                            {"api_url", ats.url()},
                            {"api_key", "harvest-key-42"}});

  const auto first =
      run_snag({"sync", "--connector", "gh-batch", "--per-page", "50", "--database", server.database_url()});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("3 pages, 120 candidates (120 new"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("waits for the rate limit"), std::string::npos) << first.out;  // 429s honoured
  EXPECT_EQ(count_rows(server.database_url(), "candidates"), 120);

  // The mock's first candidate (ids start at 53000000), with what Harvest's custom fields say.
  const auto candidate = get_unmasked(server, server.create_key("recruiter"), "/api/v1/candidates/greenhouse/53000000");
  ASSERT_EQ(candidate.status, 200) << candidate.body;
  EXPECT_TRUE(candidate.json()["level"].is_string()) << candidate.body;
  EXPECT_TRUE(candidate.json()["fields"]["visa_status"].is_string()) << candidate.body;

  // Nothing changed at the ATS: the next run asks only from the watermark on.
  const auto again = run_snag({"sync", "--connector", "gh-batch", "--database", server.database_url()});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("1 pages, 1 candidates (0 new"), std::string::npos) << again.out;
  EXPECT_EQ(count_rows(server.database_url(), "candidates"), 120);

  const auto refused = run_snag({"sync", "--connector", "nope", "--database", server.database_url()});
  EXPECT_EQ(refused.exit_code, 1);
}

TEST(BatchSync, MockAtsWebhooksAreSignedAndStoredOnceEach) {
  SnagServer server;
  const std::string secret = "mock-ats-greenhouse-secret";
  create_connector(server, {{"id", "gh-hooks"}, {"vendor", "greenhouse"}, {"mode", "realtime"}, {"secret", secret}});
  const std::string hooks = "http://127.0.0.1:" + std::to_string(server.port()) + "/hooks/gh-hooks";

  const auto sent =
      run_snag({"mock-ats", "--send-to", hooks, "--vendor", "greenhouse", "--secret", secret, "--candidates", "15",
                "--count", "40", "--duplicates", "0.25", "--shuffle", "--seed", "3"});
  ASSERT_EQ(sent.exit_code, 0) << sent.err;
  std::smatch counts;
  ASSERT_TRUE(std::regex_search(
      sent.out, counts, std::regex(R"(sent (\d+) deliveries \((\d+) repeats\): (\d+) 2xx, 0 non-2xx, 0 failed)")))
      << sent.out;
  EXPECT_EQ(std::stoi(counts[1]), 40 + std::stoi(counts[2]));
  EXPECT_GT(std::stoi(counts[2]), 0);
  EXPECT_EQ(counts[3], counts[1]);  // a repeat is answered 2xx too, and has no second effect

  const auto connector = server.get("/api/v1/connectors/gh-hooks");
  ASSERT_EQ(connector.status, 200) << connector.body;
  EXPECT_EQ(connector.json()["health"]["received"], 40) << connector.body;

  // Processing is asynchronous: wait for the inbox to drain, then every delivery was applied.
  const auto health = [&] { return server.get("/api/v1/connectors/gh-hooks").json()["health"]; };
  for (int i = 0; i < 600 && health()["pending"] != 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(health()["pending"], 0);
  EXPECT_EQ(health()["dead"], 0) << health();
  EXPECT_GT(count_rows(server.database_url(), "candidates WHERE ats = 'greenhouse'"), 0);

  const auto forged = run_snag({"mock-ats", "--send-to", hooks, "--secret", "not-the-secret", "--count", "5"});
  ASSERT_EQ(forged.exit_code, 0) << forged.err;
  EXPECT_NE(forged.out.find("0 2xx, 5 non-2xx"), std::string::npos) << forged.out;
  EXPECT_NE(forged.out.find("HTTP 401: 5"), std::string::npos) << forged.out;
  EXPECT_EQ(server.get("/api/v1/connectors/gh-hooks").json()["health"]["received"], 40);
}

}  // namespace batch_sync_test
}  // namespace snag::testing
