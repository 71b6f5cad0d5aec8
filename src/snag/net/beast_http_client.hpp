#pragma once
// HttpClient over Boost.Beast: HTTP/1.1 with one connection per request (Connection: close), and
// TLS through OpenSSL with the system's trusted certificates and host name verification for
// https:// URLs. The calls Snag makes (a page of an ATS's API every few seconds, a webhook at a
// time) gain little from keeping connections, and a fresh one cannot be in a state the last
// request left behind.

#include <cstddef>
#include <memory>
#include <string>

#include <snag/app/ports/http_client.hpp>

namespace snag {

struct BeastHttpClientOptions {
  // A response with a larger body is refused (unavailable) rather than held in memory.
  std::size_t max_response_bytes = std::size_t{64} * 1024 * 1024;
  std::string user_agent = "snag/0.1";
  // PEM certificates to trust beside the system's: for an ATS or receiver behind a private CA.
  std::string extra_ca_pem;
};

// Thread-safe: every send runs its own I/O context; only the TLS settings are shared.
class BeastHttpClient final : public HttpClient {
 public:
  explicit BeastHttpClient(BeastHttpClientOptions options = {});
  ~BeastHttpClient() override;
  BeastHttpClient(const BeastHttpClient&) = delete;
  BeastHttpClient& operator=(const BeastHttpClient&) = delete;

  // Errors name the peer as scheme://host:port only: paths and queries may carry tokens, and no
  // header or body ever appears in them. invalid_argument for a malformed URL, method or header;
  // unavailable when the peer cannot be resolved, reached or read within request.timeout, or its
  // certificate is not trusted; invalid_argument for every https request when extra_ca_pem
  // could not be read.
  Result<HttpClientResponse> send(const HttpClientRequest& request) override;

 private:
  class Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace snag
