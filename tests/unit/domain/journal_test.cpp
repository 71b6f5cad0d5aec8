#include <gtest/gtest.h>

#include <snag/domain/journal.hpp>

namespace snag {
namespace journal_test {

std::vector<JournalEntry> sealed_chain(int count) {
  std::vector<JournalEntry> entries;
  std::string prev{k_genesis_hash};
  for (int i = 1; i <= count; ++i) {
    JournalEntry entry;
    entry.seq = i;
    entry.ticket = TicketId{1 + i / 3};
    entry.event = 1 + i / 2;
    entry.at = from_epoch_ms(1'000 * i);
    entry.actor = "Priya Shah";
    entry.action = "update";
    entry.field = "title";
    entry.old_value = "before " + std::to_string(i);
    entry.new_value = "after " + std::to_string(i);
    seal_journal_entry(entry, prev);
    prev = entry.hash;
    entries.push_back(entry);
  }
  return entries;
}

ChainVerdict verify(const std::vector<JournalEntry>& entries) {
  ChainVerifier verifier;
  for (const auto& entry : entries) {
    if (!verifier.add(entry)) break;
  }
  return verifier.verdict();
}

TEST(JournalChain, AnIntactChainVerifies) {
  const auto verdict = verify(sealed_chain(10));
  EXPECT_TRUE(verdict.ok);
  EXPECT_EQ(verdict.checked, 10);
}

TEST(JournalChain, AnEditedValueBreaksTheChainAtThatEntry) {
  auto entries = sealed_chain(10);
  entries[6].new_value = "tampered";
  const auto verdict = verify(entries);
  EXPECT_FALSE(verdict.ok);
  EXPECT_EQ(verdict.broken_seq, 7);
  EXPECT_EQ(verdict.checked, 6);
}

TEST(JournalChain, AnEditedActorIsFoundEvenWithARecomputedDigest) {
  auto entries = sealed_chain(5);
  entries[2].actor = "someone else";
  entries[2].content_digest = journal_content_digest(entries[2]);
  const auto verdict = verify(entries);
  EXPECT_FALSE(verdict.ok);
  EXPECT_EQ(verdict.broken_seq, 3);
}

TEST(JournalChain, ADeletedEntryIsFound) {
  auto entries = sealed_chain(5);
  entries.erase(entries.begin() + 1);
  const auto verdict = verify(entries);
  EXPECT_FALSE(verdict.ok);
  EXPECT_EQ(verdict.broken_seq, 3);
}

TEST(JournalChain, KeepingTheDigestKeepsTheChainVerifiableForRedaction) {
  auto entries = sealed_chain(3);
  // A later erasure may replace content but keep the digest; the links still hold.
  EXPECT_EQ(journal_chain_hash(entries[1].prev_hash, entries[1].content_digest), entries[1].hash);
}

TEST(History, GroupsEntriesOfOneEventIntoOneItem) {
  const auto items = group_history(sealed_chain(4));  // events 1, 2, 2, 3
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[1].changes.size(), 2u);
  EXPECT_EQ(items[0].changes[0].field, "title");
}

}  // namespace journal_test
}  // namespace snag
