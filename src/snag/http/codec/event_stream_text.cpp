#include <nlohmann/json.hpp>

#include <snag/http/codec/event_stream_text.hpp>
#include <snag/http/codec/json_writer.hpp>
#include <snag/http/codec/notification_json.hpp>

namespace snag::http {
namespace {

// An event name or id must not end its line early.
void append_line_value(std::string& out, std::string_view value) {
  for (const char c : value) {
    if (c != '\r' && c != '\n') out += c;
  }
}

}  // namespace

void append_event_stream_message(std::string& out, const StreamMessage& message) {
  if (message.kind == StreamMessage::Kind::notification) {
    // No id: a notification is not a point to resume the ticket changes from.
    out += "event: notification\ndata: ";
    out += json_text(encode_notification(message.notification));
    out += "\n\n";
    return;
  }
  out += "id: ";
  out += std::to_string(message.seq);
  if (message.kind == StreamMessage::Kind::reset) {
    out += "\nevent: reset\ndata: ";
    out += json_text(
        {{"seq", message.seq}, {"reason", "More changes were missed than the server replays: reload, then read on."}});
    out += "\n\n";
    return;
  }
  const auto& event = message.event;
  out += "\nevent: ticket.";
  append_line_value(out, event.action);
  out += "\ndata: ";
  // Field names only, never values: see app/event_hub.hpp.
  out += json_text({{"seq", event.seq},
                    {"ticket", ticket_key(event.ticket)},
                    {"action", event.action},
                    {"actor", event.actor},
                    {"at", format_rfc3339(event.at)},
                    {"fields", event.fields}});
  out += "\n\n";
}

}  // namespace snag::http
