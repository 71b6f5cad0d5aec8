// Erasure and legal holds on real stores (app/compliance/): a request files a job; the job
// redacts every ticket, comment, journal entry and notification about the candidate and the
// candidate's profile, keeps what statistics need, and leaves the journal's chain verifiable
// with the redacted entries counted; a legal hold makes the request wait until it is released;
// the ATS's candidate.deleted files a request of its own and marks the purge; incident and
// change texts lose the candidate's name and email; and an erased candidate stays erased
// whatever the ATS sends later.

#include "../app/fake_store.hpp"
#include "../support/test_time.hpp"
#include "job_fixtures.hpp"
#include <default_catalog.hpp>
#include <gtest/gtest.h>
#include <test_database.hpp>

#include <snag/app/app_services.hpp>
#include <snag/app/compliance/erasure.hpp>
#include <snag/domain/compliance/redaction.hpp>
#include <snag/integrations/event_applier.hpp>
#include <snag/jobs/compliance_job.hpp>

namespace snag {
namespace erasure_test {

using namespace std::chrono_literals;
using testing::default_catalog;
using testing::default_router;

using testing::at;

const Timestamp k_monday = at("2026-11-30T09:00:00Z");
const CandidateRef k_jane{"greenhouse", "4001"};
const CandidateRef k_other{"greenhouse", "4002"};

Actor person(std::string name, std::string role) {
  Actor actor;
  actor.name = std::move(name);
  actor.role = std::move(role);
  actor.credential = "key:1";
  actor.address = "127.0.0.1";
  return actor;
}

class ErasureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store = database.open();
    ASSERT_TRUE(store);
    app = std::make_unique<AppServices>(*store, default_catalog(), clock);
    describe(k_jane, "Jane Roe", "jane@example.com");
    describe(k_other, "Omar Other", "omar@example.com");
  }

  void describe(const CandidateRef& ref, const std::string& name, const std::string& email) {
    Candidate candidate{ref, {}, k_monday, k_monday, std::nullopt, std::nullopt};
    candidate.profile.name = name;
    candidate.profile.email = email;
    candidate.profile.geography = "US-CA";
    candidate.profile.fields = {{"visa_status", "H-1B"}};
    ASSERT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
      auto stored = tx.upsert_candidate(candidate);
      if (!stored) return tl::unexpected(stored.error());
      return {};
    }));
  }

  // A ticket about `ref` with a comment and a notification, all naming the person.
  TicketId open_with_traces(const CandidateRef& ref, const std::string& name) {
    TicketDraft draft;
    draft.type = "offer_link_expired";
    draft.title = "Offer link for " + name + " expired";
    draft.description = "SSN 123-45-6789, call +1 415 555 0100";
    draft.candidate = ref;
    draft.fields = {{"note", name + " asked twice"}, {"attempts", 3}};
    const TicketId id = testing::open_routed_ticket(*store, draft, k_monday);
    EXPECT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
      const std::string body = name + " says the link never arrived";
      if (auto comment = tx.insert_comment(id, "rita", body, k_monday); !comment) {
        return tl::unexpected(comment.error());
      }
      if (auto journaled = tx.append_journal(id, k_monday, "rita", "comment", {{"comment", nullptr, body}});
          !journaled) {
        return journaled;
      }
      auto notified = tx.insert_notification(
          Notification{{}, "rita", id, "rule", "", "Ticket about " + name + " waits", k_monday, std::nullopt});
      if (!notified) return tl::unexpected(notified.error());
      return {};
    }));
    return id;
  }

  // Leases the due jobs and runs the erasure jobs among them; returns how many ran.
  std::size_t run_erasures() {
    std::size_t ran = 0;
    for (const Job& job : testing::lease_due_jobs(*store, clock.now())) {
      JobContext context(*store, job, clock.now());
      if (job.kind != k_erasure_job) {
        EXPECT_TRUE(context.complete_with([](WriteTransaction&) -> Result<void> { return {}; }));
        continue;
      }
      EXPECT_TRUE(run_erasure_request(job, context));
      EXPECT_TRUE(context.completed());
      ++ran;
    }
    return ran;
  }

  ErasureRequest stored_request(ErasureRequestId id) {
    auto found = store->find_erasure_request(id);
    EXPECT_TRUE(found && *found);
    return found && *found ? **found : ErasureRequest{};
  }

  Ticket stored_ticket(TicketId id) {
    auto found = store->find_ticket(id);
    EXPECT_TRUE(found && *found);
    return found && *found ? **found : Ticket{};
  }

  // Whether anything stored about the ticket (its fields, journal, comments and notifications)
  // still says `text`.
  bool traces(TicketId id, const std::string& text) {
    const Ticket ticket = stored_ticket(id);
    std::string stored = ticket.title + ticket.description + ticket.fields.dump();
    auto journal = store->ticket_journal(id);
    EXPECT_TRUE(journal);
    for (const auto& entry : *journal) stored += entry.old_value.dump() + entry.new_value.dump();
    NotificationQuery query;
    query.recipient = "rita";
    query.limit = 50;
    auto notes = store->notifications(query);
    EXPECT_TRUE(notes);
    for (const auto& note : notes->items) {
      if (note.ticket == id) stored += note.message;
    }
    const auto comments = testing::count_rows(
        database.url(), "comments WHERE ticket_id = " + std::to_string(id.value) + " AND body LIKE '%" + text + "%'");
    return stored.find(text) != std::string::npos || comments > 0;
  }

  ChainVerdict verify_chain() {
    ChainVerifier verifier;
    EXPECT_TRUE(store->scan_journal([&](const JournalEntry& entry) { return verifier.add(entry); }));
    return verifier.verdict();
  }

  testing::TestDatabase database;
  std::unique_ptr<Store> store;
  testing::ManualClock clock{k_monday};
  std::unique_ptr<AppServices> app;
  const Actor officer = person("cora", "compliance");
};

