#include <snag/integrations/reconciliation.hpp>

#include "inbox_fixture.hpp"

namespace snag::testing {
namespace event_applier_test {

using EventApplierTest = InboxTest;

AtsEvent candidate_event(AtsEventType type, const std::string& external_id, Timestamp at) {
  AtsEvent event;
  event.type = type;
  event.source_action = std::string(to_string(type));
  event.occurred_at = at;
  event.candidate = CandidateRef{"acme", external_id};
  event.object = "candidate:" + external_id;
  return event;
}

Result<AppliedEvent> apply(Store& store, const EventApplier& applier, const Connector& connector,
                           const AtsEvent& event, Timestamp now) {
  Result<AppliedEvent> applied = AppliedEvent{};
  auto written = store.write([&](WriteTransaction& tx) -> Result<void> {
    applied = applier.apply(tx, connector, event, now);
    if (!applied) return tl::unexpected(applied.error());
    return {};
  });
  if (!written) return tl::unexpected(written.error());
  return applied;
}

TEST_F(EventApplierTest, AnOlderEventDoesNotOverwriteNewerState) {
  const Timestamp t0 = clock.now();
  auto newer = candidate_event(AtsEventType::candidate_updated, "c-7", t0 + std::chrono::minutes(5));
  newer.profile = CandidateProfile{};
  newer.profile->name = "Newer Name";
  auto older = candidate_event(AtsEventType::candidate_updated, "c-7", t0);
  older.profile = CandidateProfile{};
  older.profile->name = "Older Name";

  ASSERT_TRUE(apply(*store, applier, connector, newer, t0));
  auto late = apply(*store, applier, connector, older, t0);
  ASSERT_TRUE(late);
  EXPECT_TRUE(late->superseded);
  auto candidate = store->find_candidate(CandidateRef{"acme", "c-7"});
  ASSERT_TRUE(candidate && *candidate);
  EXPECT_EQ((*candidate)->profile.name, "Newer Name");
}

// A partial update that arrives before the older full description: the older one fills in
// what the update did not say, and overwrites nothing it did.
TEST_F(EventApplierTest, AnOlderDescriptionFillsInWhatANewerPartialOneLeftUnknown) {
  const Timestamp t0 = clock.now();
  auto partial = candidate_event(AtsEventType::candidate_updated, "c-9", t0 + std::chrono::minutes(5));
  partial.profile = CandidateProfile{};
  partial.profile->level = "entry";
  partial.profile->fields = {{"visa_status", "approved"}};
  auto full = candidate_event(AtsEventType::candidate_created, "c-9", t0);
  full.profile = CandidateProfile{};
  full.profile->name = "Ana Lima";
  full.profile->level = "executive";
  full.profile->geography = "DE";
  full.profile->fields = {{"visa_status", "pending"}, {"relocation", true}};

  ASSERT_TRUE(apply(*store, applier, connector, partial, t0));
  auto late = apply(*store, applier, connector, full, t0);
  ASSERT_TRUE(late) << late.error().message;
  EXPECT_TRUE(late->superseded);
  auto candidate = store->find_candidate(CandidateRef{"acme", "c-9"});
  ASSERT_TRUE(candidate && *candidate);
  EXPECT_EQ((*candidate)->profile.name, "Ana Lima");
  EXPECT_EQ((*candidate)->profile.geography, "DE");
  EXPECT_EQ((*candidate)->profile.level, "entry") << "the newer event said so";
  EXPECT_EQ((*candidate)->profile.fields, (nlohmann::json{{"visa_status", "approved"}, {"relocation", true}}));
}

TEST_F(EventApplierTest, ABlockerOlderThanTheLastUpdateStillOpensItsTicketButChangesNoProfile) {
  const Timestamp t0 = clock.now();
  auto update = candidate_event(AtsEventType::candidate_updated, "c-8", t0 + std::chrono::minutes(5));
  update.profile = CandidateProfile{};
  update.profile->name = "Current Name";
  ASSERT_TRUE(apply(*store, applier, connector, update, t0));

  auto expired = candidate_event(AtsEventType::offer_expired, "c-8", t0);
  expired.profile = CandidateProfile{};
  expired.profile->name = "Stale Name";
  auto applied = apply(*store, applier, connector, expired, t0);
  ASSERT_TRUE(applied) << applied.error().message;
  EXPECT_TRUE(applied->superseded);
  EXPECT_EQ(applied->opened_tickets.size(), 1u);
  ASSERT_EQ(tickets_of("c-8").size(), 1u);
  EXPECT_EQ(tickets_of("c-8")[0].type, "offer_link_expired");
  auto candidate = store->find_candidate(CandidateRef{"acme", "c-8"});
  ASSERT_TRUE(candidate && *candidate);
  EXPECT_EQ((*candidate)->profile.name, "Current Name");
}

TEST_F(EventApplierTest, AnUnknownCandidateBecomesAStubWithAReconciliationThatTurnsIntoATicket) {
  auto missing = candidate_event(AtsEventType::document_missing, "c-ghost", clock.now());
  auto applied = apply(*store, applier, connector, missing, clock.now());
  ASSERT_TRUE(applied) << applied.error().message;
  EXPECT_TRUE(applied->candidate_created);
  ASSERT_EQ(applied->opened_tickets.size(), 1u);
  auto open = store->open_reconciliations(10);
  ASSERT_TRUE(open);
  ASSERT_EQ(open->size(), 1u);
  EXPECT_EQ((*open)[0].kind, "unknown_candidate");

  auto too_soon = open_mismatch_tickets(*store, default_catalog(), default_router(), policy, clock.now());
  ASSERT_TRUE(too_soon);
  EXPECT_EQ(*too_soon, 0u);
  clock.advance(policy.mismatch_ticket_after + std::chrono::minutes(1));
  auto opened = open_mismatch_tickets(*store, default_catalog(), default_router(), policy, clock.now());
  ASSERT_TRUE(opened) << opened.error().message;
  EXPECT_EQ(*opened, 1u);
  const auto tickets = tickets_of("c-ghost");
  ASSERT_EQ(tickets.size(), 2u);
  EXPECT_EQ(tickets[1].type, "data_sync_mismatch");
  EXPECT_EQ(tickets[1].team, "hris");
  auto again = open_mismatch_tickets(*store, default_catalog(), default_router(), policy, clock.now());
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, 0u) << "one ticket per reconciliation";
}

TEST_F(EventApplierTest, AProfileFromTheAtsResolvesTheReconciliation) {
  ASSERT_TRUE(apply(*store, applier, connector,
                    candidate_event(AtsEventType::document_missing, "c-late", clock.now()), clock.now()));
  auto described = candidate_event(AtsEventType::candidate_updated, "c-late", clock.now() + std::chrono::seconds(1));
  described.profile = CandidateProfile{};
  described.profile->name = "Late Arrival";
  ASSERT_TRUE(apply(*store, applier, connector, described, clock.now()));
  auto open = store->open_reconciliations(10);
  ASSERT_TRUE(open);
  EXPECT_TRUE(open->empty());
}

// Nothing to reconcile: a row that marks the purge, so that a late event describes no one, and
// an erasure request for whatever tickets name the id.
TEST_F(EventApplierTest, ADeletionOfAnUnknownCandidateMarksThePurgeAndNeedsNoReconciliation) {
  auto deleted = candidate_event(AtsEventType::candidate_deleted, "c-gone", clock.now());
  auto applied = apply(*store, applier, connector, deleted, clock.now());
  ASSERT_TRUE(applied) << applied.error().message;
  EXPECT_FALSE(applied->candidate_created);
  auto candidate = store->find_candidate(CandidateRef{"acme", "c-gone"});
  ASSERT_TRUE(candidate && *candidate);
  EXPECT_EQ((*candidate)->purged_at, deleted.occurred_at);
  EXPECT_FALSE((*candidate)->profile.name);
  auto requests = store->list_erasure_requests(10);
  ASSERT_TRUE(requests);
  EXPECT_EQ(requests->size(), 1u);
  auto open = store->open_reconciliations(10);
  ASSERT_TRUE(open);
  EXPECT_TRUE(open->empty());
}

TEST_F(EventApplierTest, AMergeMovesTicketsToTheSurvivorWithAJournalEntry) {
  ASSERT_TRUE(apply(*store, applier, connector,
                    candidate_event(AtsEventType::offer_expired, "c-old", clock.now()), clock.now()));
  auto merge = candidate_event(AtsEventType::candidate_merged, "c-old", clock.now() + std::chrono::seconds(1));
  merge.merged_from = "c-old";
  merge.merged_into = "c-new";
  ASSERT_TRUE(apply(*store, applier, connector, merge, clock.now()));

  EXPECT_TRUE(tickets_of("c-old").empty());
  const auto moved = tickets_of("c-new");
  ASSERT_EQ(moved.size(), 1u);
  auto journal = store->ticket_journal(moved[0].id);
  ASSERT_TRUE(journal);
  EXPECT_EQ(journal->back().action, "merge");

  // Later events about the merged-away id land on the survivor.
  auto late = candidate_event(AtsEventType::resume_parse_failed, "c-old", clock.now() + std::chrono::seconds(2));
  late.object = "application:9";
  ASSERT_TRUE(apply(*store, applier, connector, late, clock.now()));
  EXPECT_EQ(tickets_of("c-new").size(), 2u);
  EXPECT_TRUE(tickets_of("c-old").empty());
}

}  // namespace event_applier_test
}  // namespace snag::testing
