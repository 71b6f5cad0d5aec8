#pragma once
// A webhook receiver on 127.0.0.1 and a free port, for tests that send real HTTP: one thread
// accepts connections, reads one request from each, records it and answers with the status a
// test chose. Plain sockets, so that what arrives is the raw bytes on the wire.

#include <algorithm>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace snag::testing {

struct ReceivedRequest {
  std::string method;
  std::string target;
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
  std::string body;

  std::string header(const std::string& name) const {
    for (const auto& [key, value] : headers) {
      if (key == name) return value;
    }
    return {};
  }
};

class WebhookReceiver {
 public:
  WebhookReceiver() {
    m_listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (m_listener < 0) throw std::runtime_error("socket failed");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof(address);
    if (::bind(m_listener, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
        ::listen(m_listener, 16) != 0 ||
        ::getsockname(m_listener, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      ::close(m_listener);
      throw std::runtime_error("cannot listen on 127.0.0.1");
    }
    m_port = ntohs(address.sin_port);
    m_thread = std::thread([this] { serve(); });
  }

  ~WebhookReceiver() {
    {
      std::lock_guard lock(m_mutex);
      m_stopping = true;
    }
    ::shutdown(m_listener, SHUT_RDWR);  // wakes the blocked accept
    m_thread.join();
    ::close(m_listener);
  }
  WebhookReceiver(const WebhookReceiver&) = delete;
  WebhookReceiver& operator=(const WebhookReceiver&) = delete;

  std::string url(const std::string& path = "/hooks/snag") const {
    return "http://127.0.0.1:" + std::to_string(m_port) + path;
  }

  void respond_with(int status) {
    std::lock_guard lock(m_mutex);
    m_status = status;
  }

  std::vector<ReceivedRequest> received() const {
    std::lock_guard lock(m_mutex);
    return m_received;
  }

  // Waits until `count` requests have arrived; false if `limit` passed first (a safety net for
  // a broken build, not a measure of speed).
  bool wait_for(std::size_t count, std::chrono::seconds limit) {
    std::unique_lock lock(m_mutex);
    return m_arrived.wait_for(lock, limit, [&] { return m_received.size() >= count; });
  }

 private:
  void serve() {
    for (;;) {
      const int connection = ::accept4(m_listener, nullptr, nullptr, SOCK_CLOEXEC);
      if (connection < 0) {
        std::lock_guard lock(m_mutex);
        if (m_stopping) return;
        continue;
      }
      handle(connection);
      ::close(connection);
    }
  }

  void handle(int connection) {
    std::string data;
    char buffer[4096];
    std::size_t header_end = std::string::npos;
    while ((header_end = data.find("\r\n\r\n")) == std::string::npos) {
      const auto got = ::recv(connection, buffer, sizeof(buffer), 0);
      if (got <= 0) return;
      data.append(buffer, static_cast<std::size_t>(got));
    }
    ReceivedRequest request;
    std::size_t content_length = 0;
    std::size_t line_start = 0;
    bool first = true;
    while (line_start < header_end) {
      const auto line_end = data.find("\r\n", line_start);
      const std::string line = data.substr(line_start, line_end - line_start);
      line_start = line_end + 2;
      if (first) {
        const auto space = line.find(' ');
        request.method = line.substr(0, space);
        request.target = line.substr(space + 1, line.rfind(' ') - space - 1);
        first = false;
        continue;
      }
      const auto colon = line.find(':');
      std::string name = line.substr(0, colon);
      std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
      std::string value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      if (name == "content-length") content_length = std::stoul(value);
      request.headers.emplace_back(std::move(name), std::move(value));
    }
    request.body = data.substr(header_end + 4);
    while (request.body.size() < content_length) {
      const auto got = ::recv(connection, buffer, sizeof(buffer), 0);
      if (got <= 0) return;
      request.body.append(buffer, static_cast<std::size_t>(got));
    }
    int status = 200;
    {
      std::lock_guard lock(m_mutex);
      status = m_status;
    }
    const std::string response =
        "HTTP/1.1 " + std::to_string(status) + " Status\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    ::send(connection, response.data(), response.size(), MSG_NOSIGNAL);
    {
      std::lock_guard lock(m_mutex);
      m_received.push_back(std::move(request));
    }
    m_arrived.notify_all();
  }

  int m_listener = -1;
  unsigned short m_port = 0;
  mutable std::mutex m_mutex;
  std::condition_variable m_arrived;
  std::vector<ReceivedRequest> m_received;  // guarded by m_mutex
  int m_status = 200;                       // guarded by m_mutex
  bool m_stopping = false;                  // guarded by m_mutex
  std::thread m_thread;                     // last: starts once everything above is initialised
};

}  // namespace snag::testing
