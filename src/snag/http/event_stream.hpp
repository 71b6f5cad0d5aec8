#pragma once
// A response that is not complete when the handler returns: a text/event-stream body (Server-
// Sent Events), or a body produced as it is sent (a CSV export), that the server writes out as
// it fills, until the stream or the connection ends.

#include <functional>
#include <memory>
#include <string>

#include <snag/http/message.hpp>

namespace snag::http {

// Thread-safe: the server calls start, read and close from a connection's io_context, while the
// producer behind it calls `wake` from its own thread.
class EventStream {
 public:
  virtual ~EventStream() = default;

  // REQUIRES: called once, before read(). `wake` is to be called whenever read() has more to
  // give after it gave everything, and when the stream ends (at once when either is so
  // already). It may be called with the producer's lock held: it must return quickly and must
  // not call back into the stream.
  virtual void start(std::function<void()> wake) = 0;
  // Appends the event-stream text of whatever is ready to `out`. False once the stream has
  // ended; the text appended by that call is still to be sent.
  virtual bool read(std::string& out) = 0;
  // The server is done with the stream (the client went away, the server stops). No wake
  // follows once this returns. Idempotent.
  virtual void close() = 0;
  // What to send when nothing else was sent for a while, so that proxies keep an idle stream
  // open; empty: nothing (a body that is not an event stream must not be padded).
  virtual std::string_view keep_alive() const { return {}; }
  // After read() returned false: the body is incomplete (its producer failed). The server then
  // drops the connection without the last chunk, so that the client cannot take the part it got
  // for the whole.
  virtual bool failed() const { return false; }
};

struct StreamStart {
  // Without `stream`: the complete answer (a problem). With it: the status and the headers
  // (Content-Type, Cache-Control, …) of the stream; the body is ignored.
  HttpResponse response;
  std::unique_ptr<EventStream> stream;
};

using StreamHandler = std::function<StreamStart(HttpRequest&)>;

}  // namespace snag::http
