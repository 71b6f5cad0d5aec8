// Rules route the tickets that ATS events open, on a real store: team, severity, labels, and an
// assignee picked round-robin or least-loaded among the team members who may work the ticket;
// the journal names the rules.

#include <snag/app/ticket_writes.hpp>
#include <snag/config/settings.hpp>
#include <snag/domain/ticket_changes.hpp>

#include "inbox_fixture.hpp"

namespace snag::testing {
namespace ticket_routing_test {

const char* const k_rules = R"(
rules:
  - name: missing-documents
    when: {ats_event: [document.missing]}
    then: [{create_ticket: document_missing}]
  - name: executive-first
    when: ticket_created
    if: {field: candidate.level, eq: executive}
    then: [{set_severity: sev1}, {add_label: "queue:executive"}]
  - name: balance-hris
    when: ticket_created
    if: {field: ticket.team, eq: hris}
    then: [{assign: least_loaded}]
  - name: rotate-recruitment
    when: ticket_created
    if: {field: ticket.team, eq: recruitment}
    then: [{assign: round_robin}]
)";

class TicketRoutingTest : public InboxTest {
 protected:
  void SetUp() override {
    InboxTest::SetUp();
    auto parsed = parse_settings(k_rules, "rules.yaml", {});
    ASSERT_TRUE(parsed) << parsed.error().message;
    settings = std::move(*parsed);
    book.emplace(settings.rules);
    router.emplace(default_catalog(), *book);
    routed_applier.emplace(default_catalog(), *router);
  }

  void add_user(const std::string& name, const std::string& role, const std::string& team, bool disabled = false) {
    UserRecord user;
    user.username = name;
    user.display_name = name;
    user.role = role;
    user.team = team;
    user.password_hash = "unused";
    user.created_at = clock.now();
    user.disabled = disabled;
    ASSERT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
      auto id = tx.insert_user(user);
      if (!id) return tl::unexpected(id.error());
      return {};
    }));
  }

  void describe(const std::string& external_id, const std::string& level) {
    Candidate candidate;
    candidate.ref = CandidateRef{"acme", external_id};
    candidate.profile.level = level;
    candidate.created_at = candidate.updated_at = clock.now();
    ASSERT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
      auto upserted = tx.upsert_candidate(candidate);
      if (!upserted) return tl::unexpected(upserted.error());
      return {};
    }));
  }

  // Applies document.missing for the candidate and returns the ticket it opened.
  Ticket document_missing(const std::string& external_id) {
    AtsEvent event;
    event.type = AtsEventType::document_missing;
    event.source_action = "document.missing";
    event.occurred_at = clock.now();
    event.candidate = CandidateRef{"acme", external_id};
    event.object = "candidate:" + external_id;
    std::optional<TicketId> opened;
    EXPECT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
      auto applied = routed_applier->apply(tx, connector, event, clock.now());
      if (!applied) return tl::unexpected(applied.error());
      if (!applied->opened_tickets.empty()) opened = applied->opened_tickets.front();
      return {};
    }));
    if (!opened) return Ticket{};
    auto ticket = store->find_ticket(*opened);
    return ticket && *ticket ? **ticket : Ticket{};
  }

  // The ATS describes the candidate (a candidate.updated event that happened at `at`).
  void describe(const std::string& external_id, const CandidateProfile& profile, Timestamp at) {
    AtsEvent described;
    described.type = AtsEventType::candidate_updated;
    described.source_action = "candidate.updated";
    described.occurred_at = at;
    described.candidate = CandidateRef{"acme", external_id};
    described.object = "candidate:" + external_id;
    described.profile = profile;
    ASSERT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
      auto applied = routed_applier->apply(tx, connector, described, clock.now());
      if (!applied) return tl::unexpected(applied.error());
      return {};
    }));
  }

  Ticket open_with_router(const std::string& type, const std::string& title,
                          std::optional<std::string> assignee = std::nullopt) {
    TicketDraft draft;
    draft.type = type;
    draft.title = title;
    draft.assignee = std::move(assignee);
    Actor actor;
    actor.name = "tester";
    actor.role = "admin";
    Ticket stored;
    EXPECT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
      auto opened = open_ticket(default_catalog(), draft, actor, clock.now());
      if (!opened) return tl::unexpected(opened.error());
      auto inserted = insert_opened_ticket(tx, *router, actor, std::move(*opened), clock.now());
      if (!inserted) return tl::unexpected(inserted.error());
      stored = std::move(*inserted);
      return {};
    }));
    return stored;
  }

  Settings settings;
  std::optional<RuleBook> book;
  std::optional<TicketRouter> router;
  std::optional<EventApplier> routed_applier;
};

TEST_F(TicketRoutingTest, AnExecutivesTicketIsRaisedLabelledAndJournaledWithItsRules) {
  describe("c-exec", "executive");
  const Ticket ticket = document_missing("c-exec");
  EXPECT_EQ(ticket.type, "document_missing");
  EXPECT_EQ(ticket.severity, Severity::sev1);
  EXPECT_NE(std::find(ticket.labels.begin(), ticket.labels.end(), "queue:executive"), ticket.labels.end());
  EXPECT_EQ(ticket.version, 1);

  auto journal = store->ticket_journal(ticket.id);
  ASSERT_TRUE(journal);
  const auto rules = std::find_if(journal->begin(), journal->end(),
                                  [](const JournalEntry& entry) { return entry.field == "rules"; });
  ASSERT_NE(rules, journal->end());
  EXPECT_EQ(rules->action, "create");
  EXPECT_EQ(rules->new_value, (nlohmann::json{"missing-documents", "executive-first", "balance-hris"}));

  describe("c-entry", "entry");
  const Ticket plain = document_missing("c-entry");
  EXPECT_EQ(plain.severity, Severity::sev3);
  EXPECT_EQ(std::find(plain.labels.begin(), plain.labels.end(), "queue:executive"), plain.labels.end());
}

