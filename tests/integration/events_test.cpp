// GET /api/v1/events: Server-Sent Events of ticket changes, spoken to the real binary over raw
// TCP (sse_client.hpp). Deliveries are awaited with generous timeouts; nothing here is timed.

#include <chrono>
#include <future>

#include "snag_process.hpp"
#include "sse_client.hpp"
#include <gtest/gtest.h>

namespace snag::testing {
namespace events_test {

using namespace std::chrono_literals;
using nlohmann::json;

constexpr auto k_delivery = 5s;  // the bound for a change to reach a stream

std::map<std::string, std::string> bearer(const SnagServer& server, std::map<std::string, std::string> more = {}) {
  more.emplace("Authorization", "Bearer " + server.admin_key());
  return more;
}

std::unique_ptr<SseClient> open_stream(const SnagServer& server, const std::string& target = "/api/v1/events",
                                       std::map<std::string, std::string> headers = {}) {
  auto client = std::make_unique<SseClient>(server.port(), target, bearer(server, std::move(headers)));
  EXPECT_EQ(client->status(), 200) << client->body();
  return client;
}

std::string create_ticket(const SnagServer& server, const std::string& title) {
  const auto response = server.post("/api/v1/tickets", {{"type", "other"}, {"title", title}});
  EXPECT_EQ(response.status, 201) << response.body;
  return response.json()["key"].get<std::string>();
}

// The next event about `key`.
std::optional<SseEvent> next_about(SseClient& client, const std::string& key) {
  return client.next_where([&](const SseEvent& event) { return event.json()["ticket"] == key; }, k_delivery);
}

TEST(Events, ATicketCreatedThroughTheApiReachesAnOpenStream) {
  SnagServer server;
  auto stream = open_stream(server);
  EXPECT_EQ(stream->header("content-type"), "text/event-stream");
  EXPECT_EQ(stream->header("cache-control"), "no-store");
  EXPECT_EQ(stream->header("x-accel-buffering"), "no");
  EXPECT_EQ(stream->header("content-length"), "");

  const auto key = create_ticket(server, "Offer letter for Jane Roe bounced");
  const auto event = next_about(*stream, key);
  ASSERT_TRUE(event) << "no event for " << key << " within 5 s";
  EXPECT_EQ(event->event, "ticket.create");
  const json data = event->json();
  EXPECT_EQ(data["action"], "create");
  EXPECT_EQ(data["seq"].get<std::int64_t>(), std::stoll(event->id));
  EXPECT_TRUE(data["at"].is_string());
  EXPECT_EQ(data["actor"], "integration admin");
  EXPECT_NE(std::find(data["fields"].begin(), data["fields"].end(), "title"), data["fields"].end());
  // Names of fields, never their values: a title may name a candidate.
  EXPECT_EQ(event->data.find("Jane Roe"), std::string::npos) << event->data;
}

TEST(Events, AStreamStartsNowWithoutAResumePoint) {
  SnagServer server;
  const auto before = create_ticket(server, "Before the stream");
  auto stream = open_stream(server);
  const auto after = create_ticket(server, "After the stream opened");
  const auto event = stream->next(k_delivery);
  ASSERT_TRUE(event);
  EXPECT_EQ(event->json()["ticket"], after) << "the stream replayed " << before;
}

TEST(Events, LastEventIdReplaysExactlyTheEventsMissedThenGoesOnLive) {
  SnagServer server;
  auto first = open_stream(server);
  const auto seen_key = create_ticket(server, "Seen");
  const auto seen = next_about(*first, seen_key);
  ASSERT_TRUE(seen);
  first->close();

  const auto missed_key = create_ticket(server, "Missed");
  const auto patched = server.patch("/api/v1/tickets/" + missed_key, {{"severity", "sev2"}}, "\"1\"");
  ASSERT_EQ(patched.status, 200) << patched.body;

  auto resumed = open_stream(server, "/api/v1/events", {{"Last-Event-ID", seen->id}});
  const auto replayed_create = resumed->next(k_delivery);
  const auto replayed_update = resumed->next(k_delivery);
  ASSERT_TRUE(replayed_create && replayed_update);
  EXPECT_EQ(replayed_create->event, "ticket.create");
  EXPECT_EQ(replayed_create->json()["ticket"], missed_key);
  EXPECT_EQ(replayed_update->event, "ticket.update");
  EXPECT_EQ(replayed_update->json()["ticket"], missed_key);
  const json fields = replayed_update->json()["fields"];
  EXPECT_NE(std::find(fields.begin(), fields.end(), "severity"), fields.end()) << fields;
  EXPECT_LT(std::stoll(seen->id), std::stoll(replayed_create->id));
  EXPECT_LT(std::stoll(replayed_create->id), std::stoll(replayed_update->id));

  // Nothing else was replayed: the next event is the next change.
  const auto live_key = create_ticket(server, "Live again");
  const auto live = resumed->next(k_delivery);
  ASSERT_TRUE(live);
  EXPECT_EQ(live->json()["ticket"], live_key);
}

TEST(Events, TheAfterParameterResumesLikeLastEventId) {
  SnagServer server;
  auto first = open_stream(server);
  const auto seen = next_about(*first, create_ticket(server, "Seen"));
  ASSERT_TRUE(seen);
  first->close();
  const auto missed_key = create_ticket(server, "Missed");

  auto resumed = open_stream(server, "/api/v1/events?after=" + seen->id);
  const auto replayed = resumed->next(k_delivery);
  ASSERT_TRUE(replayed);
  EXPECT_EQ(replayed->json()["ticket"], missed_key);
}

TEST(Events, RefusesAStreamWithoutAnApiKey) {
  SnagServer server;
  SseClient client(server.port(), "/api/v1/events", {});
  EXPECT_EQ(client.status(), 401);
  EXPECT_EQ(client.header("content-type"), "application/problem+json");
  EXPECT_EQ(client.header("www-authenticate"), "Bearer");
}

TEST(Events, ABadResumePointIsA400ProblemNamingIt) {
  SnagServer server;
  for (const std::string after : {"abc", "-1", "1.5", ""}) {
    SseClient client(server.port(), "/api/v1/events?after=" + after, bearer(server));
    EXPECT_EQ(client.status(), 400) << after;
    EXPECT_EQ(client.header("content-type"), "application/problem+json");
    const json problem = json::parse(client.body());
    EXPECT_EQ(problem["status"], 400);
    EXPECT_EQ(problem["errors"][0]["field"], "after") << client.body();
  }
  SseClient header(server.port(), "/api/v1/events", bearer(server, {{"Last-Event-ID", "soon"}}));
  EXPECT_EQ(header.status(), 400);
  EXPECT_EQ(json::parse(header.body())["errors"][0]["field"], "Last-Event-ID");
}

TEST(Events, SigtermStopsTheServerPromptlyWithAStreamOpen) {
  SnagServer server;
  auto stream = open_stream(server);
  ASSERT_TRUE(next_about(*stream, create_ticket(server, "The stream is live")));

  auto stopped = std::async(std::launch::async, [&server] { return server.stop(); });
  // Well inside the 20 s shutdown grace, which an open stream would otherwise run out.
  ASSERT_EQ(stopped.wait_for(10s), std::future_status::ready) << "snag serve still runs 10 s after SIGTERM";
  EXPECT_EQ(stopped.get(), 0);
  EXPECT_TRUE(stream->wait_for_end(5s));
  EXPECT_TRUE(stream->ended_cleanly()) << "the stream ended without its last chunk";
}

// Two `snag serve` processes on one PostgreSQL database are two nodes: a change made through
// one reaches a stream on the other by LISTEN/NOTIFY. An SQLite file has one node, so in the
// SQLite run both roles are the same server and the test covers the same-node path.
TEST(Events, AChangeThroughOneNodeReachesAStreamOnAnotherOnPostgresqlOrOnTheSameNodeOnSqlite) {
  SnagServer node_a;
  std::unique_ptr<SnagServer> second;
  if (testing_postgresql()) second = std::make_unique<SnagServer>(node_a.database_url(), node_a.admin_key());
  const SnagServer& node_b = second ? *second : node_a;
  SCOPED_TRACE(second ? "two nodes on PostgreSQL" : "one node on SQLite");
  if (second) {
    ASSERT_NE(node_a.port(), node_b.port());
  }

  auto stream = open_stream(node_b);
  const auto key = create_ticket(node_a, "Made on node A");
  const auto event = next_about(*stream, key);
  ASSERT_TRUE(event) << "no event for " << key << " on node B within 5 s";
  EXPECT_EQ(event->event, "ticket.create");

  // And the other way round, with a change that is not a creation.
  auto stream_a = open_stream(node_a);
  const auto moved = node_b.post("/api/v1/tickets/" + key + "/transitions", {{"to", "triaged"}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  const auto transition = next_about(*stream_a, key);
  ASSERT_TRUE(transition);
  EXPECT_EQ(transition->event, "ticket.transition");
  EXPECT_EQ(transition->json()["fields"][0], "status");
}

}  // namespace events_test
}  // namespace snag::testing
