// `snag audit verify` over a journal written by the real server, before and after tampering.

#include <gtest/gtest.h>

#include "snag_process.hpp"

namespace snag::testing {
namespace audit_test {

void write_some_history(SnagServer& server) {
  for (int i = 0; i < 3; ++i) {
    const auto created = server.post("/api/v1/tickets", {{"type", "other"}, {"title", "Audit " + std::to_string(i)}});
    ASSERT_EQ(created.status, 201);
    const std::string path = "/api/v1/tickets/" + created.json()["key"].get<std::string>();
    ASSERT_EQ(server.post(path + "/comments", {{"body", "note"}}).status, 201);
    ASSERT_EQ(server.post(path + "/transitions", {{"to", "triaged"}}).status, 200);
  }
}

TEST(Audit, VerifyReportsOkWithTheEntryCount) {
  SnagServer server;
  write_some_history(server);
  const auto journal_rows = count_rows(server.database_url(), "journal");
  const auto result = run_snag({"audit", "verify", "--database", server.database_url()});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_EQ(result.out, "ok " + std::to_string(journal_rows) + " entries, 0 redacted\n");
}

TEST(Audit, AnEditBehindTheServersBackIsFound) {
  SnagServer server;
  write_some_history(server);
  execute_sql(server.database_url(), "UPDATE journal SET new_value = '\"forged\"' WHERE seq = 5");
  const auto result = run_snag({"audit", "verify", "--database", server.database_url()});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.out.find("broken at entry 5"), std::string::npos) << result.out;
}

TEST(Audit, ADeletedEntryIsFound) {
  SnagServer server;
  write_some_history(server);
  server.stop();
  execute_sql(server.database_url(), "DELETE FROM journal WHERE seq = 3");
  const auto result = run_snag({"audit", "verify", "--database", server.database_url()});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.out.find("broken at entry 4"), std::string::npos) << result.out;
}

}  // namespace audit_test
}  // namespace snag::testing
