// The ticket API of API.md, spoken over HTTP to the real binary.

#include <algorithm>
#include <set>

#include "snag_process.hpp"
#include <gtest/gtest.h>

namespace snag::testing {
namespace tickets_api_test {

using nlohmann::json;

class TicketsApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server = new SnagServer(); }
  static void TearDownTestSuite() {
    delete server;
    server = nullptr;
  }

  static json create(json body) {
    const auto response = server->post("/api/v1/tickets", body);
    EXPECT_EQ(response.status, 201) << response.body;
    return response.json();
  }

  static SnagServer* server;
};

SnagServer* TicketsApi::server = nullptr;

TEST_F(TicketsApi, CreateAnswers201WithLocationETagAndTheTicket) {
  const auto response = server->post("/api/v1/tickets", {{"type", "document_missing"},
                                                         {"title", "I-9 missing for start date"},
                                                         {"candidate", {{"ats", "greenhouse"}, {"external_id", "53883394"}}},
                                                         {"labels", {"i9"}},
                                                         {"fields", {{"document", "I-9"}}}});
  ASSERT_EQ(response.status, 201) << response.body;
  const json ticket = response.json();
  EXPECT_EQ(ticket["key"], "SNAG-" + std::to_string(ticket["id"].get<int>()));
  EXPECT_EQ(response.header("location"), "/api/v1/tickets/" + ticket["key"].get<std::string>());
  EXPECT_EQ(response.header("etag"), "\"1\"");
  EXPECT_EQ(ticket["status"], "new");
  EXPECT_EQ(ticket["severity"], "sev3");
  EXPECT_EQ(ticket["team"], "hris");
  EXPECT_TRUE(ticket["assignee"].is_null());
  EXPECT_EQ(ticket["candidate"], (json{{"ats", "greenhouse"}, {"external_id", "53883394"}}));
  EXPECT_EQ(ticket["labels"], json({"i9"}));
  EXPECT_EQ(ticket["fields"]["document"], "I-9");
  EXPECT_EQ(ticket["version"], 1);
  EXPECT_TRUE(ticket["created_at"].is_string());
  EXPECT_TRUE(ticket["updated_at"].is_string());
  EXPECT_TRUE(ticket["sla"]["resolution_due_at"].is_string());
  EXPECT_EQ(ticket["sla"]["breached"], false);
  EXPECT_TRUE(ticket["sla"]["first_response_due_at"].is_string());
  EXPECT_TRUE(ticket["sla"]["first_responded_at"].is_null());
  EXPECT_EQ(ticket["sla"]["first_response_breached"], false);
  EXPECT_EQ(ticket["sla"]["paused"], false);
  EXPECT_EQ(ticket["sla"]["calendar"], "us_eastern");  // a candidate without a stored profile
}

TEST_F(TicketsApi, GetReturnsTheTicketWithItsETag) {
  const json created = create({{"type", "other"}, {"title", "Question about a start date"}});
  const auto response = server->get("/api/v1/tickets/" + created["key"].get<std::string>());
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(response.json(), created);
  EXPECT_EQ(response.header("etag"), "\"1\"");
}

TEST_F(TicketsApi, PatchNeedsTheCurrentVersion) {
  const json created = create({{"type", "other"}, {"title", "Patch me"}});
  const std::string path = "/api/v1/tickets/" + created["key"].get<std::string>();
  const auto patched = server->patch(path, {{"severity", "sev2"}, {"assignee", "sam.lee"}}, "\"1\"");
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.json()["severity"], "sev2");
  EXPECT_EQ(patched.json()["assignee"], "sam.lee");
  EXPECT_EQ(patched.json()["version"], 2);
  EXPECT_EQ(patched.header("etag"), "\"2\"");

  const auto stale = server->patch(path, {{"title", "Too late"}}, "\"1\"");
  EXPECT_EQ(stale.status, 412);
  EXPECT_EQ(stale.header("content-type"), "application/problem+json");
  EXPECT_EQ(server->get(path).json()["title"], "Patch me");
}

