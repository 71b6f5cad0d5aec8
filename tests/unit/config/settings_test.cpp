#include <gtest/gtest.h>

#include <snag/config/settings.hpp>

namespace snag {
namespace settings_test {

TEST(Settings, DefaultsCarryTheSeededTaxonomy) {
  const auto settings = parse_settings("", "defaults", {});
  ASSERT_TRUE(settings) << settings.error().message;
  for (const char* code : {"document_missing", "background_check_delay", "offer_link_expired", "resume_parse_failure",
                           "interview_scheduling_conflict", "data_sync_mismatch", "access_problem", "compliance_hold",
                           "other"}) {
    EXPECT_TRUE(settings->catalog.find_issue_type(code)) << code;
  }
  for (const char* team : {"recruitment", "hris", "compliance", "legal", "it_support"}) {
    EXPECT_TRUE(settings->catalog.has_team(team)) << team;
  }
  EXPECT_EQ(settings->server.listen, "127.0.0.1:8080");
}

TEST(Settings, AFileReplacesTheSectionsItNamesAndServerKeysOneByOne) {
  const auto settings = parse_settings(R"(
server:
  listen: 0.0.0.0:9000
teams:
  - {code: recruitment, name: Talent}
  - {code: hris, name: HRIS}
  - {code: compliance, name: Compliance}
  - {code: legal, name: Legal}
  - {code: it_support, name: IT}
)", "test.yaml", {});
  ASSERT_TRUE(settings) << settings.error().message;
  EXPECT_EQ(settings->server.listen, "0.0.0.0:9000");
  EXPECT_EQ(settings->server.database, "sqlite:var/snag.db");
  EXPECT_EQ(settings->catalog.teams[0].name, "Talent");
}

// Found by the configuration fuzz target: a mapping where a section's name belongs made yaml-cpp
// throw out of parse_settings, and `snag serve --config` ended in std::terminate.
TEST(Settings, AKeyThatIsNotANameIsRefusedWithItsLine) {
  const auto settings = parse_settings("server:\n  listen: 127.0.0.1:1\n? {jobs: 1}\n: 2\n", "test.yaml", {});
  ASSERT_FALSE(settings);
  EXPECT_EQ(settings.error().code, ErrorCode::invalid_argument);
  EXPECT_NE(settings.error().message.find("test.yaml:"), std::string::npos) << settings.error().message;
}

TEST(Settings, EnvironmentOverridesTheFile) {
  const auto settings = parse_settings("server: {listen: '127.0.0.1:1'}", "test.yaml",
                                       {{"SNAG_LISTEN", "127.0.0.1:2"}, {"SNAG_DATABASE", "sqlite:/tmp/x.db"}});
  ASSERT_TRUE(settings);
  EXPECT_EQ(settings->server.listen, "127.0.0.1:2");
  EXPECT_EQ(settings->server.database, "sqlite:/tmp/x.db");
}

TEST(Settings, JobsKeysReplaceTheDefaultsOneByOneAndTheEnvironmentWins) {
  const auto settings = parse_settings("jobs: {lease_seconds: 5}", "test.yaml", {{"SNAG_JOBS_TICK_MILLISECONDS", "250"}});
  ASSERT_TRUE(settings) << settings.error().message;
  EXPECT_EQ(settings->jobs.lease, std::chrono::seconds(5));
  EXPECT_EQ(settings->jobs.tick, std::chrono::milliseconds(250));
  EXPECT_EQ(settings->jobs.threads, 2);
  EXPECT_EQ(settings->jobs.poll, std::chrono::milliseconds(1000));

  const auto bad = parse_settings("jobs: {lease_seconds: soon}", "test.yaml", {});
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("jobs.lease_seconds"), std::string::npos) << bad.error().message;
  const auto unknown = parse_settings("", "test.yaml", {{"SNAG_JOBS_THREADS", "0"}});
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("SNAG_JOBS_THREADS"), std::string::npos) << unknown.error().message;
}

