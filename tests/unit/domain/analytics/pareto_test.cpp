#include <gtest/gtest.h>

#include <snag/domain/analytics/pareto.hpp>
#include <snag/domain/analytics/type_totals.hpp>

namespace snag {
namespace pareto_test {

TEST(Pareto, RanksLargestFirstWithSharesAndTheCutWhere80PercentIsReached) {
  // 50 + 30 + 12 + 8 = 100: cumulative 0.5, 0.8, 0.92, 1.
  const auto pareto = rank_pareto({{"resume_parse_failure", 12},
                                   {"document_missing", 50},
                                   {"offer_link_expired", 8},
                                   {"background_check_delay", 30}});
  ASSERT_EQ(pareto.items.size(), 4u);
  EXPECT_EQ(pareto.items[0].type, "document_missing");
  EXPECT_EQ(pareto.items[1].type, "background_check_delay");
  EXPECT_EQ(pareto.items[2].type, "resume_parse_failure");
  EXPECT_EQ(pareto.items[3].type, "offer_link_expired");
  EXPECT_DOUBLE_EQ(pareto.items[0].share, 0.5);
  EXPECT_DOUBLE_EQ(pareto.items[2].share, 0.12);
  EXPECT_DOUBLE_EQ(pareto.items[0].cumulative_share, 0.5);
  EXPECT_DOUBLE_EQ(pareto.items[1].cumulative_share, 0.8);
  EXPECT_DOUBLE_EQ(pareto.items[2].cumulative_share, 0.92);
  EXPECT_EQ(pareto.items[3].cumulative_share, 1.0);
  ASSERT_TRUE(pareto.cut_index);
  EXPECT_EQ(*pareto.cut_index, 1u);  // exactly 0.8 counts as reached
}

TEST(Pareto, TheCutIsTheFirstItemPastTheShareWhenNoneLandsOnIt) {
  // 7 of 10, then 9 of 10: the second item crosses 0.8.
  const auto pareto = rank_pareto({{"a", 7}, {"b", 2}, {"c", 1}});
  ASSERT_TRUE(pareto.cut_index);
  EXPECT_EQ(*pareto.cut_index, 1u);
  EXPECT_DOUBLE_EQ(pareto.items[1].cumulative_share, 0.9);
  // One type with everything: the cut is the first item.
  EXPECT_EQ(rank_pareto({{"only", 3}}).cut_index, std::optional<std::size_t>{0});
}

TEST(Pareto, TiesRankByTypeSoTheOrderIsStable) {
  const auto pareto = rank_pareto({{"zeta", 5}, {"alpha", 5}, {"mid", 5}});
  EXPECT_EQ(pareto.items[0].type, "alpha");
  EXPECT_EQ(pareto.items[1].type, "mid");
  EXPECT_EQ(pareto.items[2].type, "zeta");
  EXPECT_EQ(*pareto.cut_index, 2u);  // 1/3, 2/3, 1
}

TEST(Pareto, NothingToRankHasNoCut) {
  EXPECT_TRUE(rank_pareto({}).items.empty());
  EXPECT_FALSE(rank_pareto({}).cut_index);
  // Types with tickets but no delay at all: listed, every share 0, no cut.
  const auto zero = rank_pareto({{"a", 0}, {"b", 0}});
  ASSERT_EQ(zero.items.size(), 2u);
  EXPECT_EQ(zero.items[1].cumulative_share, 0.0);
  EXPECT_FALSE(zero.cut_index);
}

TEST(CandidateDelay, RunsFromOpeningToResolutionOrNowAndOnlyForACandidate) {
  Ticket ticket;
  ticket.created_at = from_epoch_ms(1'000'000);
  const Timestamp now = from_epoch_ms(1'000'000 + 7'200'000);
  EXPECT_EQ(candidate_delay(ticket, now).count(), 0) << "no candidate, nobody held up";
  ticket.candidate = CandidateRef{"greenhouse", "4711"};
  EXPECT_EQ(candidate_delay(ticket, now).count(), 7'200'000) << "open: until now";
  ticket.resolved_at = from_epoch_ms(1'000'000 + 3'600'000);
  EXPECT_EQ(candidate_delay(ticket, now).count(), 3'600'000) << "resolved: until the resolution";
}

}  // namespace pareto_test
}  // namespace snag
