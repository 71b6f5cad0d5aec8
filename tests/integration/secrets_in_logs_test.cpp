// Secrets never reach the log. One server goes through everything that carries one (API keys
// made on the command line and through the API, a connector's webhook secret and the signatures
// made with it, a user's password, right and wrong, the session cookie and its CSRF token, an
// OAuth client's secret and the token it buys), with the failures that get logged (refused
// webhooks, failed sign-ins, refused credentials), and then every line it logged is searched for
// each of them.

#include <algorithm>
#include <string>
#include <vector>

#include "snag_process.hpp"
#include <gtest/gtest.h>

#include <snag/integrations/ats/greenhouse/signature.hpp>

namespace snag::testing {
namespace secrets_in_logs_test {

constexpr const char* k_webhook_secret = "logs-test-webhook-secret";
constexpr const char* k_password = "logs test password, right";
constexpr const char* k_wrong_password = "logs test password, wrong";

// The last line of a command's output: where `snag keys create` and `snag clients create` print
// the secret.
std::string last_line(const std::string& out) {
  auto end = out.find_last_not_of('\n');
  if (end == std::string::npos) return "";
  const auto start = out.rfind('\n', end);
  return out.substr(start == std::string::npos ? 0 : start + 1, end - (start == std::string::npos ? 0 : start + 1) + 1);
}

TEST(SecretsInLogs, NoKeyPasswordTokenOrWebhookSecretUsedReachesTheLog) {
  SnagServer server;
  std::vector<std::string> secrets{server.admin_key(), k_webhook_secret, k_password, k_wrong_password};

  const auto made =
      run_snag({"keys", "create", "--database", server.database_url(), "--name", "cli", "--role", "recruiter"});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  secrets.push_back(last_line(made.out));
  EXPECT_EQ(server.send({"GET", "/api/v1/tickets", "", {{"Authorization", "Bearer " + secrets.back()}}}).status, 200);
  const auto issued = server.post("/api/v1/keys", {{"name", "api"}, {"role", "recruiter"}});
  ASSERT_EQ(issued.status, 201) << issued.body;
  secrets.push_back(issued.json()["secret"].get<std::string>());
  EXPECT_EQ(server.send({"GET", "/api/v1/tickets", "", {{"Authorization", "Bearer " + secrets.back()}}}).status, 200);
  EXPECT_EQ(server.send({"GET", "/api/v1/tickets", "", {{"Authorization", "Bearer snag_not_a_key"}}}).status, 401);

  // Webhooks: one signed, one forged (refused and logged with its reason).
  ASSERT_EQ(
      server.post("/api/v1/connectors", {{"id", "gh"}, {"vendor", "greenhouse"}, {"secret", k_webhook_secret}}).status,
      201);
  const std::string body = R"({"action":"ping","payload":{}})";
  const std::string signature = ats::sign_greenhouse(k_webhook_secret, body);
  secrets.push_back(signature);
  for (const auto& sent : {signature, std::string("sha256 ") + std::string(64, 'a')}) {
    server.send({"POST",
                 "/hooks/gh",
                 body,
                 {{"Content-Type", "application/json"}, {"Signature", sent}, {"Greenhouse-Event-ID", "e-" + sent}}});
  }

  // A user signs in, once with the wrong password (a logged failure).
  const auto user = server.post("/api/v1/users", {{"username", "lee"},
                                                  {"display_name", "Lee Park"},
                                                  {"role", "recruiter"},
                                                  {"team", "recruitment"},
                                                  {"password", k_password}});
  ASSERT_EQ(user.status, 201) << user.body;
  for (const char* password : {k_wrong_password, k_password}) {
    const auto signed_in = server.send({"POST",
                                        "/api/v1/session",
                                        nlohmann::json{{"username", "lee"}, {"password", password}}.dump(),
                                        {{"Authorization", ""}, {"Content-Type", "application/json"}}});
    if (signed_in.status != 200) continue;
    const auto cookie = signed_in.header("set-cookie");
    secrets.push_back(cookie.substr(cookie.find('=') + 1, cookie.find(';') - cookie.find('=') - 1));
    secrets.push_back(signed_in.json()["csrf_token"].get<std::string>());
  }
  ASSERT_EQ(secrets.size(), 9u) << "the right password did not sign in";

  // An OAuth client's secret buys a token.
  const auto client =
      run_snag({"clients", "create", "--database", server.database_url(), "--name", "sync", "--role", "recruiter"});
  ASSERT_EQ(client.exit_code, 0) << client.err;
  const auto client_secret = last_line(client.out);
  const auto client_id = last_line(client.out.substr(0, client.out.rfind(client_secret)));
  secrets.push_back(client_secret);
  const auto token =
      server.send({"POST",
                   "/oauth/token",
                   "grant_type=client_credentials&client_id=" + client_id + "&client_secret=" + client_secret,
                   {{"Authorization", ""}, {"Content-Type", "application/x-www-form-urlencoded"}}});
  ASSERT_EQ(token.status, 200) << token.body;
  secrets.push_back(token.json()["access_token"].get<std::string>());

  ASSERT_EQ(server.stop(), 0);
  const auto lines = server.log_lines();
  ASSERT_GT(lines.size(), 10u);
  // The refusal of the forged webhook is among them, with its reason.
  EXPECT_TRUE(std::any_of(lines.begin(), lines.end(),
                          [](const auto& line) { return line.find("webhook refused") != std::string::npos; }));
  for (const auto& secret : secrets) {
    ASSERT_GE(secret.size(), 16u) << secret;
    for (const auto& line : lines) EXPECT_EQ(line.find(secret), std::string::npos) << "a secret in the log: " << line;
  }
}

}  // namespace secrets_in_logs_test
}  // namespace snag::testing