TEST(Settings, OutboundRequestsReachOnlyPublicAddressesUnlessTheSectionAllowsMore) {
  const auto defaults = parse_settings("", "test.yaml", {});
  ASSERT_TRUE(defaults) << defaults.error().message;
  EXPECT_FALSE(defaults->outbound.allow_private_targets);
  EXPECT_TRUE(defaults->outbound.allowed_hosts.empty());

  const auto named = parse_settings("outbound: {allowed_hosts: 'Hooks.Internal, [fd00::7],10.0.0.7'}", "test.yaml", {});
  ASSERT_TRUE(named) << named.error().message;
  EXPECT_EQ(named->outbound.allowed_hosts, (std::vector<std::string>{"hooks.internal", "fd00::7", "10.0.0.7"}));
  EXPECT_FALSE(named->outbound.allow_private_targets);

  const auto from_environment =
      parse_settings("outbound: {allowed_hosts: a.internal}", "test.yaml",
                     {{"SNAG_OUTBOUND_ALLOW_PRIVATE_TARGETS", "true"}, {"SNAG_OUTBOUND_ALLOWED_HOSTS", ""}});
  ASSERT_TRUE(from_environment) << from_environment.error().message;
  EXPECT_TRUE(from_environment->outbound.allow_private_targets);
  EXPECT_TRUE(from_environment->outbound.allowed_hosts.empty());

  const auto bad = parse_settings("outbound: {allowed_hosts: 'http://x.internal/'}", "test.yaml", {});
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("outbound.allowed_hosts"), std::string::npos) << bad.error().message;
  const auto not_boolean = parse_settings("", "test.yaml", {{"SNAG_OUTBOUND_ALLOW_PRIVATE_TARGETS", "yes"}});
  ASSERT_FALSE(not_boolean);
  EXPECT_NE(not_boolean.error().message.find("SNAG_OUTBOUND_ALLOW_PRIVATE_TARGETS"), std::string::npos);
}

TEST(Settings, TheWidgetIsOffUntilOriginsAreListedAndItsRoleMustExist) {
  const auto defaults = parse_settings("", "test.yaml", {});
  ASSERT_TRUE(defaults) << defaults.error().message;
  EXPECT_TRUE(defaults->identity.widget.allowed_origins.empty());
  EXPECT_EQ(defaults->identity.widget.role, "sourcer");

  const auto listed = parse_settings(
      "widget: {allowed_origins: 'https://App.Greenhouse.io, http://127.0.0.1:5173', role: hiring_manager, "
      "token_lifetime_seconds: 300}",
      "test.yaml", {});
  ASSERT_TRUE(listed) << listed.error().message;
  EXPECT_EQ(listed->identity.widget.allowed_origins,
            (std::vector<std::string>{"https://app.greenhouse.io", "http://127.0.0.1:5173"}));
  EXPECT_EQ(listed->identity.widget.role, "hiring_manager");
  EXPECT_EQ(listed->identity.widget.token_lifetime, std::chrono::seconds{300});

  const auto from_environment =
      parse_settings("", "test.yaml", {{"SNAG_WIDGET_ALLOWED_ORIGINS", "https://jobs.lever.co"}});
  ASSERT_TRUE(from_environment) << from_environment.error().message;
  EXPECT_EQ(from_environment->identity.widget.allowed_origins, (std::vector<std::string>{"https://jobs.lever.co"}));

  const auto with_path = parse_settings("widget: {allowed_origins: 'https://ats.example.com/jobs'}", "test.yaml", {});
  ASSERT_FALSE(with_path);
  EXPECT_NE(with_path.error().message.find("widget.allowed_origins"), std::string::npos) << with_path.error().message;
  const auto unknown_role = parse_settings("widget: {role: intern}", "test.yaml", {});
  ASSERT_FALSE(unknown_role);
  EXPECT_NE(unknown_role.error().message.find("widget.role"), std::string::npos) << unknown_role.error().message;
}

TEST(Settings, TheWidgetsCallsPerAddressAreLimitedUnlessTheLimitIsZero) {
  const auto defaults = parse_settings("", "test.yaml", {});
  ASSERT_TRUE(defaults) << defaults.error().message;
  EXPECT_EQ(defaults->identity.widget.requests_per_minute_per_address, 60);
  const auto unlimited = parse_settings("widget: {requests_per_minute_per_address: 0}", "test.yaml", {});
  ASSERT_TRUE(unlimited) << unlimited.error().message;
  EXPECT_EQ(unlimited->identity.widget.requests_per_minute_per_address, 0);
  const auto from_environment = parse_settings("", "test.yaml", {{"SNAG_WIDGET_REQUESTS_PER_MINUTE_PER_ADDRESS", "5"}});
  ASSERT_TRUE(from_environment) << from_environment.error().message;
  EXPECT_EQ(from_environment->identity.widget.requests_per_minute_per_address, 5);
  for (const char* bad : {"-1", "ten", "1.5"}) {
    const auto refused =
        parse_settings(std::string("widget: {requests_per_minute_per_address: '") + bad + "'}", "test.yaml", {});
    ASSERT_FALSE(refused) << bad;
    EXPECT_NE(refused.error().message.find("widget.requests_per_minute_per_address"), std::string::npos)
        << refused.error().message;
  }
}

