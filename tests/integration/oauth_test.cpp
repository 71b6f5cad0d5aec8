// OAuth 2.0 client credentials through the real binary: `snag clients create`, then
// POST /oauth/token as an OAuth client library sends it, then the token as an API bearer.

#include <chrono>
#include <thread>

#include "snag_process.hpp"
#include <gtest/gtest.h>

namespace snag::testing {
namespace oauth_test {

// Standard, padded base64 (RFC 4648 §4), as HTTP Basic uses it.
std::string base64(std::string_view bytes) {
  static constexpr char k_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned n = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    for (const int shift : {18, 12, 6, 0}) out += k_alphabet[(n >> shift) & 63];
  }
  if (i + 1 == bytes.size()) {
    const unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
    out += std::string{k_alphabet[(n >> 18) & 63], k_alphabet[(n >> 12) & 63], '=', '='};
  } else if (i + 2 == bytes.size()) {
    const unsigned n = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8);
    out += std::string{k_alphabet[(n >> 18) & 63], k_alphabet[(n >> 12) & 63], k_alphabet[(n >> 6) & 63], '='};
  }
  return out;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    auto line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!line.empty()) lines.push_back(std::move(line));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return lines;
}

struct Client {
  std::string id;
  std::string secret;
};

Client create_client(const SnagServer& server, std::vector<std::string> extra) {
  std::vector<std::string> args{"clients", "create", "--database", server.database_url(), "--name", "greenhouse-sync"};
  args.insert(args.end(), extra.begin(), extra.end());
  const auto result = run_snag(args);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  const auto lines = lines_of(result.out);
  if (lines.size() < 2) {
    ADD_FAILURE() << "clients create printed: " << result.out;
    return {};
  }
  return {lines[lines.size() - 2], lines.back()};
}

HttpResponse request_token(const SnagServer& server, const std::string& body, const std::string& authorization) {
  return server.send({"POST",
                      "/oauth/token",
                      body,
                      {{"Authorization", authorization}, {"Content-Type", "application/x-www-form-urlencoded"}}});
}

HttpResponse get_with(const SnagServer& server, const std::string& target, const std::string& token) {
  return server.send({"GET", target, "", {{"Authorization", "Bearer " + token}}});
}

TEST(OAuth, AClientFromTheCommandLineTradesItsSecretForATokenThatReadsTickets) {
  SnagServer server;
  const auto client =
      create_client(server, {"--role", "recruiter", "--team", "recruitment", "--scopes", "tickets:read,tickets:write"});
  ASSERT_EQ(client.id.rfind("snag_client_", 0), 0U) << client.id;
  ASSERT_FALSE(client.secret.empty());

  const auto issued =
      request_token(server, "grant_type=client_credentials", "Basic " + base64(client.id + ":" + client.secret));
  ASSERT_EQ(issued.status, 200) << issued.body;
  EXPECT_EQ(issued.header("cache-control"), "no-store");
  EXPECT_EQ(issued.header("pragma"), "no-cache");
  const auto body = issued.json();
  EXPECT_EQ(body["token_type"], "Bearer");
  EXPECT_EQ(body["expires_in"], 900);
  EXPECT_EQ(body["scope"], "tickets:read tickets:write");
  const std::string token = body["access_token"];

  const auto listed = get_with(server, "/api/v1/tickets", token);
  EXPECT_EQ(listed.status, 200) << listed.body;
  EXPECT_TRUE(listed.json()["items"].is_array());

  // Form credentials and a narrower scope: the token reads but may not write.
  const auto narrow = request_token(
      server,
      "grant_type=client_credentials&scope=tickets%3Aread&client_id=" + client.id + "&client_secret=" + client.secret,
      "");
  ASSERT_EQ(narrow.status, 200) << narrow.body;
  EXPECT_EQ(narrow.json()["scope"], "tickets:read");
  const std::string read_only = narrow.json()["access_token"];
  EXPECT_EQ(get_with(server, "/api/v1/tickets", read_only).status, 200);
  const auto write = server.send({"POST",
                                  "/api/v1/tickets",
                                  R"({"type": "other", "title": "t", "team": "recruitment"})",
                                  {{"Authorization", "Bearer " + read_only}}});
  EXPECT_EQ(write.status, 403) << write.body;

  // A token whose signature no longer matches is refused.
  std::string tampered = token;
  tampered[tampered.find('.') + 3] = tampered[tampered.find('.') + 3] == 'A' ? 'B' : 'A';
  EXPECT_EQ(get_with(server, "/api/v1/tickets", tampered).status, 401);

  // The signing key lives in the database: a restarted server still accepts the token.
  const auto database = server.database_url();
  const auto admin_key = server.admin_key();
  ASSERT_EQ(server.stop(), 0);
  SnagServer restarted(database, admin_key);
  EXPECT_EQ(get_with(restarted, "/api/v1/tickets", token).status, 200);
}

