// The analytics reports (/api/v1/reports/pareto, volume, trends, adoption and the taxonomy
// review) and their CSV exports through the real binary.

#include <algorithm>
#include <map>

#include "snag_process.hpp"
#include <gtest/gtest.h>

#include <snag/util/time.hpp>

namespace snag::testing {
namespace reports_test {

HttpResponse get_as(const SnagServer& server, const std::string& key, const std::string& target) {
  return server.send(HttpRequest{"GET", target, "", {{"Authorization", "Bearer " + key}}});
}

void open_ticket(const SnagServer& server, const std::string& type, bool with_candidate) {
  nlohmann::json body{{"type", type}, {"title", "Problem"}};
  if (with_candidate) body["candidate"] = {{"ats", "greenhouse"}, {"external_id", "c-" + type}};
  const auto created = server.post("/api/v1/tickets", body);
  ASSERT_EQ(created.status, 201) << created.body;
}

TEST(ParetoReport, RanksTheIssueTypesByCountAndByCandidateDelay) {
  SnagServer server;
  // 5 + 3 + 1 + 1 tickets: cumulative 0.5, 0.8, 0.9, 1.
  for (int i = 0; i < 5; ++i) open_ticket(server, "document_missing", false);
  for (int i = 0; i < 3; ++i) open_ticket(server, "offer_link_expired", true);
  open_ticket(server, "access_problem", false);
  open_ticket(server, "resume_parse_failure", false);

  const auto by_count = server.get("/api/v1/reports/pareto?by=count");
  ASSERT_EQ(by_count.status, 200) << by_count.body;
  const auto counted = by_count.json();
  ASSERT_EQ(counted["items"].size(), 4u) << by_count.body;
  EXPECT_EQ(counted["items"][0]["type"], "document_missing");
  EXPECT_TRUE(counted["items"][0]["value"].is_number_integer()) << by_count.body;
  EXPECT_EQ(counted["items"][0]["value"], 5);
  EXPECT_EQ(counted["items"][0]["share"], 0.5);
  EXPECT_EQ(counted["items"][1]["type"], "offer_link_expired");
  EXPECT_DOUBLE_EQ(counted["items"][1]["cumulative_share"].get<double>(), 0.8);
  EXPECT_EQ(counted["items"][2]["type"], "access_problem");  // ties by type
  EXPECT_EQ(counted["items"][3]["cumulative_share"], 1.0);
  EXPECT_EQ(counted["cut_index"], 1);
  EXPECT_EQ(server.get("/api/v1/reports/pareto").json()["items"], counted["items"]) << "count is the default";

  // Only offer_link_expired's tickets hold a candidate up: it has all the delay.
  const auto by_delay = server.get("/api/v1/reports/pareto?by=delay");
  ASSERT_EQ(by_delay.status, 200) << by_delay.body;
  const auto delayed = by_delay.json();
  EXPECT_EQ(delayed["by"], "delay");
  ASSERT_EQ(delayed["items"].size(), 4u) << by_delay.body;
  EXPECT_EQ(delayed["items"][0]["type"], "offer_link_expired");
  EXPECT_GT(delayed["items"][0]["value"].get<double>(), 0.0);
  EXPECT_EQ(delayed["items"][0]["share"], 1.0);
  EXPECT_EQ(delayed["items"][1]["value"], 0.0);
  EXPECT_EQ(delayed["cut_index"], 0);

  // A period with no tickets: nothing ranked, no cut.
  const auto empty = server.get("/api/v1/reports/pareto?to=2020-01-01T00:00:00Z");
  ASSERT_EQ(empty.status, 200) << empty.body;
  EXPECT_TRUE(empty.json()["items"].empty());
  EXPECT_TRUE(empty.json()["cut_index"].is_null());
}

TEST(ParetoReport, CountsOnlyWhatTheCallerMaySeeAndRefusesBadParameters) {
  SnagServer server;
  open_ticket(server, "document_missing", false);  // confidential: IT support is not cleared for it
  open_ticket(server, "access_problem", false);
  const auto support = get_as(server, server.create_key("it_support", "ivan"), "/api/v1/reports/pareto");
  ASSERT_EQ(support.status, 200) << support.body;
  ASSERT_EQ(support.json()["items"].size(), 1u) << support.body;
  EXPECT_EQ(support.json()["items"][0]["type"], "access_problem");

  EXPECT_EQ(get_as(server, server.create_key("sourcer", "sol"), "/api/v1/reports/pareto").status, 403);
  const auto bad_measure = server.get("/api/v1/reports/pareto?by=team");
  EXPECT_EQ(bad_measure.status, 422);
  EXPECT_EQ(bad_measure.json()["errors"][0]["field"], "by") << bad_measure.body;
  EXPECT_EQ(server.get("/api/v1/reports/pareto?from=yesterday").status, 422);
  EXPECT_EQ(server.get("/api/v1/reports/pareto?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z").status, 422);
  EXPECT_EQ(server.get("/api/v1/reports/pareto?limit=3").status, 422);
}

TEST(ParetoReport, ExportsAsCsvWithTheCutMarked) {
  SnagServer server;
  for (int i = 0; i < 4; ++i) open_ticket(server, "document_missing", false);
  open_ticket(server, "access_problem", false);
  const auto exported = server.get("/api/v1/exports/reports/pareto?by=count&format=csv");
  ASSERT_EQ(exported.status, 200) << exported.body;
  EXPECT_EQ(exported.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(exported.body,
            "type,tickets,share,cumulative_share,cut\r\n"
            "document_missing,4,80.0%,80.0%,80% reached\r\n"
            "access_problem,1,20.0%,100.0%,\r\n");
  const auto logged = server.get("/api/v1/access-log?action=export");
  ASSERT_EQ(logged.status, 200);
  EXPECT_EQ(logged.json()["items"][0]["object"], "export:pareto_report rows=2 format=csv") << logged.body;
}

TEST(VolumeReport, CountsOpenAndResolvedTicketsAndAgesTheOpenOnesPerGroup) {
  SnagServer server;
  std::vector<std::string> keys;
  for (const std::string type : {"document_missing", "document_missing", "access_problem"}) {
    const auto created = server.post("/api/v1/tickets", {{"type", type}, {"title", "Problem"}});
    ASSERT_EQ(created.status, 201) << created.body;
    keys.push_back(created.json()["key"]);
  }
  for (const std::string to : {"in_progress", "resolved"}) {
    const auto moved = server.post("/api/v1/tickets/" + keys[0] + "/transitions", {{"to", to}});
    ASSERT_EQ(moved.status, 200) << moved.body;
  }

  const auto report = server.get("/api/v1/reports/volume?by=type");
  ASSERT_EQ(report.status, 200) << report.body;
  const auto body = report.json();
  EXPECT_EQ(body["by"], "type");
  ASSERT_EQ(body["items"].size(), 2u) << report.body;
  const auto& access = body["items"][0];
  EXPECT_EQ(access["group"], "access_problem");
  EXPECT_EQ(access["open"], 1);
  EXPECT_EQ(access["resolved"], 0);
  EXPECT_TRUE(access["mean_hours_to_resolve"].is_null());
  EXPECT_EQ(access["aging"]["0-2"], 1);
  const auto& documents = body["items"][1];
  EXPECT_EQ(documents["group"], "document_missing");
  EXPECT_EQ(documents["open"], 1);
  EXPECT_EQ(documents["resolved"], 1);
  EXPECT_GE(documents["mean_hours_to_resolve"].get<double>(), 0.0);
  EXPECT_EQ(documents["median_hours_to_resolve"], documents["mean_hours_to_resolve"]) << "one resolved ticket";
  EXPECT_EQ(documents["aging"], nlohmann::json({{"0-2", 1}, {"3-7", 0}, {"8-14", 0}, {"15-30", 0}, {">30", 0}}));

  // Nobody is assigned the tickets: one group, named null.
  const auto by_assignee = server.get("/api/v1/reports/volume?by=assignee");
  ASSERT_EQ(by_assignee.status, 200) << by_assignee.body;
  ASSERT_EQ(by_assignee.json()["items"].size(), 1u) << by_assignee.body;
  EXPECT_TRUE(by_assignee.json()["items"][0]["group"].is_null());

  const auto support = get_as(server, server.create_key("it_support", "ivan"), "/api/v1/reports/volume?by=type");
  ASSERT_EQ(support.status, 200) << support.body;
  EXPECT_EQ(support.json()["items"].size(), 1u) << "no clearance for missing documents: " << support.body;
  EXPECT_EQ(get_as(server, server.create_key("sourcer", "sol"), "/api/v1/reports/volume").status, 403);
  EXPECT_EQ(server.get("/api/v1/reports/volume?by=candidate").status, 422);
  EXPECT_EQ(server.get("/api/v1/reports/volume?until=now").status, 422);
}

TEST(TrendReport, CountsThisWeeksTicketsPerCategoryAndFlagsASpike) {
  SnagServer server;
  for (int i = 0; i < 5; ++i) open_ticket(server, "resume_parse_failure", false);  // category ats_data
  open_ticket(server, "access_problem", false);                                    // category access
  const auto report = server.get("/api/v1/reports/trends?weeks=3");
  ASSERT_EQ(report.status, 200) << report.body;
  const auto body = report.json();
  EXPECT_EQ(body["weeks"], 3);
  EXPECT_EQ(body["baseline_weeks"], 4);
  ASSERT_EQ(body["items"].size(), 2u) << report.body;
  const auto& access = body["items"][0];
  EXPECT_EQ(access["category"], "access");
  ASSERT_EQ(access["weeks"].size(), 3u);
  EXPECT_EQ(access["weeks"][2]["tickets"], 1);
  EXPECT_EQ(access["weeks"][2]["spike"], false) << "one ticket is no spike";
  const auto& ats_data = body["items"][1];
  EXPECT_EQ(ats_data["category"], "ats_data");
  EXPECT_EQ(ats_data["weeks"][0]["tickets"], 0);
  EXPECT_EQ(ats_data["weeks"][2]["tickets"], 5);
  EXPECT_EQ(ats_data["weeks"][2]["spike"], true) << "five where the weeks before had none";
  EXPECT_EQ(ats_data["weeks"][2]["start"], access["weeks"][2]["start"]);
  EXPECT_LT(ats_data["weeks"][1]["start"].get<std::string>(), ats_data["weeks"][2]["start"].get<std::string>());
  EXPECT_EQ(server.get("/api/v1/reports/trends").json()["weeks"], 12) << "12 weeks by default";

  EXPECT_EQ(get_as(server, server.create_key("sourcer", "sol"), "/api/v1/reports/trends").status, 403);
  for (const std::string bad : {"weeks=0", "weeks=105", "weeks=two", "weeks=-3", "since=2026-01-01"}) {
    const auto refused = server.get("/api/v1/reports/trends?" + bad);
    EXPECT_EQ(refused.status, 422) << bad;
  }
}

// Each user's API key is named after them, so the tickets it opens are reported by them.
void add_reporter(const SnagServer& server, const std::string& username, const std::string& role,
                  const std::string& team) {
  const auto created = server.post("/api/v1/users", {{"username", username},
                                                     {"display_name", username},
                                                     {"role", role},
                                                     {"team", team},
                                                     {"password", "correct horse battery staple"}});
  ASSERT_EQ(created.status, 201) << created.body;
}

TEST(AdoptionReport, CountsTicketsPerPersonAndTeamAndFlagsTheTeamFarBelowItsPeers) {
  SnagServer server;
  add_reporter(server, "rita", "recruiter", "recruitment");
  add_reporter(server, "sam", "recruiter", "recruitment");
  add_reporter(server, "hana", "hris", "hris");
  add_reporter(server, "ivan", "it_support", "it_support");
  const auto open_as = [&](const std::string& person, int tickets) {
    const std::string key = server.create_key(person == "hana" ? "hris" : "recruiter", person);
    for (int i = 0; i < tickets; ++i) {
      const auto created = server.send(HttpRequest{"POST", "/api/v1/tickets",
                                                   R"({"type": "data_sync_mismatch", "title": "Offer missing"})",
                                                   {{"Authorization", "Bearer " + key}, {"Content-Type", "application/json"}}});
      ASSERT_EQ(created.status, 201) << created.body;
    }
  };
  open_as("rita", 3);
  open_as("sam", 1);
  open_as("hana", 2);
  open_ticket(server, "access_problem", false);  // by the admin's key: no person of a team

  const auto report = server.get("/api/v1/reports/adoption?weeks=1");
  ASSERT_EQ(report.status, 200) << report.body;
  const auto body = report.json();
  ASSERT_EQ(body["weeks"].size(), 1u);
  // recruitment 4 tickets / 2 people = 2, hris 2 / 1 = 2, it_support 0: the median is 2.
  EXPECT_EQ(body["median_per_member_per_week"], 2.0) << report.body;
  ASSERT_EQ(body["teams"].size(), 3u) << report.body;
  EXPECT_EQ(body["teams"][0]["team"], "hris");
  EXPECT_EQ(body["teams"][0]["needs_training"], false);
  EXPECT_EQ(body["teams"][1]["team"], "it_support");
  EXPECT_EQ(body["teams"][1]["tickets"], 0);
  EXPECT_EQ(body["teams"][1]["needs_training"], true);
  EXPECT_EQ(body["teams"][2]["team"], "recruitment");
  EXPECT_EQ(body["teams"][2]["tickets"], 4);
  EXPECT_EQ(body["teams"][2]["per_member_per_week"], 2.0);
  ASSERT_EQ(body["people"].size(), 4u);
  EXPECT_EQ(body["people"][2]["person"], "rita");
  EXPECT_EQ(body["people"][2]["weekly"], nlohmann::json({3}));
  EXPECT_EQ(server.get("/api/v1/reports/adoption").json()["weeks"].size(), 12u) << "12 weeks by default";

  EXPECT_EQ(get_as(server, server.create_key("sourcer", "sol"), "/api/v1/reports/adoption").status, 403);
  for (const std::string bad : {"weeks=0", "weeks=53", "weeks=x", "team=hris"}) {
    EXPECT_EQ(server.get("/api/v1/reports/adoption?" + bad).status, 422) << bad;
  }
}

TEST(TaxonomyReview, FlagsTheIssueTypesNobodyUsedLastQuarter) {
  SnagServer server;
  open_ticket(server, "access_problem", false);
  open_ticket(server, "access_problem", false);
  open_ticket(server, "offer_link_expired", true);
  const auto review = server.get("/api/v1/reports/taxonomy");
  ASSERT_EQ(review.status, 200) << review.body;
  const auto body = review.json();
  EXPECT_EQ(body["quarter_days"], 91);
  ASSERT_EQ(body["items"].size(), 10u) << "every configured type";
  std::map<std::string, nlohmann::json> by_type;
  for (const auto& item : body["items"]) by_type[item["type"].get<std::string>()] = item;
  EXPECT_EQ(by_type["access_problem"]["tickets_last_quarter"], 2);
  EXPECT_EQ(by_type["access_problem"]["open_tickets"], 2);
  EXPECT_EQ(by_type["access_problem"]["flagged_for_deprecation"], false);
  EXPECT_EQ(by_type["offer_link_expired"]["flagged_for_deprecation"], false);
  EXPECT_EQ(by_type["resume_parse_failure"]["tickets_last_quarter"], 0);
  EXPECT_EQ(by_type["resume_parse_failure"]["flagged_for_deprecation"], true);
  EXPECT_EQ(by_type["resume_parse_failure"]["replaced_by"], nullptr);

  EXPECT_EQ(get_as(server, server.create_key("sourcer", "sol"), "/api/v1/reports/taxonomy").status, 403);
  EXPECT_EQ(server.get("/api/v1/reports/taxonomy?since=2026-01-01").status, 422);
  const auto types = server.get("/api/v1/issue-types").json();
  EXPECT_EQ(types["items"][0]["replaced_by"], nullptr);
}

// Every analytics report also comes as CSV, row for row what its JSON answer says.
TEST(ReportExports, EveryReportComesAsCsvWithItsHeader) {
  SnagServer server;
  open_ticket(server, "access_problem", false);
  open_ticket(server, "access_problem", false);
  open_ticket(server, "offer_link_expired", true);
  const auto deployed_at = format_rfc3339(std::chrono::time_point_cast<std::chrono::milliseconds>(
      std::chrono::system_clock::now() - std::chrono::hours(1)));
  ASSERT_EQ(server.post("/api/v1/changes", {{"id", "CHG-7"}, {"summary", "New offer template"},
                                            {"system", "greenhouse"}, {"deployed_at", deployed_at}})
                .status,
            201);

  const auto csv = [&](const std::string& report) {
    const auto response = server.get("/api/v1/exports/reports/" + report);
    EXPECT_EQ(response.status, 200) << report << ": " << response.body;
    EXPECT_EQ(response.header("content-type"), "text/csv; charset=utf-8") << report;
    std::vector<std::string> lines;
    for (std::size_t at = 0; at < response.body.size();) {
      const auto end = response.body.find("\r\n", at);
      lines.push_back(response.body.substr(at, end - at));
      at = end == std::string::npos ? response.body.size() : end + 2;
    }
    return lines;
  };

  const auto volume = csv("volume?by=type&format=csv");
  ASSERT_EQ(volume.size(), 3u);
  EXPECT_EQ(volume[0],
            "type,open,resolved,mean_hours_to_resolve,median_hours_to_resolve,open_0-2_days,open_3-7_days,"
            "open_8-14_days,open_15-30_days,open_>30_days");
  EXPECT_NE(std::find(volume.begin(), volume.end(), "access_problem,2,0,,,2,0,0,0,0"), volume.end());

  const auto trend_json = server.get("/api/v1/reports/trends?weeks=2").json();
  const auto trends = csv("trends?weeks=2");
  EXPECT_EQ(trends[0], "category,week_start,tickets,spike");
  EXPECT_EQ(trends.size(), 1 + 2 * trend_json["items"].size());

  const auto adoption = csv("adoption?weeks=1");
  EXPECT_EQ(adoption[0], "team,person,week_start,tickets,per_member_per_week,needs_training");

  const auto taxonomy = csv("taxonomy");
  EXPECT_EQ(taxonomy[0], "type,name,deprecated,replaced_by,tickets_last_quarter,open_tickets,flagged_for_deprecation");
  EXPECT_EQ(taxonomy.size(), 11u) << "a row per configured type";

  const auto changes = csv("changes");
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0], "change,system,deployed_at,summary,tickets,unresolved_tickets,incidents,defects");
  EXPECT_EQ(changes[1], "CHG-7,greenhouse," + deployed_at + ",New offer template,0,0,0,0");

  EXPECT_EQ(server.get("/api/v1/exports/reports/trends?weeks=0").status, 422);
  EXPECT_EQ(server.get("/api/v1/exports/reports/taxonomy?since=2026-01-01").status, 422);
  EXPECT_EQ(server.get("/api/v1/exports/reports/volume?format=xlsx").status, 422);
  EXPECT_EQ(get_as(server, server.create_key("sourcer", "sol"), "/api/v1/exports/reports/adoption").status, 403);
  const auto logged = server.get("/api/v1/access-log?action=export");
  ASSERT_EQ(logged.status, 200);
  EXPECT_EQ(logged.json()["items"][0]["object"], "export:adoption_report refused format=csv") << logged.body;
}

}  // namespace reports_test
}  // namespace snag::testing
