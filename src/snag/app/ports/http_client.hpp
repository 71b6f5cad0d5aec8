#pragma once
// The HttpClient port: how use cases call other systems over HTTP (an ATS's batch API,
// outgoing webhooks). The Beast implementation is wired in by cli/; tests may use their own.

#include <cctype>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <snag/util/error.hpp>

namespace snag {

struct HttpClientRequest {
  std::string method = "GET";
  std::string url;  // http://host[:port]/path?query or https://…
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::chrono::milliseconds timeout{10000};
};

struct HttpClientResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // The first header named `name` (case-insensitive), if any.
  std::optional<std::string> header(std::string_view name) const {
    const auto same = [](std::string_view a, std::string_view b) {
      if (a.size() != b.size()) return false;
      for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) {
          return false;
        }
      }
      return true;
    };
    for (const auto& [key, value] : headers) {
      if (same(key, name)) return value;
    }
    return std::nullopt;
  }
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // Sends one request and reads the whole response. Any status is a response; `unavailable`
  // when the peer cannot be reached, the connection breaks or the timeout passes.
  virtual Result<HttpClientResponse> send(const HttpClientRequest& request) = 0;
};

}  // namespace snag
