// The anonymised issue log for ATS vendors through the real binary: who may export it, a bad k,
// the CSV and JSON shapes, no free text and no candidate id in the body, restricted types left
// out for a caller without the clearance, the k-anonymity property on every row, fresh hashes
// per export, the access log entry, and the same export through `snag export vendor-feedback`.

#include <map>
#include <set>

#include "snag_process.hpp"
#include <gtest/gtest.h>

namespace snag::testing {
namespace vendor_feedback_test {

constexpr const char* k_title = "Xyzzy offer letter for Jane Roe bounced";

HttpResponse get_as(const SnagServer& server, const std::string& key, const std::string& target) {
  return server.send(HttpRequest{"GET", target, "", {{"Authorization", "Bearer " + key}}});
}

HttpResponse send_as(const SnagServer& server, const std::string& key, const std::string& method,
                     const std::string& target, const nlohmann::json& body) {
  return server.send(HttpRequest{
      method, target, body.dump(), {{"Authorization", "Bearer " + key}, {"Content-Type", "application/json"}}});
}

std::vector<std::string> split(const std::string& text, const std::string& separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t end = text.find(separator); end != std::string::npos; end = text.find(separator, start)) {
    parts.push_back(text.substr(start, end - start));
    start = end + separator.size();
  }
  parts.push_back(text.substr(start));
  return parts;
}

// Each (geography, level) of the rows, with the distinct candidate hashes in it.
using Groups = std::map<std::pair<std::string, std::string>, std::set<std::string>>;

void expect_k_anonymous(const Groups& groups, std::size_t k) {
  for (const auto& [combination, hashes] : groups) {
    EXPECT_GE(hashes.size(), k) << combination.first << " " << combination.second;
  }
}

// Six candidates, all in the senior band in the US, in regions and levels of three or fewer
// each: k = 5 needs (country, band). Each has a ticket with a title that must not leave.
void seed(const SnagServer& server, const std::string& hrbp) {
  const std::vector<std::pair<std::string, std::string>> profiles{{"US-CA", "senior"},    {"US-CA", "staff"},
                                                                  {"US-NY", "senior"},    {"US-NY", "lead"},
                                                                  {"US-TX", "principal"}, {"US-CA", "senior"}};
  for (std::size_t i = 0; i < profiles.size(); ++i) {
    const std::string id = "vf-" + std::to_string(i);
    const auto put = send_as(server, server.admin_key(), "PUT", "/api/v1/candidates/greenhouse/" + id,
                             {{"name", "Jane Roe " + id},
                              {"email", id + "@example.org"},
                              {"geography", profiles[i].first},
                              {"level", profiles[i].second}});
    ASSERT_EQ(put.status, 201) << put.body;
    const auto created = server.post("/api/v1/tickets", {{"type", "document_missing"},
                                                         {"title", k_title},
                                                         {"candidate", {{"ats", "greenhouse"}, {"external_id", id}}}});
    ASSERT_EQ(created.status, 201) << created.body;
  }
  // A restricted type: the senior recruiter may not see it, the HRBP may.
  const auto restricted = send_as(server, hrbp, "POST", "/api/v1/tickets",
                                  {{"type", "accommodation_request"},
                                   {"title", k_title},
                                   {"candidate", {{"ats", "greenhouse"}, {"external_id", "vf-0"}}}});
  ASSERT_EQ(restricted.status, 201) << restricted.body;
  // A ticket about no candidate is not in the log.
  ASSERT_EQ(server.post("/api/v1/tickets", {{"type", "other"}, {"title", k_title}}).status, 201);
}

TEST(VendorFeedback, AnonymisedLogIsKAnonymousHashedFreeOfTextAndLogged) {
  SnagServer server;
  const std::string hrbp = server.create_key("hrbp", "hana");
  const std::string senior = server.create_key("senior_recruiter", "sam");
  const std::string recruiter = server.create_key("recruiter", "rita");  // reports:read, no tickets:export
  seed(server, hrbp);

  EXPECT_EQ(get_as(server, recruiter, "/api/v1/exports/vendor-feedback").status, 403);
  const auto bad_k = get_as(server, senior, "/api/v1/exports/vendor-feedback?k=0");
  ASSERT_EQ(bad_k.status, 422) << bad_k.body;
  EXPECT_EQ(bad_k.header("content-type"), "application/problem+json");
  EXPECT_EQ(bad_k.json()["errors"][0]["field"], "k");
  EXPECT_EQ(get_as(server, senior, "/api/v1/exports/vendor-feedback?k=1001").status, 422);
  EXPECT_EQ(get_as(server, senior, "/api/v1/exports/vendor-feedback?format=pdf").status, 422);
  EXPECT_EQ(get_as(server, senior, "/api/v1/exports/vendor-feedback?since=yesterday").status, 422);

  const auto csv = get_as(server, senior, "/api/v1/exports/vendor-feedback");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_NE(csv.header("content-disposition").find("vendor-feedback-"), std::string::npos);
  for (const char* secret : {"Xyzzy", "Jane", "example.org", "vf-", "greenhouse", "accommodation_request"}) {
    EXPECT_EQ(csv.body.find(secret), std::string::npos) << secret << " in " << csv.body;
  }
  auto lines = split(csv.body, "\r\n");
  ASSERT_FALSE(lines.empty());
  if (lines.back().empty()) lines.pop_back();
  ASSERT_EQ(lines.size(), 7u) << csv.body;
  EXPECT_EQ(lines[0], "candidate_hash,issue_type,category,severity,status,created_day,resolved_day,geography,level");
  Groups csv_groups;
  std::set<std::string> csv_hashes;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto cells = split(lines[i], ",");
    ASSERT_EQ(cells.size(), 9u) << lines[i];
    EXPECT_EQ(cells[0].size(), 16u) << lines[i];
    EXPECT_EQ(cells[1], "document_missing");
    EXPECT_EQ(cells[2], "documents");
    EXPECT_EQ(cells[5].size(), 10u) << "a day, not a time: " << lines[i];
    EXPECT_EQ(cells[7], "US");
    EXPECT_EQ(cells[8], "senior");
    csv_groups[{cells[7], cells[8]}].insert(cells[0]);
    csv_hashes.insert(cells[0]);
  }
  expect_k_anonymous(csv_groups, 5);
  EXPECT_EQ(csv_hashes.size(), 6u);