TEST(Settings, EachRoleMayOpenOnAListViewThatMustBeAValidQuery) {
  const auto shipped = parse_settings("", "test.yaml", {});
  ASSERT_TRUE(shipped) << shipped.error().message;
  const auto& views = shipped->identity.login.default_views;
  EXPECT_EQ(views.at("sourcer"), "assignee=me&status=new,triaged,in_progress,pending");
  EXPECT_NE(views.at("compliance").find("accommodation_request"), std::string::npos);
  EXPECT_FALSE(views.contains("admin"));

  const auto changed = parse_settings("views: {admin: 'severity=sev1,sev2'}", "test.yaml", {});
  ASSERT_TRUE(changed) << changed.error().message;
  EXPECT_EQ(changed->identity.login.default_views.at("admin"), "severity=sev1,sev2");
  EXPECT_TRUE(changed->identity.login.default_views.contains("sourcer"));  // replaced key by key

  for (const auto* bad : {"views: {admin: 'status=nope'}", "views: {admin: 'status'}", "views: {admin: 'q=a%20b'}",
                          "views: {intern: 'status=new'}"}) {
    const auto refused = parse_settings(bad, "test.yaml", {});
    ASSERT_FALSE(refused) << bad;
    EXPECT_NE(refused.error().message.find("views."), std::string::npos) << refused.error().message;
  }
}

TEST(Settings, TheInterviewNoticeHorizonDefaultsToThreeDaysAndIsAWholeNumberOfHours) {
  const auto shipped = parse_settings("", "defaults", {});
  ASSERT_TRUE(shipped) << shipped.error().message;
  EXPECT_EQ(shipped->ats.interview_notice_horizon, std::chrono::hours(72));
  const auto settings = parse_settings("ats: {interview_notice_hours: 24}", "test.yaml", {});
  ASSERT_TRUE(settings) << settings.error().message;
  EXPECT_EQ(settings->ats.interview_notice_horizon, std::chrono::hours(24));
  const auto bad = parse_settings("ats: {interview_notice_hours: 2d}", "test.yaml", {});
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("ats.interview_notice_hours must be a positive whole number"), std::string::npos)
      << bad.error().message;
}

TEST(Settings, TheViewLogWindowDefaultsToFifteenMinutesAndZeroLogsEveryView) {
  const auto defaults = parse_settings("", "defaults", {});
  ASSERT_TRUE(defaults) << defaults.error().message;
  EXPECT_EQ(defaults->identity.view_log_window, std::chrono::minutes(15));
  const auto every = parse_settings("identity: {view_log_window_seconds: 0}", "test.yaml", {});
  ASSERT_TRUE(every) << every.error().message;
  EXPECT_EQ(every->identity.view_log_window, std::chrono::seconds(0));
  const auto bad = parse_settings("identity: {view_log_window_seconds: -5}", "test.yaml", {});
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("identity.view_log_window_seconds"), std::string::npos) << bad.error().message;
}

TEST(Settings, AnIssueTypeWithAnUnknownTeamIsRefusedByName) {
  const auto settings = parse_settings(R"(
issue_types:
  - {code: x, name: X, category: c, default_team: marketing, default_severity: sev3, workflow: default}
)", "test.yaml", {});
  ASSERT_FALSE(settings);
  EXPECT_NE(settings.error().message.find("marketing"), std::string::npos);
}

TEST(Settings, BrokenYamlNamesTheFileAndLine) {
  const auto settings = parse_settings("server:\n  listen: [unclosed\n", "broken.yaml", {});
  ASSERT_FALSE(settings);
  EXPECT_NE(settings.error().message.find("broken.yaml:"), std::string::npos);
}

TEST(Settings, AWorkflowTransitionToAnUnknownStatusIsRefusedWithItsLine) {
  const auto settings = parse_settings(R"(
workflows:
  - name: default
    statuses: [new, done]
    initial: new
    transitions:
      - {from: new, to: gone}
)", "wf.yaml", {});
  ASSERT_FALSE(settings);
  EXPECT_NE(settings.error().message.find("wf.yaml:3"), std::string::npos) << settings.error().message;
  EXPECT_NE(settings.error().message.find("gone"), std::string::npos);
}