TEST_F(TicketsApi, PatchCannotChangeTheStatus) {
  const json created = create({{"type", "other"}, {"title", "No status by patch"}});
  const auto response =
      server->patch("/api/v1/tickets/" + created["key"].get<std::string>(), {{"status", "closed"}}, "\"1\"");
  EXPECT_EQ(response.status, 422);
  EXPECT_EQ(response.json()["errors"][0]["field"], "status");
}

TEST_F(TicketsApi, TransitionsFollowTheWorkflow) {
  const json created = create({{"type", "offer_link_expired"}, {"title", "Offer link expired"}});
  const std::string path = "/api/v1/tickets/" + created["key"].get<std::string>();
  const auto allowed = server->get(path + "/transitions");
  ASSERT_EQ(allowed.status, 200);
  EXPECT_EQ(allowed.json()["allowed"], json({"triaged", "in_progress"}));

  const auto moved = server->post(path + "/transitions", {{"to", "in_progress"}, {"comment", "Re-sending the offer"}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.json()["status"], "in_progress");
  EXPECT_TRUE(moved.json()["sla"]["first_responded_at"].is_string());  // leaving `new` is the first response

  const auto waiting = server->post(path + "/transitions", {{"to", "pending"}});
  ASSERT_EQ(waiting.status, 200) << waiting.body;
  EXPECT_EQ(waiting.json()["sla"]["paused"], true);
  const auto back = server->post(path + "/transitions", {{"to", "in_progress"}});
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(back.json()["sla"]["paused"], false);

  const auto denied = server->post(path + "/transitions", {{"to", "closed"}});
  ASSERT_EQ(denied.status, 409);
  EXPECT_EQ(denied.json()["allowed"], json({"pending", "resolved"}));
  EXPECT_EQ(server->get(path).json()["status"], "in_progress");
}

TEST_F(TicketsApi, CommentsAndHistoryAreRecordedOldestFirst) {
  const json created = create({{"type", "access_problem"}, {"title", "Cannot open the HRIS"}});
  const std::string path = "/api/v1/tickets/" + created["key"].get<std::string>();
  const auto comment = server->post(path + "/comments", {{"body", "Reset the SSO link"}});
  ASSERT_EQ(comment.status, 201) << comment.body;
  EXPECT_EQ(comment.json()["body"], "Reset the SSO link");
  ASSERT_EQ(server->post(path + "/transitions", {{"to", "triaged"}}).status, 200);

  const auto history = server->get(path + "/history");
  ASSERT_EQ(history.status, 200);
  const json items = history.json()["items"];
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0]["action"], "create");
  EXPECT_EQ(items[0]["actor"], "integration admin");
  EXPECT_EQ(items[1]["action"], "comment");
  EXPECT_EQ(items[1]["changes"][0]["new"], "Reset the SSO link");
  EXPECT_EQ(items[2]["action"], "transition");
  EXPECT_EQ(items[2]["changes"][0], (json{{"field", "status"}, {"old", "new"}, {"new", "triaged"}}));
}

TEST_F(TicketsApi, IdempotencyKeyRepeatsReturnTheFirstResultAndCreateNothing) {
  const std::string body = json{{"type", "other"}, {"title", "Idempotent"}}.dump();
  const auto first = server->send({"POST", "/api/v1/tickets", body, {{"Idempotency-Key", "abc-123"}}});
  ASSERT_EQ(first.status, 201);
  const auto tickets_before = count_rows(server->database_url(), "tickets");
  const auto second = server->send({"POST", "/api/v1/tickets", body, {{"Idempotency-Key", "abc-123"}}});
  EXPECT_EQ(second.status, 201);
  EXPECT_EQ(second.json()["id"], first.json()["id"]);
  EXPECT_EQ(count_rows(server->database_url(), "tickets"), tickets_before);

  const auto other_body = server->send(
      {"POST", "/api/v1/tickets", json{{"type", "other"}, {"title", "Different"}}.dump(), {{"Idempotency-Key", "abc-123"}}});
  EXPECT_EQ(other_body.status, 422);
  EXPECT_EQ(count_rows(server->database_url(), "tickets"), tickets_before);
}