TEST_F(ErasureTest, AnErasureRedactsEveryRecordOfTheCandidateAndKeepsTheChainVerifiable) {
  const TicketId janes = open_with_traces(k_jane, "Jane");
  const TicketId others = open_with_traces(k_other, "Omar");
  const Ticket before = stored_ticket(janes);
  ASSERT_TRUE(traces(janes, "Jane"));

  clock.advance(1h);
  auto filed = app->erasures.request(officer, k_jane);
  ASSERT_TRUE(filed) << filed.error().message;
  EXPECT_EQ(filed->status, ErasureStatus::pending);
  EXPECT_EQ(filed->source, "api");
  EXPECT_EQ(run_erasures(), 1u);

  const ErasureRequest done = stored_request(filed->id);
  EXPECT_EQ(done.status, ErasureStatus::completed);
  EXPECT_EQ(done.completed_at, clock.now());
  EXPECT_TRUE(done.report.candidate_found);
  EXPECT_EQ(done.report.tickets, std::vector<TicketId>{janes});
  EXPECT_EQ(done.report.comments, 1);
  EXPECT_EQ(done.report.notifications, 1);
  EXPECT_EQ(done.report.journal_entries, 2);  // the creation snapshot and the comment

  // Nothing names Jane any more; what statistics need stays.
  EXPECT_FALSE(traces(janes, "Jane"));
  EXPECT_FALSE(traces(janes, "6789"));
  const Ticket after = stored_ticket(janes);
  EXPECT_EQ(after.title, k_redaction_marker);
  EXPECT_EQ(after.fields, (nlohmann::json{{"note", k_redaction_marker}, {"attempts", 3}}));
  EXPECT_EQ(after.type, before.type);
  EXPECT_EQ(after.status, before.status);
  EXPECT_EQ(after.severity, before.severity);
  EXPECT_EQ(after.created_at, before.created_at);
  EXPECT_EQ(after.candidate, before.candidate);
  EXPECT_EQ(after.version, before.version + 1);

  // Another candidate's ticket is as it was.
  EXPECT_TRUE(traces(others, "Omar"));
  EXPECT_EQ(stored_ticket(others).title, "Offer link for Omar expired");

  // The chain still verifies, counting the redacted entries, and records the erasure itself.
  const ChainVerdict verdict = verify_chain();
  EXPECT_TRUE(verdict.ok) << verdict.reason;
  EXPECT_EQ(verdict.redacted, 2);
  auto journal = store->ticket_journal(janes);
  ASSERT_TRUE(journal);
  EXPECT_EQ(journal->back().action, "erase");
  EXPECT_EQ(journal->back().new_value, filed->id.value);

  auto candidate = store->find_candidate(k_jane);
  ASSERT_TRUE(candidate && *candidate);
  EXPECT_FALSE((*candidate)->profile.name);
  EXPECT_FALSE((*candidate)->profile.email);
  EXPECT_EQ((*candidate)->profile.fields, nlohmann::json::object());
  EXPECT_EQ((*candidate)->profile.geography, "US-CA");
  EXPECT_EQ((*candidate)->erased_at, clock.now());

  // Running it again changes nothing.
  auto again = store->write([&](WriteTransaction& tx) -> Result<void> {
    auto carried = carry_out_erasure(tx, filed->id, clock.now());
    if (!carried) return tl::unexpected(carried.error());
    return {};
  });
  EXPECT_TRUE(again);
  EXPECT_EQ(stored_request(filed->id).completed_at, done.completed_at);
}

