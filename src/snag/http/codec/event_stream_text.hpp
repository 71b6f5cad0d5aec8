#pragma once
// The text/event-stream form (WHATWG HTML, "Server-sent events") of what the event hub sends:
//
//   id: 42
//   event: ticket.transition
//   data: {"seq":42,"ticket":"SNAG-7","action":"transition","actor":"sam","at":"…","fields":["status"]}
//
// and, when a resume point is too far behind to replay, `event: reset` whose data is
// {"seq": …, "reason": …}. The id is the journal seq to resume after (Last-Event-ID).

#include <string>
#include <string_view>

#include <snag/app/event_hub.hpp>

namespace snag::http {

// A comment line that keeps idle connections (and the proxies on their way) open.
inline constexpr std::string_view k_event_stream_keep_alive = ": keep-alive\n\n";

// Appends one message, blank line included.
void append_event_stream_message(std::string& out, const StreamMessage& message);

}  // namespace snag::http
