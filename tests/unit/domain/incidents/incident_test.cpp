// The incident rules (domain/incidents/): status moves, the post-mortem a protocol requires
// before closing, the response and update clocks, reminders, impact, and the protocols' shape.

#include <gtest/gtest.h>

#include <snag/domain/incidents/change_record.hpp>
#include <snag/domain/incidents/incident.hpp>

namespace snag {
namespace incident_test {

using std::chrono::hours;
using std::chrono::minutes;

const Timestamp k_opened = from_epoch_ms(1'780'000'000'000);

std::vector<SeverityProtocol> protocols() {
  return {
      {Severity::sev1,
       "offers cannot be issued",
       minutes(15),
       minutes(30),
       {{ProtocolRecipient::Kind::commander, {}}},
       true},
      {Severity::sev2, "", minutes(60), minutes(120), {}, true},
      {Severity::sev3, "", minutes(480), minutes(1440), {}, false},
      {Severity::sev4, "", minutes(2880), std::nullopt, {}, false},
  };
}

Incident incident_of(Severity severity) {
  Incident incident;
  incident.id = IncidentId{7};
  incident.category = "integration";
  incident.title = "Workday sync drops offers";
  incident.severity = severity;
  incident.commander = "nina";
  incident.opened_by = "nina";
  incident.opened_at = k_opened;
  incident.last_update_at = k_opened;
  return incident;
}

PostMortem complete_postmortem() {
  PostMortem postmortem;
  postmortem.timeline = {{k_opened, "sync started failing"}};
  postmortem.impact = "40 candidates waited a day for offers";
  postmortem.root_cause = "an expired API credential";
  return postmortem;
}

TEST(Incident, NeedsATitleACommanderAndAKnownCategory) {
  const std::vector<std::string> categories{"integration", "offers"};
  EXPECT_TRUE(validate_incident(incident_of(Severity::sev2), categories).empty());
  Incident bad = incident_of(Severity::sev2);
  bad.title.clear();
  bad.commander.clear();
  bad.category = "weather";
  const auto errors = validate_incident(bad, categories);
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].field, "title");
  EXPECT_EQ(errors[1].field, "category");
  EXPECT_EQ(errors[1].message, "must be one of the issue types' categories: integration, offers");
  EXPECT_EQ(errors[2].field, "commander");
}

TEST(Incident, MovesOpenToResolvedToClosedAndReopensFromResolved) {
  Incident incident = incident_of(Severity::sev3);
  ASSERT_TRUE(change_incident_status(incident, IncidentStatus::resolved, protocols(), k_opened + hours(2)));
  EXPECT_EQ(incident.resolved_at, k_opened + hours(2));
  ASSERT_TRUE(change_incident_status(incident, IncidentStatus::open, protocols(), k_opened + hours(3)));
  EXPECT_FALSE(incident.resolved_at);
  auto skipped = change_incident_status(incident, IncidentStatus::closed, protocols(), k_opened + hours(4));
  ASSERT_FALSE(skipped);
  EXPECT_EQ(skipped.error().fields.at(0).field, "status");
  EXPECT_EQ(incident.status, IncidentStatus::open);
  ASSERT_TRUE(change_incident_status(incident, IncidentStatus::resolved, protocols(), k_opened + hours(5)));
  // sev3's protocol does not require a post-mortem.
  ASSERT_TRUE(change_incident_status(incident, IncidentStatus::closed, protocols(), k_opened + hours(6)));
  EXPECT_EQ(incident.closed_at, k_opened + hours(6));
  EXPECT_FALSE(change_incident_status(incident, IncidentStatus::open, protocols(), k_opened + hours(7)));
}

