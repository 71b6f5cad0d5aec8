// Every role × every ticket endpoint (exports and the SLA report included) × a ticket of each
// sensitivity, through the real server: who may see and do what (404 for a ticket one may not
// see, 403 for an action one may not take, lists, exports and reports that leave out what one
// may not see), and that no personal data reaches a caller without pii:read in any response body.
// Then every role through its other ways in: its API keys, a web session and an event stream.

#include <gtest/gtest.h>

#include <set>

#include "snag_process.hpp"
#include "sse_client.hpp"

namespace snag::testing {
namespace access_matrix_test {

// The shipped policy (config/snag.default.yaml), written out so that a change to it is a
// deliberate change to this table too.
struct RoleExpectation {
  std::string role;
  bool cross_team;
  int clearance;  // 0 normal, 1 confidential, 2 restricted
  bool write;
  bool transition;
  bool pii;
  bool access_log;
  bool exports;
  bool reports;
};

const std::vector<RoleExpectation> k_roles{
    {"sourcer", false, 0, true, false, false, false, false, false},
    {"recruiter", false, 1, true, true, true, false, false, true},
    {"senior_recruiter", true, 1, true, true, true, false, true, true},
    {"hiring_manager", false, 0, true, false, false, false, false, false},
    {"hrbp", true, 2, true, true, true, false, true, true},
    {"hris", false, 1, true, true, true, false, false, true},
    {"compliance", true, 2, true, true, true, true, true, true},
    {"legal", true, 2, true, false, true, true, true, true},
    {"it_support", true, 0, true, true, false, false, false, true},
    {"admin", true, 1, true, true, false, true, true, true},
};

// The SLA report's ticket count for an issue type; 0 when the report has no row for it.
std::int64_t reported(const HttpResponse& response, const std::string& type) {
  EXPECT_EQ(response.status, 200) << response.body;
  const auto report = response.json();
  for (const auto& item : report["items"]) {
    if (item["group"] == type) return item["tickets"].get<std::int64_t>();
  }
  return 0;
}

// How many tickets of `type` the Pareto report (by count) ranks; 0 when it is not ranked.
std::int64_t ranked(const HttpResponse& response, const std::string& type) {
  EXPECT_EQ(response.status, 200) << response.body;
  const auto report = response.json();
  for (const auto& item : report["items"]) {
    if (item["type"] == type) return item["value"].get<std::int64_t>();
  }
  return 0;
}

// How many tickets of `type` the volume report (by type) counts, open and resolved.
std::int64_t counted(const HttpResponse& response, const std::string& type) {
  EXPECT_EQ(response.status, 200) << response.body;
  const auto report = response.json();
  for (const auto& item : report["items"]) {
    if (item["group"] == type) return item["open"].get<std::int64_t>() + item["resolved"].get<std::int64_t>();
  }
  return 0;
}

struct Sample {
  std::string type;
  int sensitivity;
};

const std::vector<Sample> k_samples{
    {"resume_parse_failure", 0}, {"document_missing", 1}, {"background_check_delay", 2}};

// What must never reach a caller without pii:read.
const std::vector<std::string> k_secrets{"219-09-9999", "(415) 555-0132", "pregnancy", "Jane Roe",
                                         "jane.roe@example.org"};

const std::string k_description =
    "Candidate mentioned pregnancy; SSN 219-09-9999; call (415) 555-0132 before noon.";

std::string key_for(const SnagServer& server, const std::string& role, const std::string& team) {
  const auto result = run_snag({"keys", "create", "--database", server.database_url(), "--name", "matrix-" + role,
                                "--role", role, "--team", team});
  if (result.exit_code != 0) throw std::runtime_error("keys create failed: " + result.err);
  // The secret is alone on the last line.
  std::string out = result.out;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out.substr(out.rfind('\n') + 1);
}

class Caller {
 public:
  Caller(const SnagServer& server, std::string key) : m_server(server), m_key(std::move(key)) {}

