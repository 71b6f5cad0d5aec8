// POST /hooks/{connector} through the real binary: signatures checked on the raw bytes, a
// durable inbox with deduplication on the vendor's event id, asynchronous processing into
// candidates and tickets, and the connectors' health.

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include <snag/integrations/ats/greenhouse/signature.hpp>
#include <snag/integrations/ats/standard_webhooks/signature.hpp>
#include <snag/util/time.hpp>

#include "snag_process.hpp"
#include "sse_client.hpp"

namespace snag::testing {
namespace webhooks_test {

constexpr std::string_view k_greenhouse_secret = "gh-secret-for-tests";
constexpr std::string_view k_standard_secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string fixture(const std::string& name) {
  std::ifstream file(std::filesystem::path(SNAG_ATS_FIXTURES) / name, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

void create_connector(const SnagServer& server, const nlohmann::json& body) {
  const auto response = server.post("/api/v1/connectors", body);
  ASSERT_EQ(response.status, 201) << response.body;
}

HttpResponse send_greenhouse(const SnagServer& server, const std::string& body, const std::string& event_id,
                             std::string_view secret = k_greenhouse_secret) {
  HttpRequest request;
  request.method = "POST";
  request.target = "/hooks/gh-main";
  request.body = body;
  request.headers = {{"Content-Type", "application/json"},
                     {"Signature", ats::sign_greenhouse(std::string(secret), body)},
                     {"Greenhouse-Event-ID", event_id}};
  return server.send(request);
}

HttpResponse send_standard(const SnagServer& server, const nlohmann::json& payload, const std::string& message_id) {
  const std::string body = payload.dump();
  const auto seconds = now_ms() / 1000;
  auto signature = ats::sign_standard_webhooks(std::string(k_standard_secret), message_id, seconds, body);
  EXPECT_TRUE(signature.has_value());
  HttpRequest request;
  request.method = "POST";
  request.target = "/hooks/sw-main";
  request.body = body;
  request.headers = {{"Content-Type", "application/json"},
                     {"webhook-id", message_id},
                     {"webhook-timestamp", std::to_string(seconds)},
                     {"webhook-signature", signature.value_or("")}};
  return server.send(request);
}

// Processing is asynchronous: waits (a bounded number of polls) until `target` answers 200.
HttpResponse eventually_found(const SnagServer& server, const std::string& target) {
  HttpResponse response;
  for (int attempt = 0; attempt < 200; ++attempt) {
    response = server.get(target);
    if (response.status == 200) return response;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return response;
}

nlohmann::json offer_expired(const std::string& external_id) {
  return {{"type", "offer.expired"},
          {"timestamp", format_rfc3339(from_epoch_ms(now_ms()))},
          {"data",
           {{"candidate", {{"ats", "acme-ats"}, {"external_id", external_id}, {"name", "Dana Whitfield"}}},
            {"offer_id", "of-77"}}}};
}

class WebhooksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    create_connector(server, {{"id", "gh-main"}, {"vendor", "greenhouse"}, {"secret", k_greenhouse_secret}});
    create_connector(server, {{"id", "sw-main"},
                              {"vendor", "standard_webhooks"},
                              {"ats", "acme-ats"},
                              {"secrets", {"whsec_b2xkIHNlY3JldCBmb3Igcm90YXRpb24=", k_standard_secret}}});
  }

  SnagServer server;
};

TEST_F(WebhooksTest, ConnectorsShowHintsOfSecretsAndTheirHealth) {
  const auto response = server.get("/api/v1/connectors/gh-main");
  ASSERT_EQ(response.status, 200) << response.body;
  const auto connector = response.json();
  EXPECT_EQ(connector["vendor"], "greenhouse");
  EXPECT_EQ(connector["ats"], "greenhouse");
  EXPECT_EQ(connector["mode"], "realtime");
  EXPECT_EQ(response.body.find(k_greenhouse_secret), std::string::npos) << "the secret leaked";
  EXPECT_EQ(connector["health"]["received"], 0);

  const auto list = server.get("/api/v1/connectors").json();
  ASSERT_EQ(list["items"].size(), 2u);
}

TEST_F(WebhooksTest, InvalidConnectorsAreRefusedNamingTheFields) {
  const auto invalid = server.post("/api/v1/connectors", {{"id", "bad id!"}, {"vendor", "workday"}, {"colour", 1}});
  ASSERT_EQ(invalid.status, 422) << invalid.body;
  const auto problem = invalid.json();
  std::vector<std::string> fields;
  for (const auto& error : problem["errors"]) fields.push_back(error["field"]);
  EXPECT_NE(std::find(fields.begin(), fields.end(), "colour"), fields.end());
  EXPECT_NE(std::find(fields.begin(), fields.end(), "vendor"), fields.end());
  EXPECT_NE(std::find(fields.begin(), fields.end(), "id"), fields.end());

  const auto taken = server.post("/api/v1/connectors", {{"id", "gh-main"}, {"vendor", "lever"}, {"secret", "12345678"}});
  EXPECT_EQ(taken.status, 409) << taken.body;

  HttpRequest request;
  request.method = "POST";
  request.target = "/api/v1/connectors";
  request.body = R"({"id": "x1", "vendor": "lever", "secret": "12345678"})";
  request.headers = {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + server.create_key("recruiter")}};
  EXPECT_EQ(server.send(request).status, 403);
}

TEST_F(WebhooksTest, ASignedDeliveryIsStoredOnceAndUpdatesTheCandidate) {
  const std::string body = fixture("greenhouse_update_candidate.json");
  const auto first = send_greenhouse(server, body, "gh-evt-1");
  ASSERT_EQ(first.status, 202) << first.body;
  EXPECT_EQ(first.json()["status"], "accepted");
  const auto repeat = send_greenhouse(server, body, "gh-evt-1");
  ASSERT_EQ(repeat.status, 200) << repeat.body;
  EXPECT_EQ(repeat.json()["status"], "duplicate");

  const auto candidate = eventually_found(server, "/api/v1/candidates/greenhouse/15696179");
  ASSERT_EQ(candidate.status, 200) << candidate.body;

  const auto health = server.get("/api/v1/connectors/gh-main").json()["health"];
  EXPECT_EQ(health["received"], 1) << "the repeat must not be stored";
  EXPECT_TRUE(health["last_event_at"].is_string());
}

TEST_F(WebhooksTest, BadSignaturesAreRefusedAndStoreNothing) {
  const std::string body = fixture("greenhouse_update_candidate.json");
  EXPECT_EQ(send_greenhouse(server, body, "gh-evt-2", "the-wrong-secret").status, 401);
  std::string tampered = body;
  tampered[tampered.find("Ronald")] = 'D';
  HttpRequest request;
  request.method = "POST";
  request.target = "/hooks/gh-main";
  request.body = tampered;
  request.headers = {{"Signature", ats::sign_greenhouse(std::string(k_greenhouse_secret), body)},
                     {"Greenhouse-Event-ID", "gh-evt-3"}};
  EXPECT_EQ(server.send(request).status, 401);
  request.headers.erase("Signature");
  EXPECT_EQ(server.send(request).status, 401);

  request.target = "/hooks/no-such-connector";
  EXPECT_EQ(server.send(request).status, 404);

  EXPECT_EQ(server.get("/api/v1/connectors/gh-main").json()["health"]["received"], 0);
}

TEST_F(WebhooksTest, ASecretIsRotatedWithoutLosingADeliveryAndADisabledConnectorRefusesWebhooks) {
  const std::string body = fixture("greenhouse_update_candidate.json");
  constexpr std::string_view k_next = "gh-secret-after-rotation";
  // Step 1: the new secret beside the old; both verify while the ATS switches over.
  const auto both = server.patch("/api/v1/connectors/gh-main",
                                 {{"secrets", {std::string(k_greenhouse_secret), std::string(k_next)}}}, "");
  ASSERT_EQ(both.status, 200) << both.body;
  EXPECT_EQ(both.json()["secrets"].size(), 2u) << both.body;
  EXPECT_EQ(both.body.find(std::string(k_next)), std::string::npos) << "only hints of secrets are shown";
  EXPECT_EQ(send_greenhouse(server, body, "rot-1").status, 202);
  EXPECT_EQ(send_greenhouse(server, body, "rot-2", k_next).status, 202);
  // Step 2: the new one alone; the old one stops verifying at once.
  ASSERT_EQ(server.patch("/api/v1/connectors/gh-main", {{"secret", std::string(k_next)}}, "").status, 200);
  EXPECT_EQ(send_greenhouse(server, body, "rot-3").status, 401);
  EXPECT_EQ(send_greenhouse(server, body, "rot-4", k_next).status, 202);

  const auto disabled = server.patch("/api/v1/connectors/gh-main", {{"disabled", true}}, "");
  ASSERT_EQ(disabled.status, 200) << disabled.body;
  EXPECT_EQ(disabled.json()["disabled"], true);
  EXPECT_NE(send_greenhouse(server, body, "rot-5", k_next).status / 100, 2);
  ASSERT_EQ(server.patch("/api/v1/connectors/gh-main", {{"disabled", false}}, "").status, 200);
  EXPECT_EQ(send_greenhouse(server, body, "rot-6", k_next).status, 202);
  EXPECT_EQ(server.get("/api/v1/connectors/gh-main").json()["health"]["received"], 4);

  for (const auto& [change, field] : {std::pair{nlohmann::json{{"mode", "sometimes"}}, "mode"},
                                      std::pair{nlohmann::json{{"secrets", nlohmann::json::array()}}, "secret"}}) {
    const auto bad = server.patch("/api/v1/connectors/gh-main", change, "");
    ASSERT_EQ(bad.status, 422) << bad.body;
    EXPECT_NE(bad.body.find(std::string("\"") + field + "\""), std::string::npos) << field << ": " << bad.body;
  }
  const auto read_only = server.patch("/api/v1/connectors/gh-main", {{"vendor", "lever"}}, "");
  ASSERT_EQ(read_only.status, 422) << read_only.body;
  EXPECT_NE(read_only.body.find("\"vendor\""), std::string::npos) << read_only.body;
  EXPECT_EQ(server.patch("/api/v1/connectors/nope", {{"disabled", true}}, "").status, 404);
  const std::string recruiter = server.create_key("recruiter");
  EXPECT_EQ(server.send({"PATCH", "/api/v1/connectors/gh-main", R"({"disabled": true})",
                         {{"Authorization", "Bearer " + recruiter}}})
                .status,
            403);
  EXPECT_EQ(server.get("/api/v1/connectors/gh-main").json()["disabled"], false);

  // Who changed the connector's credentials is in the access log: creation and four changes;
  // the refused changes left nothing.
  const auto log = server.get("/api/v1/access-log?action=edit");
  ASSERT_EQ(log.status, 200) << log.body;
  const auto items = log.json()["items"];
  const auto about_connector = std::count_if(items.begin(), items.end(), [](const nlohmann::json& item) {
    return item["object"] == "connector:gh-main";
  });
  EXPECT_EQ(about_connector, 5) << log.body;
}

TEST_F(WebhooksTest, AnExpiredOfferOpensOneTicketPerCandidate) {
  ASSERT_EQ(send_standard(server, offer_expired("c-501"), "msg_offer_1").status, 202);
  const auto tickets_target = "/api/v1/candidates/acme-ats/c-501/tickets";
  HttpResponse listed;
  for (int attempt = 0; attempt < 200; ++attempt) {
    listed = server.get(tickets_target);
    if (listed.status == 200 && !listed.json()["items"].empty()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const auto first = listed.json();
  ASSERT_EQ(first["items"].size(), 1u) << listed.body;
  EXPECT_EQ(first["items"][0]["type"], "offer_link_expired");

  // A second expiry while the ticket is open is added to it, not opened again.
  ASSERT_EQ(send_standard(server, offer_expired("c-501"), "msg_offer_2").status, 202);
  const std::string key = first["items"][0]["key"];
  HttpResponse comments;
  for (int attempt = 0; attempt < 200; ++attempt) {
    comments = server.get("/api/v1/tickets/" + key + "/history");
    if (comments.status == 200 && comments.body.find("happened again") != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_NE(comments.body.find("happened again"), std::string::npos) << comments.body;
  EXPECT_EQ(server.get(tickets_target).json()["items"].size(), 1u);
}

// The shipped rules through the real binary: a background check pending for ten days opens a
// restricted background_check_delay ticket, and routing labels a candidate in Germany for the
// EMEA queue, with the rules that acted in the ticket's history.
TEST_F(WebhooksTest, ShippedRulesOpenAndRouteTicketsFromEvents) {
  const auto ten_days_ago = format_rfc3339(from_epoch_ms(now_ms() - 10LL * 24 * 3600 * 1000));
  const nlohmann::json check{
      {"type", "background_check.updated"},
      {"timestamp", format_rfc3339(from_epoch_ms(now_ms()))},
      {"data",
       {{"candidate", {{"ats", "acme-ats"}, {"external_id", "c-700"}, {"geography", "DE"}, {"level", "senior"}}},
        {"status", "pending"},
        {"started_at", ten_days_ago}}}};
  ASSERT_EQ(send_standard(server, check, "msg_check_1").status, 202);
  const std::string compliance = "Bearer " + server.create_key("compliance");
  HttpResponse listed;
  for (int attempt = 0; attempt < 200; ++attempt) {
    listed = server.send({"GET", "/api/v1/candidates/acme-ats/c-700/tickets", "", {{"Authorization", compliance}}});
    if (listed.status == 200 && !listed.json()["items"].empty()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const auto tickets = listed.json();
  ASSERT_EQ(tickets["items"].size(), 1u) << listed.body;
  const auto& ticket = tickets["items"][0];
  EXPECT_EQ(ticket["type"], "background_check_delay");
  EXPECT_EQ(ticket["team"], "compliance");
  const auto labels = ticket["labels"].get<std::vector<std::string>>();
  EXPECT_NE(std::find(labels.begin(), labels.end(), "queue:emea"), labels.end()) << listed.body;

  const auto history = server.send(
      {"GET", "/api/v1/tickets/" + ticket["key"].get<std::string>() + "/history", "", {{"Authorization", compliance}}});
  ASSERT_EQ(history.status, 200) << history.body;
  EXPECT_NE(history.body.find(R"(["background-check-delay","emea-candidates"])"), std::string::npos) << history.body;

  // A check that started yesterday is not late: no ticket for that candidate.
  nlohmann::json recent = check;
  recent["data"]["candidate"]["external_id"] = "c-701";
  recent["data"]["started_at"] = format_rfc3339(from_epoch_ms(now_ms() - 24LL * 3600 * 1000));
  ASSERT_EQ(send_standard(server, recent, "msg_check_2").status, 202);
  const auto candidate = eventually_found(server, "/api/v1/candidates/acme-ats/c-701");
  ASSERT_EQ(candidate.status, 200) << candidate.body;
  const auto none = server.send({"GET", "/api/v1/candidates/acme-ats/c-701/tickets", "", {{"Authorization", compliance}}});
  EXPECT_TRUE(none.json()["items"].empty()) << none.body;
}

TEST_F(WebhooksTest, StandardWebhooksRefuseStaleTimestamps) {
  const std::string body = offer_expired("c-9").dump();
  const auto stale = now_ms() / 1000 - 600;
  HttpRequest request;
  request.method = "POST";
  request.target = "/hooks/sw-main";
  request.body = body;
  request.headers = {{"webhook-id", "msg_stale"},
                     {"webhook-timestamp", std::to_string(stale)},
                     {"webhook-signature",
                      ats::sign_standard_webhooks(std::string(k_standard_secret), "msg_stale", stale, body).value()}};
  EXPECT_EQ(server.send(request).status, 401);
}

TEST_F(WebhooksTest, DeadLettersNeedConnectorsAdmin) {
  const auto empty = server.get("/api/v1/dead-letters");
  ASSERT_EQ(empty.status, 200) << empty.body;
  EXPECT_TRUE(empty.json()["items"].empty());
  EXPECT_EQ(server.get("/api/v1/dead-letters?limit=0").status, 422);
  HttpRequest request;
  request.target = "/api/v1/dead-letters";
  request.headers = {{"Authorization", "Bearer " + server.create_key("hiring_manager")}};
  EXPECT_EQ(server.send(request).status, 403);
  const auto replayed = server.post("/api/v1/dead-letters/replay", nlohmann::json::object());
  ASSERT_EQ(replayed.status, 202) << replayed.body;
  EXPECT_EQ(replayed.json()["replayed"], 0);
  EXPECT_EQ(server.post("/api/v1/dead-letters/999/replay", nlohmann::json::object()).status, 404);
}

TEST_F(WebhooksTest, AnInterviewOfACandidateWithAnOpenTicketIsPushedToTheHiringManagerLive) {
  const auto user = server.post("/api/v1/users", {{"username", "hank"},
                                                  {"display_name", "Hank Ito"},
                                                  {"role", "hiring_manager"},
                                                  {"team", "recruitment"},
                                                  {"password", "a long enough password"}});
  ASSERT_EQ(user.status, 201) << user.body;
  const std::string hank = server.create_key("hiring_manager", "hank");
  const auto ticket = server.post("/api/v1/tickets", {{"type", "interview_scheduling_conflict"},
                                                      {"title", "Panel double-booked"},
                                                      {"candidate", {{"ats", "acme-ats"}, {"external_id", "c-88"}}}});
  ASSERT_EQ(ticket.status, 201) << ticket.body;
  const std::string key = ticket.json()["key"];

  SseClient stream(server.port(), "/api/v1/events", {{"Authorization", "Bearer " + hank}});
  ASSERT_EQ(stream.status(), 200) << stream.body();
  const auto starts_at = format_rfc3339(from_epoch_ms(now_ms() + 30LL * 3600 * 1000));  // tomorrow
  const nlohmann::json scheduled = {
      {"type", "interview.scheduled"},
      {"timestamp", format_rfc3339(from_epoch_ms(now_ms()))},
      {"data",
       {{"candidate", {{"ats", "acme-ats"}, {"external_id", "c-88"}}}, {"object", "interview:981"}, {"starts_at", starts_at}}}};
  ASSERT_EQ(send_standard(server, scheduled, "msg_interview_1").status, 202);

  const auto pushed = stream.next_where([](const SseEvent& event) { return event.event == "notification"; },
                                        std::chrono::seconds(30));
  ASSERT_TRUE(pushed.has_value()) << "no notification arrived on the stream";
  EXPECT_TRUE(pushed->id.empty()) << "a notification is no resume point";
  const auto notification = pushed->json();
  EXPECT_EQ(notification["kind"], "interview");
  EXPECT_EQ(notification["ticket"], key);
  EXPECT_EQ(notification["message"].get<std::string>(),
            key + ": interview_scheduling_conflict ticket (sev3) is open and the candidate has an interview at " +
                starts_at);

  const HttpRequest list_inbox{"GET", "/api/v1/notifications", "", {{"Authorization", "Bearer " + hank}}};
  const auto inbox = server.send(list_inbox);
  ASSERT_EQ(inbox.status, 200) << inbox.body;
  EXPECT_EQ(inbox.json()["unread_count"], 1);
  // The same event again (a new delivery id) announces nothing twice.
  ASSERT_EQ(send_standard(server, scheduled, "msg_interview_2").status, 202);
  EXPECT_FALSE(stream.next_where([](const SseEvent& event) { return event.event == "notification"; },
                                 std::chrono::seconds(3))
                   .has_value());
  EXPECT_EQ(server.send(list_inbox).json()["unread_count"], 1);
}

// The rules as a resource: replaced through PUT /api/v1/rules (YAML, checked against the
// catalog, versioned with If-Match), in force for the next event at once, and again after a
// restart.
TEST_F(WebhooksTest, RulesReplacedThroughTheApiDecideWhatTheNextEventOpens) {
  const auto configured = server.get("/api/v1/rules");
  ASSERT_EQ(configured.status, 200) << configured.body;
  EXPECT_EQ(configured.json()["version"], 0);
  EXPECT_EQ(configured.header("etag"), "\"0\"");
  EXPECT_EQ(configured.json()["rules"][0]["name"], "offer-link-expired");

  const std::string urgent_offers = R"(rules:
  - name: offer-expired-urgent
    description: An expired offer is a sev1 for the offers desk.
    when: {ats_event: [offer.expired]}
    then:
      - create_ticket: offer_link_expired
      - set_severity: sev1
      - add_label: desk:offers
)";
  HttpRequest replace{"PUT", "/api/v1/rules", urgent_offers, {{"Content-Type", "application/yaml"}, {"If-Match", "\"0\""}}};
  const auto replaced = server.send(replace);
  ASSERT_EQ(replaced.status, 200) << replaced.body;
  EXPECT_EQ(replaced.json()["version"], 1);
  EXPECT_EQ(replaced.json()["created_by"], "integration admin");
  EXPECT_EQ(replaced.header("etag"), "\"1\"");
  EXPECT_EQ(server.send(replace).status, 412) << "version 0 is no longer the newest";

  ASSERT_EQ(send_standard(server, offer_expired("c-880"), "msg_rules_1").status, 202);
  HttpResponse listed;
  for (int attempt = 0; attempt < 200; ++attempt) {
    listed = server.get("/api/v1/candidates/acme-ats/c-880/tickets");
    if (listed.status == 200 && !listed.json()["items"].empty()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(listed.json()["items"].size(), 1u) << listed.body;
  const auto ticket = listed.json()["items"][0];
  EXPECT_EQ(ticket["severity"], "sev1");
  EXPECT_EQ(ticket["labels"], nlohmann::json::array({"ats", "auto", "desk:offers"}));
  const auto history = server.get("/api/v1/tickets/" + ticket["key"].get<std::string>() + "/history");
  EXPECT_NE(history.body.find("offer-expired-urgent"), std::string::npos) << history.body;

  // Bad documents change nothing and say where they are wrong.
  const auto typo = server.send({"PUT", "/api/v1/rules", "rules:\n  - name: typo\n    when: {ats_event: [offer.expired]}\n    then: [{create_ticket: offer_link_expird}]\n",
                                 {{"Content-Type", "application/yaml"}}});
  ASSERT_EQ(typo.status, 422) << typo.body;
  EXPECT_EQ(typo.json()["errors"][0]["field"], "rules");
  EXPECT_NE(typo.json()["errors"][0]["message"].get<std::string>().find("line 4: rule 'typo'"), std::string::npos)
      << typo.body;
  EXPECT_EQ(server.send({"PUT", "/api/v1/rules", urgent_offers, {{"Content-Type", "text/plain"}}}).status, 415);
  EXPECT_EQ(server.post("/api/v1/rules/validate", {{"yaml", urgent_offers}, {"comment", "x"}}).status, 422);
  const auto valid = server.post("/api/v1/rules/validate", {{"yaml", urgent_offers}});
  ASSERT_EQ(valid.status, 200) << valid.body;
  EXPECT_EQ(valid.json()["rules"][0]["trigger"], "ats_event");

  const auto versions = server.get("/api/v1/rules/versions");
  ASSERT_EQ(versions.status, 200) << versions.body;
  EXPECT_EQ(versions.json()["in_force"], 1);
  ASSERT_EQ(versions.json()["items"].size(), 1u);
  EXPECT_EQ(server.get("/api/v1/rules/versions/1").json()["yaml"], urgent_offers);
  EXPECT_EQ(server.get("/api/v1/rules/versions/0").json()["created_by"], "configuration");
  EXPECT_EQ(server.get("/api/v1/rules/versions/9").status, 404);
  EXPECT_EQ(server.get("/api/v1/rules/versions/x").status, 404);

  const std::string recruiter = "Bearer " + server.create_key("recruiter");
  EXPECT_EQ(server.send({"GET", "/api/v1/rules", "", {{"Authorization", recruiter}}}).status, 200);
  EXPECT_EQ(server.send({"PUT", "/api/v1/rules", urgent_offers, {{"Authorization", recruiter}, {"Content-Type", "application/yaml"}}}).status, 403);

  // Stored, so in force from the start after a restart.
  ASSERT_EQ(server.stop(), 0);
  SnagServer restarted(server.database_url(), server.admin_key());
  const auto after_restart = restarted.get("/api/v1/rules");
  ASSERT_EQ(after_restart.status, 200) << after_restart.body;
  EXPECT_EQ(after_restart.json()["version"], 1);
  EXPECT_EQ(after_restart.json()["rules"][0]["name"], "offer-expired-urgent");
}

// Withdrawals arrive as application.withdrawn (Standard Webhooks) and as a Greenhouse rejection
// of type "They rejected us"; the abandonment report counts them against the tickets.
TEST_F(WebhooksTest, WithdrawalsFeedTheAbandonmentReport) {
  const auto event = [](const std::string& type, const std::string& external_id) {
    return nlohmann::json{{"type", type},
                          {"timestamp", format_rfc3339(from_epoch_ms(now_ms()))},
                          {"data", {{"candidate", {{"external_id", external_id}, {"name", "Candidate " + external_id}}}}}};
  };
  for (const std::string id : {"a1", "a2", "a3", "a4"}) {
    ASSERT_EQ(send_standard(server, event("candidate.created", id), "msg-created-" + id).status, 202);
  }
  for (const std::string id : {"a1", "a3"}) {
    ASSERT_EQ(send_standard(server, event("application.withdrawn", id), "msg-withdrawn-" + id).status, 202);
  }
  auto rejection = nlohmann::json::parse(fixture("greenhouse_reject_candidate.json"));
  rejection["payload"]["application"]["rejection_reason"]["type"]["name"] = "They rejected us";
  ASSERT_EQ(send_greenhouse(server, rejection.dump(), "gh-withdrew-1").status, 202);
  for (const std::string id : {"a1", "a2"}) {
    const auto created = server.post("/api/v1/tickets", {{"type", "offer_link_expired"},
                                                         {"title", "Offer link expired"},
                                                         {"candidate", {{"ats", "acme-ats"}, {"external_id", id}}}});
    ASSERT_EQ(created.status, 201) << created.body;
  }

  nlohmann::json report;
  for (int attempt = 0; attempt < 200; ++attempt) {
    const auto response = server.get("/api/v1/reports/abandonment");
    ASSERT_EQ(response.status, 200) << response.body;
    report = response.json();
    if (report["candidates"]["withdrawn"] == 3) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(report["candidates"]["candidates"], 5) << report.dump();
  EXPECT_EQ(report["candidates"]["withdrawn"], 3) << report.dump();
  ASSERT_EQ(report["items"].size(), 1u) << report.dump();
  const auto offers = report["items"][0];
  EXPECT_EQ(offers["type"], "offer_link_expired");
  EXPECT_EQ(offers["with_type"], (nlohmann::json{{"candidates", 2}, {"withdrawn", 1}, {"rate", 0.5}}));
  EXPECT_EQ(offers["without_type"]["candidates"], 3);
  EXPECT_EQ(offers["without_type"]["withdrawn"], 2);
  EXPECT_NEAR(offers["difference"].get<double>(), 0.5 - 2.0 / 3.0, 1e-9);
  ASSERT_EQ(offers["difference_ci95"].size(), 2u);
  EXPECT_LT(offers["difference_ci95"][0].get<double>(), 0.0);
  EXPECT_GT(offers["difference_ci95"][1].get<double>(), 0.0);
  EXPECT_EQ(offers["significant"], false);

  const auto exported = server.get("/api/v1/exports/reports/abandonment?format=csv");
  ASSERT_EQ(exported.status, 200) << exported.body;
  EXPECT_EQ(exported.body.substr(0, exported.body.find("\r\n")),
            "type,candidates_with,withdrawn_with,rate_with,candidates_without,withdrawn_without,rate_without,"
            "difference,difference_low_95,difference_high_95,significant");
  EXPECT_NE(exported.body.find("offer_link_expired,2,1,50.0%,3,2,66.7%,-16.7%,"), std::string::npos) << exported.body;

  EXPECT_EQ(server.get("/api/v1/reports/abandonment?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z").status, 422);
  EXPECT_EQ(server.get("/api/v1/reports/abandonment?by=type").status, 422);
}

}  // namespace webhooks_test
}  // namespace snag::testing