TEST_F(TicketRoutingTest, ABlockerBeforeTheCandidateIsDescribedIsRoutedOnceItIs) {
  const Ticket early = document_missing("c-late");  // a stub: nothing known of the candidate
  EXPECT_EQ(early.severity, Severity::sev3);

  CandidateProfile profile;
  profile.level = "executive";
  describe("c-late", profile, clock.now());
  auto after = store->find_ticket(early.id);
  ASSERT_TRUE(after && *after);
  EXPECT_EQ((*after)->severity, Severity::sev1);
  EXPECT_NE(std::find((*after)->labels.begin(), (*after)->labels.end(), "queue:executive"), (*after)->labels.end());
  auto journal = store->ticket_journal(early.id);
  ASSERT_TRUE(journal);
  EXPECT_EQ(journal->back().field, "rules");
  EXPECT_EQ(journal->back().action, "update");
  EXPECT_EQ(journal->back().new_value, (nlohmann::json{"executive-first", "balance-hris"}));

  // Describing the candidate again the same way changes nothing more.
  const auto version = (*after)->version;
  profile.name = "Jo Example";
  describe("c-late", profile, clock.now() + std::chrono::seconds(1));
  EXPECT_EQ((*store->find_ticket(early.id))->version, version);
}

// A ticket opened while its candidate was a stub runs on the default calendar (New York); once
// the ATS says the candidate is in Germany, its clock runs on Germany's, as if that had been
// known when it opened.
TEST_F(TicketRoutingTest, ABlockerBeforeTheCandidatesGeographyMovesToThatGeographysCalendar) {
  const Ticket early = document_missing("c-abroad");
  EXPECT_EQ(early.sla_calendar, "us_eastern");

  CandidateProfile profile;
  profile.geography = "DE";
  describe("c-abroad", profile, clock.now());
  auto after = store->find_ticket(early.id);
  ASSERT_TRUE(after && *after);
  EXPECT_EQ((*after)->sla_calendar, "germany");
  EXPECT_EQ((*after)->candidate_geography, "DE");
  EXPECT_NE((*after)->resolution_due_at, early.resolution_due_at);
  EXPECT_EQ((*after)->version, early.version + 1);
  auto journal = store->ticket_journal(early.id);
  ASSERT_TRUE(journal);
  const bool journaled = std::any_of(journal->begin(), journal->end(), [](const JournalEntry& entry) {
    return entry.action == "update" && entry.field == "resolution_due_at";
  });
  EXPECT_TRUE(journaled) << "the new due time is part of the record";
}

TEST_F(TicketRoutingTest, LeastLoadedPicksTheMemberWithFewestOpenTicketsWhoMaySeeIt) {
  add_user("hana", "hris", "hris");
  add_user("omar", "hris", "hris");
  add_user("zoe", "hris", "hris", /*disabled=*/true);
  add_user("sam", "sourcer", "hris");  // not cleared for confidential tickets
  add_user("ria", "recruiter", "recruitment");

  // document_missing is confidential: a sourcer (no clearance) is never picked.
  const Ticket first = document_missing("c-1");
  ASSERT_TRUE(first.assignee);
  EXPECT_EQ(*first.assignee, "hana");  // both at zero: the first by name
  const Ticket second = document_missing("c-2");
  EXPECT_EQ(second.assignee, std::optional<std::string>{"omar"});
  const Ticket third = document_missing("c-3");
  EXPECT_EQ(third.assignee, std::optional<std::string>{"hana"});
}

TEST_F(TicketRoutingTest, RoundRobinGivesTheTicketToWhoeverWaitedLongest) {
  add_user("ana", "recruiter", "recruitment");
  add_user("ben", "recruiter", "recruitment");
  add_user("cy", "senior_recruiter", "recruitment");
  std::vector<std::string> assignees;
  for (int i = 0; i < 5; ++i) {
    const Ticket ticket = open_with_router("interview_scheduling_conflict", "Panel double-booked " + std::to_string(i));
    assignees.push_back(ticket.assignee.value_or("-"));
  }
  EXPECT_EQ(assignees, (std::vector<std::string>{"ana", "ben", "cy", "ana", "ben"}));
}

TEST_F(TicketRoutingTest, AnAssigneeNamedWhenOpeningIsKept) {
  add_user("ana", "recruiter", "recruitment");
  const Ticket ticket = open_with_router("interview_scheduling_conflict", "Panel double-booked", "zed");
  EXPECT_EQ(ticket.assignee, std::optional<std::string>{"zed"});
}

TEST_F(TicketRoutingTest, ATeamWithNobodyEligibleLeavesTheTicketUnassigned) {
  add_user("sam", "sourcer", "hris");
  const Ticket ticket = document_missing("c-9");
  EXPECT_EQ(ticket.type, "document_missing");
  EXPECT_FALSE(ticket.assignee);
}

}  // namespace ticket_routing_test
}  // namespace snag::testing
