// GET /api/v1/events: ticket changes as Server-Sent Events, fed by the process's EventHub, and
// the caller's own in-app notifications as they arrive.

#include <charconv>

#include <snag/http/codec/event_stream_text.hpp>
#include <snag/http/handlers/routes.hpp>
#include <snag/http/problem.hpp>
#include <snag/http/query_string.hpp>

namespace snag::http {
namespace {

// An EventStream over one hub subscription.
class HubEventStream final : public EventStream {
 public:
  explicit HubEventStream(std::shared_ptr<EventSubscription> subscription) : m_subscription(std::move(subscription)) {}
  ~HubEventStream() override { m_subscription->cancel(); }

  void start(std::function<void()> wake) override { m_subscription->set_waker(std::move(wake)); }

  bool read(std::string& out) override {
    if (!m_preamble_sent) {
      // The client's reconnection delay, before any event.
      out += "retry: 3000\n\n";
      m_preamble_sent = true;
    }
    m_messages.clear();
    const auto state = m_subscription->take(m_messages);
    for (const auto& message : m_messages) append_event_stream_message(out, message);
    return state == EventSubscription::State::open;
  }

  void close() override { m_subscription->cancel(); }
  std::string_view keep_alive() const override { return k_event_stream_keep_alive; }

 private:
  std::shared_ptr<EventSubscription> m_subscription;
  bool m_preamble_sent = false;
  std::vector<StreamMessage> m_messages;  // reused by read()
};

std::optional<std::int64_t> parse_seq(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

// `field` names the parameter in errors[] as the problem's other fields are named: "after"
// for the query parameter, the header's name for the header.
tl::unexpected<Error> bad_resume_point(std::string_view field, std::string_view what) {
  return tl::unexpected(Error{ErrorCode::invalid_argument,
                              std::string(what) + " must be a non-negative integer: the id of an event.",
                              {{std::string(field), "must be a non-negative integer"}},
                              {}});
}

// Where the stream starts: after the seq the client names, or now. A reconnecting EventSource
// sends Last-Event-ID with the URL it first used, so the header, being the later, wins over
// ?after=. Other query parameters are ignored (EventSource polyfills add their own).
Result<std::optional<std::int64_t>> resume_point(const HttpRequest& request) {
  if (!request.last_event_id.empty()) {
    const auto seq = parse_seq(request.last_event_id);
    if (!seq) return bad_resume_point("Last-Event-ID", "The Last-Event-ID header");
    return seq;
  }
  auto params = parse_query_string(request.query);
  if (!params) return tl::unexpected(std::move(params.error()));
  const auto after = params->find("after");
  if (after == params->end()) return std::nullopt;
  const auto seq = parse_seq(after->second);
  if (!seq) return bad_resume_point("after", "The query parameter 'after'");
  return seq;
}

}  // namespace

std::vector<RouteInfo> event_routes(const HttpServices& services) {
  std::vector<RouteInfo> routes;
  RouteInfo events{HttpMethod::get,
                   "/api/v1/events",
                   "streamEvents",
                   Access::bearer,
                   Execution::stream,
                   {.summary = "Ticket changes as Server-Sent Events, live, resumable from an event id; the caller's "
                               "notifications as they arrive",
                    .tag = "events",
                    .query_params = {"after"},
                    .headers = {"Last-Event-ID"},
                    .response_schema = "EventStream",
                    .response_content_type = "text/event-stream",
                    .problem_statuses = {400, 403}},
                   {}};
  events.stream_handler = [&services](HttpRequest& request) {
    StreamStart start;
    if (auto allowed = services.access.require(request.caller(), permission::tickets_read); !allowed) {
      start.response = problem_response(allowed.error());
      return start;
    }
    auto after = resume_point(request);
    if (!after) {
      start.response = problem_response(after.error());
      return start;
    }
    start.response.status = 200;
    start.response.content_type = "text/event-stream";  // always UTF-8 (WHATWG HTML)
    start.response.with_header("Cache-Control", "no-store");
    // nginx would otherwise hold events back in its buffer.
    start.response.with_header("X-Accel-Buffering", "no");
    // Events name fields, never their values, so they need no masking; only the tickets the
    // caller may see are streamed.
    const AccessGuard& access = services.access;
    EventFilter may_see = [&access, actor = request.caller()](const Ticket& ticket) {
      return access.may_see(actor, ticket);
    };
    start.stream = std::make_unique<HubEventStream>(
        services.events.subscribe(*after, std::move(may_see), request.caller().name));
    return start;
  };
  routes.push_back(std::move(events));
  return routes;
}

}  // namespace snag::http