TEST(OAuth, AWrongSecretIs401WithABasicChallenge) {
  SnagServer server;
  const auto client = create_client(server, {"--role", "sourcer"});
  const auto refused =
      request_token(server, "grant_type=client_credentials", "Basic " + base64(client.id + ":not-the-secret"));
  EXPECT_EQ(refused.status, 401);
  EXPECT_EQ(refused.header("www-authenticate"), "Basic realm=\"snag\"");
  EXPECT_EQ(refused.header("cache-control"), "no-store");
  EXPECT_EQ(refused.json()["error"], "invalid_client");

  const auto unsupported =
      request_token(server, "grant_type=password", "Basic " + base64(client.id + ":" + client.secret));
  EXPECT_EQ(unsupported.status, 400);
  EXPECT_EQ(unsupported.json()["error"], "unsupported_grant_type");
}

TEST(OAuth, ARevokedClientGetsNoTokenAndItsTokensStopWorking) {
  SnagServer server;
  const auto client = create_client(server, {"--role", "recruiter", "--team", "recruitment"});
  const auto issued =
      request_token(server, "grant_type=client_credentials", "Basic " + base64(client.id + ":" + client.secret));
  ASSERT_EQ(issued.status, 200) << issued.body;
  const std::string token = issued.json()["access_token"];
  ASSERT_EQ(get_with(server, "/api/v1/tickets", token).status, 200);

  const auto listed = run_snag({"clients", "list", "--database", server.database_url()});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_NE(listed.out.find(client.id + "  'greenhouse-sync'  role recruiter  team recruitment"), std::string::npos)
      << listed.out;
  EXPECT_EQ(listed.out.find(client.secret), std::string::npos) << "a list never shows a secret";

  const auto revoked = run_snag({"clients", "revoke", client.id, "--database", server.database_url()});
  ASSERT_EQ(revoked.exit_code, 0) << revoked.err;
  EXPECT_NE(run_snag({"clients", "list", "--database", server.database_url()}).out.find("  revoked"),
            std::string::npos);
  // The server learns of it from the database within its client cache's few seconds.
  int status = 200;
  for (int i = 0; i < 100 && status == 200; ++i) {
    status = get_with(server, "/api/v1/tickets", token).status;
    if (status == 200) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(status, 401);
  EXPECT_EQ(request_token(server, "grant_type=client_credentials", "Basic " + base64(client.id + ":" + client.secret))
                .status,
            401);

  const auto unknown = run_snag({"clients", "revoke", "snag_client_nope", "--database", server.database_url()});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("snag_client_nope"), std::string::npos) << unknown.err;
}

TEST(OAuth, ClientsCreateNamesWhatIsWrong) {
  TestDatabase database;
  const auto role = run_snag({"clients", "create", "--database", database.url(), "--name", "x", "--role", "emperor"});
  EXPECT_EQ(role.exit_code, 1);
  EXPECT_NE(role.err.find("--role"), std::string::npos) << role.err;
  const auto scopes = run_snag({"clients", "create", "--database", database.url(), "--name", "x", "--role", "sourcer",
                                "--scopes", "tickets:read,tickets:fly"});
  EXPECT_EQ(scopes.exit_code, 1);
  EXPECT_NE(scopes.err.find("tickets:fly"), std::string::npos) << scopes.err;
  const auto help = run_snag({"clients", "create", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--scopes"), std::string::npos) << help.out;
}

}  // namespace oauth_test
}  // namespace snag::testing
