// The commands of API.md, run as a user would.

#include <gtest/gtest.h>

#include "snag_process.hpp"

namespace snag::testing {
namespace {

TEST(Cli, EverySubcommandHasHelp) {
  for (const auto& args : std::vector<std::vector<std::string>>{{"--help"},
                                                                {"serve", "--help"},
                                                                {"db", "--help"},
                                                                {"db", "migrate", "--help"},
                                                                {"db", "copy", "--help"},
                                                                {"audit", "verify", "--help"},
                                                                {"keys", "create", "--help"},
                                                                {"demo", "--help"}}) {
    const auto result = run_snag(args);
    EXPECT_EQ(result.exit_code, 0) << args[0];
    EXPECT_NE(result.out.find("Usage"), std::string::npos) << args[0] << ": " << result.out;
  }
}

TEST(Cli, KeysCreatePrintsTheSecretAloneOnTheLastLineAndCreatesTheDatabase) {
  TempDir dir;
  const auto url = "sqlite:" + (dir.path() / "sub" / "new.db").string();
  const auto result = run_snag({"keys", "create", "--database", url, "--name", "ci", "--role", "recruiter",
                                "--team", "recruitment"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto last = result.out.substr(result.out.rfind('\n', result.out.size() - 2) + 1);
  EXPECT_EQ(last.rfind("snag_", 0), 0u) << result.out;
  EXPECT_EQ(last.find(' '), std::string::npos);
}

TEST(Cli, KeysCreateRefusesAnUnknownRole) {
  TestDatabase database;
  const auto result =
      run_snag({"keys", "create", "--database", database.url(), "--name", "x", "--role", "emperor"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("role"), std::string::npos);
}

TEST(Cli, DemoSeedsAnOrgThatServesAndVerifies) {
  TestDatabase database;
  const auto url = database.url();
  const auto seeded = run_snag({"demo", "--database", url, "--tickets", "300", "--quiet"});
  ASSERT_EQ(seeded.exit_code, 0) << seeded.err;
  EXPECT_NE(seeded.out.find("300 tickets"), std::string::npos) << seeded.out;
  EXPECT_EQ(count_rows(url, "tickets"), 300);
  EXPECT_EQ(count_rows(url, "candidates"), 2000);
  const auto verified = run_snag({"audit", "verify", "--database", url});
  EXPECT_EQ(verified.exit_code, 0) << verified.out;

  const auto again = run_snag({"demo", "--database", url, "--if-empty", "--quiet"});
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_EQ(count_rows(url, "tickets"), 300);
  EXPECT_NE(again.out.find("snag_demo_"), std::string::npos);
  EXPECT_NE(again.out.find("demo ATS connector: POST /hooks/demo-ats (Standard Webhooks, secret whsec_"),
            std::string::npos)
      << again.out;
  EXPECT_EQ(count_rows(url, "connectors WHERE id = 'demo-ats'"), 1);
}

TEST(Cli, AnUnsupportedDatabaseUrlIsExplained) {
  const auto result = run_snag({"db", "migrate", "--database", "mysql://x"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("sqlite:"), std::string::npos) << result.err;
}


// The last non-empty line of a command's output (where `keys create` prints the secret).
std::string last_line_of(const std::string& text) {
  std::string last;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    const auto line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!line.empty()) last = line;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return last;
}

TEST(Cli, DbCopyMovesAnInstallationThatVerifiesAndServesTheSameTickets) {
  // This run's backend to the same backend, and to a new SQLite file (PostgreSQL to SQLite in
  // the PostgreSQL run).
  TestDatabase source;
  TestDatabase destination;
  TempDir dir;
  const std::string sqlite_copy = "sqlite:" + (dir.path() / "copies" / "snag.db").string();
  const auto seeded = run_snag({"demo", "--database", source.url(), "--tickets", "200", "--quiet"});
  ASSERT_EQ(seeded.exit_code, 0) << seeded.err;
  const auto key = run_snag({"keys", "create", "--database", source.url(), "--name", "mover", "--role", "compliance"});
  ASSERT_EQ(key.exit_code, 0) << key.err;
  // Copied with the api_keys, valid on every copy; compliance sees every ticket, restricted ones too.
  const std::string admin_key = last_line_of(key.out);

  for (const std::string& to : {destination.url(), sqlite_copy}) {
    const auto copied = run_snag({"db", "copy", "--from", source.url(), "--to", to});
    ASSERT_EQ(copied.exit_code, 0) << copied.err;
    EXPECT_EQ(copied.err, "");  // stderr is not a terminal here: no progress lines
    EXPECT_NE(copied.out.find("tickets"), std::string::npos) << copied.out;
    EXPECT_NE(copied.out.find("journal"), std::string::npos) << copied.out;
    EXPECT_EQ(count_rows(to, "tickets"), 200);
    EXPECT_EQ(count_rows(to, "journal"), count_rows(source.url(), "journal"));
    const auto verified = run_snag({"audit", "verify", "--database", to});
    EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
    EXPECT_EQ(verified.out.rfind("ok ", 0), 0u) << verified.out;
  }

  const auto again = run_snag({"db", "copy", "--from", source.url(), "--to", destination.url(), "--quiet"});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("not empty"), std::string::npos) << again.err;
  EXPECT_EQ(count_rows(destination.url(), "tickets"), 200);

  std::vector<std::string> bodies;
  for (const std::string& url : {source.url(), destination.url(), sqlite_copy}) {
    SnagServer server(url, admin_key);
    const auto ticket = server.get("/api/v1/tickets/SNAG-1");
    ASSERT_EQ(ticket.status, 200) << url << ": " << ticket.body;
    const auto last = server.get("/api/v1/tickets/SNAG-200");
    ASSERT_EQ(last.status, 200) << url << ": " << last.body;
    const auto page = server.get("/api/v1/tickets?limit=20");
    ASSERT_EQ(page.status, 200) << url << ": " << page.body;
    bodies.push_back(ticket.json().dump() + "\n" + ticket.header("etag") + "\n" + last.json().dump() + "\n" +
                     page.json().dump());
  }
  EXPECT_EQ(bodies[1], bodies[0]);
  EXPECT_EQ(bodies[2], bodies[0]);
}

}  // namespace
}  // namespace snag::testing
