#include <gtest/gtest.h>

#include <snag/domain/ticket_changes.hpp>

#include "../support/default_catalog.hpp"

namespace snag {
namespace ticket_changes_test {

using testing::default_catalog;

const Actor k_actor{"Priya Shah", "recruiter", "recruitment", "key:1", {}, std::nullopt};
// A Monday morning in New York: the default calendar (us_eastern) is at work.
const Timestamp k_now = *parse_rfc3339("2026-03-02T10:00:00-05:00");

TicketDraft draft(std::string type = "document_missing", std::string title = "I-9 missing") {
  TicketDraft d;
  d.type = std::move(type);
  d.title = std::move(title);
  return d;
}

bool names_field(const Error& error, std::string_view field) {
  for (const auto& e : error.fields) {
    if (e.field == field) return true;
  }
  return false;
}

TEST(OpenTicket, TakesTheIssueTypesDefaultsAndTheInitialStatus) {
  const auto ticket = open_ticket(default_catalog(), draft(), k_actor, k_now);
  ASSERT_TRUE(ticket);
  EXPECT_EQ(ticket->status, "new");
  EXPECT_EQ(ticket->team, "hris");
  EXPECT_EQ(ticket->severity, Severity::sev3);
  EXPECT_EQ(ticket->reporter, "Priya Shah");
  EXPECT_EQ(ticket->version, 1);
  // sev3: 24 business hours of us_eastern (09:00-17:00), three working days; 4 to respond.
  EXPECT_EQ(ticket->sla_calendar, "us_eastern");
  EXPECT_EQ(ticket->resolution_due_at, parse_rfc3339("2026-03-05T10:00:00-05:00"));
  EXPECT_EQ(ticket->first_response_due_at, parse_rfc3339("2026-03-02T14:00:00-05:00"));
}

TEST(OpenTicket, NamesEveryInvalidField) {
  TicketDraft d = draft("no_such_type", "   ");
  d.team = "marketing";
  d.labels = {"has space"};
  d.candidate = CandidateRef{"", "1"};
  const auto ticket = open_ticket(default_catalog(), d, k_actor, k_now);
  ASSERT_FALSE(ticket);
  EXPECT_EQ(ticket.error().code, ErrorCode::validation_failed);
  for (const char* field : {"type", "title", "team", "labels", "candidate.ats"}) {
    EXPECT_TRUE(names_field(ticket.error(), field)) << field;
  }
}

TEST(OpenTicket, RefusesATitleOverTheLimit) {
  const auto ticket = open_ticket(default_catalog(), draft("other", std::string(301, 'x')), k_actor, k_now);
  ASSERT_FALSE(ticket);
  EXPECT_TRUE(names_field(ticket.error(), "title"));
}

TEST(OpenTicket, RefusesATitleOfMoreThanOneLine) {
  for (const auto* title : {"I-9 missing\nfor Ana", "I-9\rmissing", "tab\tin it", "bell\a"}) {
    const auto ticket = open_ticket(default_catalog(), draft("other", title), k_actor, k_now);
    ASSERT_FALSE(ticket) << title;
    EXPECT_TRUE(names_field(ticket.error(), "title"));
  }
  EXPECT_TRUE(open_ticket(default_catalog(), draft("other", "I-9 missing — für Ana"), k_actor, k_now));
}

TEST(OpenTicket, KeepsLabelsAsASortedSet) {
  TicketDraft d = draft();
  d.labels = {"urgent", "i9", "urgent"};
  const auto ticket = open_ticket(default_catalog(), d, k_actor, k_now);
  ASSERT_TRUE(ticket);
  EXPECT_EQ(ticket->labels, (std::vector<std::string>{"i9", "urgent"}));
}

TEST(EditTicket, BumpsTheVersionAndRecordsOnlyChangedFields) {
  const Ticket before = *open_ticket(default_catalog(), draft(), k_actor, k_now);
  TicketEdit edit;
  edit.title = "I-9 section 2 missing";
  edit.assignee = std::optional<std::string>("sam.lee");
  edit.team = before.team;  // unchanged
  const auto after = edit_ticket(default_catalog(), before, edit, k_now + std::chrono::minutes{1});
  ASSERT_TRUE(after);
  EXPECT_EQ(after->version, 2);
  const auto changes = diff_tickets(before, *after);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0], (FieldChange{"title", "I-9 missing", "I-9 section 2 missing"}));
  EXPECT_EQ(changes[1], (FieldChange{"assignee", nullptr, "sam.lee"}));
}

