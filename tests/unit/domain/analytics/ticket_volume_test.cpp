// The volume report's vocabulary: its groupings and the aging buckets' edges. The sums
// themselves are tested on every store (tests/unit/storage/ticket_volume_test.cpp).

#include <gtest/gtest.h>

#include <snag/domain/analytics/ticket_volume.hpp>

namespace snag {
namespace ticket_volume_test {

TEST(TicketVolume, AgesFallIntoTheFiveBucketsAtTheirEdges) {
  const std::vector<std::pair<std::int64_t, std::size_t>> edges{{-1, 0}, {0, 0},  {2, 0},  {3, 1},  {7, 1},  {8, 2},
                                                                {14, 2}, {15, 3}, {30, 3}, {31, 4}, {400, 4}};
  for (const auto& [days, bucket] : edges) EXPECT_EQ(aging_bucket_index(days), bucket) << days << " days";
}

TEST(TicketVolume, ReadsAndNamesItsGroupings) {
  EXPECT_EQ(parse_volume_grouping("type"), VolumeGrouping::issue_type);
  EXPECT_EQ(parse_volume_grouping("assignee"), VolumeGrouping::assignee);
  EXPECT_FALSE(parse_volume_grouping("candidate"));
  EXPECT_EQ(to_string(VolumeGrouping::issue_type), "type");
  EXPECT_EQ(to_string(VolumeGrouping::assignee), "assignee");
}

}  // namespace ticket_volume_test
}  // namespace snag
