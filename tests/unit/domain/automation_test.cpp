// Automation rules: conditions over facts, which rules open tickets for an ATS event, and how
// ticket_created rules route a new ticket. Rules are written in YAML, as users write them.

#include <gtest/gtest.h>

#include <snag/config/settings.hpp>
#include <snag/domain/automation/facts.hpp>
#include <snag/domain/automation/rule.hpp>

namespace snag {
namespace automation_test {

using nlohmann::json;

const Timestamp k_now = *parse_rfc3339("2026-11-28T12:00:00Z");

RuleSet rules_from(const std::string& yaml) {
  auto settings = parse_settings("rules:\n" + yaml, "rules.yaml", {});
  if (!settings) throw std::runtime_error(settings.error().message);
  return settings->rules;
}

// One ticket_created rule with the given condition; whether it fires on the facts.
bool fires(const std::string& condition, const FactSource& facts) {
  const RuleSet rules = rules_from(
      "  - name: probe\n"
      "    when: ticket_created\n"
      "    if: " + condition + "\n"
      "    then: [{add_label: hit}]\n");
  return !ticket_rule_changes(rules, RuleTrigger::ticket_created, facts, k_now).rules.empty();
}

Ticket sample_ticket() {
  Ticket ticket;
  ticket.type = "document_missing";
  ticket.severity = Severity::sev3;
  ticket.team = "hris";
  ticket.labels = {"ats", "auto"};
  ticket.title = "I-9 missing for the Berlin office";
  ticket.created_at = *parse_rfc3339("2026-11-20T12:00:00Z");
  return ticket;
}

Candidate sample_candidate() {
  Candidate candidate;
  candidate.ref = CandidateRef{"greenhouse", "42"};
  candidate.profile.level = "executive";
  candidate.profile.geography = "DE";
  candidate.profile.fields = {{"visa_status", "H-1B"}, {"relocation", true}, {"years", 12}};
  return candidate;
}

const Ticket k_ticket = sample_ticket();
const Candidate k_candidate = sample_candidate();
const FactSource k_facts{nullptr, &k_ticket, &k_candidate};

struct OperatorCase {
  const char* condition;
  bool expected;
};

// Names the case in test listings (CTest shows the parameter) by its condition.
void PrintTo(const OperatorCase& operator_case, std::ostream* out) { *out << operator_case.condition; }

class ConditionOperators : public ::testing::TestWithParam<OperatorCase> {};

TEST_P(ConditionOperators, HoldOrNot) {
  EXPECT_EQ(fires(GetParam().condition, k_facts), GetParam().expected) << GetParam().condition;
}

INSTANTIATE_TEST_SUITE_P(
    EveryOperator, ConditionOperators,
    ::testing::Values(
        OperatorCase{"{field: candidate.level, eq: executive}", true},
        OperatorCase{"{field: candidate.level, eq: entry}", false},
        OperatorCase{"{field: candidate.level, ne: entry}", true},
        OperatorCase{"{field: candidate.missing, ne: entry}", true},  // an absent fact is not "entry"
        OperatorCase{"{field: candidate.geography, in: [DE, FR]}", true},
        OperatorCase{"{field: candidate.geography, in: [US-CA]}", false},
        OperatorCase{"{field: candidate.geography, not_in: [US-CA, US-NY]}", true},
        OperatorCase{"{field: candidate.fields.years, gt: 10}", true},
        OperatorCase{"{field: candidate.fields.years, gt: 12}", false},
        OperatorCase{"{field: candidate.fields.years, lt: 13}", true},
        OperatorCase{"{field: ticket.severity, lt: sev4}", true},  // text compares as text: sev1 < sev4
        OperatorCase{"{field: ticket.title, contains: Berlin}", true},
        OperatorCase{"{field: ticket.labels, contains: auto}", true},
        OperatorCase{"{field: ticket.labels, contains: manual}", false},
        OperatorCase{"{field: candidate.fields.visa_status, exists: true}", true},
        OperatorCase{"{field: candidate.fields.sponsor, exists: true}", false},
        OperatorCase{"{field: candidate.fields.sponsor, exists: false}", true},
        OperatorCase{"{field: candidate.fields.relocation, eq: true}", true},
        OperatorCase{"{field: candidate.fields.years, eq: '12'}", true},  // ATS fields arrive as text or typed
        OperatorCase{"{field: candidate.fields.missing, gt: 1}", false},
        OperatorCase{"{all: [{field: candidate.level, eq: executive}, {field: ticket.team, eq: hris}]}", true},
        OperatorCase{"{all: [{field: candidate.level, eq: executive}, {field: ticket.team, eq: legal}]}", false},
        OperatorCase{"{any: [{field: candidate.level, eq: entry}, {field: ticket.team, eq: hris}]}", true},
        OperatorCase{"{any: [{field: candidate.level, eq: entry}, {field: ticket.team, eq: legal}]}", false},
        OperatorCase{"{not: {field: candidate.level, eq: executive}}", false},
        OperatorCase{"{not: {any: [{field: ticket.team, eq: legal}]}}", true}));

TEST(Conditions, OlderThanComparesAnRfc3339FactWithNow) {
  EXPECT_TRUE(fires("{field: ticket.created_at, older_than: 7d}", k_facts));
  EXPECT_FALSE(fires("{field: ticket.created_at, older_than: 8d}", k_facts));
  EXPECT_TRUE(fires("{field: ticket.created_at, older_than: 191h}", k_facts));
  EXPECT_FALSE(fires("{field: ticket.title, older_than: 1d}", k_facts));  // not a time
}

// resolve_fact reads from the records what find_fact reads from the whole facts objects, for
// every member of each (the shortcuts and the rest), nested paths, and absent records.
TEST(Facts, ResolvingAPathGivesWhatTheWholeFactsObjectHolds) {
  AtsEvent event;
  event.type = AtsEventType::background_check_updated;
  event.source_action = "background_check.updated";
  event.occurred_at = k_now;
  event.candidate = CandidateRef{"greenhouse", "42"};
  event.profile = CandidateProfile{};
  event.profile->level = "entry";
  event.object = "application:7";
  event.stage = "Offer";
  event.detail = {{"status", "pending"}, {"vendor", {{"name", "Checkr"}}}};
  Ticket ticket = sample_ticket();
  ticket.assignee = "rita";
  ticket.candidate = CandidateRef{"greenhouse", "42"};
  ticket.fields = {{"document", "I-9"}};
  ticket.description = "Needed before Monday";
  ticket.reporter = "ats:gh";
  Candidate candidate = sample_candidate();
  candidate.profile.name = "Dana Whitfield";
  const json whole{{"event", event_facts(event)}, {"ticket", ticket_facts(ticket)}, {"candidate", candidate_facts(candidate)}};

  std::vector<std::string> paths{"event", "ticket", "candidate", "event.detail.vendor.name", "event.detail.vendor",
                                 "event.detail.missing", "event.type.x", "ticket.fields.document", "ticket.labels.0",
                                 "candidate.fields.visa_status", "candidate.fields.visa_status.x", "nobody.level"};
  for (const auto& [head, facts] : whole.items()) {
    for (const auto& [member, value] : facts.items()) paths.push_back(head + "." + member);
  }
  for (const std::string& text : paths) {
    const FactPath path = *parse_fact_path(text);
    FactScratch scratch;
    const json* resolved = resolve_fact(FactSource{&event, &ticket, &candidate}, path, scratch);
    const json* expected = find_fact(whole, path);
    ASSERT_EQ(resolved == nullptr, expected == nullptr) << text;
    if (expected != nullptr) {
      EXPECT_EQ(*resolved, *expected) << text;
    }
  }
  FactScratch scratch;
  EXPECT_EQ(resolve_fact(FactSource{}, *parse_fact_path("candidate.level"), scratch), nullptr);
  candidate.profile.fields = nullptr;  // a candidate without custom fields has an empty object
  const json* fields = resolve_fact(FactSource{nullptr, nullptr, &candidate}, *parse_fact_path("candidate.fields"), scratch);
  ASSERT_NE(fields, nullptr);
  EXPECT_EQ(*fields, json::object());
}

TEST(Conditions, DurationsReadDaysHoursMinutesAndSeconds) {
  EXPECT_EQ(parse_rule_duration("7d"), std::chrono::milliseconds(std::chrono::days(7)));
  EXPECT_EQ(parse_rule_duration("36h"), std::chrono::milliseconds(std::chrono::hours(36)));
  EXPECT_EQ(parse_rule_duration("90m"), std::chrono::milliseconds(std::chrono::minutes(90)));
  EXPECT_EQ(parse_rule_duration("45s"), std::chrono::milliseconds(std::chrono::seconds(45)));
  for (const char* bad : {"", "d", "7", "7w", "-1d", "1.5d", "7 d"}) EXPECT_FALSE(parse_rule_duration(bad)) << bad;
}

const char* const k_blocker_rules = R"(
  - name: offer
    when: {ats_event: [offer.expired]}
    then: [{create_ticket: offer_link_expired}]
  - name: executive-offer
    when: {ats_event: [offer.expired]}
    if: {field: candidate.level, eq: executive}
    then: [{create_ticket: offer_link_expired}, {set_severity: sev1}, {add_label: vip}]
  - name: pending-check
    when: {ats_event: [background_check.updated]}
    if:
      all:
        - {field: event.detail.status, eq: pending}
        - {field: event.detail.started_at, older_than: 7d}
    then: [{create_ticket: background_check_delay}, {set_team: legal}]
)";

AtsEvent event_of(AtsEventType type) {
  AtsEvent event;
  event.type = type;
  event.occurred_at = k_now;
  event.candidate = CandidateRef{"greenhouse", "42"};
  return event;
}

TEST(AtsEventRules, OneTicketPerTypeWithTheRoutingOfEveryRuleThatOpensIt) {
  const RuleSet rules = rules_from(k_blocker_rules);
  Candidate candidate{{"greenhouse", "42"}, {}, k_now, k_now, std::nullopt, std::nullopt};
  candidate.profile.level = "executive";
  const AtsEvent expired = event_of(AtsEventType::offer_expired);
  const auto tickets = tickets_for_ats_event(rules, expired.type, fact_source(&expired, nullptr, candidate), k_now);
  ASSERT_EQ(tickets.size(), 1u);
  EXPECT_EQ(tickets[0].issue_type, "offer_link_expired");
  EXPECT_EQ(tickets[0].routing.severity, Severity::sev1);
  EXPECT_EQ(tickets[0].routing.labels, std::vector<std::string>{"vip"});
  EXPECT_EQ(tickets[0].routing.rules, (std::vector<std::string>{"offer", "executive-offer"}));

  candidate.profile.level = "entry";
  const auto entry = tickets_for_ats_event(rules, expired.type, fact_source(&expired, nullptr, candidate), k_now);
  ASSERT_EQ(entry.size(), 1u);
  EXPECT_FALSE(entry[0].routing.severity);
  EXPECT_TRUE(any_rule_listens(rules, AtsEventType::offer_expired));
  EXPECT_FALSE(any_rule_listens(rules, AtsEventType::interview_scheduled));
}

TEST(AtsEventRules, ABackgroundCheckOpensATicketOnlyOncePendingLongEnough) {
  const RuleSet rules = rules_from(k_blocker_rules);
  AtsEvent update = event_of(AtsEventType::background_check_updated);
  update.detail = {{"status", "pending"}, {"started_at", "2026-11-25T09:00:00Z"}};
  const std::optional<Candidate> nobody;
  EXPECT_TRUE(tickets_for_ats_event(rules, update.type, fact_source(&update, nullptr, nobody), k_now).empty());

  update.detail["started_at"] = "2026-11-18T09:00:00Z";
  const auto late = tickets_for_ats_event(rules, update.type, fact_source(&update, nullptr, nobody), k_now);
  ASSERT_EQ(late.size(), 1u);
  EXPECT_EQ(late[0].issue_type, "background_check_delay");
  EXPECT_EQ(late[0].routing.team, "legal");

  update.detail["status"] = "clear";
  EXPECT_TRUE(tickets_for_ats_event(rules, update.type, fact_source(&update, nullptr, nobody), k_now).empty());
}

TEST(TicketCreatedRules, LaterRulesSeeWhatEarlierOnesSet) {
  const RuleSet rules = rules_from(R"(
  - name: executives-to-legal
    when: ticket_created
    if: {field: candidate.level, eq: executive}
    then: [{set_team: legal}, {set_severity: sev2}]
  - name: legal-queue
    when: ticket_created
    if: {field: ticket.team, eq: legal}
    then: [{add_label: "queue:legal"}, {assign: least_loaded}]
  - name: never
    when: ticket_created
    if: {field: ticket.team, eq: hris}
    then: [{add_label: hris}]
)");
  Ticket ticket;
  ticket.type = "document_missing";
  ticket.team = "hris";
  ticket.status = "new";
  Candidate candidate{{"greenhouse", "42"}, {}, k_now, k_now, std::nullopt, std::nullopt};
  candidate.profile.level = "executive";
  const TicketRouting routing = ticket_rule_changes(rules, RuleTrigger::ticket_created, fact_source(nullptr, &ticket, candidate), k_now);
  EXPECT_EQ(routing.team, "legal");
  EXPECT_EQ(routing.severity, Severity::sev2);
  EXPECT_EQ(routing.labels, std::vector<std::string>{"queue:legal"});
  EXPECT_EQ(routing.assign, AssignmentStrategy::least_loaded);
  EXPECT_EQ(routing.rules, (std::vector<std::string>{"executives-to-legal", "legal-queue"}));
}

TEST(TicketCreatedRules, ATestAnsweredBeforeARuleChangedItsFactIsAskedAgain) {
  const RuleSet rules = rules_from(R"(
  - name: saw-hris
    when: ticket_created
    if: {field: ticket.team, eq: hris}
    then: [{add_label: saw-hris}]
  - name: executives-to-legal
    when: ticket_created
    if: {field: candidate.level, eq: executive}
    then: [{set_team: legal}]
  - name: still-hris
    when: ticket_created
    if: {all: [{field: candidate.level, eq: executive}, {field: ticket.team, eq: hris}]}
    then: [{add_label: still-hris}]
  - name: now-legal
    when: ticket_created
    if: {not: {field: ticket.team, eq: hris}}
    then: [{add_label: now-legal}]
)");
  // Five tests as written, two distinct: each runs once per evaluation until its fact changes.
  EXPECT_EQ(rules.conditions.test_count(), 2u);
  Ticket ticket;
  ticket.type = "document_missing";
  ticket.team = "hris";
  Candidate candidate{{"greenhouse", "42"}, {}, k_now, k_now, std::nullopt, std::nullopt};
  candidate.profile.level = "executive";
  const TicketRouting routing =
      ticket_rule_changes(rules, RuleTrigger::ticket_created, fact_source(nullptr, &ticket, candidate), k_now);
  EXPECT_EQ(routing.labels, (std::vector<std::string>{"saw-hris", "now-legal"}));
  EXPECT_EQ(routing.rules, (std::vector<std::string>{"saw-hris", "executives-to-legal", "now-legal"}));
}

TEST(SlaRules, OneRuleActsAtATimeAndEscalateRaisesTheSeverityUpToSev1) {
  const RuleSet rules = rules_from(
      "  - name: late\n"
      "    when: {sla: breach}\n"
      "    if: {field: ticket.team, eq: hris}\n"
      "    then: [{escalate: 2}, {notify: {to: [assignee, team], message: late}}, {add_label: late}]\n");
  const Rule& late = rules.rules.front();
  Ticket recruiting = k_ticket;
  recruiting.team = "recruitment";
  EXPECT_FALSE(single_rule_changes(rules, late, FactSource{nullptr, &recruiting, nullptr}, k_now));
  const auto routing = single_rule_changes(rules, late, k_facts, k_now);
  ASSERT_TRUE(routing);
  EXPECT_EQ(routing->rules, std::vector<std::string>{"late"});
  ASSERT_EQ(routing->notifications.size(), 1u);
  EXPECT_EQ(routing->notifications[0].rule, "late");
  EXPECT_EQ(routing->notifications[0].message, "late");
  EXPECT_EQ(routing->notifications[0].recipients.size(), 2u);

  Ticket ticket;
  ticket.severity = Severity::sev3;
  EXPECT_EQ(routing_edit(ticket, *routing).severity, Severity::sev1);
  ticket.severity = Severity::sev2;
  EXPECT_EQ(routing_edit(ticket, *routing).severity, Severity::sev1);
  EXPECT_EQ(routing_edit(ticket, *routing).labels, std::vector<std::string>{"late"});
}

TEST(ShippedRules, OpenTheFourBlockerTicketsAndRoute) {
  auto settings = parse_settings("", "defaults", {});
  ASSERT_TRUE(settings) << settings.error().message;
  const RuleSet& rules = settings->rules;
  const std::optional<Candidate> nobody;
  for (const auto& [type, issue_type] : std::vector<std::pair<AtsEventType, std::string>>{
           {AtsEventType::offer_expired, "offer_link_expired"},
           {AtsEventType::document_missing, "document_missing"},
           {AtsEventType::resume_parse_failed, "resume_parse_failure"}}) {
    const AtsEvent event = event_of(type);
    const auto tickets = tickets_for_ats_event(rules, type, fact_source(&event, nullptr, nobody), k_now);
    ASSERT_EQ(tickets.size(), 1u) << issue_type;
    EXPECT_EQ(tickets[0].issue_type, issue_type);
  }
  AtsEvent check = event_of(AtsEventType::background_check_updated);
  check.detail = {{"status", "pending"}, {"started_at", "2026-11-01T00:00:00Z"}};
  const auto delayed = tickets_for_ats_event(rules, check.type, fact_source(&check, nullptr, nobody), k_now);
  ASSERT_EQ(delayed.size(), 1u);
  EXPECT_EQ(delayed[0].issue_type, "background_check_delay");
  const AtsEvent stage = event_of(AtsEventType::application_stage_changed);
  EXPECT_TRUE(tickets_for_ats_event(rules, stage.type, fact_source(&stage, nullptr, nobody), k_now).empty());
}

}  // namespace automation_test
}  // namespace snag