TEST_F(TicketsApi, ListFiltersSortsAndPagesWithACursor) {
  const std::string label = "paging";
  std::set<std::string> created;
  for (int i = 0; i < 7; ++i) {
    created.insert(create({{"type", "resume_parse_failure"},
                           {"title", "Resume parse failure number " + std::to_string(i)},
                           {"team", "legal"},
                           {"severity", i % 2 ? "sev1" : "sev4"}})["key"]
                       .get<std::string>());
  }
  std::set<std::string> seen;
  std::string target = "/api/v1/tickets?team=legal&type=resume_parse_failure&limit=3";
  int pages = 0;
  while (true) {
    const auto page = server->get(target);
    ASSERT_EQ(page.status, 200) << page.body;
    const json body = page.json();
    for (const auto& item : body["items"]) {
      EXPECT_EQ(item["team"], "legal");
      EXPECT_TRUE(seen.insert(item["key"].get<std::string>()).second) << "seen twice: " << item["key"];
    }
    ++pages;
    if (body["next_cursor"].is_null()) break;
    target = "/api/v1/tickets?team=legal&type=resume_parse_failure&limit=3&cursor=" + body["next_cursor"].get<std::string>();
  }
  EXPECT_EQ(seen, created);
  EXPECT_EQ(pages, 3);

  const auto urgent = server->get("/api/v1/tickets?team=legal&severity=sev1&sort=severity");
  ASSERT_EQ(urgent.status, 200);
  EXPECT_EQ(urgent.json()["items"].size(), 3u);

  const auto newest = server->get("/api/v1/tickets?team=legal&sort=-created_at&limit=1").json()["items"][0];
  EXPECT_EQ(newest["title"], "Resume parse failure number 6");
}

TEST_F(TicketsApi, FullTextSearchFindsWordsOfTitleAndDescription) {
  create({{"type", "data_sync_mismatch"}, {"title", "Workday sync dropped record"}, {"description", "zebracorn mismatch"}});
  const auto found = server->get("/api/v1/tickets?q=zebracorn");
  ASSERT_EQ(found.status, 200);
  ASSERT_EQ(found.json()["items"].size(), 1u);
  EXPECT_EQ(found.json()["items"][0]["title"], "Workday sync dropped record");
  const auto odd = server->get("/api/v1/tickets?q=%22%20OR%20*%20NEAR(");
  EXPECT_EQ(odd.status, 200) << odd.body;
}

TEST_F(TicketsApi, BulkUpdatesEachTicketAlone) {
  const std::string a = create({{"type", "other"}, {"title", "Bulk A"}})["key"];
  const std::string b = create({{"type", "other"}, {"title", "Bulk B"}})["key"];
  const auto set = server->post("/api/v1/tickets/bulk", {{"keys", {a, b, "SNAG-999999"}}, {"set", {{"team", "legal"}}}});
  ASSERT_EQ(set.status, 200) << set.body;
  const json results = set.json()["results"];
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0]["status"], 200);
  EXPECT_EQ(results[1]["status"], 200);
  EXPECT_EQ(results[2]["status"], 404);
  EXPECT_EQ(server->get("/api/v1/tickets/" + a).json()["team"], "legal");

  ASSERT_EQ(server->post("/api/v1/tickets/" + b + "/transitions", {{"to", "in_progress"}}).status, 200);
  const auto moved = server->post("/api/v1/tickets/bulk", {{"keys", {a, b}}, {"transition", "resolved"}});
  ASSERT_EQ(moved.status, 200);
  EXPECT_EQ(moved.json()["results"][0]["status"], 409);  // a is new: cannot resolve directly
  EXPECT_EQ(moved.json()["results"][1]["status"], 200);
  EXPECT_EQ(server->get("/api/v1/tickets/" + b).json()["status"], "resolved");
}

TEST_F(TicketsApi, IssueTypesListTheTaxonomy) {
  const auto response = server->get("/api/v1/issue-types");
  ASSERT_EQ(response.status, 200);
  std::set<std::string> codes;
  const json body = response.json();
  for (const auto& item : body["items"]) {
    codes.insert(item["code"].get<std::string>());
    EXPECT_TRUE(item.contains("name"));
    EXPECT_TRUE(item.contains("category"));
    EXPECT_EQ(item["deprecated"], false);
  }
  EXPECT_TRUE(codes.count("background_check_delay"));
  EXPECT_TRUE(codes.count("accommodation_request"));
  EXPECT_EQ(codes.size(), 10u);
}

