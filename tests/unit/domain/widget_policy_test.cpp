// Origins as the widget policy reads them: what a browser sends in Origin, lower-cased; anything
// with a path, user information or a bad port is no origin.

#include <gtest/gtest.h>

#include <snag/domain/access/widget_policy.hpp>

namespace snag {
namespace widget_policy_test {

TEST(WidgetPolicy, ReadsOriginsAsBrowsersSendThem) {
  EXPECT_EQ(normalized_origin("https://ats.example.com"), "https://ats.example.com");
  EXPECT_EQ(normalized_origin("HTTPS://ATS.Example.COM:8443"), "https://ats.example.com:8443");
  EXPECT_EQ(normalized_origin("http://127.0.0.1:5173"), "http://127.0.0.1:5173");
  EXPECT_EQ(normalized_origin("http://[::1]:8080"), "http://[::1]:8080");
  for (const auto* text : {"", "null", "ats.example.com", "https://", "https://ats.example.com/",
                           "https://ats.example.com/jobs", "https://user@ats.example.com", "ftp://ats.example.com",
                           "https://ats.example.com:", "https://ats.example.com:99999x", "https://:443",
                           "https://ats example.com", "http://::1:8080"}) {
    EXPECT_EQ(normalized_origin(text), std::nullopt) << text;
  }
}

TEST(WidgetPolicy, AllowsOnlyTheListedOriginsExactly) {
  WidgetPolicy policy;
  policy.allowed_origins = {"https://ats.example.com"};
  EXPECT_TRUE(allows_origin(policy, "https://ats.example.com"));
  EXPECT_TRUE(allows_origin(policy, "https://ATS.example.com"));
  EXPECT_FALSE(allows_origin(policy, "http://ats.example.com"));
  EXPECT_FALSE(allows_origin(policy, "https://ats.example.com:444"));
  EXPECT_FALSE(allows_origin(policy, "https://evil-ats.example.com"));
  EXPECT_FALSE(allows_origin(policy, "https://ats.example.com.evil.net"));
  EXPECT_FALSE(allows_origin(WidgetPolicy{}, "https://ats.example.com"));
  EXPECT_EQ(widget_actor_name("https://ats.example.com:8443"), "widget:ats.example.com:8443");
}

}  // namespace widget_policy_test
}  // namespace snag
