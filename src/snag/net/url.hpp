#pragma once
// The parts of an http:// or https:// URL that a client needs to open a connection and write a
// request line. Pure: no name resolution, no I/O.

#include <cstdint>
#include <string>
#include <string_view>

#include <snag/util/error.hpp>

namespace snag {

struct Url {
  std::string scheme;      // "http" or "https", lower case
  std::string host;        // a name, an IPv4 address, or an IPv6 address without its brackets
  std::uint16_t port = 0;  // the scheme's default when the URL names none
  std::string target;      // path and query, never empty ("/" at least); the fragment is dropped

  bool https() const { return scheme == "https"; }
  // "http://host:port", always with the port: what error messages may name (no path or query,
  // which can carry tokens).
  std::string origin() const;
  // The Host header: the host (bracketed when IPv6) and the port unless it is the default.
  std::string host_header() const;
  friend bool operator==(const Url&, const Url&) = default;
};

// invalid_argument for anything but an absolute http(s) URL with a host. User information
// ("user:password@") is refused: credentials travel in headers, never in URLs, which end up in
// logs. The message never repeats the URL, for the same reason.
Result<Url> parse_url(std::string_view text);

}  // namespace snag
