// The access log's hash chain, its filtered pages and its scan, on this run's backend.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <store_fixtures.hpp>

#include <snag/domain/access/access_log.hpp>
#include <snag/domain/journal.hpp>

namespace snag {
namespace access_log_store_test {

using testing::TestDatabase;

constexpr std::int64_t k_base_ms = 1'780'000'000'000;

AccessEntry entry(std::string actor, AccessAction action, std::int64_t at_offset_ms) {
  AccessEntry entry;
  entry.at = from_epoch_ms(k_base_ms + at_offset_ms);
  entry.actor = std::move(actor);
  entry.credential = "key:7";
  entry.action = action;
  entry.object = "export:tickets";
  entry.address = "192.0.2.10";
  return entry;
}

AccessEntry ticket_entry(std::string actor, AccessAction action, std::int64_t at_offset_ms, TicketId ticket,
                         std::optional<CandidateRef> candidate = std::nullopt) {
  AccessEntry e = entry(std::move(actor), action, at_offset_ms);
  e.object = "ticket:" + ticket_key(ticket);
  e.ticket = ticket;
  e.candidate = std::move(candidate);
  return e;
}

AccessEntry candidate_entry(std::string actor, AccessAction action, std::int64_t at_offset_ms, CandidateRef candidate) {
  AccessEntry e = entry(std::move(actor), action, at_offset_ms);
  e.object = "candidate:" + to_string(candidate);
  e.candidate = std::move(candidate);
  return e;
}

Result<void> append(Store& store, std::vector<AccessEntry> entries) {
  return store.write([&](WriteTransaction& tx) { return tx.append_access_log(entries); });
}

std::vector<AccessEntry> scan_all(Store& store) {
  std::vector<AccessEntry> entries;
  auto scanned = store.scan_access_log([&](const AccessEntry& e) {
    entries.push_back(e);
    return true;
  });
  EXPECT_TRUE(scanned) << scanned.error().message;
  return entries;
}

std::vector<std::int64_t> seqs(const std::vector<AccessEntry>& entries) {
  std::vector<std::int64_t> out;
  for (const auto& e : entries) out.push_back(e.seq);
  return out;
}

AccessLogPage page(Store& store, const AccessLogQuery& query) {
  auto result = store.access_log_page(query);
  EXPECT_TRUE(result) << result.error().message;
  return result ? *result : AccessLogPage{};
}

TEST(AccessLogStore, AppendsContinueTheChainAcrossWrites) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);

  const CandidateRef ada{"greenhouse", "53883394"};
  std::vector<AccessEntry> first{ticket_entry("alice", AccessAction::view, 0, TicketId{1}, ada),
                                 candidate_entry("bob", AccessAction::edit, 1, ada),
                                 entry("carol", AccessAction::export_, 2)};
  first[0].seq = 77;  // whatever the caller set, the store assigns seq and hashes
  first[0].hash = "forged";
  ASSERT_TRUE(append(*store, first));
  // Two appends in one write, then another write.
  auto second = store->write([&](WriteTransaction& tx) -> Result<void> {
    if (auto done = tx.append_access_log({entry("dave", AccessAction::view, 3)}); !done) return done;
    return tx.append_access_log({entry("erin", AccessAction::view, 4), entry("frank", AccessAction::edit, 5)});
  });
  ASSERT_TRUE(second) << second.error().message;
  ASSERT_TRUE(append(*store, {}));  // nothing to append is no error

  const auto entries = scan_all(*store);
  ASSERT_EQ(entries.size(), 6u);
  std::string prev{k_genesis_hash};
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const AccessEntry& e = entries[i];
    EXPECT_EQ(e.seq, static_cast<std::int64_t>(i + 1));
    EXPECT_TRUE(access_entry_intact(e)) << "seq " << e.seq;
    EXPECT_EQ(e.prev_hash, prev) << "seq " << e.seq;
    EXPECT_EQ(e.hash.size(), 64u);
    prev = e.hash;
  }
  const std::vector<std::string> actors{"alice", "bob", "carol", "dave", "erin", "frank"};
  for (std::size_t i = 0; i < actors.size(); ++i) EXPECT_EQ(entries[i].actor, actors[i]);

  // Every field comes back as written.
  EXPECT_EQ(entries[0].at, from_epoch_ms(k_base_ms));
  EXPECT_EQ(entries[0].credential, "key:7");
  EXPECT_EQ(entries[0].action, AccessAction::view);
  EXPECT_EQ(entries[0].object, "ticket:SNAG-1");
  EXPECT_EQ(entries[0].ticket, std::optional<TicketId>(TicketId{1}));
  EXPECT_EQ(entries[0].candidate, std::optional<CandidateRef>(ada));
  EXPECT_EQ(entries[0].address, "192.0.2.10");
  EXPECT_EQ(entries[1].action, AccessAction::edit);
  EXPECT_EQ(entries[1].ticket, std::nullopt);
  EXPECT_EQ(entries[1].candidate, std::optional<CandidateRef>(ada));
  EXPECT_EQ(entries[2].action, AccessAction::export_);
  EXPECT_EQ(entries[2].ticket, std::nullopt);
  EXPECT_EQ(entries[2].candidate, std::nullopt);

  // A tampered row no longer passes.
  testing::execute_sql(database.url(), "UPDATE access_log SET actor = 'mallory' WHERE seq = 2");
  const auto tampered = scan_all(*store);
  ASSERT_EQ(tampered.size(), 6u);
  EXPECT_FALSE(access_entry_intact(tampered[1]));
  EXPECT_TRUE(access_entry_intact(tampered[2]));
}

