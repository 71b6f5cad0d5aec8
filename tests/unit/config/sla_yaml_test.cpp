#include <gtest/gtest.h>

#include <snag/config/settings.hpp>

namespace snag {
namespace sla_yaml_test {

// A calendars section and an sla section that refer to each other; each error case breaks one line.
const std::string k_valid = R"(calendars:
  - name: office
    time_zone: Europe/Berlin
    hours:
      mon-fri: ["09:00-12:00", "13:00-17:00"]
      sat: ["10:00-14:00"]
    holidays: [2026-12-25, 2026-01-01]
  - name: always
    time_zone: UTC
    hours: {mon-sun: ["00:00-24:00"]}
sla:
  default_calendar: office
  calendar_by_team: {legal: always}
  calendar_by_geography: {US: always}
  targets:
    sev1: {first_response_hours: 0.25, resolution_hours: 2, calendar: always}
    sev3: {resolution_hours: 16}
  issue_type_targets:
    other:
      sev3: {first_response_hours: 1}
)";

std::string replaced(std::string text, std::string_view from, std::string_view to) {
  const auto at = text.find(from);
  if (at == std::string::npos) throw std::invalid_argument("not in the YAML: " + std::string(from));
  return text.replace(at, from.size(), to);
}

TEST(SlaYaml, ReadsCalendarsAndThePolicy) {
  const auto settings = parse_settings(k_valid, "sla.yaml", {});
  ASSERT_TRUE(settings) << settings.error().message;
  const SlaPolicy& sla = settings->catalog.sla;
  ASSERT_EQ(sla.calendars.size(), 2u);
  const BusinessCalendar& office = sla.calendars[0];
  EXPECT_EQ(office.week[1].size(), 2u);  // Monday
  EXPECT_EQ(office.week[6].size(), 1u);  // Saturday
  EXPECT_TRUE(office.week[0].empty());   // Sunday is off
  ASSERT_EQ(office.holidays.size(), 2u);
  EXPECT_LT(office.holidays[0], office.holidays[1]);  // sorted
  EXPECT_TRUE(sla.calendars[1].is_always_open());
  EXPECT_EQ(sla.calendar_for("other", Severity::sev3, "legal", std::nullopt)->name, "always");
  EXPECT_EQ(sla.calendar_for("other", Severity::sev3, "hris", std::nullopt)->name, "office");
  EXPECT_EQ(sla.calendar_for("other", Severity::sev3, "hris", "US-NY")->name, "always");
  EXPECT_EQ(sla.calendar_for("other", Severity::sev3, "hris", "USA")->name, "office");
  const SlaTargets other = sla.targets_for("other", Severity::sev3);
  EXPECT_EQ(other.first_response, std::chrono::minutes{60});
  EXPECT_EQ(other.resolution, std::chrono::minutes{16 * 60});
  EXPECT_EQ(sla.targets_for("access_problem", Severity::sev1).first_response, std::chrono::minutes{15});
}

TEST(SlaYaml, TheDefaultsHaveTheShippedCalendars) {
  const auto settings = parse_settings("", "defaults", {});
  ASSERT_TRUE(settings) << settings.error().message;
  for (const char* name : {"us_eastern", "germany", "24x7"}) {
    EXPECT_TRUE(settings->catalog.sla.find_calendar(name)) << name;
  }
  EXPECT_EQ(settings->catalog.sla.default_calendar, "us_eastern");
}

TEST(SlaYaml, TheExampleFileOverridesAnIssueTypesTargetAndATeamsCalendar) {
  const auto settings = load_settings(std::filesystem::path(SNAG_SOURCE_DIR) / "config/snag.example.yaml", {});
  ASSERT_TRUE(settings) << settings.error().message;
  const SlaPolicy& sla = settings->catalog.sla;
  EXPECT_EQ(sla.targets_for("compliance_hold", Severity::sev2).first_response, std::chrono::minutes{60});
  EXPECT_EQ(sla.targets_for("compliance_hold", Severity::sev2).resolution, std::chrono::minutes{8 * 60});
  EXPECT_EQ(sla.calendar_for("other", Severity::sev3, "legal", std::nullopt)->name, "germany");
  EXPECT_EQ(settings->catalog.find_workflow("compliance")->paused, std::vector<std::string>{"pending"});
}

struct ErrorCase {
  const char* from;
  const char* to;
  const char* expected;  // "sla.yaml:<line>: <what>"
};

TEST(SlaYaml, ErrorsNameTheLine) {
  const std::vector<ErrorCase> cases{
      {"Europe/Berlin", "Europe/Atlantis", "sla.yaml:3: unknown time zone 'Europe/Atlantis'"},
      {"\"09:00-12:00\"", "\"9:00-12:00\"", "sla.yaml:5: working hours '9:00-12:00' must be HH:MM-HH:MM"},
      {"\"13:00-17:00\"", "\"13:00-17:60\"", "sla.yaml:5: working hours '13:00-17:60' must be HH:MM-HH:MM"},
      {"\"10:00-14:00\"", "\"14:00-10:00\"", "sla.yaml:6: working hours '14:00-10:00' end before they start"},
      {"\"13:00-17:00\"", "\"11:00-17:00\"", "sla.yaml:5: working hours of a day must not overlap"},
      {"sat:", "fri:", "sla.yaml:6: 'fri' is given working hours twice"},
      {"sat:", "caturday:", "sla.yaml:6: 'caturday' is not a day"},
      {"2026-12-25", "2026-02-30", "sla.yaml:7: holiday '2026-02-30' must be a date YYYY-MM-DD"},
      {"default_calendar: office", "default_calendar: offices", "sla.yaml:12: unknown calendar 'offices'"},
      {"{legal: always}", "{marketing: always}", "sla.yaml:13: unknown team 'marketing'"},
      {"{US: always}", "{US: sometimes}", "sla.yaml:14: unknown calendar 'sometimes'"},
      {"calendar: always}", "calendar: never}", "sla.yaml:16: unknown calendar 'never'"},
      {"sev3: {resolution_hours: 16}", "sev5: {resolution_hours: 16}", "sla.yaml:17: unknown severity 'sev5'"},
      {"{resolution_hours: 16}", "{resolution_hours: -1}", "sla.yaml:17: 'resolution_hours' must be a positive"},
      {"{resolution_hours: 16}", "{resolve_hours: 16}", "sla.yaml:17: 'resolve_hours' is not one of"},
      {"    other:", "    no_such_type:", "sla.yaml:19: unknown issue type 'no_such_type'"},
  };
  for (const auto& c : cases) {
    const auto settings = parse_settings(replaced(k_valid, c.from, c.to), "sla.yaml", {});
    ASSERT_FALSE(settings) << c.expected;
    EXPECT_NE(settings.error().message.find(c.expected), std::string::npos)
        << "expected " << c.expected << "\n got " << settings.error().message;
  }
}

TEST(SlaYaml, APausedStatusMustBelongToTheWorkflowAndNotBeDone) {
  const auto settings = parse_settings(R"(workflows:
  - name: default
    statuses: [new, waiting, done]
    initial: new
    done: [done]
    paused: [done]
    transitions: [{from: new, to: waiting}, {from: waiting, to: done}]
)",
                                       "wf.yaml", {});
  ASSERT_FALSE(settings);
  EXPECT_NE(
      settings.error().message.find("wf.yaml:2: workflow 'default': status 'done' cannot be both done and paused"),
      std::string::npos)
      << settings.error().message;
}

}  // namespace sla_yaml_test
}  // namespace snag
