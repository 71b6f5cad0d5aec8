#include <gtest/gtest.h>

#include <snag/domain/analytics/weekly_trend.hpp>

namespace snag {
namespace weekly_trend_test {

TEST(Spike, NeedsEnoughTicketsTwiceTheMeanAndThreeDeviationsAbove) {
  // Baseline 2, 2, 2, 2: mean 2, deviation 0.
  EXPECT_TRUE(is_spike({2, 2, 2, 2}, 5));
  EXPECT_FALSE(is_spike({2, 2, 2, 2}, 4)) << "under the minimum of 5";
  EXPECT_FALSE(is_spike({3, 3, 3, 3}, 6)) << "exactly twice the mean is not more than twice";
  EXPECT_TRUE(is_spike({0, 0, 0, 0}, 5)) << "from nothing to five";
  // Baseline 10, 30, 10, 30: mean 20, deviation 10; 45 is over twice the mean but not over 50.
  EXPECT_FALSE(is_spike({10, 30, 10, 30}, 45));
  EXPECT_TRUE(is_spike({10, 30, 10, 30}, 51));
}

TEST(WeeklyTrends, ReportTheLastWeeksPerCategoryEachJudgedAgainstTheFourBefore) {
  // Two reported weeks after four baseline weeks (weeks 0-3). documents: 1 1 1 1 | 2 9;
  // offers only in the baseline: 3 0 0 0 | 0 0. Two entries of one week add up.
  const std::vector<CategoryWeekCount> counts{
      {"documents", 0, 1}, {"documents", 1, 1}, {"documents", 2, 1}, {"documents", 3, 1}, {"documents", 4, 2},
      {"documents", 5, 4}, {"documents", 5, 5}, {"offers", 0, 3},    {"offers", 6, 7},  // past the span: ignored
  };
  const auto trends = weekly_trends(counts, 2);
  ASSERT_EQ(trends.size(), 2u);
  EXPECT_EQ(trends[0].category, "documents");
  EXPECT_EQ(trends[0].tickets, (std::vector<std::int64_t>{2, 9}));
  // Week 5's baseline is weeks 1-4 (1, 1, 1, 2): mean 1.25; 9 is a spike. Week 4 has only 2.
  EXPECT_EQ(trends[0].spikes, (std::vector<bool>{false, true}));
  EXPECT_EQ(trends[1].category, "offers");
  EXPECT_EQ(trends[1].tickets, (std::vector<std::int64_t>{0, 0}));
  EXPECT_EQ(trends[1].spikes, (std::vector<bool>{false, false}));
  EXPECT_TRUE(weekly_trends({}, 12).empty());
}

}  // namespace weekly_trend_test
}  // namespace snag
