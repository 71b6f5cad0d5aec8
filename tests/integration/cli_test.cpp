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
}

TEST(Cli, AnUnsupportedDatabaseUrlIsExplained) {
  const auto result = run_snag({"db", "migrate", "--database", "mysql://x"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("sqlite:"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace snag::testing
