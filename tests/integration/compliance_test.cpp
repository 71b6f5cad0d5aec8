// The compliance lifecycle through the real binary: an erasure request answered 202 and carried
// out by the server's own job runner, the personal data gone from the ticket, its comments, the
// candidate, and the incident and change texts that named her, the audit chain still verifying
// with the redacted entries counted (and a forged "redacted" entry caught); a legal hold that
// keeps a request held until it is released; and refusals for other roles and bad input, which
// store nothing.

#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <memory>
#include <set>
#include <thread>

#include "snag_process.hpp"

namespace snag::testing {
namespace compliance_test {

using namespace std::chrono_literals;

const nlohmann::json k_jane{{"ats", "greenhouse"}, {"external_id", "7001"}};

HttpResponse send_as(const SnagServer& server, const std::string& key, const std::string& method,
                     const std::string& target, const nlohmann::json& body = nullptr) {
  HttpRequest request{method, target, body.is_null() ? "" : body.dump(), {{"Authorization", "Bearer " + key}}};
  if (!body.is_null()) request.headers["Content-Type"] = "application/json";
  return server.send(request);
}

// A ticket about Jane with a comment naming her; returns its key.
std::string open_janes_ticket(const SnagServer& server) {
  HttpRequest profile{"PUT", "/api/v1/candidates/greenhouse/7001",
                      nlohmann::json{{"name", "Jane Roe"}, {"email", "jane@example.com"}, {"geography", "US-CA"}}.dump(),
                      {{"Content-Type", "application/json"}}};
  EXPECT_LT(server.send(profile).status, 300);
  const auto created = server.post("/api/v1/tickets", {{"type", "other"},
                                                       {"title", "Jane Roe cannot open her offer"},
                                                       {"description", "Jane's SSN 123-45-6789 was asked for"},
                                                       {"candidate", k_jane}});
  EXPECT_EQ(created.status, 201) << created.body;
  const std::string key = created.json()["key"].get<std::string>();
  EXPECT_EQ(server.post("/api/v1/tickets/" + key + "/comments", {{"body", "Called Jane Roe back"}}).status, 201);
  return key;
}

// Every row of the database as SQL text: `sqlite3 .dump` of an SQLite file (its full-text
// tables included), or of a `snag db copy` of a PostgreSQL schema.
std::string database_text(const std::string& url, const TempDir& scratch) {
  std::string file = url.substr(std::string("sqlite:").size());
  if (!url.starts_with("sqlite:")) {
    file = (scratch.path() / "copy.db").string();
    const auto copied = run_snag({"db", "copy", "--from", url, "--to", "sqlite:" + file, "--quiet"});
    EXPECT_EQ(copied.exit_code, 0) << copied.out << copied.err;
  }
  std::unique_ptr<FILE, decltype(&pclose)> pipe(popen(("sqlite3 " + file + " .dump").c_str(), "r"), pclose);
  std::string text;
  std::array<char, 4096> buffer{};
  for (std::size_t read = 0; pipe && (read = fread(buffer.data(), 1, buffer.size(), pipe.get())) > 0;) {
    text.append(buffer.data(), read);
  }
  EXPECT_NE(text.find("CREATE TABLE"), std::string::npos) << "the dump read nothing";
  return text;
}

// Reads the request until its status is `status` (the job runner polls every second).
nlohmann::json await_status(const SnagServer& server, const std::string& key, const std::string& path,
                            const std::string& status) {
  nlohmann::json request;
  for (int attempt = 0; attempt < 100; ++attempt) {
    const auto read = send_as(server, key, "GET", path);
    EXPECT_EQ(read.status, 200) << read.body;
    request = read.json();
    if (request["status"] == status) return request;
    std::this_thread::sleep_for(100ms);
  }
  ADD_FAILURE() << "the request never became " << status << ": " << request.dump();
  return request;
}

TEST(ComplianceApi, AnErasureRequestIsCarriedOutAndTheAuditChainStillVerifies) {
  SnagServer server;
  const std::string ticket = open_janes_ticket(server);
  const std::string officer = server.create_key("compliance", "cora");
  // An incident and a change are about many candidates: they stay, without the words naming Jane.
  const auto declared = send_as(server, server.admin_key(), "POST", "/api/v1/incidents",
                                {{"category", "integration"},
                                 {"title", "Offer links expire early, first for Jane Roe"},
                                 {"severity", "sev3"},
                                 {"tickets", {ticket}}});
  ASSERT_EQ(declared.status, 201) << declared.body;
  const std::string incident = "/api/v1/incidents/" + std::to_string(declared.json()["id"].get<int>());
  ASSERT_EQ(send_as(server, server.admin_key(), "POST", incident + "/updates",
                    {{"message", "Re-sent the link to jane@example.com"}})
                .status,
            201);
  ASSERT_EQ(send_as(server, server.admin_key(), "POST", "/api/v1/changes",
                    {{"id", "CHG-7"},
                     {"summary", "Link lifetime raised after Jane Roe's report"},
                     {"system", "greenhouse"},
                     {"deployed_at", "2026-11-20T10:00:00Z"}})
                .status,
            201);

  const auto filed = send_as(server, officer, "POST", "/api/v1/erasure-requests", {{"candidate", k_jane}});
  ASSERT_EQ(filed.status, 202) << filed.body;
  EXPECT_EQ(filed.json()["status"], "pending");
  const std::string path = "/api/v1/erasure-requests/" + std::to_string(filed.json()["id"].get<int>());
  EXPECT_EQ(filed.header("location"), path);

  const auto done = await_status(server, officer, path, "completed");
  EXPECT_EQ(done["requested_by"], "cora");
  EXPECT_EQ(done["erased"]["tickets"], nlohmann::json::array({ticket}));
  EXPECT_EQ(done["erased"]["comments"], 1);
  EXPECT_EQ(done["erased"]["candidate_profile"], true);
  const int redacted = done["erased"]["journal_entries"].get<int>();
  EXPECT_GE(redacted, 2);
  EXPECT_EQ(done["erased"]["incidents"], 1);
  EXPECT_EQ(done["erased"]["changes"], 1);
  const auto kept = send_as(server, server.admin_key(), "GET", incident);
  ASSERT_EQ(kept.status, 200);
  EXPECT_EQ(kept.json()["title"], "Offer links expire early, first for [redacted]");
  EXPECT_EQ(kept.json()["log"].back()["message"], "Re-sent the link to [redacted]");
  EXPECT_EQ(send_as(server, server.admin_key(), "GET", "/api/v1/changes/CHG-7").json()["summary"],
            "Link lifetime raised after [redacted]'s report");

  const auto shown = send_as(server, officer, "GET", "/api/v1/tickets/" + ticket);
  ASSERT_EQ(shown.status, 200);
  EXPECT_EQ(shown.body.find("Jane"), std::string::npos) << shown.body;
  EXPECT_EQ(shown.json()["title"], "[redacted]");
  EXPECT_EQ(shown.json()["type"], "other");
  const auto history = send_as(server, officer, "GET", "/api/v1/tickets/" + ticket + "/history");
  ASSERT_EQ(history.status, 200);
  EXPECT_EQ(history.body.find("Jane"), std::string::npos) << history.body;
  const auto candidate = send_as(server, officer, "GET", "/api/v1/candidates/greenhouse/7001");
  ASSERT_EQ(candidate.status, 200);
  EXPECT_TRUE(candidate.json()["name"].is_null());
  EXPECT_FALSE(candidate.json()["erased_at"].is_null());
  EXPECT_EQ(count_rows(server.database_url(), "comments WHERE body LIKE '%Jane%'"), 0);

  // Nothing found, exported or stored names her any more; reports still count the ticket.
  const auto found = send_as(server, officer, "GET", "/api/v1/tickets?q=Jane");
  ASSERT_EQ(found.status, 200);
  EXPECT_TRUE(found.json()["items"].empty()) << found.body;
  const auto exported = send_as(server, officer, "GET", "/api/v1/exports/tickets");
  ASSERT_EQ(exported.status, 200);
  EXPECT_NE(exported.body.find(ticket), std::string::npos);
  EXPECT_EQ(exported.body.find("Jane"), std::string::npos) << exported.body;
  const auto report = send_as(server, officer, "GET", "/api/v1/reports/sla?by=type");
  ASSERT_EQ(report.status, 200) << report.body;
  EXPECT_EQ(report.json()["items"][0]["tickets"], 1) << report.body;
  TempDir scratch;
  const std::string stored = database_text(server.database_url(), scratch);
  for (const char* trace : {"Jane", "jane@example.com", "123-45-6789", "cannot open her offer"}) {
    EXPECT_EQ(stored.find(trace), std::string::npos) << trace << " is still stored";
  }

  const auto listed = send_as(server, officer, "GET", "/api/v1/erasure-requests");
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.json()["items"].size(), 1u);