TEST(AccessLogStore, ARolledBackAppendLeavesNoGapInTheChain) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(append(*store, {entry("alice", AccessAction::view, 0)}));
  auto failed = store->write([&](WriteTransaction& tx) -> Result<void> {
    if (auto done = tx.append_access_log({entry("bob", AccessAction::view, 1)}); !done) return done;
    return fail(ErrorCode::conflict, "rolled back on purpose");
  });
  ASSERT_FALSE(failed);
  ASSERT_TRUE(append(*store, {entry("carol", AccessAction::view, 2)}));
  const auto entries = scan_all(*store);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[1].seq, 2);
  EXPECT_EQ(entries[1].actor, "carol");
  EXPECT_EQ(entries[1].prev_hash, entries[0].hash);
  EXPECT_TRUE(access_entry_intact(entries[1]));
}

TEST(AccessLogStore, AWorkRolledBackAmongOthersOfItsBatchLeavesNoGapAndAnotherStoreAppendsAfter) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  // The writer keeps the chain's head through a batch; write_all queues these works together.
  std::vector<WriteWork> works;
  for (const std::string actor : {"alice", "bob", "carol", "dave"}) {
    works.push_back([actor](WriteTransaction& tx) -> Result<void> {
      if (auto done = tx.append_access_log({entry(actor, AccessAction::view, 0)}); !done) return done;
      if (actor == "bob") return fail(ErrorCode::conflict, "rolled back on purpose");
      return {};
    });
  }
  const auto outcomes = store->write_all(std::move(works));
  ASSERT_EQ(outcomes.size(), 4u);
  EXPECT_FALSE(outcomes[1]);
  // Another process (a CLI command) appends between this store's batches.
  {
    auto other = database.open();
    ASSERT_TRUE(other);
    ASSERT_TRUE(append(*other, {entry("erin", AccessAction::edit, 1)}));
  }
  ASSERT_TRUE(append(*store, {entry("frank", AccessAction::view, 2)}));
  const auto entries = scan_all(*store);
  std::vector<std::string> actors;
  std::string prev{k_genesis_hash};
  for (std::size_t i = 0; i < entries.size(); ++i) {
    EXPECT_EQ(entries[i].seq, static_cast<std::int64_t>(i + 1));
    EXPECT_EQ(entries[i].prev_hash, prev) << "seq " << entries[i].seq;
    EXPECT_TRUE(access_entry_intact(entries[i])) << "seq " << entries[i].seq;
    prev = entries[i].hash;
    actors.push_back(entries[i].actor);
  }
  EXPECT_EQ(actors, (std::vector<std::string>{"alice", "carol", "dave", "erin", "frank"}));
}

TEST(AccessLogStore, ScanStopsWhenTheVisitorSaysSo) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  std::vector<AccessEntry> many;
  for (int i = 0; i < 25; ++i) many.push_back(entry("alice", AccessAction::view, i));
  ASSERT_TRUE(append(*store, many));
  std::vector<std::int64_t> visited;
  auto scanned = store->scan_access_log([&](const AccessEntry& e) {
    visited.push_back(e.seq);
    return visited.size() < 10;
  });
  ASSERT_TRUE(scanned) << scanned.error().message;
  std::vector<std::int64_t> expected;
  for (std::int64_t seq = 1; seq <= 10; ++seq) expected.push_back(seq);
  EXPECT_EQ(visited, expected);
  EXPECT_EQ(seqs(scan_all(*store)).size(), 25u);
}

// seq: actor action at ticket candidate
//  1: alice view   0  T1  ada
//  2: bob   view  10  T2  -
//  3: alice edit  20  T1  ada
//  4: carol export 30 -   -
//  5: alice view  40  -   ada   (the candidate's own page)
//  6: bob   edit  50  T1  ada
//  7: alice view  60  T2  -
class AccessLogPages : public ::testing::Test {
 protected:
  void SetUp() override {
    store = database.open();
    ASSERT_TRUE(store);
    const CandidateRef ada{"greenhouse", "53883394"};
    ASSERT_TRUE(append(*store, {ticket_entry("alice", AccessAction::view, 0, TicketId{1}, ada),
                                ticket_entry("bob", AccessAction::view, 10, TicketId{2}),
                                ticket_entry("alice", AccessAction::edit, 20, TicketId{1}, ada),
                                entry("carol", AccessAction::export_, 30)}));
    ASSERT_TRUE(append(*store, {candidate_entry("alice", AccessAction::view, 40, ada),
                                ticket_entry("bob", AccessAction::edit, 50, TicketId{1}, ada),
                                ticket_entry("alice", AccessAction::view, 60, TicketId{2})}));
  }

