#include <gtest/gtest.h>

#include <snag/net/url.hpp>

namespace snag {
namespace url_test {

TEST(ParseUrl, SplitsSchemeHostPortAndTarget) {
  const auto url = parse_url("https://harvest.greenhouse.io/v1/candidates?per_page=100&page=2");
  ASSERT_TRUE(url) << url.error().message;
  EXPECT_EQ(url->scheme, "https");
  EXPECT_EQ(url->host, "harvest.greenhouse.io");
  EXPECT_EQ(url->port, 443);
  EXPECT_EQ(url->target, "/v1/candidates?per_page=100&page=2");
  EXPECT_TRUE(url->https());
  EXPECT_EQ(url->origin(), "https://harvest.greenhouse.io:443");
  EXPECT_EQ(url->host_header(), "harvest.greenhouse.io");
}

TEST(ParseUrl, DefaultsAndExplicitPorts) {
  const auto plain = parse_url("http://127.0.0.1");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->port, 80);
  EXPECT_EQ(plain->target, "/");
  const auto custom = parse_url("HTTP://Example.COM:8080?x=1#frag");
  ASSERT_TRUE(custom);
  EXPECT_EQ(custom->scheme, "http");
  EXPECT_EQ(custom->host, "example.com");
  EXPECT_EQ(custom->port, 8080);
  EXPECT_EQ(custom->target, "/?x=1");  // the fragment is never sent
  EXPECT_EQ(custom->host_header(), "example.com:8080");
}

TEST(ParseUrl, Ipv6HostsKeepTheirBracketsOnlyInHeaders) {
  const auto url = parse_url("http://[::1]:9000/hooks/gh");
  ASSERT_TRUE(url) << url.error().message;
  EXPECT_EQ(url->host, "::1");
  EXPECT_EQ(url->port, 9000);
  EXPECT_EQ(url->host_header(), "[::1]:9000");
  EXPECT_EQ(url->origin(), "http://[::1]:9000");
}

TEST(ParseUrl, RefusesWhatIsNotAnHttpUrl) {
  for (const char* text :
       {"", "ftp://example.com/", "example.com/path", "http://", "http://:80/", "http://host:0/", "http://host:65536/",
        "http://host:12ab/", "http://[::1/", "http://ho st/", "http://host/a b", "http://host/\r\nX-Injected: 1"}) {
    const auto url = parse_url(text);
    EXPECT_FALSE(url) << text;
    if (!url) {
      EXPECT_EQ(url.error().code, ErrorCode::invalid_argument) << text;
    }
  }
}

TEST(ParseUrl, RefusesCredentialsWithoutRepeatingThem) {
  const auto url = parse_url("https://api-key-secret:x@harvest.greenhouse.io/v1/candidates");
  ASSERT_FALSE(url);
  EXPECT_EQ(url.error().message.find("api-key-secret"), std::string::npos) << url.error().message;
}

}  // namespace url_test
}  // namespace snag
