// Incidents, post-mortems and change records through the real binary: an incident from
// declaration to a closed post-mortem, bad input refused with the field named, every role's
// access, and changes recorded by API and CLI with the defects they caused.

#include <set>
#include <tuple>

#include "snag_process.hpp"
#include <gtest/gtest.h>

namespace snag::testing {
namespace incidents_test {

HttpResponse send_as(const SnagServer& server, const std::string& key, const std::string& method,
                     const std::string& target, const nlohmann::json& body = nullptr) {
  HttpRequest request{method, target, body.is_null() ? "" : body.dump(), {{"Authorization", "Bearer " + key}}};
  if (!body.is_null()) request.headers["Content-Type"] = "application/json";
  return server.send(request);
}

HttpResponse send(const SnagServer& server, const std::string& method, const std::string& target,
                  const nlohmann::json& body = nullptr) {
  return send_as(server, server.admin_key(), method, target, body);
}

std::string open_ticket(const SnagServer& server, bool with_candidate) {
  nlohmann::json body{{"type", "data_sync_mismatch"}, {"title", "Offer missing in Workday"}};
  if (with_candidate) body["candidate"] = {{"ats", "greenhouse"}, {"external_id", "c-1"}};
  const auto created = server.post("/api/v1/tickets", body);
  EXPECT_EQ(created.status, 201) << created.body;
  return created.json().value("key", "");
}

void add_user(const SnagServer& server, const std::string& username, const std::string& role) {
  const auto created = server.post("/api/v1/users", {{"username", username},
                                                     {"display_name", username},
                                                     {"role", role},
                                                     {"team", "hris"},
                                                     {"password", "correct horse battery staple"}});
  ASSERT_EQ(created.status, 201) << created.body;
}

TEST(IncidentsApi, RunsAnIncidentFromDeclarationToAClosedPostmortem) {
  SnagServer server;
  add_user(server, "nina", "hris");
  const std::string first = open_ticket(server, true);
  const std::string second = open_ticket(server, false);

  const auto declared = send(server, "POST", "/api/v1/incidents",
                             {{"category", "integration"},
                              {"title", "Workday sync drops offers"},
                              {"severity", "sev1"},
                              {"commander", "nina"},
                              {"tickets", {first, second}}});
  ASSERT_EQ(declared.status, 201) << declared.body;
  const auto incident = declared.json();
  const std::string path = "/api/v1/incidents/" + std::to_string(incident["id"].get<int>());
  EXPECT_EQ(declared.header("location"), path);
  EXPECT_EQ(incident["status"], "open");
  EXPECT_EQ(incident["commander"], "nina");
  EXPECT_EQ(incident["tickets"], nlohmann::json({first, second}));
  EXPECT_EQ(incident["impact"]["tickets"], 2);
  EXPECT_EQ(incident["impact"]["candidates_affected"], 1);
  EXPECT_EQ(incident["protocol"]["respond_within_minutes"], 15);
  EXPECT_EQ(incident["protocol"]["update_every_minutes"], 30);
  EXPECT_EQ(incident["postmortem_required"], true);
  const auto opened = *parse_rfc3339(incident["opened_at"].get<std::string>());
  EXPECT_EQ(incident["response_due_at"], format_rfc3339(opened + std::chrono::minutes(15)));
  EXPECT_EQ(incident["next_update_due_at"], format_rfc3339(opened + std::chrono::minutes(30)));
  EXPECT_TRUE(incident["responded_at"].is_null());
  ASSERT_EQ(incident["log"].size(), 1u);
  EXPECT_EQ(incident["log"][0]["kind"], "declared");

  // The ticket's history shows the grouping.
  const auto history = server.get("/api/v1/tickets/" + first + "/history");
  ASSERT_EQ(history.status, 200) << history.body;
  EXPECT_EQ(history.json()["items"].back()["action"], "incident") << history.body;

  const auto updated = send(server, "POST", path + "/updates", {{"message", "Mapping rolled back."}});
  ASSERT_EQ(updated.status, 201) << updated.body;
  EXPECT_FALSE(updated.json()["responded_at"].is_null());
  EXPECT_EQ(updated.json()["log"].back()["message"], "Mapping rolled back.");

  ASSERT_EQ(send(server, "PATCH", path, {{"status", "resolved"}}).status, 200);
  const auto refused = send(server, "PATCH", path, {{"status", "closed"}});
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.json()["errors"][0]["field"], "postmortem");