TEST(EditTicket, ThatChangesNothingKeepsTheVersion) {
  const Ticket before = *open_ticket(default_catalog(), draft(), k_actor, k_now);
  TicketEdit edit;
  edit.title = before.title;
  const auto after = edit_ticket(default_catalog(), before, edit, k_now);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->version, before.version);
}

TEST(EditTicket, ChangingSeverityMovesTheDueTime) {
  const Ticket before = *open_ticket(default_catalog(), draft(), k_actor, k_now);
  TicketEdit edit;
  edit.severity = Severity::sev1;
  const auto after = edit_ticket(default_catalog(), before, edit, k_now);
  ASSERT_TRUE(after);
  // sev1 runs on the 24x7 calendar: its 4 business hours are 4 hours from opening.
  EXPECT_EQ(after->sla_calendar, "24x7");
  EXPECT_EQ(*after->resolution_due_at, k_now + std::chrono::hours{4});
  EXPECT_EQ(*after->first_response_due_at, k_now + std::chrono::minutes{30});
}

TEST(TransitionTicket, SetsResolvedAtOnResolvingAndClearsItOnReopening) {
  Ticket ticket = *open_ticket(default_catalog(), draft(), k_actor, k_now);
  ticket = *transition_ticket(default_catalog(), ticket, "in_progress", k_now);
  const auto resolved = transition_ticket(default_catalog(), ticket, "resolved", k_now + std::chrono::hours{1});
  ASSERT_TRUE(resolved);
  EXPECT_EQ(resolved->resolved_at, k_now + std::chrono::hours{1});
  EXPECT_EQ(resolved->version, 3);
  const auto reopened = transition_ticket(default_catalog(), *resolved, "in_progress", k_now + std::chrono::hours{2});
  ASSERT_TRUE(reopened);
  EXPECT_FALSE(reopened->resolved_at);
}

TEST(TransitionTicket, DeniedTransitionChangesNothingAndListsTheAllowed) {
  const Ticket ticket = *open_ticket(default_catalog(), draft(), k_actor, k_now);
  const auto denied = transition_ticket(default_catalog(), ticket, "closed", k_now);
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().allowed, allowed_transitions(default_catalog(), ticket));
}

TEST(Sla, IsBreachedWhenStillOpenPastTheDueTime) {
  const Ticket ticket = *open_ticket(default_catalog(), draft(), k_actor, k_now);
  const Timestamp due = *parse_rfc3339("2026-03-05T10:00:00-05:00");
  EXPECT_FALSE(sla_state(ticket, due).breached);
  EXPECT_TRUE(sla_state(ticket, due + std::chrono::milliseconds{1}).breached);
}

TEST(CreationChanges, ListEverySetFieldWithNoOldValue) {
  TicketDraft d = draft();
  d.assignee = "sam.lee";
  const Ticket ticket = *open_ticket(default_catalog(), d, k_actor, k_now);
  const auto changes = creation_changes(ticket);
  ASSERT_FALSE(changes.empty());
  for (const auto& change : changes) EXPECT_TRUE(change.old_value.is_null()) << change.field;
  EXPECT_TRUE(std::any_of(changes.begin(), changes.end(), [](const FieldChange& c) { return c.field == "assignee"; }));
  EXPECT_FALSE(std::any_of(changes.begin(), changes.end(), [](const FieldChange& c) { return c.field == "labels"; }));
}

TEST(CreationJournal, IsOneEntryThatExpandsBackToEveryField) {
  TicketDraft d = draft();
  d.assignee = "sam.lee";
  const Ticket ticket = *open_ticket(default_catalog(), d, k_actor, k_now);
  const auto journal = creation_journal(ticket);
  ASSERT_EQ(journal.size(), 1u);
  EXPECT_EQ(expand_snapshot(journal[0]), creation_changes(ticket));
  const FieldChange plain{"title", "a", "b"};
  EXPECT_EQ(expand_snapshot(plain), std::vector<FieldChange>{plain});
}

}  // namespace ticket_changes_test
}  // namespace snag
