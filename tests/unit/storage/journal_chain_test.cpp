#include <gtest/gtest.h>
#include <store_fixtures.hpp>

namespace snag {
namespace journal_chain_test {

using testing::insert;
using testing::sample_ticket;
using testing::TestDatabase;

Result<void> append(Store& store, TicketId id, std::vector<FieldChange> changes) {
  return store.write([&](WriteTransaction& tx) {
    return tx.append_journal(id, from_epoch_ms(1'780'000'000'000), "alice", "update", changes);
  });
}

ChainVerdict verify(Store& store) {
  ChainVerifier verifier;
  auto scanned = store.scan_journal([&](const JournalEntry& entry) { return verifier.add(entry); });
  EXPECT_TRUE(scanned);
  return verifier.verdict();
}

TEST(Journal, AppendedEntriesFormAChainThatVerifies) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  const TicketId a = insert(*store, sample_ticket());
  const TicketId b = insert(*store, sample_ticket());
  ASSERT_TRUE(append(*store, a, {{"title", nullptr, "x"}, {"labels", nullptr, {"a", "b"}}}));
  ASSERT_TRUE(append(*store, b, {{"status", "new", "triaged"}}));
  ASSERT_TRUE(append(*store, a, {{"fields", {{"k", 1.5}}, {{"k", "v"}, {"z", nullptr}}}}));

  const ChainVerdict verdict = verify(*store);
  EXPECT_TRUE(verdict.ok) << verdict.reason;
  EXPECT_EQ(verdict.checked, 4);

  auto journal = store->ticket_journal(a);
  ASSERT_TRUE(journal);
  ASSERT_EQ(journal->size(), 3u);
  EXPECT_EQ((*journal)[0].seq, 1);
  EXPECT_EQ((*journal)[0].event, (*journal)[1].event);  // one event per call
  EXPECT_LT((*journal)[1].event, (*journal)[2].event);
  EXPECT_EQ((*journal)[2].seq, 4);
  EXPECT_EQ((*journal)[1].new_value, nlohmann::json({"a", "b"}));
  EXPECT_EQ((*journal)[0].prev_hash, k_genesis_hash);
}

TEST(Journal, TheChainContinuesAcrossReopening) {
  TestDatabase database;
  {
    auto store = database.open();
    ASSERT_TRUE(store);
    ASSERT_TRUE(append(*store, TicketId{1}, {{"title", nullptr, "x"}}));
  }
  auto store = database.open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(append(*store, TicketId{1}, {{"title", "x", "y"}}));
  auto journal = store->ticket_journal(TicketId{1});
  ASSERT_TRUE(journal);
  ASSERT_EQ(journal->size(), 2u);
  EXPECT_EQ((*journal)[1].event, 2);
  const ChainVerdict verdict = verify(*store);
  EXPECT_TRUE(verdict.ok) << verdict.reason;
  EXPECT_EQ(verdict.checked, 2);
}

// A CLI command (snag demo, snag sync) appends from its own process while a server runs.
TEST(Journal, TwoStoresOnOneDatabaseTakingTurnsKeepOneChain) {
  TestDatabase database;
  auto server = database.open();
  auto command = database.open();
  ASSERT_TRUE(server && command);
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(append(*server, TicketId{1}, {{"title", nullptr, "server " + std::to_string(i)}}));
    ASSERT_TRUE(append(*command, TicketId{1}, {{"title", nullptr, "command " + std::to_string(i)}}));
  }
  const ChainVerdict verdict = verify(*server);
  EXPECT_TRUE(verdict.ok) << verdict.reason;
  EXPECT_EQ(verdict.checked, 6);
}

TEST(Journal, EditingAStoredEntryIsReportedAtItsSeq) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(append(*store, TicketId{1}, {{"status", i, i + 1}}));

  testing::execute_sql(database.url(), "UPDATE journal SET actor = 'mallory' WHERE seq = 3");

  const ChainVerdict verdict = verify(*store);
  EXPECT_FALSE(verdict.ok);
  EXPECT_EQ(verdict.broken_seq, 3);
  EXPECT_EQ(verdict.checked, 2);
}

TEST(Journal, AnEmptyChangeListWritesNothing) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(append(*store, TicketId{1}, {}));
  EXPECT_EQ(verify(*store).checked, 0);
}

}  // namespace journal_chain_test
}  // namespace snag