  const auto written =
      send(server, "PUT", path + "/postmortem",
           {{"timeline", {{{"at", incident["opened_at"]}, {"event", "Offers stopped syncing"}}}},
            {"impact", "Offers reached Workday a day late"},
            {"root_cause", "An expired integration credential"},
            {"contributing_factors", {"No alert on credential expiry"}},
            {"action_items", {{{"title", "Alert on expiry"}, {"owner", "nina"}, {"due", "2030-01-01T00:00:00Z"}}}}});
  ASSERT_EQ(written.status, 200) << written.body;
  const auto postmortem = written.json()["postmortem"];
  EXPECT_EQ(postmortem["action_items"][0]["number"], 1);
  EXPECT_EQ(postmortem["action_items"][0]["done"], false);
  EXPECT_EQ(postmortem["written_by"], "integration admin");

  const auto closed = send(server, "PATCH", path, {{"status", "closed"}});
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(closed.json()["status"], "closed");
  EXPECT_EQ(send(server, "POST", path + "/updates", {{"message", "late"}}).status, 409);

  const auto done = send(server, "PATCH", path + "/action-items/1", {{"done", true}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json()["postmortem"]["action_items"][0]["done"], true);
  EXPECT_EQ(send(server, "PATCH", path + "/action-items/9", {{"done", true}}).status, 404);

  const auto unlinked = send(server, "DELETE", path + "/tickets/" + second);
  ASSERT_EQ(unlinked.status, 200) << unlinked.body;
  EXPECT_EQ(unlinked.json()["tickets"], nlohmann::json({first}));

  const auto listed = server.get("/api/v1/incidents?status=closed");
  ASSERT_EQ(listed.status, 200) << listed.body;
  ASSERT_EQ(listed.json()["items"].size(), 1u);
  EXPECT_EQ(listed.json()["items"][0]["title"], "Workday sync drops offers");
  EXPECT_TRUE(server.get("/api/v1/incidents?status=open").json()["items"].empty());

  const auto protocols = server.get("/api/v1/severity-protocols");
  ASSERT_EQ(protocols.status, 200) << protocols.body;
  ASSERT_EQ(protocols.json()["items"].size(), 4u);
  EXPECT_EQ(protocols.json()["items"][0]["severity"], "sev1");
  EXPECT_EQ(protocols.json()["items"][3]["update_every_minutes"], nullptr);
}

TEST(IncidentsApi, RefusesBadInputNamingTheFieldAndChangesNothing) {
  SnagServer server;
  const auto bad = send(server, "POST", "/api/v1/incidents",
                        {{"category", "weather"}, {"title", ""}, {"severity", "sev9"}, {"tickets", {"nope"}}});
  ASSERT_EQ(bad.status, 422) << bad.body;
  std::set<std::string> fields;
  const auto problem = bad.json();
  for (const auto& error : problem["errors"]) fields.insert(error["field"].get<std::string>());
  EXPECT_TRUE(fields.count("severity")) << bad.body;
  EXPECT_TRUE(fields.count("tickets[0]")) << bad.body;

  const auto unknown_category =
      send(server, "POST", "/api/v1/incidents", {{"category", "weather"}, {"title", "Storm"}, {"severity", "sev3"}});
  ASSERT_EQ(unknown_category.status, 422);
  EXPECT_EQ(unknown_category.json()["errors"][0]["field"], "category");
  const auto unknown_ticket =
      send(server, "POST", "/api/v1/incidents",
           {{"category", "integration"}, {"title", "x"}, {"severity", "sev3"}, {"tickets", {"SNAG-999"}}});
  ASSERT_EQ(unknown_ticket.status, 422) << unknown_ticket.body;
  EXPECT_EQ(unknown_ticket.json()["errors"][0]["field"], "tickets");
  const auto unknown_commander =
      send(server, "POST", "/api/v1/incidents",
           {{"category", "integration"}, {"title", "x"}, {"severity", "sev3"}, {"commander", "ghost"}});
  ASSERT_EQ(unknown_commander.status, 422);
  EXPECT_EQ(unknown_commander.json()["errors"][0]["field"], "commander");
  EXPECT_TRUE(server.get("/api/v1/incidents").json()["items"].empty()) << "nothing was stored";

  EXPECT_EQ(server.get("/api/v1/incidents/42").status, 404);
  EXPECT_EQ(server.get("/api/v1/incidents/x").status, 404);
  EXPECT_EQ(server.get("/api/v1/incidents?status=burning").status, 422);
  EXPECT_EQ(server.get("/api/v1/incidents?limit=0").status, 422);
  const auto declared =
      send(server, "POST", "/api/v1/incidents", {{"category", "integration"}, {"title", "x"}, {"severity", "sev3"}});
  ASSERT_EQ(declared.status, 201) << declared.body;
  const std::string path = "/api/v1/incidents/" + std::to_string(declared.json()["id"].get<int>());
  EXPECT_EQ(send(server, "PATCH", path, nlohmann::json::object()).status, 422);
  EXPECT_EQ(send(server, "PATCH", path, {{"status", "closed"}}).status, 422) << "open cannot close";
  EXPECT_EQ(send(server, "PATCH", path, {{"colour", "red"}}).status, 422);
  const auto bad_postmortem =
      send(server, "PUT", path + "/postmortem",
           {{"timeline", {{{"at", "yesterday"}, {"event", "x"}}}}, {"action_items", {{{"title", "x"}}}}});
  ASSERT_EQ(bad_postmortem.status, 422) << bad_postmortem.body;
  EXPECT_EQ(bad_postmortem.json()["errors"][0]["field"], "timeline[0].at");
  EXPECT_EQ(send(server, "POST", path + "/updates", {{"message", ""}}).status, 422);
  EXPECT_EQ(send(server, "POST", path + "/tickets", {{"tickets", nlohmann::json::array()}}).status, 422);
  EXPECT_EQ(send(server, "PATCH", path + "/action-items/1", {{"done", "yes"}}).status, 422);
  const auto unchanged = server.get(path);
  ASSERT_EQ(unchanged.status, 200);
  EXPECT_EQ(unchanged.json()["status"], "open");
  EXPECT_EQ(unchanged.json()["log"].size(), 1u);
}

TEST(IncidentsApi, EachRoleReadsAndRunsIncidentsAsThePolicySays) {
  SnagServer server;
  const auto declared = send(server, "POST", "/api/v1/incidents",
                             {{"category", "ats_data"}, {"title", "Resumes fail to parse"}, {"severity", "sev4"}});
  ASSERT_EQ(declared.status, 201) << declared.body;
  const std::string path = "/api/v1/incidents/" + std::to_string(declared.json()["id"].get<int>());
  // role, incidents:read, incidents:write
  const std::vector<std::tuple<std::string, bool, bool>> roles{{"sourcer", false, false},
                                                               {"recruiter", true, false},
                                                               {"senior_recruiter", true, true},
                                                               {"hiring_manager", false, false},
                                                               {"hrbp", true, true},
                                                               {"hris", true, true},
                                                               {"compliance", true, true},
                                                               {"legal", true, false},
                                                               {"it_support", true, true},
                                                               {"admin", true, true}};
  for (const auto& [role, reads, writes] : roles) {
    const std::string key = server.create_key(role, role + " tester");
    EXPECT_EQ(send_as(server, key, "GET", path).status, reads ? 200 : 403) << role;
    EXPECT_EQ(send_as(server, key, "GET", "/api/v1/changes").status, reads ? 200 : 403) << role;
    EXPECT_EQ(send_as(server, key, "POST", path + "/updates", {{"message", "looking"}}).status, writes ? 201 : 403)
        << role;
  }
  HttpRequest anonymous{"GET", "/api/v1/incidents", "", {{"Authorization", ""}}};
  EXPECT_EQ(server.send(anonymous).status, 401);
}

TEST(ChangesApi, RecordsChangesByApiAndCliAndCountsTheDefectsTheyCaused) {
  SnagServer server;
  const std::string ticket = open_ticket(server, false);
  const auto recorded = send(server, "POST", "/api/v1/changes",
                             {{"id", "CHG-1042"},
                              {"summary", "New offer template"},
                              {"system", "greenhouse"},
                              {"deployed_at", "2026-11-20T10:00:00Z"},
                              {"link", "https://wiki.example.com/chg-1042"}});
  ASSERT_EQ(recorded.status, 201) << recorded.body;
  EXPECT_EQ(recorded.header("location"), "/api/v1/changes/CHG-1042");
  EXPECT_EQ(recorded.json()["recorded_by"], "integration admin");
  EXPECT_EQ(
      send(
          server, "POST", "/api/v1/changes",
          {{"id", "CHG-1042"}, {"summary", "again"}, {"system", "greenhouse"}, {"deployed_at", "2026-11-20T10:00:00Z"}})
          .status,
      409);
  const auto bad =
      send(server, "POST", "/api/v1/changes",
           {{"id", "CHG 1"}, {"summary", "x"}, {"system", "x"}, {"deployed_at", "2026-11-20"}, {"link", "ftp://x"}});
  ASSERT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(bad.json()["errors"][0]["field"], "deployed_at");

  const auto cli = run_snag({"change", "record", "--database", server.database_url(), "--id", "CHG-1043", "--summary",
                             "Workday field mapping", "--system", "workday", "--deployed-at", "2026-11-21T10:00:00Z"});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_NE(cli.out.find("recorded change CHG-1043"), std::string::npos) << cli.out;
  const auto bad_cli = run_snag({"change", "record", "--database", server.database_url(), "--id", "CHG-1044",
                                 "--summary", "x", "--system", "workday", "--link", "not a url"});
  EXPECT_NE(bad_cli.exit_code, 0);
  EXPECT_NE(bad_cli.err.find("link"), std::string::npos) << bad_cli.err;

  const auto declared =
      send(server, "POST", "/api/v1/incidents", {{"category", "integration"}, {"title", "Sync"}, {"severity", "sev3"}});
  ASSERT_EQ(declared.status, 201);
  const int incident = declared.json()["id"].get<int>();
  const auto linked =
      send(server, "POST", "/api/v1/changes/CHG-1043/links", {{"tickets", {ticket}}, {"incidents", {incident}}});
  ASSERT_EQ(linked.status, 200) << linked.body;
  EXPECT_EQ(linked.json()["caused"]["tickets"], nlohmann::json({ticket}));
  EXPECT_EQ(linked.json()["caused"]["incidents"], nlohmann::json({incident}));
  EXPECT_EQ(send(server, "POST", "/api/v1/changes/CHG-404/links", {{"tickets", {ticket}}}).status, 404);
  EXPECT_EQ(server.get("/api/v1/incidents/" + std::to_string(incident)).json()["caused_by_change"], "CHG-1043");

  const auto report = server.get("/api/v1/reports/changes?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z");
  ASSERT_EQ(report.status, 200) << report.body;
  const auto rows = report.json()["items"];
  ASSERT_EQ(rows.size(), 2u) << report.body;
  EXPECT_EQ(rows[0]["change"]["id"], "CHG-1043");
  EXPECT_EQ(rows[0]["tickets"], 1);
  EXPECT_EQ(rows[0]["unresolved_tickets"], 1);
  EXPECT_EQ(rows[0]["incidents"], 1);
  EXPECT_EQ(rows[0]["defects"], 2);
  EXPECT_EQ(rows[1]["defects"], 0);
  EXPECT_EQ(server.get("/api/v1/reports/changes?since=yesterday").status, 422);

  const auto listed = server.get("/api/v1/changes");
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.json()["items"][0]["id"], "CHG-1043");
  EXPECT_EQ(server.get("/api/v1/changes/CHG-1042").json()["caused"]["tickets"], nlohmann::json::array());
  EXPECT_EQ(server.get("/api/v1/changes/CHG-404").status, 404);
}

TEST(ChangesApi, ATicketSaysWhichIncidentItIsInAndWhichChangeCausedIt) {
  SnagServer server;
  const std::string ticket = open_ticket(server, false);
  const std::string links = "/api/v1/tickets/" + ticket + "/links";
  const auto none = server.get(links);
  ASSERT_EQ(none.status, 200) << none.body;
  EXPECT_EQ(none.json(), (nlohmann::json{{"incident", nullptr}, {"change", nullptr}}));

  ASSERT_EQ(send(server, "POST", "/api/v1/changes",
                 {{"id", "CHG-7"},
                  {"summary", "Offer template"},
                  {"system", "greenhouse"},
                  {"deployed_at", "2026-11-20T10:00:00Z"}})
                .status,
            201);
  ASSERT_EQ(send(server, "POST", "/api/v1/changes/CHG-7/links", {{"tickets", {ticket}}}).status, 200);
  const auto declared =
      send(server, "POST", "/api/v1/incidents",
           {{"category", "integration"}, {"title", "Offers stuck"}, {"severity", "sev2"}, {"tickets", {ticket}}});
  ASSERT_EQ(declared.status, 201) << declared.body;

  const auto linked = server.get(links);
  ASSERT_EQ(linked.status, 200) << linked.body;
  EXPECT_EQ(linked.json()["incident"]["id"], declared.json()["id"]);
  EXPECT_EQ(linked.json()["incident"]["title"], "Offers stuck");
  EXPECT_EQ(linked.json()["incident"]["status"], "open");
  EXPECT_EQ(linked.json()["change"]["id"], "CHG-7");
  EXPECT_EQ(linked.json()["change"]["summary"], "Offer template");

  EXPECT_EQ(server.get("/api/v1/tickets/SNAG-999999/links").status, 404);
  EXPECT_EQ(server.get("/api/v1/tickets/nonsense/links").status, 404);
  // A role without incidents:read is refused, as for the incidents themselves.
  const auto sourcer = server.create_key("sourcer", "sourcer-links");
  EXPECT_EQ(send_as(server, sourcer, "GET", links).status, 403);
}

TEST(ChangesApi, ASummaryThatNamesAPersonIsMaskedForCallersWithoutPiiRead) {
  SnagServer server;
  const std::string hrbp = server.create_key("hrbp", "hrbp tester");    // pii:read
  const std::string it = server.create_key("it_support", "it tester");  // incidents:read, no pii:read
  const auto recorded = send_as(server, hrbp, "POST", "/api/v1/changes",
                                {{"id", "CHG-7"},
                                 {"summary", "Re-linked the offer of jane.doe@example.com"},
                                 {"system", "greenhouse"},
                                 {"deployed_at", "2026-11-20T10:00:00Z"}});
  ASSERT_EQ(recorded.status, 201) << recorded.body;
  EXPECT_EQ(recorded.json()["summary"], "Re-linked the offer of jane.doe@example.com");
  EXPECT_EQ(send_as(server, hrbp, "GET", "/api/v1/changes/CHG-7").json()["summary"],
            "Re-linked the offer of jane.doe@example.com");

  const std::string report_path = "/api/v1/reports/changes?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z";
  const std::vector<std::string> masked_reads{send_as(server, it, "GET", "/api/v1/changes/CHG-7").body,
                                              send_as(server, it, "GET", "/api/v1/changes").body,
                                              send_as(server, it, "GET", report_path).body};
  for (const std::string& body : masked_reads) {
    EXPECT_EQ(body.find("jane.doe@example.com"), std::string::npos) << body;
    EXPECT_NE(body.find("Re-linked the offer of"), std::string::npos) << body;
  }
}

}  // namespace incidents_test
}  // namespace snag::testing