TEST(Incident, ASev1ClosesOnlyWithACompletePostmortem) {
  Incident incident = incident_of(Severity::sev1);
  EXPECT_TRUE(postmortem_required(incident, protocols()));
  ASSERT_TRUE(change_incident_status(incident, IncidentStatus::resolved, protocols(), k_opened + hours(1)));

  auto without = change_incident_status(incident, IncidentStatus::closed, protocols(), k_opened + hours(2));
  ASSERT_FALSE(without);
  EXPECT_EQ(without.error().fields.at(0).field, "postmortem");

  incident.postmortem = complete_postmortem();
  incident.postmortem->root_cause = " ";
  incident.postmortem->timeline.clear();
  auto incomplete = change_incident_status(incident, IncidentStatus::closed, protocols(), k_opened + hours(2));
  ASSERT_FALSE(incomplete);
  const std::vector<FieldError> expected{{"postmortem.timeline", "needs at least one entry"},
                                         {"postmortem.root_cause", "is required"}};
  EXPECT_EQ(incomplete.error().fields, expected);
  EXPECT_EQ(incident.status, IncidentStatus::resolved);

  incident.postmortem = complete_postmortem();
  EXPECT_TRUE(change_incident_status(incident, IncidentStatus::closed, protocols(), k_opened + hours(2)));
}

TEST(Incident, TheFirstUpdateStopsTheResponseClockAndEachRestartsTheUpdateClock) {
  Incident incident = incident_of(Severity::sev1);
  const SeverityProtocol sev1 = protocols().front();  // a copy: protocols() returns a temporary
  EXPECT_EQ(response_due_at(incident, sev1), k_opened + minutes(15));
  EXPECT_EQ(next_update_due_at(incident, sev1), k_opened + minutes(30));
  record_status_update(incident, k_opened + minutes(10));
  record_status_update(incident, k_opened + minutes(40));
  EXPECT_EQ(incident.responded_at, k_opened + minutes(10));
  EXPECT_EQ(next_update_due_at(incident, sev1), k_opened + minutes(70));
  incident.status = IncidentStatus::resolved;
  EXPECT_FALSE(next_update_due_at(incident, sev1));
  EXPECT_FALSE(next_update_due_at(incident_of(Severity::sev4), protocols().back()));
}

TEST(Incident, RemindsOfALateUpdateOncePerInterval) {
  Incident incident = incident_of(Severity::sev1);
  const SeverityProtocol sev1 = protocols().front();  // a copy: protocols() returns a temporary
  EXPECT_FALSE(update_reminder_due(incident, sev1, k_opened + minutes(29)));
  EXPECT_TRUE(update_reminder_due(incident, sev1, k_opened + minutes(30)));
  incident.update_reminded_at = k_opened + minutes(31);
  EXPECT_FALSE(update_reminder_due(incident, sev1, k_opened + minutes(60)));
  EXPECT_TRUE(update_reminder_due(incident, sev1, k_opened + minutes(61)));
  // An update after the reminder restarts the clock from the update.
  record_status_update(incident, k_opened + minutes(50));
  EXPECT_FALSE(update_reminder_due(incident, sev1, k_opened + minutes(79)));
  EXPECT_TRUE(update_reminder_due(incident, sev1, k_opened + minutes(80)));
}

TEST(Incident, ImpactCountsDistinctCandidatesAndSumsTheirDelay) {
  const Timestamp now = k_opened + hours(10);
  Ticket a;
  a.created_at = k_opened;
  a.resolved_at = k_opened + hours(3);
  a.candidate = CandidateRef{"greenhouse", "1"};
  Ticket b = a;  // the same candidate, still open: 10 h
  b.resolved_at.reset();
  Ticket c;  // no candidate: holds nobody up
  c.created_at = k_opened;
  Ticket d = a;
  d.candidate = CandidateRef{"lever", "1"};  // another ATS: another candidate, 3 h
  const std::vector<Ticket> tickets{a, b, c, d};
  const IncidentImpact impact = incident_impact(tickets, now);
  EXPECT_EQ(impact.tickets, 4);
  EXPECT_EQ(impact.candidates_affected, 2);
  EXPECT_DOUBLE_EQ(impact.candidate_delay_hours, 16.0);
}

