#include <gtest/gtest.h>

#include <snag/app/access/repeated_view_filter.hpp>

namespace snag {
namespace repeated_view_filter_test {

using std::chrono::milliseconds;
using std::chrono::minutes;

const Timestamp k_first_view = from_epoch_ms(1'800'000'000'000);

AccessEntry view(std::string actor, std::string object, Timestamp at, std::string address = "10.0.0.1") {
  AccessEntry entry;
  entry.actor = std::move(actor);
  entry.credential = "key:k1";
  entry.action = AccessAction::view;
  entry.object = std::move(object);
  entry.address = std::move(address);
  entry.at = at;
  return entry;
}

TEST(RepeatedViewFilter, LogsARepeatOnlyOnceTheWindowHasPassedSinceTheLoggedView) {
  RepeatedViewFilter filter(minutes{15});
  EXPECT_TRUE(filter.admit(view("alice", "ticket:SNAG-1", k_first_view)));
  EXPECT_FALSE(filter.admit(view("alice", "ticket:SNAG-1", k_first_view + minutes{1})));
  EXPECT_FALSE(filter.admit(view("alice", "ticket:SNAG-1", k_first_view + minutes{14})));
  EXPECT_TRUE(filter.admit(view("alice", "ticket:SNAG-1", k_first_view + minutes{15})));
  EXPECT_FALSE(filter.admit(view("alice", "ticket:SNAG-1", k_first_view + minutes{29})));
  EXPECT_TRUE(filter.admit(view("alice", "ticket:SNAG-1", k_first_view + minutes{31})));
}

TEST(RepeatedViewFilter, AnotherPersonRecordCredentialOrAddressIsNotARepeat) {
  RepeatedViewFilter filter(minutes{15});
  ASSERT_TRUE(filter.admit(view("alice", "ticket:SNAG-1", k_first_view)));
  EXPECT_TRUE(filter.admit(view("bob", "ticket:SNAG-1", k_first_view)));
  EXPECT_TRUE(filter.admit(view("alice", "ticket:SNAG-2", k_first_view)));
  EXPECT_TRUE(filter.admit(view("alice", "ticket:SNAG-1", k_first_view, "198.51.100.7")));
  auto other_key = view("alice", "ticket:SNAG-1", k_first_view);
  other_key.credential = "session:s1";
  EXPECT_TRUE(filter.admit(other_key));
  // Parts are kept apart: "al" + "iceticket…" is not "alice" + "ticket…".
  EXPECT_TRUE(filter.admit(view("al", "ice\x1fticket:SNAG-1", k_first_view)));
}

TEST(RepeatedViewFilter, AZeroWindowLogsEveryView) {
  RepeatedViewFilter filter(milliseconds{0});
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(filter.admit(view("alice", "ticket:SNAG-1", k_first_view)));
}

TEST(RepeatedViewFilter, AFullGenerationIsRetiredEarlySoMoreIsLoggedNeverLess) {
  RepeatedViewFilter filter(minutes{15}, 2);
  EXPECT_TRUE(filter.admit(view("alice", "ticket:SNAG-1", k_first_view)));
  EXPECT_TRUE(filter.admit(view("alice", "ticket:SNAG-2", k_first_view)));
  // The third fills past capacity: the first two move to the previous generation, still suppressed.
  EXPECT_TRUE(filter.admit(view("alice", "ticket:SNAG-3", k_first_view)));
  EXPECT_FALSE(filter.admit(view("alice", "ticket:SNAG-1", k_first_view + minutes{1})));
  EXPECT_TRUE(filter.admit(view("alice", "ticket:SNAG-4", k_first_view + minutes{1})));
  // Two early retirements on: SNAG-1 is forgotten and logged again within the window.
  EXPECT_TRUE(filter.admit(view("alice", "ticket:SNAG-5", k_first_view + minutes{1})));
  EXPECT_TRUE(filter.admit(view("alice", "ticket:SNAG-1", k_first_view + minutes{2})));
}

}  // namespace repeated_view_filter_test
}  // namespace snag
