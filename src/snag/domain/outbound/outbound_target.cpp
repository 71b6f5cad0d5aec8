#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#include <arpa/inet.h>

#include <snag/domain/outbound/outbound_target.hpp>
#include <snag/util/text.hpp>

namespace snag {

namespace {

// One range: the first `prefix_bits` bits of `prefix` (network order).
template <std::size_t Size>
struct Range {
  std::array<unsigned char, Size> prefix;
  int prefix_bits;
  AddressScope scope;
};

template <std::size_t Size>
bool in_range(std::span<const unsigned char> bytes, const Range<Size>& range) {
  const auto full_bytes = static_cast<std::size_t>(range.prefix_bits / 8);
  if (!std::equal(range.prefix.begin(), range.prefix.begin() + static_cast<std::ptrdiff_t>(full_bytes),
                  bytes.begin())) {
    return false;
  }
  const int rest_bits = range.prefix_bits % 8;
  if (rest_bits == 0) return true;
  const auto mask = static_cast<unsigned char>(0xff << (8 - rest_bits));
  return (bytes[full_bytes] & mask) == (range.prefix[full_bytes] & mask);
}

// IANA's special-purpose registries (RFC 6890 and its updates), by what a request to them reaches.
constexpr Range<4> k_ipv4_ranges[] = {
    {{0, 0, 0, 0}, 8, AddressScope::unspecified},         {{10, 0, 0, 0}, 8, AddressScope::private_network},
    {{100, 64, 0, 0}, 10, AddressScope::private_network}, {{127, 0, 0, 0}, 8, AddressScope::loopback},
    {{169, 254, 0, 0}, 16, AddressScope::link_local},     {{172, 16, 0, 0}, 12, AddressScope::private_network},
    {{192, 0, 0, 0}, 24, AddressScope::reserved},         {{192, 0, 2, 0}, 24, AddressScope::reserved},
    {{192, 88, 99, 0}, 24, AddressScope::reserved},       {{192, 168, 0, 0}, 16, AddressScope::private_network},
    {{198, 18, 0, 0}, 15, AddressScope::reserved},        {{198, 51, 100, 0}, 24, AddressScope::reserved},
    {{203, 0, 113, 0}, 24, AddressScope::reserved},       {{224, 0, 0, 0}, 4, AddressScope::multicast},
    {{240, 0, 0, 0}, 4, AddressScope::reserved},
};

constexpr Range<16> k_ipv6_ranges[] = {
    {{0xfc}, 7, AddressScope::private_network},
    {{0xfe, 0xc0}, 10, AddressScope::private_network},
    {{0xfe, 0x80}, 10, AddressScope::link_local},
    {{0xff}, 8, AddressScope::multicast},
    {{0x20, 0x01, 0x0d, 0xb8}, 32, AddressScope::reserved},
    {{0x01, 0x00}, 64, AddressScope::reserved},  // discard-only
};

// The IPv6 prefixes that embed an IPv4 address in their last four bytes.
constexpr Range<16> k_ipv4_carrying_ranges[] = {
    {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff}, 96, AddressScope::global},  // IPv4-mapped
    {{0x00, 0x64, 0xff, 0x9b}, 96, AddressScope::global},                    // NAT64
};

AddressScope ipv4_scope(std::span<const unsigned char> bytes) {
  for (const auto& range : k_ipv4_ranges) {
    if (in_range(bytes, range)) return range.scope;
  }
  return AddressScope::global;
}

AddressScope ipv6_scope(std::span<const unsigned char> bytes) {
  constexpr std::array<unsigned char, 16> unspecified{};
  constexpr std::array<unsigned char, 16> loopback{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  if (std::equal(bytes.begin(), bytes.end(), unspecified.begin())) return AddressScope::unspecified;
  if (std::equal(bytes.begin(), bytes.end(), loopback.begin())) return AddressScope::loopback;
  for (const auto& range : k_ipv4_carrying_ranges) {
    if (in_range(bytes, range)) return ipv4_scope(bytes.subspan(12));
  }
  for (const auto& range : k_ipv6_ranges) {
    if (in_range(bytes, range)) return range.scope;
  }
  return AddressScope::global;
}

}  // namespace

std::string_view describe(AddressScope scope) {
  switch (scope) {
    case AddressScope::global: return "a public address";
    case AddressScope::loopback: return "a loopback address";
    case AddressScope::private_network: return "a private-network address";
    case AddressScope::link_local: return "a link-local address";
    case AddressScope::unspecified: return "an unspecified address";
    case AddressScope::multicast: return "a multicast address";
    case AddressScope::reserved: return "a reserved address";
  }
  return "an address";
}

AddressScope address_scope(std::span<const unsigned char> bytes) {
  if (bytes.size() == 4) return ipv4_scope(bytes);
  if (bytes.size() == 16) return ipv6_scope(bytes);
  return AddressScope::reserved;
}

std::optional<AddressScope> literal_host_scope(std::string_view host) {
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  const std::string text = ascii_lower(host);
  // "localhost" and its subdomains resolve to loopback without asking DNS (RFC 6761).
  if (text == "localhost" || text.ends_with(".localhost")) return AddressScope::loopback;
  std::array<unsigned char, 16> bytes{};
  // inet_aton, not inet_pton: it reads every form getaddrinfo accepts (127.1, 0x7f000001, 2130706433).
  in_addr ipv4{};
  if (::inet_aton(text.c_str(), &ipv4) != 0) {
    std::memcpy(bytes.data(), &ipv4.s_addr, 4);
    return address_scope(std::span(bytes).first(4));
  }
  if (::inet_pton(AF_INET6, text.c_str(), bytes.data()) == 1) return address_scope(bytes);
  return std::nullopt;
}

bool OutboundTargetPolicy::permits(std::string_view host, AddressScope scope) const {
  if (scope == AddressScope::global || allow_private_targets) return true;
  const std::string name = ascii_lower(host);
  return std::find(allowed_hosts.begin(), allowed_hosts.end(), name) != allowed_hosts.end();
}

std::optional<std::string> url_host(std::string_view url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::nullopt;
  std::string_view authority = url.substr(scheme_end + 3);
  authority = authority.substr(0, authority.find_first_of("/?#"));
  if (const auto at = authority.rfind('@'); at != std::string_view::npos) authority = authority.substr(at + 1);
  std::string_view host;
  if (authority.starts_with('[')) {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    host = authority.substr(1, close - 1);
  } else {
    host = authority.substr(0, authority.find(':'));
  }
  if (host.empty()) return std::nullopt;
  return ascii_lower(host);
}

std::optional<std::string> refused_target(std::string_view url, const OutboundTargetPolicy& policy) {
  const auto host = url_host(url);
  if (!host) return std::nullopt;
  const auto scope = literal_host_scope(*host);
  if (!scope || policy.permits(*host, *scope)) return std::nullopt;
  return "names " + std::string(describe(*scope)) +
         ", which Snag does not send to unless outbound.allow_private_targets or outbound.allowed_hosts allows it";
}

}  // namespace snag