TEST_F(ErasureTest, RawWebhookBodiesThatMentionTheCandidateAreRedactedOnceProcessed) {
  Connector connector;
  connector.id = "gh-main";
  connector.vendor = "greenhouse";
  connector.ats = "greenhouse";
  connector.created_at = k_monday;
  Connector elsewhere = connector;
  elsewhere.id = "lever-main";
  elsewhere.vendor = "lever";
  elsewhere.ats = "lever";
  ASSERT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
    if (auto inserted = tx.insert_connector(connector); !inserted) return inserted;
    if (auto inserted = tx.insert_connector(elsewhere); !inserted) return inserted;
    const auto deliver = [&](const std::string& on, const std::string& id, const std::string& body) -> Result<void> {
      auto stored = tx.insert_delivery(NewDelivery{on, id, k_monday, "{}", body});
      if (!stored) return tl::unexpected(stored.error());
      return {};
    };
    if (auto done = deliver("gh-main", "e1", R"({"candidate": {"id": 4001, "first_name": "Jane"}})"); !done) return done;
    if (auto done = deliver("gh-main", "e2", R"({"candidate": {"id": 4002, "first_name": "Omar"}})"); !done) return done;
    if (auto done = deliver("gh-main", "e3", R"({"candidate": {"id": 4001, "first_name": "Jane"}})"); !done) return done;
    return deliver("lever-main", "e4", R"({"candidateId": "4001", "name": "Someone Else"})");
  }));
  testing::execute_sql(database.url(), "UPDATE deliveries SET state = 'done' WHERE event_id IN ('e1', 'e2', 'e4')");

  auto filed = app->erasures.request(officer, k_jane);
  ASSERT_TRUE(filed);
  ASSERT_EQ(run_erasures(), 1u);
  EXPECT_EQ(stored_request(filed->id).report.deliveries, 1);
  const auto body_of = [&](const std::string& event) {
    return testing::count_rows(database.url(), "deliveries WHERE event_id = '" + event + "' AND body LIKE '%first_name%'");
  };
  EXPECT_EQ(body_of("e1"), 0) << "processed, about Jane: redacted";
  EXPECT_EQ(body_of("e2"), 1) << "about someone else";
  EXPECT_EQ(body_of("e3"), 1) << "still queued: processed first, like any delivery";
  EXPECT_EQ(testing::count_rows(database.url(), "deliveries WHERE event_id = 'e4' AND body LIKE '%Someone%'"), 1)
      << "another ATS's candidate 4001 is someone else";
}

