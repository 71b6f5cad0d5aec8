// Withdrawal rates with and without an issue type, and the intervals, on hand-counted
// candidates; the expected intervals were worked out from the Wilson and Newcombe formulas.

#include <gtest/gtest.h>

#include <snag/domain/analytics/withdrawal_correlation.hpp>

namespace snag {
namespace withdrawal_correlation_test {

constexpr double k_tolerance = 1e-6;

TEST(WithdrawalCorrelation, WilsonIntervalOfSixInTen) {
  const auto interval = wilson_interval({10, 6});
  ASSERT_TRUE(interval);
  EXPECT_NEAR(interval->low, 0.3126738, k_tolerance);
  EXPECT_NEAR(interval->high, 0.8318197, k_tolerance);
  EXPECT_FALSE(wilson_interval({0, 0}));
}

TEST(WithdrawalCorrelation, ComparesTheCandidatesWithATypeAgainstTheRest) {
  // 100 candidates, 20 withdrew. 10 had an expired offer link and 6 of them withdrew; 4 had a
  // missing document and 1 of them withdrew.
  const WithdrawalCounts counts{{100, 20}, {{"document_missing", {4, 1}}, {"offer_link_expired", {10, 6}}}};
  const auto rows = correlate_withdrawals(counts);
  ASSERT_EQ(rows.size(), 2u);

  const auto& offers = rows[0];  // the larger difference first
  EXPECT_EQ(offers.type, "offer_link_expired");
  EXPECT_EQ(offers.with_type.candidates, 10);
  EXPECT_EQ(offers.with_type.withdrawn, 6);
  EXPECT_EQ(offers.without_type.candidates, 90);
  EXPECT_EQ(offers.without_type.withdrawn, 14);
  ASSERT_TRUE(offers.difference);
  EXPECT_NEAR(*offers.difference, 0.6 - 14.0 / 90.0, k_tolerance);
  ASSERT_TRUE(offers.difference_interval);
  EXPECT_NEAR(offers.difference_interval->low, 0.1437170, k_tolerance);
  EXPECT_NEAR(offers.difference_interval->high, 0.6840471, k_tolerance);
  EXPECT_TRUE(offers.significant);

  // 25% against 19/96: a small group, an interval across zero.
  const auto& documents = rows[1];
  EXPECT_EQ(documents.type, "document_missing");
  EXPECT_EQ(documents.without_type.candidates, 96);
  EXPECT_EQ(documents.without_type.withdrawn, 19);
  ASSERT_TRUE(documents.difference_interval);
  EXPECT_NEAR(documents.difference_interval->low, -0.1715218, k_tolerance);
  EXPECT_NEAR(documents.difference_interval->high, 0.5064665, k_tolerance);
  EXPECT_FALSE(documents.significant);
}

TEST(WithdrawalCorrelation, AnEmptyGroupHasNoDifference) {
  // Every candidate had the type: nobody to compare with.
  const auto rows = correlate_withdrawals({{5, 2}, {{"other", {5, 2}}}});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].without_type.candidates, 0);
  EXPECT_FALSE(rows[0].without_type.rate());
  EXPECT_FALSE(rows[0].difference);
  EXPECT_FALSE(rows[0].difference_interval);
  EXPECT_FALSE(rows[0].significant);
}

}  // namespace withdrawal_correlation_test
}  // namespace snag