  HttpResponse send(std::string method, std::string target, const nlohmann::json& body = nullptr,
                    std::string if_match = {}) {
    HttpRequest request;
    request.method = std::move(method);
    request.target = std::move(target);
    request.headers["Authorization"] = "Bearer " + m_key;
    if (!body.is_null()) {
      request.body = body.dump();
      request.headers["Content-Type"] = "application/json";
    }
    if (!if_match.empty()) request.headers["If-Match"] = if_match;
    auto response = m_server.send(request);
    m_bodies.push_back(response.body);
    return response;
  }

  const std::vector<std::string>& bodies() const { return m_bodies; }

 private:
  const SnagServer& m_server;
  std::string m_key;
  std::vector<std::string> m_bodies;
};

// Whether a list answer holds the ticket; a failed list is a test failure of its own.
bool lists(const HttpResponse& response, const std::string& key) {
  EXPECT_EQ(response.status, 200) << response.body;
  const auto page = response.json();
  for (const auto& item : page["items"]) {
    if (item["key"] == key) return true;
  }
  return false;
}

TEST(AccessMatrix, EveryRoleEveryEndpointEverySensitivity) {
  SnagServer server;
  Caller owner(server, key_for(server, "compliance", "compliance"));
  ASSERT_EQ(owner.send("PUT", "/api/v1/candidates/greenhouse/matrix-1",
                       {{"name", "Jane Roe"}, {"email", "jane.roe@example.org"}, {"level", "entry"}})
                .status,
            403)  // compliance reads candidates but does not write them
      << "the policy changed";
  Caller admin(server, server.admin_key());
  ASSERT_EQ(admin.send("PUT", "/api/v1/candidates/greenhouse/matrix-1",
                       {{"name", "Jane Roe"}, {"email", "jane.roe@example.org"}, {"level", "entry"}})
                .status,
            201);

  for (std::size_t role_index = 0; role_index < k_roles.size(); ++role_index) {
    const RoleExpectation& role = k_roles[role_index];
    SCOPED_TRACE(role.role);
    // The caller's team owns none of the tickets, so only cross-team read can show them.
    Caller caller(server, key_for(server, role.role, "legal"));
    for (const auto& sample : k_samples) {
      SCOPED_TRACE(sample.type);
      const std::string marker = "zebra" + role.role.substr(0, 4) + std::to_string(sample.sensitivity);
      auto created = owner.send("POST", "/api/v1/tickets",
                                {{"type", sample.type},
                                 {"title", "Blocked onboarding " + marker},
                                 {"description", k_description},
                                 {"candidate", {{"ats", "greenhouse"}, {"external_id", "matrix-1"}}}});
      ASSERT_EQ(created.status, 201) << created.body;
      const std::string key = created.json()["key"];
      const std::string path = "/api/v1/tickets/" + key;
      const bool visible = role.cross_team && role.clearance >= sample.sensitivity;
      const int hidden_or = visible ? 0 : 404;
      const auto expect = [&](int allowed_status, bool permitted) {
        return visible ? (permitted ? allowed_status : 403) : hidden_or;
      };

      const auto got = caller.send("GET", path);
      EXPECT_EQ(got.status, visible ? 200 : 404);
      if (visible) {
        const std::string description = got.json()["description"];
        EXPECT_EQ(description.find("219-09-9999") != std::string::npos, role.pii) << description;
        if (!role.pii) {
          EXPECT_NE(description.find("***-**-9999"), std::string::npos) << description;
        }
      }
      EXPECT_EQ(caller.send("GET", path + "/history").status, visible ? 200 : 404);
      const auto transitions = caller.send("GET", path + "/transitions");
      EXPECT_EQ(transitions.status, visible ? 200 : 404);
      if (visible) {
        EXPECT_EQ(!transitions.json()["allowed"].empty(), role.transition);
      }
      EXPECT_EQ(lists(caller.send("GET", "/api/v1/tickets?type=" + sample.type + "&limit=200"), key), visible);
      EXPECT_EQ(lists(caller.send("GET", "/api/v1/tickets?q=" + marker), key), visible);
      // The hidden word finds the ticket only for a caller who may read it.
      EXPECT_EQ(lists(caller.send("GET", "/api/v1/tickets?q=pregnancy&type=" + sample.type), key), visible && role.pii);
      EXPECT_EQ(lists(caller.send("GET", "/api/v1/candidates/greenhouse/matrix-1/tickets?limit=200"), key), visible);
      const auto exported = caller.send("GET", "/api/v1/exports/tickets?q=" + marker);
      EXPECT_EQ(exported.status, role.exports ? 200 : 403) << exported.body;
      if (role.exports) {
        EXPECT_EQ(exported.body.find(key + ",") != std::string::npos, visible) << exported.body;
      }
      // Each role's loop has added one ticket of each type so far, all alike to this caller.
      const auto report = caller.send("GET", "/api/v1/reports/sla?by=type");
      if (role.reports) {
        EXPECT_EQ(reported(report, sample.type), visible ? static_cast<std::int64_t>(role_index) + 1 : 0);
      } else {
        EXPECT_EQ(report.status, 403);
      }
      const auto pareto = caller.send("GET", "/api/v1/reports/pareto?by=count");
      if (role.reports) {
        EXPECT_EQ(ranked(pareto, sample.type), visible ? static_cast<std::int64_t>(role_index) + 1 : 0) << pareto.body;
      } else {
        EXPECT_EQ(pareto.status, 403);
      }
      const auto volume = caller.send("GET", "/api/v1/reports/volume?by=type");
      if (role.reports) {
        EXPECT_EQ(counted(volume, sample.type), visible ? static_cast<std::int64_t>(role_index) + 1 : 0);
      } else {
        EXPECT_EQ(volume.status, 403);
      }

      EXPECT_EQ(caller.send("POST", path + "/comments", {{"body", "looked at it"}}).status, expect(201, role.write));
      EXPECT_EQ(caller.send("PATCH", path, {{"severity", "sev1"}}, "\"1\"").status, expect(200, role.write));
      EXPECT_EQ(caller.send("POST", path + "/transitions", {{"to", "triaged"}}).status,
                expect(200, role.transition));
      const auto bulk = caller.send("POST", "/api/v1/tickets/bulk", {{"keys", {key}}, {"set", {{"severity", "sev4"}}}});
      ASSERT_EQ(bulk.status, 200) << bulk.body;
      EXPECT_EQ(bulk.json()["results"][0]["status"], expect(200, role.write));
    }

    const auto candidate = caller.send("GET", "/api/v1/candidates/greenhouse/matrix-1");
    ASSERT_EQ(candidate.status, 200);
    EXPECT_EQ(candidate.json()["name"] == "Jane Roe", role.pii);
    EXPECT_EQ(caller.send("GET", "/api/v1/access-log").status, role.access_log ? 200 : 403);
    EXPECT_EQ(caller.send("GET", "/api/v1/exports/access-log").status, role.access_log && role.exports ? 200 : 403);

    if (!role.pii) {
      for (const auto& body : caller.bodies()) {
        for (const auto& secret : k_secrets) {
          EXPECT_EQ(body.find(secret), std::string::npos) << secret << " in " << body;
        }
      }
    }
  }
}

TEST(AccessMatrix, TeamReporterAssigneeAndWatcherSeeTheirTickets) {
  SnagServer server;
  Caller owner(server, key_for(server, "compliance", "compliance"));
  const auto created = owner.send("POST", "/api/v1/tickets",
                                  {{"type", "resume_parse_failure"}, {"title", "Parser dropped the phone field"},
                                   {"team", "recruitment"}, {"assignee", "matrix-hiring_manager"},
                                   {"watchers", {"matrix-sourcer"}}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string path = "/api/v1/tickets/" + std::string(created.json()["key"]);
  EXPECT_EQ(Caller(server, key_for(server, "recruiter", "recruitment")).send("GET", path).status, 200);  // team
  EXPECT_EQ(Caller(server, key_for(server, "hris", "hris")).send("GET", path).status, 404);              // no link
  EXPECT_EQ(Caller(server, key_for(server, "hiring_manager", "legal")).send("GET", path).status, 200);  // assignee
  EXPECT_EQ(Caller(server, key_for(server, "sourcer", "legal")).send("GET", path).status, 200);         // watcher
}

// A role's other ways in: its API keys, a web session of a user with the role, and an event
// stream; all open before the tickets exist.
struct Seat {
  const RoleExpectation* role;
  std::string key;
  std::string cookie;
  std::unique_ptr<SseClient> stream;
};

std::string sign_in(const SnagServer& server, const std::string& username, const std::string& password) {
  HttpRequest login{"POST", "/api/v1/session", nlohmann::json{{"username", username}, {"password", password}}.dump(),
                    {{"Authorization", ""}, {"Content-Type", "application/json"}}};
  const auto answer = server.send(login);
  EXPECT_EQ(answer.status, 200) << answer.body;
  const auto set_cookie = answer.header("set-cookie");
  return set_cookie.substr(0, set_cookie.find(';'));
}

TEST(AccessMatrix, EveryRoleThroughItsKeysAWebSessionAndAnEventStream) {
  using namespace std::chrono_literals;
  SnagServer server;
  Caller owner(server, key_for(server, "compliance", "compliance"));
  Caller admin(server, server.admin_key());
  const std::string password = "correct horse battery";
  std::vector<Seat> seats;
  for (const auto& role : k_roles) {
    Seat seat{&role, key_for(server, role.role, "legal"), "", nullptr};
    const std::string username = "web-" + role.role;
    ASSERT_EQ(admin.send("POST", "/api/v1/users",
                         {{"username", username}, {"display_name", "Web " + role.role}, {"role", role.role},
                          {"team", "legal"}, {"password", password}})
                  .status,
              201);
    seat.cookie = sign_in(server, username, password);
    seat.stream = std::make_unique<SseClient>(server.port(), "/api/v1/events",
                                              std::map<std::string, std::string>{{"Authorization", "Bearer " + seat.key}});
    ASSERT_EQ(seat.stream->status(), 200) << seat.stream->body();
    seats.push_back(std::move(seat));
  }
  std::vector<std::pair<Sample, std::string>> tickets;
  for (const auto& sample : k_samples) {
    const auto created = owner.send("POST", "/api/v1/tickets",
                                    {{"type", sample.type}, {"title", "Stream check"}, {"description", k_description}});
    ASSERT_EQ(created.status, 201) << created.body;
    tickets.emplace_back(sample, created.json()["key"].get<std::string>());
  }

  for (auto& seat : seats) {
    const RoleExpectation& role = *seat.role;
    SCOPED_TRACE(role.role);
    // Keys: each role lists its own; only keys:admin sees another's.
    Caller caller(server, seat.key);
    const auto keys = caller.send("GET", "/api/v1/keys");
    ASSERT_EQ(keys.status, 200) << keys.body;
    bool sees_others = false;
    const auto listed = keys.json();
    for (const auto& item : listed["items"]) sees_others = sees_others || item["name"] != "matrix-" + role.role;
    EXPECT_EQ(sees_others, role.role == "admin");

    std::set<std::string> visible_keys;
    for (const auto& [sample, key] : tickets) {
      const bool visible = role.cross_team && role.clearance >= sample.sensitivity;
      if (visible) visible_keys.insert(key);
      // A session sees and masks exactly as a key of the same role does.
      HttpRequest read{"GET", "/api/v1/tickets/" + key, "", {{"Authorization", ""}, {"Cookie", seat.cookie}}};
      const auto got = server.send(read);
      EXPECT_EQ(got.status, visible ? 200 : 404) << key;
      if (!role.pii) {
        for (const auto& secret : k_secrets) {
          EXPECT_EQ(got.body.find(secret), std::string::npos) << secret << " in " << got.body;
        }
      }
      if (visible) {
        EXPECT_EQ(got.body.find("219-09-9999") != std::string::npos, role.pii) << got.body;
      }
    }

    // The stream carries the tickets the role may see, and no other.
    std::set<std::string> streamed;
    while (auto event = seat.stream->next(streamed.size() < visible_keys.size() ? 5s : 1s)) {
      if (event->event.rfind("ticket.", 0) == 0) streamed.insert(event->json()["ticket"].get<std::string>());
    }
    EXPECT_EQ(streamed, visible_keys);
  }
}

}  // namespace access_matrix_test
}  // namespace snag::testing