TEST_F(ErasureTest, IncidentAndChangeTextsLoseTheCandidatesNameAndEmailAndKeepTheRest) {
  IncidentId about_jane;
  IncidentId about_omar;
  ASSERT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
    Incident incident;
    incident.category = "offers";
    incident.title = "Offer links expire early, first for Jane Roe";
    incident.commander = "hana";
    incident.opened_by = "hana";
    incident.opened_at = incident.last_update_at = k_monday;
    PostMortem postmortem;
    postmortem.timeline = {{k_monday, "jane@example.com reported the expired link"}};
    postmortem.impact = "Twelve candidates, JANE ROE among them";
    postmortem.root_cause = "A signing certificate expired";
    postmortem.written_by = "hana";
    postmortem.updated_at = k_monday;
    incident.postmortem = postmortem;
    auto jane = tx.insert_incident(incident);
    if (!jane) return tl::unexpected(jane.error());
    about_jane = *jane;
    incident.title = "Interview invites bounce for Omar Other";
    incident.postmortem.reset();
    auto omar = tx.insert_incident(incident);
    if (!omar) return tl::unexpected(omar.error());
    about_omar = *omar;
    for (const std::string message : {"Re-sent to Jane Roe", "Vendor confirmed the fix", "Re-sent to Jane Roe"}) {
      if (auto added = tx.append_incident_update(about_jane, {k_monday, "hana", "update", message}); !added) {
        return added;
      }
    }
    if (auto added = tx.append_incident_update(about_omar, {k_monday, "hana", "update", "Omar Other re-invited"});
        !added) {
      return added;
    }
    if (auto inserted = tx.insert_change(
            {"CHG-1", "Hotfix after jane@example.com's report", "greenhouse", k_monday, "", "hana", k_monday});
        !inserted) {
      return inserted;
    }
    return tx.insert_change({"CHG-2", "Certificate rotation", "greenhouse", k_monday, "", "hana", k_monday});
  }));

  auto filed = app->erasures.request(officer, k_jane);
  ASSERT_TRUE(filed);
  ASSERT_EQ(run_erasures(), 1u);
  const ErasureReport report = stored_request(filed->id).report;
  EXPECT_EQ(report.incidents, 1);
  EXPECT_EQ(report.changes, 1);

  auto jane = store->find_incident(about_jane);
  ASSERT_TRUE(jane && *jane);
  EXPECT_EQ((*jane)->title, "Offer links expire early, first for [redacted]");
  ASSERT_EQ((*jane)->updates.size(), 3u);
  EXPECT_EQ((*jane)->updates[0].message, "Re-sent to [redacted]");
  EXPECT_EQ((*jane)->updates[1].message, "Vendor confirmed the fix");
  EXPECT_EQ((*jane)->updates[2].message, "Re-sent to [redacted]");
  ASSERT_TRUE((*jane)->postmortem);
  EXPECT_EQ((*jane)->postmortem->timeline[0].event, "[redacted] reported the expired link");
  EXPECT_EQ((*jane)->postmortem->impact, "Twelve candidates, [redacted] among them");
  EXPECT_EQ((*jane)->postmortem->root_cause, "A signing certificate expired");
  EXPECT_EQ((*jane)->commander, "hana");

  auto omar = store->find_incident(about_omar);
  ASSERT_TRUE(omar && *omar);
  EXPECT_EQ((*omar)->title, "Interview invites bounce for Omar Other");
  EXPECT_EQ((*omar)->updates.at(0).message, "Omar Other re-invited");
  auto hotfix = store->find_change("CHG-1");
  ASSERT_TRUE(hotfix && *hotfix);
  EXPECT_EQ((*hotfix)->summary, "Hotfix after [redacted]'s report");
  auto rotation = store->find_change("CHG-2");
  ASSERT_TRUE(rotation && *rotation);
  EXPECT_EQ((*rotation)->summary, "Certificate rotation");
}