TEST(Settings, TheVendorFeedbackKDefaultsToFiveAndMustBeFromOneToAThousand) {
  const auto defaults = parse_settings("", "defaults", {});
  ASSERT_TRUE(defaults) << defaults.error().message;
  EXPECT_EQ(defaults->exports.vendor_feedback_k, 5u);
  const auto stricter = parse_settings("exports: {vendor_feedback_k: 10}", "t.yaml", {});
  ASSERT_TRUE(stricter) << stricter.error().message;
  EXPECT_EQ(stricter->exports.vendor_feedback_k, 10u);
  for (const char* bad : {"0", "1001", "five"}) {
    const auto refused = parse_settings(std::string("exports: {vendor_feedback_k: ") + bad + "}", "t.yaml", {});
    ASSERT_FALSE(refused) << bad;
    EXPECT_NE(refused.error().message.find("exports.vendor_feedback_k"), std::string::npos) << refused.error().message;
  }
}

TEST(Settings, UnknownServerSettingIsRefused) {
  EXPECT_FALSE(parse_settings("server: {colour: blue}", "t.yaml", {}));
  EXPECT_FALSE(parse_settings("", "t.yaml", {{"SNAG_IO_THREADS", "zero"}}));
}

}  // namespace settings_test
}  // namespace snag

namespace snag {
namespace settings_test {

TEST(Settings, TheShippedExampleFileLoads) {
  const auto settings = load_settings(std::filesystem::path(SNAG_SOURCE_DIR) / "config/snag.example.yaml", {});
  ASSERT_TRUE(settings) << settings.error().message;
  const IssueType* hold = settings->catalog.find_issue_type("compliance_hold");
  ASSERT_TRUE(hold);
  EXPECT_EQ(hold->workflow, "compliance");
}

TEST(Settings, AMissingFileIsNamed) {
  const auto settings = load_settings(std::filesystem::path("/nonexistent/snag.yaml"), {});
  ASSERT_FALSE(settings);
  EXPECT_NE(settings.error().message.find("/nonexistent/snag.yaml"), std::string::npos);
}

}  // namespace settings_test
}  // namespace snag

namespace snag {
namespace settings_test {

TEST(RetentionSection, TheShippedRulesKeepAYearOrThreeAndAFileReplacesThem) {
  const auto defaults = parse_settings("", "defaults", {});
  ASSERT_TRUE(defaults) << defaults.error().message;
  ASSERT_FALSE(defaults->retention.rules.empty());
  EXPECT_EQ(defaults->retention.rules.front().issue_type, "background_check_delay");
  EXPECT_EQ(defaults->retention.rules.back().issue_type, "*");

  const auto own = parse_settings("retention:\n  - {issue_type: other, geography: DE, days_after_purge: 0}\n",
                                  "own.yaml", {});
  ASSERT_TRUE(own) << own.error().message;
  ASSERT_EQ(own->retention.rules.size(), 1u);
  EXPECT_EQ(own->retention.rules[0].geography, "DE");
  EXPECT_EQ(own->retention.rules[0].days_after_purge, 0);
  EXPECT_FALSE(own->retention.rules[0].days_after_close);

  const auto none = parse_settings("retention: []\n", "none.yaml", {});
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->retention.rules.empty()) << "an empty list keeps every ticket";
}

TEST(RetentionSection, ABadRuleIsRefusedWithItsLine) {
  const std::pair<const char*, const char*> cases[] = {
      {"retention:\n  - {issue_type: offer_expird, days_after_close: 3}\n", "own.yaml:2: retention: unknown issue type"},
      {"retention:\n  - {issue_type: other}\n", "own.yaml:2: retention: a rule needs days_after_close"},
      {"retention:\n  - {issue_type: other, days_after_close: -1}\n", "days_after_close must be a whole number"},
      {"retention:\n  - {issue_type: other, days_after_close: 3, keep: forever}\n", "'keep' is not a retention key"},
      {"retention: {other: 3}\n", "retention: must be a list of rules"},
  };
  for (const auto& [yaml, expected] : cases) {
    const auto parsed = parse_settings(yaml, "own.yaml", {});
    ASSERT_FALSE(parsed) << yaml;
    EXPECT_NE(parsed.error().message.find(expected), std::string::npos) << parsed.error().message;
  }
}

}  // namespace settings_test
}  // namespace snag
