#pragma once
// HttpClient over Boost.Beast: HTTP/1.1 with one connection per request (Connection: close), and
// TLS through OpenSSL with the system's trusted certificates and host name verification for
// https:// URLs. The calls Snag makes (a page of an ATS's API every few seconds, a webhook at a
// time) gain little from keeping connections, and a fresh one cannot be in a state the last
// request left behind.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include <snag/app/ports/http_client.hpp>
#include <snag/domain/outbound/outbound_target.hpp>

namespace snag {

struct BeastHttpClientOptions {
  // A response with a larger body is refused (unavailable) rather than held in memory.
  std::size_t max_response_bytes = std::size_t{64} * 1024 * 1024;
  std::string user_agent = "snag/0.1";
  // PEM certificates to trust beside the system's: for an ATS or receiver behind a private CA.
  std::string extra_ca_pem;
  // The addresses a request may connect to, checked on every address the host resolves to (so
  // a name that DNS points at 127.0.0.1 is caught, and the connection goes only to the checked
  // addresses). None: any address, for Snag's requests to itself and the operator's tools.
  std::optional<OutboundTargetPolicy> targets;
};

// The options of a client for requests to other systems: the defaults, held to `targets`.
inline BeastHttpClientOptions outbound_options(OutboundTargetPolicy targets) {
  BeastHttpClientOptions options;
  options.targets = std::move(targets);
  return options;
}

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
  // could not be read; permission_denied, before any connection, when the host resolves to an
  // address `targets` refuses.
  Result<HttpClientResponse> send(const HttpClientRequest& request) override;

 private:
  class Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace snag