  const auto journal_rows = count_rows(server.database_url(), "journal");
  const auto verified = run_snag({"audit", "verify", "--database", server.database_url()});
  EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
  EXPECT_EQ(verified.out,
            "ok " + std::to_string(journal_rows) + " entries, " + std::to_string(redacted) + " redacted\n");

  // The redacted mark cannot hide an edit: a value put back into a redacted entry breaks the chain.
  execute_sql(server.database_url(),
              "UPDATE journal SET new_value = '\"Jane Roe\"' WHERE redacted = 1 AND field = 'comment'");
  const auto forged = run_snag({"audit", "verify", "--database", server.database_url()});
  EXPECT_EQ(forged.exit_code, 1);
  EXPECT_NE(forged.out.find("marked redacted but holds personal values"), std::string::npos) << forged.out;
}

TEST(ComplianceApi, ALegalHoldKeepsTheRequestHeldUntilItIsReleased) {
  SnagServer server;
  const std::string ticket = open_janes_ticket(server);
  const std::string counsel = server.create_key("legal", "lee");

  const auto placed = send_as(server, counsel, "POST", "/api/v1/legal-holds",
                              {{"ticket", ticket}, {"reason", "Litigation hold, case 2026-17"}});
  ASSERT_EQ(placed.status, 201) << placed.body;
  EXPECT_EQ(placed.json()["active"], true);
  EXPECT_EQ(placed.json()["placed_by"], "lee");
  const int hold = placed.json()["id"].get<int>();
  const std::string hold_path = "/api/v1/legal-holds/" + std::to_string(hold);
  EXPECT_EQ(placed.header("location"), hold_path);

  const auto filed = send_as(server, counsel, "POST", "/api/v1/erasure-requests", {{"candidate", k_jane}});
  ASSERT_EQ(filed.status, 202) << filed.body;
  const std::string path = "/api/v1/erasure-requests/" + std::to_string(filed.json()["id"].get<int>());
  const auto held = await_status(server, counsel, path, "held");
  EXPECT_EQ(held["held_by"], nlohmann::json::array({hold}));
  EXPECT_TRUE(held["erased"].is_null());
  EXPECT_NE(send_as(server, counsel, "GET", "/api/v1/tickets/" + ticket).body.find("Jane"), std::string::npos);

  const auto released = send_as(server, counsel, "POST", hold_path + "/release", nlohmann::json::object());
  ASSERT_EQ(released.status, 200) << released.body;
  EXPECT_EQ(released.json()["active"], false);
  EXPECT_EQ(released.json()["released_by"], "lee");
  EXPECT_EQ(send_as(server, counsel, "POST", hold_path + "/release", nlohmann::json::object()).status, 409);
  await_status(server, counsel, path, "completed");
  EXPECT_EQ(send_as(server, counsel, "GET", "/api/v1/tickets/" + ticket).body.find("Jane"), std::string::npos);

  const auto holds = send_as(server, counsel, "GET", "/api/v1/legal-holds");
  ASSERT_EQ(holds.status, 200);
  EXPECT_EQ(holds.json()["items"].size(), 1u);
}

TEST(ComplianceApi, OtherRolesAndBadInputAreRefusedAndStoreNothing) {
  SnagServer server;
  const std::string recruiter = server.create_key("recruiter", "rita");
  const std::string officer = server.create_key("compliance", "cora");
  EXPECT_EQ(send_as(server, recruiter, "POST", "/api/v1/erasure-requests", {{"candidate", k_jane}}).status, 403);
  EXPECT_EQ(send_as(server, recruiter, "GET", "/api/v1/erasure-requests").status, 403);
  EXPECT_EQ(send_as(server, recruiter, "POST", "/api/v1/legal-holds", {{"candidate", k_jane}, {"reason", "x"}}).status,
            403);
  EXPECT_EQ(send_as(server, recruiter, "GET", "/api/v1/legal-holds").status, 403);

  const auto fields_of = [](const HttpResponse& response) {
    std::set<std::string> fields;
    const auto problem = response.json();
    for (const auto& error : problem["errors"]) fields.insert(error["field"].get<std::string>());
    return fields;
  };
  const auto no_candidate = send_as(server, officer, "POST", "/api/v1/erasure-requests", {{"who", "Jane"}});
  ASSERT_EQ(no_candidate.status, 422) << no_candidate.body;
  EXPECT_EQ(fields_of(no_candidate), (std::set<std::string>{"candidate", "who"}));
  const auto half = send_as(server, officer, "POST", "/api/v1/erasure-requests",
                            {{"candidate", {{"ats", "greenhouse"}}}});
  ASSERT_EQ(half.status, 422) << half.body;
  EXPECT_EQ(fields_of(half), std::set<std::string>{"candidate.external_id"});
  const auto both = send_as(server, officer, "POST", "/api/v1/legal-holds",
                            {{"candidate", k_jane}, {"ticket", "SNAG-1"}, {"reason", "keep"}});
  EXPECT_EQ(both.status, 422) << both.body;
  const auto unknown_ticket =
      send_as(server, officer, "POST", "/api/v1/legal-holds", {{"ticket", "SNAG-999"}, {"reason", "keep"}});
  ASSERT_EQ(unknown_ticket.status, 422) << unknown_ticket.body;
  EXPECT_EQ(fields_of(unknown_ticket), std::set<std::string>{"ticket"});
  const auto reasonless = send_as(server, officer, "POST", "/api/v1/legal-holds", {{"candidate", k_jane}});
  ASSERT_EQ(reasonless.status, 422) << reasonless.body;
  EXPECT_EQ(fields_of(reasonless), std::set<std::string>{"reason"});
  EXPECT_EQ(send_as(server, officer, "GET", "/api/v1/erasure-requests/999").status, 404);
  EXPECT_EQ(send_as(server, officer, "GET", "/api/v1/legal-holds/abc").status, 404);
  EXPECT_EQ(send_as(server, officer, "POST", "/api/v1/legal-holds/5/release", nlohmann::json::object()).status, 404);

  EXPECT_EQ(count_rows(server.database_url(), "erasure_requests"), 0);
  EXPECT_EQ(count_rows(server.database_url(), "legal_holds"), 0);
}

TEST(ComplianceCli, RetentionPlanChangesNothingAndRunPurgesWhatIsDue) {
  SnagServer server;
  const std::string kept = open_janes_ticket(server);
  const auto created = server.post("/api/v1/tickets", {{"type", "other"}, {"title", "Old problem of Jane Roe"}});
  ASSERT_EQ(created.status, 201);
  const std::string old = created.json()["key"].get<std::string>();
  // Closed four years ago: past the shipped rules' three years for every type.
  execute_sql(server.database_url(), "UPDATE tickets SET status = 'resolved', resolved_at = " +
                                         std::to_string(to_epoch_ms(std::chrono::time_point_cast<std::chrono::milliseconds>(
                                                            std::chrono::system_clock::now()) -
                                                        std::chrono::hours(24 * 365 * 4))) +
                                         " WHERE id = " + old.substr(5));

  const auto plan = run_snag({"retention", "plan", "--database", server.database_url()});
  ASSERT_EQ(plan.exit_code, 0) << plan.out << plan.err;
  EXPECT_NE(plan.out.find(old + "\tother\t"), std::string::npos) << plan.out;
  EXPECT_NE(plan.out.find("1095 days after it closed"), std::string::npos) << plan.out;
  EXPECT_NE(plan.out.find("1 tickets would be purged (2 examined, 0 kept by a legal hold)"), std::string::npos)
      << plan.out;
  EXPECT_EQ(server.get("/api/v1/tickets/" + old).status, 200) << "a plan changes nothing";

  const auto run = run_snag({"retention", "run", "--database", server.database_url()});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("purged 1 tickets"), std::string::npos) << run.out;
  EXPECT_NE(run.err.find("purging"), std::string::npos) << "progress on stderr: " << run.err;
  EXPECT_EQ(server.get("/api/v1/tickets/" + old).status, 404);
  EXPECT_EQ(server.get("/api/v1/tickets/" + kept).status, 200);
  const auto search = server.get("/api/v1/tickets?q=problem");
  ASSERT_EQ(search.status, 200);
  EXPECT_TRUE(search.json()["items"].empty()) << search.body;

  const auto verified = run_snag({"audit", "verify", "--database", server.database_url()});
  EXPECT_EQ(verified.exit_code, 0) << verified.out;
  EXPECT_NE(verified.out.find(", 1 redacted"), std::string::npos) << verified.out;
  EXPECT_NE(run_snag({"retention", "run", "--database", server.database_url()}).out.find("purged 0 tickets"),
            std::string::npos);
}

}  // namespace compliance_test
}  // namespace snag::testing
