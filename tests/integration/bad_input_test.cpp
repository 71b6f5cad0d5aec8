// Bad input gets a clear problem+json answer and changes nothing: after each request the
// journal and every table hold exactly what they held before.

#include <cstdio>
#include <map>

#include "snag_process.hpp"
#include <gtest/gtest.h>

namespace snag::testing {
namespace bad_input_test {

using nlohmann::json;

class BadInput : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server = new SnagServer();
    const auto created = server->post("/api/v1/tickets", {{"type", "document_missing"}, {"title", "Existing"}});
    ticket_path = "/api/v1/tickets/" + created.json()["key"].get<std::string>();
  }
  static void TearDownTestSuite() {
    delete server;
    server = nullptr;
  }

  static std::string database_state() {
    std::string state;
    for (const char* table : {"tickets", "journal", "comments", "candidates", "idempotency_keys"}) {
      state += std::string(table) + "=" + std::to_string(count_rows(server->database_url(), table)) + " ";
    }
    return state + "versions=" + std::to_string(count_rows(server->database_url(), "tickets WHERE version > 1"));
  }

  // Sends the request, checks the answer is the expected problem and that nothing changed.
  static json expect_problem(const HttpRequest& request, int status) {
    const std::string before = database_state();
    const auto response = server->send(request);
    EXPECT_EQ(response.status, status) << request.method << " " << request.target << ": " << response.body;
    EXPECT_EQ(response.header("content-type"), "application/problem+json") << request.target;
    const json problem = json::parse(response.body, nullptr, false);
    EXPECT_TRUE(problem.is_object()) << response.body;
    if (problem.is_object()) {
      EXPECT_EQ(problem["status"], status);
      EXPECT_TRUE(problem.contains("type") && problem.contains("title") && problem.contains("detail"));
      const std::string text = response.body;
      for (const char* leak : {"SELECT", "INSERT", "sqlite", "SQLITE", "what()", "std::"}) {
        EXPECT_EQ(text.find(leak), std::string::npos) << "leaks " << leak << ": " << text;
      }
    }
    EXPECT_EQ(database_state(), before) << request.method << " " << request.target;
    return problem;
  }

  static SnagServer* server;
  static std::string ticket_path;
};

SnagServer* BadInput::server = nullptr;
std::string BadInput::ticket_path;

TEST_F(BadInput, MalformedJsonIs400) {
  expect_problem({"POST", "/api/v1/tickets", "{\"type\": \"other\", ", {}}, 400);
  expect_problem({"POST", "/api/v1/tickets", "[1, 2", {}}, 400);
}

TEST_F(BadInput, UnknownAndIllTypedFieldsAre422NamingEachField) {
  const json problem = expect_problem(
      {"POST", "/api/v1/tickets", json{{"type", "other"}, {"title", 42}, {"colour", "red"}, {"severity", "high"}}.dump(), {}},
      422);
  std::set<std::string> fields;
  for (const auto& error : problem["errors"]) fields.insert(error["field"].get<std::string>());
  EXPECT_EQ(fields, (std::set<std::string>{"title", "colour", "severity"}));
}

TEST_F(BadInput, MissingRequiredFieldsAre422) {
  const json problem = expect_problem({"POST", "/api/v1/tickets", "{}", {}}, 422);
  std::set<std::string> fields;
  for (const auto& error : problem["errors"]) fields.insert(error["field"].get<std::string>());
  EXPECT_TRUE(fields.count("type") && fields.count("title"));
}

TEST_F(BadInput, UnknownIssueTypeIs422) {
  expect_problem({"POST", "/api/v1/tickets", json{{"type", "volcano"}, {"title", "x"}}.dump(), {}}, 422);
}

TEST_F(BadInput, ABodyOverOneMebibyteIs413) {
  const std::string huge = json{{"type", "other"}, {"title", "x"}, {"description", std::string(1100000, 'a')}}.dump();
  expect_problem({"POST", "/api/v1/tickets", huge, {}}, 413);
}

TEST_F(BadInput, WrongContentTypeIs415) {
  expect_problem({"POST", "/api/v1/tickets", json{{"type", "other"}, {"title", "x"}}.dump(), {{"Content-Type", "text/plain"}}},
                 415);
}

