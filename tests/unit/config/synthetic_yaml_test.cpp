#include <gtest/gtest.h>

#include <snag/config/settings.hpp>

namespace snag {
namespace synthetic_yaml_test {

using namespace std::chrono_literals;

TEST(SyntheticSettings, TheDefaultsProbeEveryFiveMinutesWithinAMinuteAndAlertAfterThreeFailures) {
  const auto settings = parse_settings("", "defaults", {});
  ASSERT_TRUE(settings) << settings.error().message;
  const SyntheticPolicy expected{true, 5min, 60s, 3, "data_sync_mismatch", "it_support", Severity::sev2};
  EXPECT_EQ(settings->synthetic, expected);
}

TEST(SyntheticSettings, TheSectionAndTheEnvironmentSetTheProbe) {
  const auto settings =
      parse_settings(R"(
synthetic:
  interval: 2m
  threshold: 30s
  alert_after: 5
  alert_issue_type: other
  alert_team: hris
  alert_severity: sev1
)",
                     "snag.yaml", {{"SNAG_SYNTHETIC_ENABLED", "false"}, {"SNAG_SYNTHETIC_THRESHOLD", "45s"}});
  ASSERT_TRUE(settings) << settings.error().message;
  const SyntheticPolicy expected{false, 2min, 45s, 5, "other", "hris", Severity::sev1};
  EXPECT_EQ(settings->synthetic, expected);
}

TEST(SyntheticSettings, MistakesAreRefusedWithTheFileLineAndWhatIsWrong) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"synthetic:\n  interval: often\n", "snag.yaml:2: synthetic.interval must be a duration such as 5m or 60s"},
      {"synthetic:\n  threshold: 0s\n", "snag.yaml:2: synthetic.threshold must be a duration such as 5m or 60s"},
      {"synthetic:\n  alert_after: 0\n", "snag.yaml:2: synthetic.alert_after must be a positive whole number"},
      {"synthetic:\n  enabled: yes please\n", "snag.yaml:2: synthetic.enabled must be true or false"},
      {"synthetic:\n  alert_team: nobody\n", "snag.yaml:2: synthetic.alert_team names an unknown team 'nobody'"},
      {"synthetic:\n  alert_issue_type: nothing\n",
       "snag.yaml:2: synthetic.alert_issue_type names an unknown issue type 'nothing'"},
      {"synthetic:\n  alert_severity: sev9\n",
       "snag.yaml:2: synthetic.alert_severity must be sev1, sev2, sev3 or sev4"},
      {"synthetic:\n  endpoint: x\n",
       "snag.yaml:2: synthetic.endpoint is not a synthetic setting (enabled, interval, threshold, alert_after, "
       "alert_issue_type, alert_team, alert_severity)"},
  };
  for (const auto& [yaml, message] : cases) {
    const auto settings = parse_settings(yaml, "snag.yaml", {});
    ASSERT_FALSE(settings) << yaml;
    EXPECT_EQ(settings.error().message, message);
  }
  const auto from_environment = parse_settings("", "defaults", {{"SNAG_SYNTHETIC_ALERT_AFTER", "-1"}});
  ASSERT_FALSE(from_environment);
  EXPECT_EQ(from_environment.error().message,
            "SNAG_SYNTHETIC_ALERT_AFTER: synthetic.alert_after must be a positive whole number");
}

}  // namespace synthetic_yaml_test
}  // namespace snag
