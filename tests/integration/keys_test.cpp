// API key management through the real binary: `snag keys create | rotate | list | revoke`
// against a database a running server uses.

#include <gtest/gtest.h>

#include <sstream>
#include <thread>

#include "snag_process.hpp"

namespace snag::testing {
namespace keys_test {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

// The number after `prefix` in `text` ("created API key 7 'ci'…" -> 7); -1 when absent.
std::int64_t number_after(const std::string& text, const std::string& prefix) {
  const auto at = text.find(prefix);
  if (at == std::string::npos) return -1;
  return std::stoll(text.substr(at + prefix.size()));
}

// The `keys list` row of key `id`.
std::string row_of(const std::string& table, std::int64_t id) {
  for (const auto& line : lines_of(table)) {
    if (line.rfind(std::to_string(id) + " ", 0) == 0) return line;
  }
  return {};
}

HttpResponse get_with(const SnagServer& server, const std::string& target, const std::string& secret) {
  HttpRequest request;
  request.target = target;
  request.headers["Authorization"] = "Bearer " + secret;
  return server.send(request);
}

TEST(KeysCli, EveryKeysSubcommandHasHelp) {
  for (const auto* command : {"create", "rotate", "list", "revoke"}) {
    const auto result = run_snag({"keys", command, "--help"});
    EXPECT_EQ(result.exit_code, 0) << command;
    EXPECT_NE(result.out.find("--database"), std::string::npos) << command << ": " << result.out;
  }
}

TEST(KeysCli, ARotatedKeyAndItsSuccessorBothWorkAgainstARunningServer) {
  SnagServer server;
  const auto url = server.database_url();
  const auto created = run_snag({"keys", "create", "--database", url, "--name", "ats-sync", "--role", "recruiter",
                                 "--team", "recruitment", "--scopes", "tickets:read,tickets:write", "--owner", "ops"});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  const auto old_id = number_after(created.out, "created API key ");
  ASSERT_GT(old_id, 0) << created.out;
  const std::string old_secret = lines_of(created.out).back();
  ASSERT_EQ(old_secret.rfind("snag_", 0), 0u) << created.out;
  ASSERT_EQ(get_with(server, "/api/v1/tickets", old_secret).status, 200);

  const auto rotated = run_snag({"keys", "rotate", "--database", url, "--id", std::to_string(old_id)});
  ASSERT_EQ(rotated.exit_code, 0) << rotated.err;
  const auto lines = lines_of(rotated.out);
  ASSERT_GE(lines.size(), 2u) << rotated.out;
  const std::string new_secret = lines.back();
  EXPECT_EQ(new_secret.rfind("snag_", 0), 0u) << rotated.out;
  EXPECT_EQ(new_secret.find(' '), std::string::npos);
  EXPECT_NE(new_secret, old_secret);
  EXPECT_NE(lines[lines.size() - 2].find("stops working at 20"), std::string::npos) << rotated.out;
  const auto new_id = number_after(rotated.out, "to API key ");
  ASSERT_GT(new_id, old_id) << rotated.out;

  EXPECT_EQ(get_with(server, "/api/v1/tickets", old_secret).status, 200);
  EXPECT_EQ(get_with(server, "/api/v1/tickets", new_secret).status, 200);

  const auto listed = run_snag({"keys", "list", "--database", url});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  const auto header = lines_of(listed.out).front();
  for (const auto* column : {"ID", "NAME", "ROLE", "OWNER", "CREATED", "EXPIRES", "LAST USED", "STATE"}) {
    EXPECT_NE(header.find(column), std::string::npos) << column << ": " << header;
  }
  const auto old_row = row_of(listed.out, old_id);
  EXPECT_NE(old_row.find("ats-sync"), std::string::npos) << listed.out;
  EXPECT_NE(old_row.find("ops"), std::string::npos) << old_row;
  EXPECT_NE(old_row.find("rotated to " + std::to_string(new_id)), std::string::npos) << listed.out;
  const auto new_row = row_of(listed.out, new_id);
  EXPECT_NE(new_row.find("ats-sync"), std::string::npos) << listed.out;
  EXPECT_NE(new_row.find("active"), std::string::npos) << listed.out;
  EXPECT_EQ(listed.out.find(old_secret), std::string::npos);
  EXPECT_EQ(listed.out.find(new_secret), std::string::npos);

  // The server shows the same through the API.
  const auto api = server.get("/api/v1/keys");
  ASSERT_EQ(api.status, 200) << api.body;
  bool found = false;
  const auto shown = api.json();
  for (const auto& item : shown["items"]) {
    if (item["id"] == old_id) {
      found = true;
      EXPECT_EQ(item["replaced_by"], new_id);
      EXPECT_TRUE(item["expires_at"].is_string());
    }
  }
  EXPECT_TRUE(found) << api.body;

  const auto again = run_snag({"keys", "rotate", "--database", url, "--id", std::to_string(old_id)});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("already rotated"), std::string::npos) << again.err;
  const auto unknown = run_snag({"keys", "rotate", "--database", url, "--id", "9999"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("does not exist"), std::string::npos) << unknown.err;

  const auto due = run_snag({"keys", "list", "--database", url, "--due"});
  ASSERT_EQ(due.exit_code, 0) << due.err;
  EXPECT_EQ(lines_of(due.out).size(), 1u) << due.out;  // the header: no maximum age configured
}

TEST(KeysCli, ARevokedKeyStopsWorkingOnTheServerWithinItsCacheLifetime) {
  SnagServer server;
  const auto url = server.database_url();
  const auto created = run_snag({"keys", "create", "--database", url, "--name", "temp", "--role", "sourcer"});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  const auto id = number_after(created.out, "created API key ");
  const std::string secret = lines_of(created.out).back();
  ASSERT_EQ(get_with(server, "/api/v1/tickets", secret).status, 200);

  const auto revoked = run_snag({"keys", "revoke", "--database", url, "--id", std::to_string(id)});
  ASSERT_EQ(revoked.exit_code, 0) << revoked.err;
  EXPECT_NE(revoked.out.find("revoked API key " + std::to_string(id)), std::string::npos) << revoked.out;
  // Another process revoked it: the server's look-up cache (5 s) may still hold it.
  int status = 0;
  for (int attempt = 0; attempt < 40; ++attempt) {
    status = get_with(server, "/api/v1/tickets", secret).status;
    if (status == 401) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  EXPECT_EQ(status, 401);
  EXPECT_NE(row_of(run_snag({"keys", "list", "--database", url}).out, id).find("revoked"), std::string::npos);
}

}  // namespace keys_test
}  // namespace snag::testing