TEST_F(TicketsApi, AssigneeMeListsTheCallersTickets) {
  const auto mine =
      server->post("/api/v1/tickets", {{"type", "other"}, {"title", "mine"}, {"assignee", "integration admin"}});
  ASSERT_EQ(mine.status, 201) << mine.body;
  ASSERT_EQ(server->post("/api/v1/tickets", {{"type", "other"}, {"title", "theirs"}, {"assignee", "sam.lee"}}).status,
            201);
  const auto listed = server->get("/api/v1/tickets?assignee=me");
  ASSERT_EQ(listed.status, 200);
  const json items = listed.json()["items"];
  ASSERT_EQ(items.size(), 1u) << listed.body;
  EXPECT_EQ(items[0]["key"], mine.json()["key"]);
}

TEST_F(TicketsApi, TeamsAndWorkflowsListTheCatalogsVocabulary) {
  const auto teams = server->get("/api/v1/teams");
  ASSERT_EQ(teams.status, 200);
  std::set<std::string> codes;
  const json team_list = teams.json();
  for (const auto& team : team_list["items"]) {
    codes.insert(team["code"].get<std::string>());
    EXPECT_FALSE(team["name"].get<std::string>().empty());
    EXPECT_FALSE(team.contains("slack_webhook"));  // a secret
  }
  EXPECT_EQ(codes, (std::set<std::string>{"recruitment", "hris", "compliance", "legal", "it_support"}));

  const auto workflows = server->get("/api/v1/workflows");
  ASSERT_EQ(workflows.status, 200);
  const json body = workflows.json();
  const json first_workflow = server->get("/api/v1/issue-types").json()["items"][0]["workflow"];
  const auto standard = std::find_if(body["items"].begin(), body["items"].end(),
                                     [&](const json& workflow) { return workflow["name"] == first_workflow; });
  ASSERT_NE(standard, body["items"].end());
  EXPECT_EQ((*standard)["initial"], "new");
  EXPECT_EQ((*standard)["statuses"][0], "new");
  EXPECT_NE(std::find((*standard)["paused"].begin(), (*standard)["paused"].end(), "pending"),
            (*standard)["paused"].end());
  EXPECT_NE(std::find((*standard)["transitions"].begin(), (*standard)["transitions"].end(),
                      json{{"from", "new"}, {"to", "triaged"}}),
            (*standard)["transitions"].end());
  EXPECT_EQ(server->send({"GET", "/api/v1/teams", "", {{"Authorization", ""}}}).status, 401);
}

TEST_F(TicketsApi, TheSlaPolicyAndRetentionRulesAreReadAsConfigured) {
  const auto sla = server->get("/api/v1/sla-policy");
  ASSERT_EQ(sla.status, 200) << sla.body;
  const json policy = sla.json();
  EXPECT_EQ(policy["default_calendar"], "us_eastern");
  EXPECT_EQ(policy["calendar_by_geography"]["DE"], "germany");
  const auto germany = std::find_if(policy["calendars"].begin(), policy["calendars"].end(),
                                    [](const json& calendar) { return calendar["name"] == "germany"; });
  ASSERT_NE(germany, policy["calendars"].end());
  EXPECT_EQ((*germany)["time_zone"], "Europe/Berlin");
  EXPECT_EQ((*germany)["week"]["mon"], (json{"09:00-12:00", "13:00-17:00"}));
  EXPECT_EQ((*germany)["week"]["sun"], json::array());
  EXPECT_EQ((*germany)["holidays"][0], "2026-01-01");
  EXPECT_EQ((*germany)["always_open"], false);
  EXPECT_EQ(
      policy["targets"][0],
      (json{{"severity", "sev1"}, {"first_response_minutes", 30}, {"resolution_minutes", 240}, {"calendar", "24x7"}}));
  EXPECT_EQ(policy["issue_type_targets"], json::array());

  const auto retention = server->get("/api/v1/retention-rules");
  ASSERT_EQ(retention.status, 200) << retention.body;
  const json rules = retention.json()["items"];
  ASSERT_FALSE(rules.empty());
  EXPECT_EQ(rules[0]["issue_type"], "background_check_delay");
  EXPECT_EQ(rules[0]["days_after_close"], 365);
  EXPECT_EQ(rules[0]["geography"], nullptr);
  EXPECT_EQ(rules.back()["issue_type"], "*");
  EXPECT_EQ(server->send({"GET", "/api/v1/sla-policy", "", {{"Authorization", ""}}}).status, 401);

  // Issue types say who may see their tickets.
  const json types = server->get("/api/v1/issue-types").json()["items"];
  const auto check = std::find_if(types.begin(), types.end(),
                                  [](const json& type) { return type["code"] == "background_check_delay"; });
  ASSERT_NE(check, types.end());
  EXPECT_EQ((*check)["sensitivity"], "restricted");
}