TEST_F(ErasureTest, AnErasedCandidateStaysErasedWhateverIsWrittenLater) {
  open_with_traces(k_jane, "Jane");
  auto filed = app->erasures.request(officer, k_jane);
  ASSERT_TRUE(filed);
  ASSERT_EQ(run_erasures(), 1u);
  clock.advance(1h);
  describe(k_jane, "Jane Roe", "jane@example.com");  // a late sync, say
  auto candidate = store->find_candidate(k_jane);
  ASSERT_TRUE(candidate && *candidate);
  EXPECT_FALSE((*candidate)->profile.name);
  EXPECT_FALSE((*candidate)->profile.email);
  EXPECT_TRUE((*candidate)->erased_at);
}

TEST_F(ErasureTest, AHeldRequestWaitsAndCompletesWhenItsLastHoldIsReleased) {
  const TicketId janes = open_with_traces(k_jane, "Jane");
  LegalHold on_ticket;
  on_ticket.ticket = janes;
  on_ticket.reason = "Litigation 2026-17";
  auto first = app->legal_holds.place(officer, on_ticket);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->placed_by, "cora");
  LegalHold on_candidate;
  on_candidate.candidate = k_jane;
  on_candidate.reason = "EEOC inquiry";
  auto second = app->legal_holds.place(officer, on_candidate);
  ASSERT_TRUE(second);

  auto filed = app->erasures.request(officer, k_jane);
  ASSERT_TRUE(filed);
  EXPECT_EQ(run_erasures(), 1u);
  ErasureRequest held = stored_request(filed->id);
  EXPECT_EQ(held.status, ErasureStatus::held);
  EXPECT_EQ(held.held_by, (std::vector<LegalHoldId>{first->id, second->id}));
  EXPECT_TRUE(traces(janes, "Jane"));

  // One hold released: still held by the other.
  clock.advance(1h);
  ASSERT_TRUE(app->legal_holds.release(officer, first->id));
  EXPECT_EQ(run_erasures(), 1u);
  held = stored_request(filed->id);
  EXPECT_EQ(held.status, ErasureStatus::held);
  EXPECT_EQ(held.held_by, std::vector<LegalHoldId>{second->id});

  auto released_twice = app->legal_holds.release(officer, first->id);
  ASSERT_FALSE(released_twice);
  EXPECT_EQ(released_twice.error().code, ErrorCode::conflict);

  ASSERT_TRUE(app->legal_holds.release(officer, second->id));
  EXPECT_EQ(run_erasures(), 1u);
  EXPECT_EQ(stored_request(filed->id).status, ErasureStatus::completed);
  EXPECT_FALSE(traces(janes, "Jane"));
  auto hold = app->legal_holds.get(officer, second->id);
  ASSERT_TRUE(hold);
  EXPECT_EQ(hold->released_by, "cora");
  EXPECT_FALSE(hold_active(*hold));
}

