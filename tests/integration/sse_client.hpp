#pragma once
// A Server-Sent Events reader for the integration tests: one raw TCP connection (Boost.Asio),
// a GET with the bearer key, then the response's events parsed as they arrive, each wait
// bounded by a timeout. It decodes the chunked transfer coding, or reads to the close.

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace snag::testing {

struct SseEvent {
  std::string id;
  std::string event;  // "message" when the server named none
  std::string data;

  nlohmann::json json() const { return nlohmann::json::parse(data); }
};

class SseClient {
 public:
  // Connects to 127.0.0.1:`port`, sends GET `target` with `headers` and reads the response
  // head (and, unless it is 200, the whole body). An empty header value leaves that header out.
  // Throws std::runtime_error when the connection fails or no head comes within 10 s.
  SseClient(unsigned short port, const std::string& target, const std::map<std::string, std::string>& headers);
  ~SseClient();
  SseClient(const SseClient&) = delete;
  SseClient& operator=(const SseClient&) = delete;

  int status() const { return m_status; }
  // A response header by lower-case name, "" when absent.
  std::string header(const std::string& name) const;
  // The body of a response that is not a stream (a problem).
  const std::string& body() const { return m_body; }

  // The next event (comments and retry lines skipped); nullopt when `timeout` passes or the
  // stream ends first.
  std::optional<SseEvent> next(std::chrono::milliseconds timeout);
  // The next event for which `wanted` holds, skipping the others; nullopt as for next().
  std::optional<SseEvent> next_where(const std::function<bool(const SseEvent&)>& wanted,
                                     std::chrono::milliseconds timeout);

  // Waits up to `timeout` for the server to end the stream; true when it did. `clean` tells
  // whether it ended with the chunked coding's last chunk rather than a bare close.
  bool wait_for_end(std::chrono::milliseconds timeout);
  bool ended_cleanly() const { return m_clean_end; }

  // Closes the connection, as a client that goes away.
  void close();

 private:
  class Connection;

  // Reads more bytes into m_raw; false on timeout, end or error (m_closed says which).
  bool read_more(std::chrono::steady_clock::time_point deadline);
  // Moves decoded body bytes from m_raw to m_text.
  void decode();
  std::optional<SseEvent> take_event();

  std::unique_ptr<Connection> m_connection;
  int m_status = 0;
  std::map<std::string, std::string> m_headers;
  std::string m_body;
  bool m_chunked = false;
  std::string m_raw;   // received, not yet decoded
  std::string m_text;  // decoded event-stream text, not yet parsed
  bool m_closed = false;
  bool m_clean_end = false;
};

}  // namespace snag::testing