TEST_F(TicketsApi, CandidatesAreUpsertedAndListTheirTickets) {
  const json profile = {{"name", "Ada Obi"}, {"email", "ada@example.com"}, {"level", "senior"},
                        {"geography", "DE"}, {"fields", {{"visa_status", "needs_sponsorship"}, {"relocation", "international"}}}};
  const auto created = server->send({"PUT", "/api/v1/candidates/lever/cand-77", profile.dump(), {}});
  ASSERT_EQ(created.status, 201) << created.body;
  const auto updated = server->send({"PUT", "/api/v1/candidates/lever/cand-77", profile.dump(), {}});
  EXPECT_EQ(updated.status, 200);
  // An HR business partner reads personal data and restricted tickets; the admin key does not.
  const std::map<std::string, std::string> hrbp{{"Authorization", "Bearer " + server->create_key("hrbp", "partner")}};
  const auto fetched = server->send({"GET", "/api/v1/candidates/lever/cand-77", {}, hrbp});
  ASSERT_EQ(fetched.status, 200);
  EXPECT_EQ(server->get("/api/v1/candidates/lever/cand-77").json()["name"], "[name]");
  EXPECT_EQ(fetched.json()["name"], "Ada Obi");
  EXPECT_EQ(fetched.json()["fields"]["visa_status"], "needs_sponsorship");

  create({{"type", "background_check_delay"}, {"title", "Check pending"},
          {"candidate", {{"ats", "lever"}, {"external_id", "cand-77"}}}});
  const auto tickets = server->send({"GET", "/api/v1/candidates/lever/cand-77/tickets", {}, hrbp});
  ASSERT_EQ(tickets.status, 200);
  ASSERT_EQ(tickets.json()["items"].size(), 1u);
  EXPECT_EQ(tickets.json()["items"][0]["type"], "background_check_delay");
  // The candidate's geography chooses the SLA calendar.
  EXPECT_EQ(tickets.json()["items"][0]["sla"]["calendar"], "germany");
  EXPECT_EQ(server->get("/api/v1/candidates/lever/nobody").status, 404);
}

TEST_F(TicketsApi, ATicketAboutAnUnknownCandidateStoresTheCandidateAsAStub) {
  create({{"type", "resume_parse_failure"},
          {"title", "Resume did not parse"},
          {"candidate", {{"ats", "greenhouse"}, {"external_id", "stub-1"}}}});
  const auto stub = server->get("/api/v1/candidates/greenhouse/stub-1");
  ASSERT_EQ(stub.status, 200) << stub.body;
  EXPECT_TRUE(stub.json()["name"].is_null()) << stub.body;
  EXPECT_TRUE(stub.json()["email"].is_null()) << stub.body;
  // The ATS's description fills the stub in: the candidate was already there.
  const auto described = server->send(
      {"PUT", "/api/v1/candidates/greenhouse/stub-1", json{{"name", "Sam Lee"}, {"level", "junior"}}.dump(), {}});
  EXPECT_EQ(described.status, 200) << described.body;
  const auto tickets = server->get("/api/v1/candidates/greenhouse/stub-1/tickets");
  ASSERT_EQ(tickets.status, 200) << tickets.body;
  EXPECT_EQ(tickets.json()["items"].size(), 1u);
}

}  // namespace tickets_api_test
}  // namespace snag::testing
