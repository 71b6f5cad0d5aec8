#include "sse_client.hpp"

#include <cctype>
#include <stdexcept>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

namespace snag::testing {

using tcp = boost::asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

std::string lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string trim(std::string text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\r')) text.pop_back();
  std::size_t start = 0;
  while (start < text.size() && text[start] == ' ') ++start;
  return text.substr(start);
}

}  // namespace

class SseClient::Connection {
 public:
  Connection() : socket(context) {}
  boost::asio::io_context context;
  tcp::socket socket;
};

SseClient::SseClient(unsigned short port, const std::string& target, const std::map<std::string, std::string>& headers)
    : m_connection(std::make_unique<Connection>()) {
  auto& socket = m_connection->socket;
  socket.connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
  std::string request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n";
  for (const auto& [name, value] : headers) {
    if (!value.empty()) request += name + ": " + value + "\r\n";
  }
  request += "\r\n";
  boost::asio::write(socket, boost::asio::buffer(request));

  const auto deadline = Clock::now() + std::chrono::seconds(10);
  std::size_t head_end;
  while ((head_end = m_raw.find("\r\n\r\n")) == std::string::npos) {
    if (!read_more(deadline)) throw std::runtime_error("no response head; got: " + m_raw);
  }
  const std::string head = m_raw.substr(0, head_end);
  m_raw.erase(0, head_end + 4);
  std::size_t line_end = head.find("\r\n");
  const std::string status_line = head.substr(0, line_end);
  if (status_line.size() < 12) throw std::runtime_error("bad status line: " + status_line);
  m_status = std::stoi(status_line.substr(9, 3));
  while (line_end != std::string::npos) {
    const auto start = line_end + 2;
    line_end = head.find("\r\n", start);
    const auto line = head.substr(start, line_end == std::string::npos ? std::string::npos : line_end - start);
    const auto colon = line.find(':');
    if (colon != std::string::npos) m_headers[lower(line.substr(0, colon))] = trim(line.substr(colon + 1));
  }
  m_chunked = lower(header("transfer-encoding")) == "chunked";
  if (m_status != 200) {
    // A problem: read the whole body (by Content-Length, chunks or the close).
    const auto length = header("content-length");
    if (!length.empty()) {
      const auto size = std::stoul(length);
      while (m_raw.size() < size && read_more(deadline)) {
      }
      m_body = m_raw.substr(0, size);
    } else {
      while (!m_closed && !m_clean_end && read_more(deadline)) decode();
      decode();
      m_body = m_text;
    }
  }
}

SseClient::~SseClient() = default;

std::string SseClient::header(const std::string& name) const {
  const auto it = m_headers.find(name);
  return it == m_headers.end() ? "" : it->second;
}

bool SseClient::read_more(Clock::time_point deadline) {
  if (m_closed || !m_connection) return false;
  auto& context = m_connection->context;
  auto& socket = m_connection->socket;
  char buffer[4096];
  bool done = false;
  boost::system::error_code result;
  std::size_t received = 0;
  context.restart();
  socket.async_read_some(boost::asio::buffer(buffer), [&](const boost::system::error_code& ec, std::size_t n) {
    done = true;
    result = ec;
    received = n;
  });
  const auto now = Clock::now();
  context.run_for(deadline > now ? deadline - now : Clock::duration::zero());
  if (!done) {
    socket.cancel();
    context.restart();
    context.run();  // completes the cancelled read
  }
  m_raw.append(buffer, received);
  if (result && result != boost::asio::error::operation_aborted) m_closed = true;
  return received > 0;
}

void SseClient::decode() {
  if (!m_chunked) {
    m_text += m_raw;
    m_raw.clear();
    return;
  }
  while (!m_clean_end) {
    const auto line_end = m_raw.find("\r\n");
    if (line_end == std::string::npos) return;
    const auto size = std::stoul(m_raw.substr(0, line_end), nullptr, 16);
    if (size == 0) {
      m_clean_end = true;
      m_raw.clear();
      return;
    }
    if (m_raw.size() < line_end + 2 + size + 2) return;
    m_text += m_raw.substr(line_end + 2, size);
    m_raw.erase(0, line_end + 2 + size + 2);
  }
}

std::optional<SseEvent> SseClient::take_event() {
  while (true) {
    const auto end = m_text.find("\n\n");
    if (end == std::string::npos) return std::nullopt;
    const std::string block = m_text.substr(0, end + 1);
    m_text.erase(0, end + 2);
    SseEvent event;
    bool any = false;
    std::size_t start = 0;
    while (start < block.size()) {
      const auto newline = block.find('\n', start);
      const auto line = block.substr(start, newline - start);
      start = newline + 1;
      if (line.empty() || line.front() == ':') continue;  // a comment (keep-alive)
      const auto colon = line.find(':');
      const auto name = line.substr(0, colon);
      auto value = colon == std::string::npos ? std::string() : line.substr(colon + 1);
      if (!value.empty() && value.front() == ' ') value.erase(0, 1);
      if (name == "id") {
        event.id = value;
      } else if (name == "event") {
        event.event = value;
        any = true;
      } else if (name == "data") {
        event.data += (event.data.empty() ? "" : "\n") + value;
        any = true;
      }
    }
    if (!any) continue;  // retry: and comments only
    if (event.event.empty()) event.event = "message";
    return event;
  }
}

std::optional<SseEvent> SseClient::next(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (true) {
    decode();
    if (auto event = take_event()) return event;
    if (m_clean_end || Clock::now() >= deadline) return std::nullopt;
    if (!read_more(deadline) && (m_closed || Clock::now() >= deadline)) {
      decode();
      return take_event();
    }
  }
}

std::optional<SseEvent> SseClient::next_where(const std::function<bool(const SseEvent&)>& wanted,
                                              std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (Clock::now() < deadline) {
    auto event = next(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()));
    if (!event) return std::nullopt;
    if (wanted(*event)) return event;
  }
  return std::nullopt;
}

bool SseClient::wait_for_end(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (!m_clean_end && !m_closed) {
    decode();
    if (m_clean_end) break;
    if (!read_more(deadline) && !m_closed && Clock::now() >= deadline) return false;
  }
  return true;
}

void SseClient::close() {
  if (!m_connection) return;
  boost::system::error_code ignored;
  m_connection->socket.shutdown(tcp::socket::shutdown_both, ignored);
  m_connection->socket.close(ignored);
  m_closed = true;
}

}  // namespace snag::testing