TEST(Postmortem, NamesEachBadFieldByItsPath) {
  PostMortem postmortem = complete_postmortem();
  postmortem.timeline.push_back({k_opened, ""});
  postmortem.contributing_factors = {"no alert on credential expiry", ""};
  postmortem.action_items = {{0, "rotate credentials", "", k_opened, {}, {}}};
  const std::vector<FieldError> expected{{"timeline[1].event", "is required"},
                                         {"contributing_factors[1]", "must not be empty"},
                                         {"action_items[0].owner", "is required"}};
  EXPECT_EQ(validate_postmortem(postmortem), expected);
}

TEST(Postmortem, RewritingKeepsTheProgressOfTheSameItems) {
  PostMortem before = complete_postmortem();
  before.action_items = {{1, "rotate credentials", "omar", k_opened + hours(24), k_opened + hours(5), {}},
                         {2, "alert on expiry", "nina", k_opened + hours(48), {}, k_opened + hours(49)}};
  PostMortem after = complete_postmortem();
  after.action_items = {{0, "rotate credentials", "omar", k_opened + hours(24), {}, {}},
                        {0, "alert on expiry", "nina", k_opened + hours(72), {}, {}},
                        {0, "document the runbook", "omar", k_opened + hours(96), {}, {}}};
  number_action_items(after, before);
  EXPECT_EQ(after.action_items[0].number, 1);
  EXPECT_EQ(after.action_items[0].done_at, k_opened + hours(5));
  // A new due time earns a new reminder.
  EXPECT_FALSE(after.action_items[1].overdue_notified_at);
  EXPECT_EQ(after.action_items[2].number, 3);
  EXPECT_EQ(pending_action_items(after), 2);
}

TEST(Postmortem, AnItemIsOverdueOnceUntilDone) {
  ActionItem item{1, "rotate credentials", "omar", k_opened, {}, {}};
  EXPECT_FALSE(needs_overdue_notice(item, k_opened));
  EXPECT_TRUE(needs_overdue_notice(item, k_opened + minutes(1)));
  item.overdue_notified_at = k_opened + minutes(1);
  EXPECT_FALSE(needs_overdue_notice(item, k_opened + hours(1)));
  item.overdue_notified_at.reset();
  item.done_at = k_opened;
  EXPECT_FALSE(needs_overdue_notice(item, k_opened + hours(1)));
}

TEST(SeverityProtocols, NeedOnePositiveProtocolPerSeverity) {
  EXPECT_TRUE(validate_severity_protocols(protocols()));
  auto missing = protocols();
  missing.pop_back();
  auto refused = validate_severity_protocols(missing);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message, "severity_protocols: sev4 must have exactly one protocol, not 0");
  auto zero = protocols();
  zero[1].respond_within = minutes(0);
  EXPECT_FALSE(validate_severity_protocols(zero));
}

TEST(SeverityProtocols, ParseTheirRecipients) {
  EXPECT_EQ(parse_protocol_recipient("commander"), (ProtocolRecipient{ProtocolRecipient::Kind::commander, {}}));
  EXPECT_EQ(parse_protocol_recipient("role:hrbp"), (ProtocolRecipient{ProtocolRecipient::Kind::role, "hrbp"}));
  EXPECT_EQ(parse_protocol_recipient("user:nina"), (ProtocolRecipient{ProtocolRecipient::Kind::user, "nina"}));
  EXPECT_FALSE(parse_protocol_recipient("role:"));
  EXPECT_FALSE(parse_protocol_recipient("team:hris"));
  EXPECT_EQ(to_string(ProtocolRecipient{ProtocolRecipient::Kind::role, "hrbp"}), "role:hrbp");
}

TEST(ChangeRecord, NeedsAnIdASummaryASystemAndAnHttpLink) {
  ChangeRecord change{"CHG-1042", "new offer template", "greenhouse", k_opened, "https://wiki/chg-1042", "cli",
                      k_opened};
  EXPECT_TRUE(validate_change_record(change).empty());
  change.id = "CHG 1042";
  change.summary.clear();
  change.system.clear();
  change.link = "ftp://wiki";
  const auto errors = validate_change_record(change);
  ASSERT_EQ(errors.size(), 4u);
  EXPECT_EQ(errors[0].field, "id");
  EXPECT_EQ(errors[3].field, "link");
}

}  // namespace incident_test
}  // namespace snag