  const auto json_response = get_as(server, senior, "/api/v1/exports/vendor-feedback?format=json&k=5");
  ASSERT_EQ(json_response.status, 200) << json_response.body;
  const auto log = json_response.json();
  EXPECT_EQ(log["k"], 5);
  EXPECT_EQ(log["generalisation"]["geography"], "country");
  EXPECT_EQ(log["generalisation"]["level"], "band");
  EXPECT_EQ(log["suppressed_candidates"], 0);
  const auto rows = log["rows"];
  ASSERT_EQ(rows.size(), 6u) << json_response.body;
  Groups json_groups;
  for (const auto& row : rows) {
    json_groups[{row["geography"].get<std::string>(), row["level"].get<std::string>()}].insert(
        row["candidate_hash"].get<std::string>());
    EXPECT_FALSE(csv_hashes.contains(row["candidate_hash"].get<std::string>())) << "every export has its own salt";
    EXPECT_TRUE(row["resolved_day"].is_null());
  }
  expect_k_anonymous(json_groups, 5);
  EXPECT_EQ(json_response.body.find("Xyzzy"), std::string::npos);

  // The HRBP sees the restricted ticket too; with k = 1 nothing needs generalising.
  const auto exact = get_as(server, hrbp, "/api/v1/exports/vendor-feedback?format=json&k=1");
  ASSERT_EQ(exact.status, 200) << exact.body;
  const auto exact_log = exact.json();
  EXPECT_EQ(exact_log["rows"].size(), 7u) << exact.body;
  EXPECT_EQ(exact_log["generalisation"]["geography"], "region");
  EXPECT_NE(exact.body.find("accommodation_request"), std::string::npos);

  // Fewer candidates than k in all: nothing goes out, and the log says why.
  const auto suppressed = get_as(server, senior, "/api/v1/exports/vendor-feedback?format=json&k=50");
  ASSERT_EQ(suppressed.status, 200) << suppressed.body;
  const auto suppressed_log = suppressed.json();
  EXPECT_TRUE(suppressed_log["rows"].empty());
  EXPECT_EQ(suppressed_log["suppressed_candidates"], 6);

  const auto logged = get_as(server, server.admin_key(), "/api/v1/access-log?action=export&actor=sam");
  ASSERT_EQ(logged.status, 200) << logged.body;
  const auto entries = logged.json()["items"];
  std::set<std::string> objects;
  for (const auto& entry : entries) objects.insert(entry["object"].get<std::string>());
  EXPECT_TRUE(objects.contains("export:vendor_feedback rows=6 format=csv")) << logged.body;
  EXPECT_TRUE(objects.contains("export:vendor_feedback rows=0 format=json")) << logged.body;
  const auto refused = get_as(server, server.admin_key(), "/api/v1/access-log?action=export&actor=rita");
  ASSERT_EQ(refused.status, 200);
  const auto refused_entries = refused.json()["items"];
  ASSERT_EQ(refused_entries.size(), 1u) << refused.body;
  EXPECT_EQ(refused_entries[0]["object"], "export:vendor_feedback refused format=csv");

  // The command: the operator's view (the admin role, which does not see restricted types).
  const auto command =
      run_snag({"export", "vendor-feedback", "--database", server.database_url(), "--format", "json", "--k", "5"});
  ASSERT_EQ(command.exit_code, 0) << command.err;
  const auto from_command = nlohmann::json::parse(command.out);
  EXPECT_EQ(from_command["rows"].size(), 6u) << command.out;
  EXPECT_EQ(from_command["generalisation"]["level"], "band");
  const auto bad_command = run_snag({"export", "vendor-feedback", "--database", server.database_url(), "--k", "0"});
  EXPECT_NE(bad_command.exit_code, 0);
  EXPECT_NE(bad_command.err.find("--k"), std::string::npos) << bad_command.err;
}

}  // namespace vendor_feedback_test
}  // namespace snag::testing
