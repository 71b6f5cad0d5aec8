// GET /api/v1/events without sockets: the route's answers before a stream opens, and the
// event-stream text of what the hub sends.

#include "api_fixture.hpp"
#include <gtest/gtest.h>

#include <snag/http/codec/event_stream_text.hpp>
#include <snag/http/problem.hpp>

namespace snag::http {
namespace events_test {

using testing::ApiFixture;

TEST(EventsRoute, OpensAnEventStreamWithHeadersThatKeepCachesAndProxiesOut) {
  ApiFixture fixture;
  const auto response = fixture.send(HttpMethod::get, "/api/v1/events");
  EXPECT_EQ(response.status, 200u);
  EXPECT_EQ(response.content_type, "text/event-stream");
  const auto has = [&](std::string_view name, std::string_view value) {
    return std::any_of(response.headers.begin(), response.headers.end(),
                       [&](const auto& header) { return header.first == name && header.second == value; });
  };
  EXPECT_TRUE(has("Cache-Control", "no-store"));
  EXPECT_TRUE(has("X-Accel-Buffering", "no"));
}

TEST(EventsRoute, NeedsABearer) {
  ApiFixture fixture;
  EXPECT_EQ(fixture.send(HttpMethod::get, "/api/v1/events", {}, {}, "").status, 401u);
}

TEST(EventsRoute, RefusesAnAfterThatIsNotANonNegativeInteger) {
  ApiFixture fixture;
  for (const char* after : {"x", "-3", "7a", "", "99999999999999999999"}) {
    const auto response = fixture.send(HttpMethod::get, std::string("/api/v1/events?after=") + after);
    EXPECT_EQ(response.status, 400u) << after;
    EXPECT_EQ(response.content_type, k_problem_content_type);
    const auto problem = nlohmann::json::parse(response.body);
    EXPECT_EQ(problem["errors"][0]["field"], "after");
  }
  EXPECT_EQ(fixture.send(HttpMethod::get, "/api/v1/events?after=0").status, 200u);
  EXPECT_EQ(fixture.send(HttpMethod::get, "/api/v1/events?after=12&other=1").status, 200u);
}

TEST(EventsRoute, RefusesALastEventIdThatIsNotAnEventId) {
  ApiFixture fixture;
  HttpRequest request;
  request.method = HttpMethod::get;
  request.method_text = "GET";
  request.path = "/api/v1/events";
  request.query = "after=3";
  const std::string bearer = fixture.bearer();
  request.authorization = bearer;
  request.last_event_id = "last";
  const auto response = fixture.api().handle(request);
  EXPECT_EQ(response.status, 400u);
  EXPECT_EQ(nlohmann::json::parse(response.body)["errors"][0]["field"], "Last-Event-ID");
}

TEST(EventStreamText, WritesATicketEventWithItsSeqAsIdAndItsActionAsEventName) {
  StreamMessage message;
  message.seq = 42;
  message.event =
      TicketEvent{42, TicketId{7}, "transition", "sam", from_epoch_ms(1'795'000'000'000), {"status", "comment"}};
  std::string out;
  append_event_stream_message(out, message);
  EXPECT_EQ(out,
            "id: 42\n"
            "event: ticket.transition\n"
            "data: {\"action\":\"transition\",\"actor\":\"sam\",\"at\":\"2026-11-18T11:06:40Z\","
            "\"fields\":[\"status\",\"comment\"],\"seq\":42,\"ticket\":\"SNAG-7\"}\n\n");
}

TEST(EventStreamText, WritesAResetWithThePositionToResumeFrom) {
  StreamMessage message;
  message.kind = StreamMessage::Kind::reset;
  message.seq = 9000;
  std::string out;
  append_event_stream_message(out, message);
  EXPECT_TRUE(out.starts_with("id: 9000\nevent: reset\ndata: {")) << out;
  EXPECT_TRUE(out.ends_with("}\n\n")) << out;
  EXPECT_EQ(out.find('\n', out.find("data: ")), out.size() - 2) << "data must be one line";
}

TEST(EventStreamText, KeepsAnOddActorOnItsDataLine) {
  StreamMessage message;
  message.seq = 1;
  message.event = TicketEvent{1, TicketId{1}, "update", "line\nbreak \xff", from_epoch_ms(0), {"title"}};
  std::string out;
  append_event_stream_message(out, message);
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 4) << out;
}

TEST(EventStreamText, WritesANotificationWithoutAnIdSoThatResumingSkipsIt) {
  StreamMessage message;
  message.kind = StreamMessage::Kind::notification;
  message.seq = 77;  // not written: a notification is no resume point
  message.notification.id = NotificationId{5};
  message.notification.recipient = "hank";
  message.notification.ticket = TicketId{7};
  message.notification.kind = "interview";
  message.notification.message = "SNAG-7: open, interview\ntomorrow";
  message.notification.created_at = from_epoch_ms(1'795'000'000'000);
  std::string out;
  append_event_stream_message(out, message);
  EXPECT_EQ(out,
            "event: notification\n"
            "data: {\"at\":\"2026-11-18T11:06:40Z\",\"id\":5,\"kind\":\"interview\","
            "\"message\":\"SNAG-7: open, interview\\ntomorrow\",\"read\":false,\"read_at\":null,\"rule\":\"\","
            "\"ticket\":\"SNAG-7\"}\n\n");
}

}  // namespace events_test
}  // namespace snag::http
