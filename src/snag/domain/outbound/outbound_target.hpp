#pragma once
// Where Snag may send requests of its own: outgoing webhooks, Slack messages, report deliveries
// and an ATS's batch API. A URL that someone with admin rights can set is a way into the
// network Snag runs in (server-side request forgery): a webhook aimed at 169.254.169.254 reads a
// cloud's instance credentials, one aimed at 10.0.0.0/8 probes the private network. So the
// address every such request connects to is checked against this policy after DNS, and a
// literal address is already refused where the URL is set.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace snag {

enum class AddressScope {
  global,           // the public internet
  loopback,         // 127.0.0.0/8, ::1, and "localhost"
  private_network,  // RFC 1918, 100.64.0.0/10 (carrier-grade NAT), fc00::/7, fec0::/10
  link_local,       // 169.254.0.0/16 (cloud metadata services live here), fe80::/10
  unspecified,      // 0.0.0.0/8 and ::, which Linux connects to the machine itself
  multicast,        // 224.0.0.0/4, ff00::/8
  reserved,         // documentation, benchmarking and future-use ranges
};

// "a private-network address", for messages.
std::string_view describe(AddressScope scope);

// The scope of an address in network byte order: 4 bytes (IPv4) or 16 (IPv6). An IPv6 address
// that carries an IPv4 one (::ffff:a.b.c.d, NAT64's 64:ff9b::/96) has the IPv4 address's scope.
// Any other length is reserved.
AddressScope address_scope(std::span<const unsigned char> bytes);

// The scope of a host as a URL names it when that is known without DNS: an IPv4 or IPv6
// literal (with or without brackets) or "localhost"; nullopt for every other name.
std::optional<AddressScope> literal_host_scope(std::string_view host);

// The `outbound:` section of the configuration.
struct OutboundTargetPolicy {
  // Lets requests reach every scope; for a Snag whose receivers run on the private network.
  bool allow_private_targets = false;
  // Host names or address literals (lower case, as the URL names them) reached whatever their
  // addresses' scope: one internal receiver without opening the whole network.
  std::vector<std::string> allowed_hosts;

  // Whether a request to `host` may connect to an address of `scope`.
  bool permits(std::string_view host, AddressScope scope) const;
};

// The host of an http:// or https:// URL (lower case, IPv6 without brackets); nullopt when the
// URL has none. Forgiving: the URL's full check belongs to whoever parses it.
std::optional<std::string> url_host(std::string_view url);

// nullopt when `url` may be a target; otherwise why not, for a 422 on the field that holds it.
// Names that resolve to a refused address pass here and fail at connection time.
std::optional<std::string> refused_target(std::string_view url, const OutboundTargetPolicy& policy);

}  // namespace snag