  std::vector<std::int64_t> matching(const AccessLogQuery& query) { return seqs(page(*store, query).items); }

  TestDatabase database;
  std::unique_ptr<Store> store;
};

TEST_F(AccessLogPages, NewestFirstWithoutFilters) {
  const AccessLogPage all = page(*store, AccessLogQuery{});
  EXPECT_EQ(seqs(all.items), (std::vector<std::int64_t>{7, 6, 5, 4, 3, 2, 1}));
  EXPECT_EQ(all.next_before_seq, std::nullopt);
  for (const auto& e : all.items) EXPECT_TRUE(access_entry_intact(e)) << e.seq;
}

TEST_F(AccessLogPages, EachFilterAloneAndCombined) {
  AccessLogQuery by_actor;
  by_actor.actor = "alice";
  EXPECT_EQ(matching(by_actor), (std::vector<std::int64_t>{7, 5, 3, 1}));

  AccessLogQuery by_action;
  by_action.action = AccessAction::edit;
  EXPECT_EQ(matching(by_action), (std::vector<std::int64_t>{6, 3}));
  by_action.action = AccessAction::export_;
  EXPECT_EQ(matching(by_action), (std::vector<std::int64_t>{4}));

  AccessLogQuery by_ticket;
  by_ticket.ticket = TicketId{1};
  EXPECT_EQ(matching(by_ticket), (std::vector<std::int64_t>{6, 3, 1}));

  AccessLogQuery by_candidate;
  by_candidate.candidate = CandidateRef{"greenhouse", "53883394"};
  EXPECT_EQ(matching(by_candidate), (std::vector<std::int64_t>{6, 5, 3, 1}));
  by_candidate.candidate = CandidateRef{"greenhouse", "other"};  // both parts must match
  EXPECT_TRUE(matching(by_candidate).empty());
  by_candidate.candidate = CandidateRef{"lever", "53883394"};
  EXPECT_TRUE(matching(by_candidate).empty());

  AccessLogQuery since;
  since.since = from_epoch_ms(k_base_ms + 40);  // at or after
  EXPECT_EQ(matching(since), (std::vector<std::int64_t>{7, 6, 5}));

  AccessLogQuery combined;
  combined.actor = "alice";
  combined.action = AccessAction::view;
  combined.since = from_epoch_ms(k_base_ms + 1);
  EXPECT_EQ(matching(combined), (std::vector<std::int64_t>{7, 5}));
  combined.ticket = TicketId{2};
  EXPECT_EQ(matching(combined), (std::vector<std::int64_t>{7}));
  combined.candidate = CandidateRef{"greenhouse", "53883394"};
  EXPECT_TRUE(matching(combined).empty());

  AccessLogQuery nobody;
  nobody.actor = "mallory";
  const AccessLogPage empty = page(*store, nobody);
  EXPECT_TRUE(empty.items.empty());
  EXPECT_EQ(empty.next_before_seq, std::nullopt);
}

TEST_F(AccessLogPages, TheCursorWalksThreePages) {
  AccessLogQuery query;
  query.limit = 3;
  const AccessLogPage first = page(*store, query);
  EXPECT_EQ(seqs(first.items), (std::vector<std::int64_t>{7, 6, 5}));
  ASSERT_EQ(first.next_before_seq, std::optional<std::int64_t>(5));

  query.before_seq = first.next_before_seq;
  const AccessLogPage second = page(*store, query);
  EXPECT_EQ(seqs(second.items), (std::vector<std::int64_t>{4, 3, 2}));
  ASSERT_EQ(second.next_before_seq, std::optional<std::int64_t>(2));

  query.before_seq = second.next_before_seq;
  const AccessLogPage third = page(*store, query);
  EXPECT_EQ(seqs(third.items), (std::vector<std::int64_t>{1}));
  EXPECT_EQ(third.next_before_seq, std::nullopt);

  // A page that ends exactly at the last entry says that nothing follows.
  query.before_seq = 4;
  const AccessLogPage exact = page(*store, query);
  EXPECT_EQ(seqs(exact.items), (std::vector<std::int64_t>{3, 2, 1}));
  EXPECT_EQ(exact.next_before_seq, std::nullopt);
}

TEST_F(AccessLogPages, TheCursorCombinesWithFilters) {
  AccessLogQuery query;
  query.actor = "alice";
  query.limit = 1;
  std::vector<std::int64_t> walked;
  for (int pages = 0; pages < 10; ++pages) {
    const AccessLogPage next = page(*store, query);
    for (const auto& e : next.items) walked.push_back(e.seq);
    if (!next.next_before_seq) break;
    query.before_seq = next.next_before_seq;
  }
  EXPECT_EQ(walked, (std::vector<std::int64_t>{7, 5, 3, 1}));
}

TEST_F(AccessLogPages, ALimitBelowOneIsRefused) {
  AccessLogQuery query;
  query.limit = 0;
  auto refused = store->access_log_page(query);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::invalid_argument);
}

}  // namespace access_log_store_test
}  // namespace snag
