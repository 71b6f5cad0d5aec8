// The SSRF guard's pure part: which scope an address has, which hosts a policy lets Snag reach,
// and which webhook URLs are refused before any DNS.

#include <array>

#include <arpa/inet.h>
#include <gtest/gtest.h>

#include <snag/domain/outbound/outbound_target.hpp>

namespace snag {
namespace outbound_target_test {

// The scope of a textual address, read by inet_pton as the resolver hands addresses over.
AddressScope scope_of(const char* text) {
  std::array<unsigned char, 16> bytes{};
  if (::inet_pton(AF_INET, text, bytes.data()) == 1) return address_scope(std::span(bytes).first(4));
  EXPECT_EQ(::inet_pton(AF_INET6, text, bytes.data()), 1) << text;
  return address_scope(bytes);
}

TEST(OutboundTarget, ClassifiesIpv4Addresses) {
  EXPECT_EQ(scope_of("127.0.0.1"), AddressScope::loopback);
  EXPECT_EQ(scope_of("127.255.0.9"), AddressScope::loopback);
  EXPECT_EQ(scope_of("10.0.0.1"), AddressScope::private_network);
  EXPECT_EQ(scope_of("172.16.0.1"), AddressScope::private_network);
  EXPECT_EQ(scope_of("172.31.255.255"), AddressScope::private_network);
  EXPECT_EQ(scope_of("172.32.0.1"), AddressScope::global);
  EXPECT_EQ(scope_of("192.168.1.1"), AddressScope::private_network);
  EXPECT_EQ(scope_of("100.64.0.1"), AddressScope::private_network);
  EXPECT_EQ(scope_of("100.128.0.1"), AddressScope::global);
  EXPECT_EQ(scope_of("169.254.169.254"), AddressScope::link_local);
  EXPECT_EQ(scope_of("0.0.0.0"), AddressScope::unspecified);
  EXPECT_EQ(scope_of("224.0.0.1"), AddressScope::multicast);
  EXPECT_EQ(scope_of("255.255.255.255"), AddressScope::reserved);
  EXPECT_EQ(scope_of("192.0.2.1"), AddressScope::reserved);
  EXPECT_EQ(scope_of("198.19.0.1"), AddressScope::reserved);
  EXPECT_EQ(scope_of("8.8.8.8"), AddressScope::global);
  EXPECT_EQ(scope_of("203.0.114.7"), AddressScope::global);
}

TEST(OutboundTarget, ClassifiesIpv6AddressesAndTheIpv4AddressesTheyCarry) {
  EXPECT_EQ(scope_of("::1"), AddressScope::loopback);
  EXPECT_EQ(scope_of("::"), AddressScope::unspecified);
  EXPECT_EQ(scope_of("fd12:3456::1"), AddressScope::private_network);
  EXPECT_EQ(scope_of("fe80::1"), AddressScope::link_local);
  EXPECT_EQ(scope_of("ff02::1"), AddressScope::multicast);
  EXPECT_EQ(scope_of("2001:db8::1"), AddressScope::reserved);
  EXPECT_EQ(scope_of("::ffff:127.0.0.1"), AddressScope::loopback);
  EXPECT_EQ(scope_of("::ffff:169.254.169.254"), AddressScope::link_local);
  EXPECT_EQ(scope_of("64:ff9b::10.0.0.1"), AddressScope::private_network);
  EXPECT_EQ(scope_of("::ffff:8.8.8.8"), AddressScope::global);
  EXPECT_EQ(scope_of("2606:4700::1111"), AddressScope::global);
}

TEST(OutboundTarget, ReadsLiteralHostsInEveryFormTheResolverAccepts) {
  EXPECT_EQ(literal_host_scope("localhost"), AddressScope::loopback);
  EXPECT_EQ(literal_host_scope("LOCALHOST"), AddressScope::loopback);
  EXPECT_EQ(literal_host_scope("api.localhost"), AddressScope::loopback);
  EXPECT_EQ(literal_host_scope("127.1"), AddressScope::loopback);
  EXPECT_EQ(literal_host_scope("2130706433"), AddressScope::loopback);
  EXPECT_EQ(literal_host_scope("0x7f000001"), AddressScope::loopback);
  EXPECT_EQ(literal_host_scope("[::1]"), AddressScope::loopback);
  EXPECT_EQ(literal_host_scope("10.0.0.1"), AddressScope::private_network);
  EXPECT_EQ(literal_host_scope("hooks.example.com"), std::nullopt);
  EXPECT_EQ(literal_host_scope(""), std::nullopt);
}

TEST(OutboundTarget, APolicyAllowsPublicAddressesAndWhatItNames) {
  const OutboundTargetPolicy strict;
  EXPECT_TRUE(strict.permits("hooks.example.com", AddressScope::global));
  EXPECT_FALSE(strict.permits("hooks.example.com", AddressScope::private_network));
  EXPECT_FALSE(strict.permits("localhost", AddressScope::loopback));

  const OutboundTargetPolicy named{false, {"hooks.internal", "10.0.0.7"}};
  EXPECT_TRUE(named.permits("hooks.internal", AddressScope::private_network));
  EXPECT_TRUE(named.permits("HOOKS.INTERNAL", AddressScope::private_network));
  EXPECT_TRUE(named.permits("10.0.0.7", AddressScope::private_network));
  EXPECT_FALSE(named.permits("10.0.0.8", AddressScope::private_network));

  const OutboundTargetPolicy open{true, {}};
  EXPECT_TRUE(open.permits("anything", AddressScope::link_local));
}

TEST(OutboundTarget, FindsTheHostOfAUrl) {
  EXPECT_EQ(url_host("https://Hooks.Example.com:8443/a?b#c"), "hooks.example.com");
  EXPECT_EQ(url_host("http://user:pw@10.0.0.1/x"), "10.0.0.1");
  EXPECT_EQ(url_host("http://[::1]:80/"), "::1");
  EXPECT_EQ(url_host("http://host?q=@127.0.0.1"), "host");
  EXPECT_EQ(url_host("http:///path"), std::nullopt);
  EXPECT_EQ(url_host("no scheme"), std::nullopt);
}

TEST(OutboundTarget, RefusesLiteralTargetsBeforeAnyDns) {
  const OutboundTargetPolicy strict;
  const auto refused = refused_target("http://169.254.169.254/latest/meta-data/", strict);
  ASSERT_TRUE(refused);
  EXPECT_NE(refused->find("a link-local address"), std::string::npos) << *refused;
  EXPECT_FALSE(refused_target("https://hooks.example.com/snag", strict));
  EXPECT_FALSE(refused_target("https://8.8.8.8/snag", strict));
  EXPECT_FALSE(refused_target("http://127.0.0.1:9/x", OutboundTargetPolicy{false, {"127.0.0.1"}}));
  EXPECT_FALSE(refused_target("http://[::1]:9/x", OutboundTargetPolicy{false, {"::1"}}));
}

}  // namespace outbound_target_test
}  // namespace snag