TEST_F(ErasureTest, OnlyComplianceMayEraseOrHoldAndBadInputNamesTheField) {
  const TicketId janes = open_with_traces(k_jane, "Jane");
  const Actor recruiter = person("rita", "recruiter");
  auto refused = app->erasures.request(recruiter, k_jane);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::permission_denied);
  LegalHold hold;
  hold.ticket = janes;
  hold.reason = "keep";
  EXPECT_EQ(app->legal_holds.place(recruiter, hold).error().code, ErrorCode::permission_denied);
  EXPECT_EQ(app->legal_holds.list(recruiter).error().code, ErrorCode::permission_denied);

  auto bad_ref = app->erasures.request(officer, CandidateRef{"", "4001"});
  ASSERT_FALSE(bad_ref);
  EXPECT_EQ(bad_ref.error().code, ErrorCode::validation_failed);
  EXPECT_EQ(bad_ref.error().fields.at(0).field, "candidate.ats");

  LegalHold both = hold;
  both.candidate = k_jane;
  auto two_targets = app->legal_holds.place(officer, both);
  ASSERT_FALSE(two_targets);
  EXPECT_EQ(two_targets.error().code, ErrorCode::validation_failed);
  LegalHold unknown;
  unknown.ticket = TicketId{999};
  unknown.reason = "keep";
  auto missing = app->legal_holds.place(officer, unknown);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().fields.at(0).field, "ticket");
  LegalHold reasonless;
  reasonless.candidate = k_jane;
  EXPECT_EQ(app->legal_holds.place(officer, reasonless).error().fields.at(0).field, "reason");

  // Nothing was stored by any of them.
  EXPECT_EQ(testing::count_rows(database.url(), "legal_holds"), 0);
  EXPECT_EQ(testing::count_rows(database.url(), "erasure_requests"), 0);
}

TEST_F(ErasureTest, TheAtsDeletingACandidateMarksThePurgeAndFilesARequest) {
  const TicketId janes = open_with_traces(k_jane, "Jane");
  Connector connector;
  connector.id = "gh-main";
  connector.vendor = "greenhouse";
  connector.ats = "greenhouse";
  const EventApplier applier{default_catalog(), default_router(), 72h};
  const auto apply = [&](AtsEvent event) {
    ASSERT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
      auto applied = applier.apply(tx, connector, event, clock.now());
      if (!applied) return tl::unexpected(applied.error());
      return {};
    }));
  };
  AtsEvent deleted;
  deleted.type = AtsEventType::candidate_deleted;
  deleted.source_action = "delete_candidate";
  deleted.occurred_at = k_monday + 30min;
  deleted.candidate = k_jane;
  deleted.object = "candidate:4001";
  clock.advance(1h);
  apply(deleted);

  auto candidate = store->find_candidate(k_jane);
  ASSERT_TRUE(candidate && *candidate);
  EXPECT_EQ((*candidate)->purged_at, k_monday + 30min);
  EXPECT_EQ(run_erasures(), 1u);
  auto requests = store->list_erasure_requests(10);
  ASSERT_TRUE(requests);
  ASSERT_EQ(requests->size(), 1u);
  EXPECT_EQ(requests->front().source, "ats:gh-main");
  EXPECT_EQ(requests->front().status, ErasureStatus::completed);
  EXPECT_FALSE(traces(janes, "Jane"));

  // A late update naming her again, and a repeat of the deletion, bring nothing back.
  AtsEvent updated;
  updated.type = AtsEventType::candidate_updated;
  updated.source_action = "candidate_has_changed";
  updated.occurred_at = k_monday + 2h;
  updated.candidate = k_jane;
  updated.object = "candidate:4001";
  updated.profile = CandidateProfile{"Jane Roe", "jane@example.com", std::nullopt, "US-CA", {}};
  apply(updated);
  apply(deleted);
  candidate = store->find_candidate(k_jane);
  ASSERT_TRUE(candidate && *candidate);
  EXPECT_FALSE((*candidate)->profile.name);
  EXPECT_EQ(testing::count_rows(database.url(), "erasure_requests"), 1);

  // A candidate Snag never saw: a row marks the purge, so a late event describes no one.
  AtsEvent stranger = deleted;
  stranger.candidate = CandidateRef{"greenhouse", "4999"};
  stranger.object = "candidate:4999";
  apply(stranger);
  candidate = store->find_candidate(CandidateRef{"greenhouse", "4999"});
  ASSERT_TRUE(candidate && *candidate);
  EXPECT_TRUE((*candidate)->purged_at);
}

}  // namespace erasure_test
}  // namespace snag
