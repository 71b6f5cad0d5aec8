// Web sign-in through the real binary: `snag users create`, then the session cookie against a
// running server.

#include <cstdio>
#include <fstream>
#include <sstream>

#include "snag_process.hpp"
#include <gtest/gtest.h>
#include <sys/wait.h>

namespace snag::testing {
namespace session_test {

constexpr const char* k_password = "correct horse battery";

std::string shell_quoted(const std::string& text) {
  std::string quoted = "'";
  for (const char c : text) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

// Runs build/snag with `input` on its stdin (run_snag leaves stdin alone); out holds stdout and stderr.
CommandResult run_snag_with_input(const std::vector<std::string>& args, const std::string& input) {
  TempDir dir;
  const auto output = dir.path() / "output";
  std::string command = shell_quoted(SNAG_BINARY);
  for (const auto& arg : args) command += " " + shell_quoted(arg);
  command += " >" + shell_quoted(output.string()) + " 2>&1";
  CommandResult result;
  FILE* pipe = popen(command.c_str(), "w");
  if (pipe == nullptr) return result;
  std::fwrite(input.data(), 1, input.size(), pipe);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream in(output);
  std::ostringstream text;
  text << in.rdbuf();
  result.out = text.str();
  return result;
}

// A request with no Authorization header: what a browser sends.
HttpRequest browser_request(std::string method, std::string target, std::string cookie = {}) {
  HttpRequest request;
  request.method = std::move(method);
  request.target = std::move(target);
  request.headers["Authorization"] = "";  // empty: SnagServer::send then sends none
  if (!cookie.empty()) request.headers["Cookie"] = std::move(cookie);
  return request;
}

TEST(UsersCli, CreateHasHelp) {
  const auto result = run_snag({"users", "create", "--help"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_NE(result.out.find("--password-file"), std::string::npos) << result.out;
}

TEST(Sessions, AUserCreatedOnTheCommandLineSignsInAndWorksWithTheCookie) {
  SnagServer server;
  const auto opened = server.post("/api/v1/tickets",
                                  {{"type", "document_missing"}, {"title", "No visa copy"}, {"team", "recruitment"}});
  ASSERT_EQ(opened.status, 201) << opened.body;

  const auto created =
      run_snag_with_input({"users", "create", "--database", server.database_url(), "--username", "alice", "--name",
                           "Alice Martin", "--role", "recruiter", "--team", "recruitment"},
                          std::string(k_password) + "\n");
  ASSERT_EQ(created.exit_code, 0) << created.out;
  EXPECT_NE(created.out.find("created user alice (role recruiter, team recruitment)"), std::string::npos)
      << created.out;

  auto login = browser_request("POST", "/api/v1/session");
  login.body = nlohmann::json{{"username", "alice"}, {"password", k_password}}.dump();
  const auto signed_in = server.send(login);
  ASSERT_EQ(signed_in.status, 200) << signed_in.body;
  const auto set_cookie = signed_in.header("set-cookie");
  EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos) << set_cookie;
  EXPECT_NE(set_cookie.find("SameSite=Lax"), std::string::npos) << set_cookie;
  const auto cookie = set_cookie.substr(0, set_cookie.find(';'));
  const auto csrf_token = signed_in.json()["csrf_token"].get<std::string>();
  EXPECT_EQ(signed_in.json()["user"]["display_name"], "Alice Martin");
  // A recruiter opens on the open tickets assigned to them (the shipped views: section).
  EXPECT_EQ(signed_in.json()["user"]["default_view"], "assignee=me&status=new,triaged,in_progress,pending");

  const auto listed = server.send(browser_request("GET", "/api/v1/tickets", cookie));
  ASSERT_EQ(listed.status, 200) << listed.body;
  ASSERT_EQ(listed.json()["items"].size(), 1u) << listed.body;
  EXPECT_EQ(listed.json()["items"][0]["title"], "No visa copy");

  auto write = browser_request("POST", "/api/v1/tickets", cookie);
  write.body = nlohmann::json{{"type", "document_missing"}, {"title", "Signed in"}, {"team", "recruitment"}}.dump();
  EXPECT_EQ(server.send(write).status, 403);
  write.headers["X-CSRF-Token"] = csrf_token;
  const auto written = server.send(write);
  ASSERT_EQ(written.status, 201) << written.body;
  EXPECT_EQ(written.json()["reporter"], "alice");

  auto logout = browser_request("DELETE", "/api/v1/session", cookie);
  logout.headers["X-CSRF-Token"] = csrf_token;
  const auto out = server.send(logout);
  EXPECT_EQ(out.status, 204);
  EXPECT_NE(out.header("set-cookie").find("Max-Age=0"), std::string::npos) << out.header("set-cookie");
  EXPECT_EQ(server.send(browser_request("GET", "/api/v1/tickets", cookie)).status, 401);
}

// Signs in and returns the cookie ("snag_session=…"), or "" with the status in `status`.
std::string sign_in(const SnagServer& server, const std::string& username, const std::string& password,
                    int* status = nullptr) {
  auto login = browser_request("POST", "/api/v1/session");
  login.body = nlohmann::json{{"username", username}, {"password", password}}.dump();
  const auto answer = server.send(login);
  if (status != nullptr) *status = answer.status;
  if (answer.status != 200) return "";
  const auto set_cookie = answer.header("set-cookie");
  return set_cookie.substr(0, set_cookie.find(';'));
}

TEST(UsersApi, AnAdministratorCreatesChangesAndDisablesUsers) {
  SnagServer server;
  const auto created = server.post("/api/v1/users", {{"username", "bob"},
                                                     {"display_name", "Bob Okafor"},
                                                     {"role", "recruiter"},
                                                     {"team", "recruitment"},
                                                     {"email", "bob@example.com"},
                                                     {"password", k_password}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json()["username"], "bob");
  EXPECT_EQ(created.json()["team"], "recruitment");
  EXPECT_EQ(created.json()["email"], "bob@example.com");
  EXPECT_EQ(created.json()["disabled"], false);
  EXPECT_FALSE(created.json().contains("password_hash")) << created.body;
  EXPECT_EQ(created.body.find("argon2"), std::string::npos) << created.body;
  const std::string user = "/api/v1/users/" + std::to_string(created.json()["id"].get<int>());

  const auto listed = server.get("/api/v1/users");
  ASSERT_EQ(listed.status, 200) << listed.body;
  ASSERT_EQ(listed.json()["items"].size(), 1u);
  EXPECT_EQ(listed.json()["items"][0]["display_name"], "Bob Okafor");
  EXPECT_EQ(server.post("/api/v1/users", {{"username", "bob"}, {"display_name", "B"}, {"role", "recruiter"},
                                          {"password", k_password}})
                .status,
            409);

  const auto first = sign_in(server, "bob", k_password);
  ASSERT_FALSE(first.empty());
  ASSERT_EQ(server.send(browser_request("GET", "/api/v1/tickets", first)).status, 200);

  // A new role shows at once; a new password ends the sessions signed in with the old one.
  const auto promoted = server.patch(user, {{"role", "senior_recruiter"}, {"password", "a new long passphrase"}}, "");
  ASSERT_EQ(promoted.status, 200) << promoted.body;
  EXPECT_EQ(promoted.json()["role"], "senior_recruiter");
  EXPECT_EQ(server.send(browser_request("GET", "/api/v1/tickets", first)).status, 401);
  int refused = 0;
  EXPECT_TRUE(sign_in(server, "bob", k_password, &refused).empty());
  EXPECT_EQ(refused, 401);
  const auto second = sign_in(server, "bob", "a new long passphrase");
  ASSERT_FALSE(second.empty());

  const auto readdressed = server.patch(user, {{"email", nullptr}}, "");
  ASSERT_EQ(readdressed.status, 200) << readdressed.body;
  EXPECT_TRUE(readdressed.json()["email"].is_null());
  EXPECT_EQ(server.patch(user, {{"email", "bob at example"}}, "").status, 422);

  const auto disabled = server.patch(user, {{"disabled", true}}, "");
  ASSERT_EQ(disabled.status, 200) << disabled.body;
  EXPECT_EQ(disabled.json()["disabled"], true);
  EXPECT_EQ(server.send(browser_request("GET", "/api/v1/tickets", second)).status, 401);
  EXPECT_TRUE(sign_in(server, "bob", "a new long passphrase", &refused).empty());
  EXPECT_EQ(refused, 401);
  EXPECT_EQ(server.get(user).json()["disabled"], true);

  // Each change is in the access log, by the administrator's key, newest first.
  const auto log = server.get("/api/v1/access-log?action=edit");
  ASSERT_EQ(log.status, 200) << log.body;
  const auto items = log.json()["items"];
  std::vector<nlohmann::json> about_bob;
  for (const auto& item : items) {
    if (item["object"] == "user:bob") about_bob.push_back(item);
  }
  ASSERT_EQ(about_bob.size(), 4u) << log.body;  // created, promoted with a new password, no email, disabled
  for (const auto& item : about_bob) {
    EXPECT_EQ(item["actor"], about_bob[0]["actor"]);
    EXPECT_TRUE(item["credential"].get<std::string>().starts_with("key:")) << item;
  }
}

TEST(UsersApi, BadInputIsNamedAndOnlyUsersAdminMayManageUsers) {
  SnagServer server;
  const auto bad = server.post("/api/v1/users",
                                {{"username", "Not Valid"}, {"display_name", ""}, {"role", "emperor"}, {"password", "short"}});
  ASSERT_EQ(bad.status, 422) << bad.body;
  for (const char* field : {"username", "display_name", "role", "password"}) {
    EXPECT_NE(bad.body.find(std::string("\"") + field + "\""), std::string::npos) << field << ": " << bad.body;
  }
  const auto unknown = server.post("/api/v1/users", {{"username", "eve"}, {"display_name", "Eve"}, {"role", "sourcer"},
                                                     {"password", k_password}, {"password_hash", "x"}});
  ASSERT_EQ(unknown.status, 422) << unknown.body;
  EXPECT_NE(unknown.body.find("\"password_hash\""), std::string::npos) << unknown.body;
  EXPECT_EQ(server.get("/api/v1/users").json()["items"].size(), 0u);
  EXPECT_EQ(server.get("/api/v1/users/999").status, 404);
  EXPECT_EQ(server.get("/api/v1/users/abc").status, 404);
  EXPECT_EQ(server.patch("/api/v1/users/999", {{"role", "recruiter"}}, "").status, 404);

  const auto created = server.post("/api/v1/users", {{"username", "dana"}, {"display_name", "Dana"},
                                                     {"role", "sourcer"}, {"password", k_password}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string user = "/api/v1/users/" + std::to_string(created.json()["id"].get<int>());
  const auto renamed = server.patch(user, {{"username", "dee"}, {"team", "nowhere"}, {"disabled", "yes"}}, "");
  ASSERT_EQ(renamed.status, 422) << renamed.body;
  for (const char* field : {"username", "disabled"}) {
    EXPECT_NE(renamed.body.find(std::string("\"") + field + "\""), std::string::npos) << field << ": " << renamed.body;
  }
  EXPECT_EQ(server.patch(user, {{"team", "nowhere"}}, "").status, 422);
  EXPECT_EQ(server.get(user).json()["username"], "dana");

  const std::string recruiter = server.create_key("recruiter");
  const auto as_recruiter = [&](std::string method, std::string target, std::string body = "") {
    return server.send({std::move(method), std::move(target), std::move(body), {{"Authorization", "Bearer " + recruiter}}});
  };
  EXPECT_EQ(as_recruiter("GET", "/api/v1/users").status, 403);
  EXPECT_EQ(as_recruiter("GET", user).status, 403);
  EXPECT_EQ(as_recruiter("PATCH", user, R"({"role": "admin"})").status, 403);
  EXPECT_EQ(as_recruiter("POST", "/api/v1/users",
                         R"({"username": "eve", "display_name": "Eve", "role": "admin", "password": "long enough password"})")
                .status,
            403);
  EXPECT_EQ(server.get(user).json()["role"], "sourcer");
}

TEST(UsersCli, ReadsThePasswordFromAFileAndRefusesShortPasswordsAndTakenNames) {
  TestDatabase database;
  TempDir dir;
  const auto file = dir.path() / "password";
  std::ofstream(file) << k_password << "\nignored second line\n";
  const std::vector<std::string> create{"users",      "create",  "--database",      database.url(),
                                        "--username", "bob",     "--name",          "Bob Stone",
                                        "--role",     "sourcer", "--password-file", file.string()};
  const auto created = run_snag(create);
  ASSERT_EQ(created.exit_code, 0) << created.err;
  EXPECT_NE(created.out.find("created user bob (role sourcer)"), std::string::npos) << created.out;

  const auto again = run_snag(create);
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("taken"), std::string::npos) << again.err;

  const auto too_short = run_snag_with_input(
      {"users", "create", "--database", database.url(), "--username", "carol", "--name", "Carol", "--role", "sourcer"},
      "short\n");
  EXPECT_EQ(too_short.exit_code, 1);
  EXPECT_NE(too_short.out.find("at least 12 characters"), std::string::npos) << too_short.out;
}

}  // namespace session_test
}  // namespace snag::testing