TEST_F(BadInput, InvalidTransitionIs409ListingTheAllowed) {
  const json problem = expect_problem({"POST", ticket_path + "/transitions", json{{"to", "closed"}}.dump(), {}}, 409);
  EXPECT_EQ(problem["allowed"], json({"triaged", "in_progress"}));
}

TEST_F(BadInput, StaleIfMatchIs412) {
  expect_problem({"PATCH", ticket_path, json{{"title", "new"}}.dump(), {{"If-Match", "\"7\""}}}, 412);
}

TEST_F(BadInput, UnknownTicketIs404) {
  expect_problem({"GET", "/api/v1/tickets/SNAG-987654", "", {}}, 404);
  expect_problem({"PATCH", "/api/v1/tickets/SNAG-987654", json{{"title", "x"}}.dump(), {{"If-Match", "\"1\""}}}, 404);
  expect_problem({"POST", "/api/v1/tickets/SNAG-987654/comments", json{{"body", "x"}}.dump(), {}}, 404);
  expect_problem({"GET", "/api/v1/tickets/not-a-key", "", {}}, 404);
}

TEST_F(BadInput, NoOrBadKeyIs401) {
  expect_problem({"GET", "/api/v1/tickets", "", {{"Authorization", "Bearer snag_wrong"}}}, 401);
  expect_problem({"POST", "/api/v1/tickets", json{{"type", "other"}, {"title", "x"}}.dump(), {{"Authorization", "Basic eDp5"}}},
                 401);
  // Without any Authorization header.
  HttpRequest anonymous{"GET", "/api/v1/tickets", "", {{"Authorization", ""}}};
  expect_problem(anonymous, 401);
}

TEST_F(BadInput, BadListFiltersAre422AndSqlMetacharactersAreHarmless) {
  expect_problem({"GET", "/api/v1/tickets?status=open", "", {}}, 422);
  expect_problem({"GET", "/api/v1/tickets?limit=0", "", {}}, 422);
  expect_problem({"GET", "/api/v1/tickets?cursor=%00%ff", "", {}}, 422);
  const auto injected = server->get("/api/v1/tickets?assignee=x%27%20OR%201%3D1%20--&q=%27%3B%20DROP%20TABLE%20tickets");
  EXPECT_EQ(injected.status, 200);
  EXPECT_EQ(injected.json()["items"].size(), 0u);
}

TEST_F(BadInput, NulBytesInvalidUtf8AndSqlInEveryFilterAreRefusedOrHarmless) {
  const std::map<std::string, std::vector<std::string>> filters_of_route{
      {"/api/v1/tickets",
       {"status", "severity", "type", "team", "assignee", "candidate", "q", "created_after", "created_before", "sort",
        "limit", "cursor"}},
      {"/api/v1/access-log", {"actor", "action", "ticket", "candidate", "since", "cursor"}},
      {"/api/v1/reports/pareto", {"by", "from", "to", "team", "type"}}};
  int tried = 0;
  for (const auto& [route, filters] : filters_of_route) {
    for (const auto& filter : filters) {
      for (const char* bad : {"%00", "new%00", "%FF", "%C3%28", "%ED%A0%80"}) {
        const json problem = expect_problem({"GET", route + "?" + filter + "=" + bad, "", {}}, 422);
        EXPECT_EQ(problem["errors"][0]["field"], filter) << problem.dump();
        ++tried;
      }
      // SQL metacharacters are plain text: a 200 that finds nothing, or a 422 for a value the
      // filter does not know; never a 500, never a change.
      const std::string before = database_state();
      const auto injected = server->get(route + "?" + filter + "=x%27%20OR%201%3D1%3B%20DROP%20TABLE%20tickets%3B--");
      EXPECT_TRUE(injected.status == 200 || injected.status == 422) << route << " " << filter << ": " << injected.body;
      EXPECT_EQ(database_state(), before);
      ++tried;
    }
  }
  std::printf("bad filter values tried: %d\n", tried);
}

