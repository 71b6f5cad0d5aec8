// The `severity_protocols:` section: the shipped protocols, a file's own, and mistakes refused
// with the file, the line and what is wrong.

#include <gtest/gtest.h>

#include <snag/config/settings.hpp>

namespace snag {
namespace severity_protocols_yaml_test {

using std::chrono::minutes;

TEST(SeverityProtocolsSettings, TheDefaultsGiveEachSeverityItsProtocol) {
  const auto settings = parse_settings("", "defaults", {});
  ASSERT_TRUE(settings) << settings.error().message;
  const auto& protocols = settings->catalog.severity_protocols;
  ASSERT_EQ(protocols.size(), 4u);
  const SeverityProtocol* sev1 = find_protocol(protocols, Severity::sev1);
  ASSERT_NE(sev1, nullptr);
  EXPECT_EQ(sev1->respond_within, minutes(15));
  EXPECT_EQ(sev1->update_every, minutes(30));
  EXPECT_TRUE(sev1->postmortem_required);
  const std::vector<ProtocolRecipient> notified{{ProtocolRecipient::Kind::commander, {}},
                                                {ProtocolRecipient::Kind::role, "hrbp"},
                                                {ProtocolRecipient::Kind::role, "admin"}};
  EXPECT_EQ(sev1->notify, notified);
  const SeverityProtocol* sev4 = find_protocol(protocols, Severity::sev4);
  ASSERT_NE(sev4, nullptr);
  EXPECT_FALSE(sev4->update_every);
  EXPECT_FALSE(sev4->postmortem_required);
}

TEST(SeverityProtocolsSettings, AFileReplacesThemAndMistakesNameTheLine) {
  const std::string four = R"(severity_protocols:
  - {severity: sev1, respond_within_minutes: 5, update_every_minutes: 10, notify: [user:nina], postmortem_required: true}
  - {severity: sev2, respond_within_minutes: 30}
  - {severity: sev3, respond_within_minutes: 60}
  - {severity: sev4, respond_within_minutes: 600}
)";
  const auto settings = parse_settings(four, "snag.yaml", {});
  ASSERT_TRUE(settings) << settings.error().message;
  const SeverityProtocol* sev1 = find_protocol(settings->catalog.severity_protocols, Severity::sev1);
  ASSERT_NE(sev1, nullptr);
  EXPECT_EQ(sev1->respond_within, minutes(5));
  EXPECT_EQ(sev1->notify, (std::vector<ProtocolRecipient>{{ProtocolRecipient::Kind::user, "nina"}}));
  EXPECT_FALSE(find_protocol(settings->catalog.severity_protocols, Severity::sev2)->update_every);

  const std::vector<std::pair<std::string, std::string>> cases{
      {"severity_protocols:\n  - {severity: sev1, respond_within_minutes: 5}\n",
       "snag.yaml:2: severity_protocols: sev2 must have exactly one protocol, not 0"},
      {"severity_protocols:\n  - {severity: sev7, respond_within_minutes: 5}\n",
       "snag.yaml:2: a severity must be sev1, sev2, sev3 or sev4"},
      {"severity_protocols:\n  - {severity: sev1, respond_within_minutes: soon}\n",
       "snag.yaml:2: 'respond_within_minutes' must be a positive number of minutes"},
      {"severity_protocols:\n  - {severity: sev1, respond_within_minutes: 5, notify: [team:hris]}\n",
       "snag.yaml:2: 'notify' entries are commander, role:CODE or user:NAME"},
  };
  for (const auto& [yaml, message] : cases) {
    const auto refused = parse_settings(yaml, "snag.yaml", {});
    ASSERT_FALSE(refused) << yaml;
    EXPECT_EQ(refused.error().message, message) << yaml;
  }
}

}  // namespace severity_protocols_yaml_test
}  // namespace snag
