// The automation API through the real binary: suppression windows (automation:admin) with their
// lifecycle and validation, and a principal's in-app notifications, read and marked read.

#include <gtest/gtest.h>

#include <set>

#include <snag/app/ports/store.hpp>
#include <snag/storage/open_store.hpp>

#include "snag_process.hpp"

namespace snag::testing {
namespace automation_test {

std::string in_hours(int hours) {
  return format_rfc3339(std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()) +
                        std::chrono::hours(hours));
}

HttpResponse send_as(const SnagServer& server, const std::string& key, const std::string& method,
                     const std::string& target, const nlohmann::json& body = nullptr) {
  HttpRequest request{method, target, body.is_null() ? "" : body.dump(), {{"Authorization", "Bearer " + key}}};
  if (!body.is_null()) request.headers["Content-Type"] = "application/json";
  return server.send(request);
}

TEST(AutomationApi, SuppressionWindowsAreDeclaredEndedEarlyAndDeletedOnlyBeforeTheyStart) {
  SnagServer server;
  const std::string admin = server.admin_key();
  const nlohmann::json freeze{{"name", "Q1 hiring freeze"},
                              {"reason", "budget review"},
                              {"scope", {{"kind", "team"}, {"value", "recruitment"}}},
                              {"ends_at", in_hours(48)},
                              {"on_end", "fire"}};
  const auto created = send_as(server, admin, "POST", "/api/v1/suppression-windows", freeze);
  ASSERT_EQ(created.status, 201) << created.body;
  const auto window = created.json();
  EXPECT_EQ(window["state"], "active");
  EXPECT_EQ(window["scope"]["value"], "recruitment");
  EXPECT_EQ(window["created_by"], "integration admin");
  const std::string path = "/api/v1/suppression-windows/" + std::to_string(window["id"].get<int>());
  EXPECT_EQ(created.header("location"), path);

  nlohmann::json planned = freeze;
  planned["name"] = "Maintenance";
  planned["scope"] = {{"kind", "all"}};
  planned["starts_at"] = in_hours(24);
  planned["on_end"] = "drop";
  const auto later = send_as(server, admin, "POST", "/api/v1/suppression-windows", planned);
  ASSERT_EQ(later.status, 201) << later.body;
  EXPECT_EQ(later.json()["state"], "scheduled");

  const auto listed = send_as(server, admin, "GET", "/api/v1/suppression-windows");
  ASSERT_EQ(listed.status, 200) << listed.body;
  ASSERT_EQ(listed.json()["items"].size(), 2u);
  EXPECT_EQ(listed.json()["items"][0]["name"], "Maintenance") << "newest first";
  const auto detail = send_as(server, admin, "GET", path);
  ASSERT_EQ(detail.status, 200) << detail.body;
  EXPECT_TRUE(detail.json()["suppressed"].empty());

  EXPECT_EQ(send_as(server, admin, "DELETE", path).status, 409) << "a started window stays on record";
  const auto ended = send_as(server, admin, "POST", path + "/end", nlohmann::json::object());
  ASSERT_EQ(ended.status, 200) << ended.body;
  EXPECT_EQ(ended.json()["state"], "ended");
  EXPECT_FALSE(ended.json()["ended_early_at"].is_null());
  EXPECT_EQ(send_as(server, admin, "POST", path + "/end", nlohmann::json::object()).status, 409);
  const std::string later_path = "/api/v1/suppression-windows/" + std::to_string(later.json()["id"].get<int>());
  EXPECT_EQ(send_as(server, admin, "DELETE", later_path).status, 204);
  EXPECT_EQ(send_as(server, admin, "GET", later_path).status, 404);
  EXPECT_EQ(send_as(server, admin, "GET", "/api/v1/suppression-windows/nine").status, 404);

  const std::string recruiter = server.create_key("recruiter", "rita");
  EXPECT_EQ(send_as(server, recruiter, "GET", "/api/v1/suppression-windows").status, 403);
  EXPECT_EQ(send_as(server, recruiter, "POST", "/api/v1/suppression-windows", freeze).status, 403);
}

TEST(AutomationApi, AnInvalidWindowIsRefusedNamingEachField) {
  SnagServer server;
  const auto refused = send_as(server, server.admin_key(), "POST", "/api/v1/suppression-windows",
                               {{"name", ""},
                                {"scope", {{"kind", "department"}}},
                                {"ends_at", "tomorrow"},
                                {"on_end", "later"},
                                {"colour", "red"}});
  ASSERT_EQ(refused.status, 422) << refused.body;
  std::set<std::string> fields;
  const auto problem = refused.json();
  for (const auto& error : problem["errors"]) fields.insert(error["field"].get<std::string>());
  EXPECT_EQ(fields, (std::set<std::string>{"scope.kind", "ends_at", "on_end", "colour"})) << refused.body;

  const auto past = send_as(server, server.admin_key(), "POST", "/api/v1/suppression-windows",
                            {{"name", "Old"}, {"starts_at", in_hours(-48)}, {"ends_at", in_hours(-24)}, {"on_end", "drop"}});
  ASSERT_EQ(past.status, 422) << past.body;
  EXPECT_EQ(past.json()["errors"][0]["field"], "ends_at");
  const auto unknown = send_as(server, server.admin_key(), "POST", "/api/v1/suppression-windows",
                               {{"name", "Freeze"}, {"scope", {{"kind", "team"}, {"value", "marketing"}}},
                                {"ends_at", in_hours(2)}, {"on_end", "drop"}});
  ASSERT_EQ(unknown.status, 422) << unknown.body;
  EXPECT_EQ(unknown.json()["errors"][0]["field"], "scope.value");
  EXPECT_TRUE(send_as(server, server.admin_key(), "GET", "/api/v1/suppression-windows").json()["items"].empty());
}

TEST(AutomationApi, APrincipalReadsAndMarksOnlyTheirOwnNotifications) {
  SnagServer server;
  const std::string rita = server.create_key("recruiter", "rita");
  {
    // What the SLA sweep would have sent (tests/unit/jobs/sla_sweep_test.cpp sends them for real).
    auto store = open_store(server.database_url());
    ASSERT_TRUE(store) << store.error().message;
    ASSERT_TRUE((*store)->write([&](WriteTransaction& tx) -> Result<void> {
      for (const std::string recipient : {"rita", "rita", "rita", "sam"}) {
        Notification notification;
        notification.recipient = recipient;
        notification.ticket = TicketId{7};
        notification.kind = "escalation";
        notification.rule = "sla-breached";
        notification.message = "SNAG-7: the resolution target has passed";
        notification.created_at = from_epoch_ms(1'795'000'000'000);
        if (auto inserted = tx.insert_notification(notification); !inserted) return tl::unexpected(inserted.error());
      }
      return {};
    }));
  }
  const auto inbox = send_as(server, rita, "GET", "/api/v1/notifications?limit=2");
  ASSERT_EQ(inbox.status, 200) << inbox.body;
  const auto page = inbox.json();
  EXPECT_EQ(page["unread_count"], 3);
  ASSERT_EQ(page["items"].size(), 2u);
  EXPECT_EQ(page["items"][0]["ticket"], "SNAG-7");
  EXPECT_EQ(page["items"][0]["read"], false);
  ASSERT_TRUE(page["next_cursor"].is_string());
  const auto rest = send_as(server, rita, "GET", "/api/v1/notifications?cursor=" + page["next_cursor"].get<std::string>());
  EXPECT_EQ(rest.json()["items"].size(), 1u) << rest.body;

  const int first = page["items"][0]["id"];
  const auto marked = send_as(server, rita, "POST", "/api/v1/notifications/read", {{"ids", {first}}});
  ASSERT_EQ(marked.status, 200) << marked.body;
  EXPECT_EQ(marked.json()["unread_count"], 2);
  const auto unread = send_as(server, rita, "GET", "/api/v1/notifications?unread=true");
  EXPECT_EQ(unread.json()["items"].size(), 2u) << unread.body;

  // Someone else's notifications are neither listed nor marked.
  EXPECT_TRUE(send_as(server, server.admin_key(), "GET", "/api/v1/notifications").json()["items"].empty());
  EXPECT_EQ(send_as(server, server.admin_key(), "POST", "/api/v1/notifications/read", {{"all", true}}).json()["unread_count"], 0);
  EXPECT_EQ(send_as(server, rita, "GET", "/api/v1/notifications").json()["unread_count"], 2);

  EXPECT_EQ(send_as(server, rita, "POST", "/api/v1/notifications/read", nlohmann::json::object()).json()["unread_count"], 0);
  EXPECT_EQ(send_as(server, rita, "GET", "/api/v1/notifications?limit=0").status, 422);
  EXPECT_EQ(send_as(server, rita, "GET", "/api/v1/notifications?unread=maybe").status, 422);
  EXPECT_EQ(send_as(server, rita, "POST", "/api/v1/notifications/read", {{"ids", {"x"}}}).status, 422);
  EXPECT_EQ(server.send({"GET", "/api/v1/notifications", "", {{"Authorization", ""}}}).status, 401);
}

TEST(AutomationApi, TheSlaReportCountsOnlyTheTicketsTheCallerMaySee) {
  SnagServer server;
  for (const std::string type : {"document_missing", "document_missing", "interview_scheduling_conflict"}) {
    const auto created = server.post("/api/v1/tickets", {{"type", type}, {"title", "Problem"}});
    ASSERT_EQ(created.status, 201) << created.body;
  }
  const auto report = server.get("/api/v1/reports/sla?by=type");
  ASSERT_EQ(report.status, 200) << report.body;
  const auto body = report.json();
  EXPECT_EQ(body["by"], "type");
  ASSERT_EQ(body["items"].size(), 2u) << report.body;
  EXPECT_EQ(body["items"][0]["group"], "document_missing");
  EXPECT_EQ(body["items"][0]["tickets"], 2);
  EXPECT_EQ(body["items"][0]["resolution"]["running"], 2);
  EXPECT_TRUE(body["items"][0]["resolution"]["adherence"].is_null());
  EXPECT_EQ(body["items"][1]["group"], "interview_scheduling_conflict");

  // IT support has no clearance for confidential types: the missing documents are not counted.
  const auto support = send_as(server, server.create_key("it_support", "ivan"), "GET", "/api/v1/reports/sla?by=type");
  ASSERT_EQ(support.status, 200) << support.body;
  ASSERT_EQ(support.json()["items"].size(), 1u) << support.body;
  EXPECT_EQ(support.json()["items"][0]["group"], "interview_scheduling_conflict");

  EXPECT_EQ(send_as(server, server.create_key("sourcer", "sol"), "GET", "/api/v1/reports/sla").status, 403);
  EXPECT_EQ(server.get("/api/v1/reports/sla?by=assignee").status, 422);
  EXPECT_EQ(server.get("/api/v1/reports/sla?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z").status, 422);
  EXPECT_EQ(server.get("/api/v1/reports/sla?since=yesterday").status, 422);
}

}  // namespace automation_test
}  // namespace snag::testing