TEST_F(BadInput, HugeArraysAndObjectsAre422NamingTheField) {
  json labels = {{"type", "other"}, {"title", "x"}, {"labels", json::array()}};
  for (int i = 0; i < 100000; ++i) labels["labels"].push_back("a");
  EXPECT_EQ(expect_problem({"POST", "/api/v1/tickets", labels.dump(), {}}, 422)["errors"][0]["field"], "labels");
  json fields = {{"type", "other"}, {"title", "x"}, {"fields", json::object()}};
  for (int i = 0; i < 20000; ++i) fields["fields"]["f" + std::to_string(i)] = "v";
  EXPECT_EQ(expect_problem({"POST", "/api/v1/tickets", fields.dump(), {}}, 422)["errors"][0]["field"], "fields");
  json watchers = {{"type", "other"}, {"title", "x"}, {"watchers", json::array()}};
  for (int i = 0; i < 20000; ++i) watchers["watchers"].push_back("u" + std::to_string(i));
  EXPECT_EQ(expect_problem({"POST", "/api/v1/tickets", watchers.dump(), {}}, 422)["errors"][0]["field"], "watchers");
  json keys = {{"keys", json::array()}, {"set", {{"severity", "sev2"}}}};
  for (int i = 0; i < 100000; ++i) keys["keys"].push_back("SNAG-1");
  EXPECT_EQ(expect_problem({"POST", "/api/v1/tickets/bulk", keys.dump(), {}}, 422)["errors"][0]["field"], "keys");
  json big_field = {{"type", "other"}, {"title", "x"}, {"fields", {{"log", std::string(20000, 'x')}}}};
  EXPECT_EQ(expect_problem({"POST", "/api/v1/tickets", big_field.dump(), {}}, 422)["errors"][0]["field"], "fields");
  json profile = {{"name", "Ada"}, {"fields", json::object()}};
  for (int i = 0; i < 20000; ++i) profile["fields"]["f" + std::to_string(i)] = "v";
  EXPECT_EQ(expect_problem({"PUT", "/api/v1/candidates/greenhouse/77", profile.dump(), {}}, 422)["errors"][0]["field"],
            "fields");
}

TEST_F(BadInput, ANulCharacterInAnyJsonStringIs422NamingItsPath) {
  const auto path_of = [](const json& body) {
    return expect_problem({"POST", "/api/v1/tickets", body.dump(), {}}, 422)["errors"][0]["field"];
  };
  EXPECT_EQ(path_of({{"type", "other"}, {"title", "x"}, {"description", std::string("a\0b", 3)}}), "description");
  EXPECT_EQ(path_of({{"type", "other"}, {"title", "x"}, {"fields", {{"note", std::string("\0", 1)}}}}), "fields.note");
  EXPECT_EQ(path_of({{"type", "other"}, {"title", "x"}, {"labels", {"ok", std::string("b\0", 2)}}}), "labels[1]");
  expect_problem({"PATCH", ticket_path, json{{"title", std::string("t\0", 2)}}.dump(), {{"If-Match", "\"1\""}}}, 422);
}

TEST_F(BadInput, DeeplyNestedJsonIs400) {
  std::string deep(1000, '[');
  deep += std::string(1000, ']');
  expect_problem({"POST", "/api/v1/tickets", "{\"type\":\"other\",\"title\":\"x\",\"fields\":{\"a\":" + deep + "}}", {}}, 400);
}

TEST_F(BadInput, PatchWithoutIfMatchIsRefused) {
  expect_problem({"PATCH", ticket_path, json{{"title", "new"}}.dump(), {}}, 428);
}

TEST_F(BadInput, BulkRequestThatIsMalformedAsAWholeIs422) {
  expect_problem({"POST", "/api/v1/tickets/bulk", json{{"keys", json::array()}, {"set", {{"team", "legal"}}}}.dump(), {}}, 422);
  expect_problem({"POST", "/api/v1/tickets/bulk", json{{"keys", {"SNAG-1"}}}.dump(), {}}, 422);
}

TEST_F(BadInput, InvalidCandidateProfileIs422) {
  expect_problem({"PUT", "/api/v1/candidates/greenhouse/1", json{{"name", 5}}.dump(), {}}, 422);
}

}  // namespace bad_input_test
}  // namespace snag::testing
