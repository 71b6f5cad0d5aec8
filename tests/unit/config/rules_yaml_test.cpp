// A rule that cannot work is refused when the configuration is read, naming the rule and line.

#include <gtest/gtest.h>

#include <snag/config/settings.hpp>

namespace snag {
namespace rules_yaml_test {

struct BadRule {
  const char* yaml;
  const char* expected;  // a part of the message, after "rules.yaml:<line>: "
  int line;
};

// Names the case in test listings (CTest shows the parameter) by the message it expects.
void PrintTo(const BadRule& bad_rule, std::ostream* out) { *out << bad_rule.expected; }

class RulesYaml : public ::testing::TestWithParam<BadRule> {};

TEST_P(RulesYaml, RefusesWithTheRuleAndLine) {
  const auto settings = parse_settings(std::string("rules:\n") + GetParam().yaml, "rules.yaml", {});
  ASSERT_FALSE(settings);
  EXPECT_EQ(settings.error().code, ErrorCode::invalid_argument);
  const std::string& message = settings.error().message;
  EXPECT_NE(message.find("rules.yaml:" + std::to_string(GetParam().line) + ": "), std::string::npos) << message;
  EXPECT_NE(message.find(GetParam().expected), std::string::npos) << message;
}

INSTANTIATE_TEST_SUITE_P(
    Mistakes, RulesYaml,
    ::testing::Values(
        BadRule{"  - name: a\n    when: {ats_event: [offer.exploded]}\n    then: [{create_ticket: offer_link_expired}]\n",
                "rule 'a': 'offer.exploded' is not an ATS event type", 3},
        BadRule{"  - name: b\n    when: {ats_event: [offer.expired]}\n    then: [{create_ticket: lost_offer}]\n",
                "rule 'b': unknown issue type 'lost_offer'", 4},
        BadRule{"  - name: c\n    when: ticket_created\n    then: [{set_team: marketing}]\n",
                "rule 'c': unknown team 'marketing'", 4},
        BadRule{"  - name: d\n    when: ticket_created\n    if: {field: ticket.team, like: hris}\n    then: [{add_label: x}]\n",
                "rule 'd': 'like' is not an operator", 4},
        BadRule{"  - name: e\n    when: ticket_created\n    if: {field: event.type, eq: offer.expired}\n"
                "    then: [{add_label: x}]\n",
                "rule 'e': 'event.type': a ticket_created rule reads ticket.* and candidate.*", 4},
        BadRule{"  - name: f\n    when: ticket_created\n    if: {field: ticket.created_at, older_than: a week}\n"
                "    then: [{add_label: x}]\n",
                "rule 'f': older_than takes a duration", 4},
        BadRule{"  - name: g\n    when: {ats_event: [offer.expired]}\n    then: [{set_severity: sev1}]\n",
                "rule 'g': an ats_event rule must open a ticket", 4},
        BadRule{"  - name: h\n    when: ticket_created\n    then: [{create_ticket: other}]\n",
                "rule 'h': create_ticket is for ats_event rules", 4},
        BadRule{"  - name: i\n    when: ticket_created\n    then: [{assign: randomly}]\n",
                "rule 'i': assign takes round_robin or least_loaded", 4},
        BadRule{"  - name: j\n    when: ticket_created\n    if: {field: ticket.team, in: hris}\n    then: [{add_label: x}]\n",
                "rule 'j': in takes a list of values", 4},
        BadRule{"  - name: k\n    when: ticket_created\n    then: [{add_label: x}]\n"
                "  - name: k\n    when: ticket_created\n    then: [{add_label: y}]\n",
                "rule 'k': another rule has this name", 5},
        BadRule{"  - name: p\n    when: schedule\n    if: {field: candidate.level, eq: executive}\n"
                "    then: [{add_label: x}]\n",
                "rule 'p': 'candidate.level': a schedule rule reads ticket.*", 4},
        BadRule{"  - name: q\n    when: schedule\n    then: [{assign: round_robin}]\n",
                "rule 'q': assign is for ats_event, ticket_created and sla rules", 4},
        BadRule{"  - name: r\n    when: {sla: 100%}\n    then: [{notify: assignee}]\n",
                "rule 'r': sla takes a share of the resolution target below 100%", 3},
        BadRule{"  - name: s\n    when: {sla: breach - 2h}\n    then: [{notify: assignee}]\n",
                "rule 's': sla takes a share", 3},
        BadRule{"  - name: t\n    when: {sla: breach}\n    if: {field: candidate.level, eq: executive}\n"
                "    then: [{notify: assignee}]\n",
                "rule 't': 'candidate.level': an sla rule reads ticket.*", 4},
        BadRule{"  - name: u\n    when: {ats_event: [offer.expired]}\n"
                "    then: [{create_ticket: offer_link_expired}, {notify: team}]\n",
                "rule 'u': notify is for ticket_created, schedule and sla rules", 4},
        BadRule{"  - name: v\n    when: {sla: breach}\n    then: [{notify: [assignee, role:ceo]}]\n",
                "rule 'v': unknown role 'ceo'", 4},
        BadRule{"  - name: w\n    when: {sla: breach}\n    then: [{notify: everyone}]\n",
                "rule 'w': a recipient is assignee, watchers, team or role:<role>", 4},
        BadRule{"  - name: x\n    when: {sla: breach}\n    then: [{escalate: 0}]\n",
                "rule 'x': escalate takes the number of severity levels to raise, 1 to 3", 4},
        BadRule{"  - name: y\n    when: {sla: breach}\n    then: [{assign: {strategy: least_loaded, role: ceo}}]\n",
                "rule 'y': unknown role 'ceo'", 4},
        BadRule{"  - name: l\n    when: sometimes\n    then: [{add_label: x}]\n", "rule 'l': 'when' must be", 3},
        BadRule{"  - name: m\n    when: ticket_created\n    then: []\n", "rule 'm': 'then' must list at least one action",
                2},
        BadRule{"  - name: n\n    when: ticket_created\n    unless: {}\n    then: [{add_label: x}]\n",
                "rule 'n': 'unless' is not part of a rule", 4},
        BadRule{"  - when: ticket_created\n    then: [{add_label: x}]\n", "'name' is required", 2},
        BadRule{"  - name: o\n    when: ticket_created\n    if: {eq: x, ne: y}\n    then: [{add_label: x}]\n",
                "rule 'o': a condition's 'field' is required", 4}));

TEST(RulesYamlSection, SlaRulesBecomeTheClocksEscalationPoints) {
  const auto settings = parse_settings(R"(
rules:
  - name: nearly
    when: {sla: 75%}
    then: [{notify: {to: [assignee, role:senior_recruiter], message: hurry}}]
  - name: late
    when: {sla: breach + 1d}
    then: [{assign: {strategy: round_robin, role: senior_recruiter}}, {escalate: 2}]
  - name: unanswered
    when: {sla: first_response_breach}
    then: [{notify: team}]
)", "sla.yaml", {});
  ASSERT_TRUE(settings) << settings.error().message;
  const auto snapshot = settings->catalog.sla.escalation_points.snapshot();
  const auto& points = *snapshot;
  ASSERT_EQ(points.size(), 3u);
  EXPECT_EQ(points[0].name, "nearly");
  EXPECT_EQ(points[0].point.kind, SlaPoint::Kind::share_of_resolution);
  EXPECT_DOUBLE_EQ(points[0].point.share, 0.75);
  EXPECT_EQ(points[1].point.kind, SlaPoint::Kind::resolution_breach);
  EXPECT_EQ(points[1].point.after_breach, std::chrono::hours(24));
  EXPECT_EQ(points[2].point.kind, SlaPoint::Kind::first_response_breach);

  const Rule& nearly = settings->rules.rules[0];
  ASSERT_EQ(nearly.actions.size(), 1u);
  EXPECT_EQ(nearly.actions[0].value, "hurry");
  EXPECT_EQ(nearly.actions[0].recipients,
            (std::vector<NotifyRecipient>{{NotifyRecipient::Kind::assignee, ""},
                                          {NotifyRecipient::Kind::role, "senior_recruiter"}}));
  const Rule& late = settings->rules.rules[1];
  EXPECT_EQ(late.actions[0].strategy, AssignmentStrategy::round_robin);
  EXPECT_EQ(late.actions[0].role, "senior_recruiter");
  EXPECT_EQ(late.actions[1].raise_by, 2);
}

TEST(RulesYamlSection, TheOldTicketsOnSettingPointsToRules) {
  const auto settings = parse_settings("ats:\n  tickets_on: {offer.expired: offer_link_expired}\n", "old.yaml", {});
  ASSERT_FALSE(settings);
  EXPECT_NE(settings.error().message.find("tickets_on was replaced by rules"), std::string::npos)
      << settings.error().message;
}

TEST(RulesYamlSection, AFileWithoutRulesKeepsTheShippedOnesAndAnEmptyListTurnsThemOff) {
  const auto shipped = parse_settings("", "none.yaml", {});
  ASSERT_TRUE(shipped) << shipped.error().message;
  EXPECT_GE(shipped->rules.rules.size(), 4u);
  const auto none = parse_settings("rules: []\n", "off.yaml", {});
  ASSERT_TRUE(none) << none.error().message;
  EXPECT_TRUE(none->rules.rules.empty());
}

}  // namespace rules_yaml_test
}  // namespace snag
