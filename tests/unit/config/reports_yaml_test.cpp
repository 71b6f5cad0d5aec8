#include <gtest/gtest.h>

#include <snag/config/settings.hpp>

namespace snag {
namespace reports_yaml_test {

TEST(ReportsSettings, WithoutTheSectionNothingIsSent) {
  const auto settings = parse_settings("", "defaults", {});
  ASSERT_TRUE(settings) << settings.error().message;
  EXPECT_FALSE(settings->reports.delivers());
  EXPECT_EQ(settings->reports.weekday, std::chrono::Monday);
  EXPECT_EQ(settings->reports.hour, 8);
  EXPECT_EQ(settings->reports.role, "admin");
}

TEST(ReportsSettings, TheSectionSetsTheWeekdayHourReportsAndDestinations) {
  const auto settings = parse_settings(R"(
reports:
  weekday: fri
  hour: 17
  send: [summary]
  email: [lead@example.com, cfo@example.com]
  webhook_url: https://hooks.example.com/snag
  webhook_secret: whsec_cmVwb3J0cyBzaWduaW5nIGtleQ==
  role: compliance
)",
                                       "snag.yaml", {});
  ASSERT_TRUE(settings) << settings.error().message;
  const ReportSchedule& reports = settings->reports;
  EXPECT_EQ(reports.weekday, std::chrono::Friday);
  EXPECT_EQ(reports.hour, 17);
  EXPECT_EQ(reports.reports, std::vector<ReportKind>{ReportKind::summary});
  EXPECT_EQ(reports.email, (std::vector<std::string>{"lead@example.com", "cfo@example.com"}));
  EXPECT_EQ(reports.webhook_url, "https://hooks.example.com/snag");
  EXPECT_EQ(reports.webhook_secret, "whsec_cmVwb3J0cyBzaWduaW5nIGtleQ==");
  EXPECT_EQ(reports.role, "compliance");
  EXPECT_TRUE(reports.delivers());
}

TEST(ReportsSettings, MistakesAreRefusedWithTheFileLineAndWhatIsWrong) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"reports:\n  hour: 24\n", "snag.yaml:2: reports: hour must be a whole number from 0 to 23 (UTC)"},
      {"reports:\n  weekday: someday\n", "snag.yaml:2: reports: weekday must be monday … sunday (or mon … sun)"},
      {"reports:\n  send: [aging, weekly]\n", "snag.yaml:2: reports: unknown report 'weekly' (aging, summary)"},
      {"reports:\n  email: [\"lead@example.com\\r\\nBcc: x@y\"]\n",
       "snag.yaml:2: reports: 'lead@example.com\r\nBcc: x@y' is not an email address"},
      {"reports:\n  webhook_url: ftp://example.com\n",
       "snag.yaml:2: reports: webhook_url must be an http:// or https:// URL"},
      {"reports:\n  role: nobody\n", "snag.yaml:2: reports: unknown role 'nobody'"},
      {"reports:\n  cc: [a@b]\n",
       "snag.yaml:2: reports: 'cc' is not a reports key (weekday, hour, send, email, webhook_url, webhook_secret, "
       "role)"},
      {"reports:\n  webhook_url: https://hooks.example.com/snag\n",
       "snag.yaml:2: reports: webhook_url needs a webhook_secret (or SNAG_REPORTS_WEBHOOK_SECRET) to sign the "
       "reports with"},
      {"reports:\n  webhook_secret: not base64!\n",
       "snag.yaml:2: reports: webhook_secret must be a Standard Webhooks secret: whsec_ and the key in base64"},
  };
  for (const auto& [yaml, message] : cases) {
    const auto settings = parse_settings(yaml, "snag.yaml", {});
    ASSERT_FALSE(settings) << yaml;
    EXPECT_EQ(settings.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(settings.error().message, message) << yaml;
  }
}

TEST(ReportsSettings, TheWebhookSecretMayComeFromTheEnvironmentInstead) {
  const std::string yaml = "reports:\n  webhook_url: https://hooks.example.com/snag\n";
  const Environment environment{{"SNAG_REPORTS_WEBHOOK_SECRET", "whsec_ZW52aXJvbm1lbnQga2V5"}};
  const auto from_environment = parse_settings(yaml, "snag.yaml", environment);
  ASSERT_TRUE(from_environment) << from_environment.error().message;
  EXPECT_EQ(from_environment->reports.webhook_secret, "whsec_ZW52aXJvbm1lbnQga2V5");

  // It replaces the file's.
  const auto replaced =
      parse_settings(yaml + "  webhook_secret: whsec_cmVwb3J0cyBzaWduaW5nIGtleQ==\n", "snag.yaml", environment);
  ASSERT_TRUE(replaced) << replaced.error().message;
  EXPECT_EQ(replaced->reports.webhook_secret, "whsec_ZW52aXJvbm1lbnQga2V5");

  const auto malformed = parse_settings(yaml, "snag.yaml", {{"SNAG_REPORTS_WEBHOOK_SECRET", "not base64!"}});
  ASSERT_FALSE(malformed);
  EXPECT_EQ(malformed.error().message,
            "SNAG_REPORTS_WEBHOOK_SECRET must be a Standard Webhooks secret: whsec_ and the key in base64");
  EXPECT_EQ(malformed.error().message.find("not base64"), std::string::npos);  // a secret is never echoed
}

}  // namespace reports_yaml_test
}  // namespace snag
