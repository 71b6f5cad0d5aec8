#include <gtest/gtest.h>

#include <snag/integrations/processing_pace.hpp>

namespace snag::testing {
namespace processing_pace_test {

using std::chrono::milliseconds;
using std::chrono::nanoseconds;

TEST(ProcessingPace, QuietIntakeMeansNoPause) {
  const ProcessingPace pace;
  EXPECT_EQ(pause_before_next_round(pace, milliseconds(51), milliseconds(20)), nanoseconds::zero());
  EXPECT_EQ(pause_before_next_round(pace, nanoseconds::max(), milliseconds(20)), nanoseconds::zero())
      << "no delivery stored yet";
}

TEST(ProcessingPace, BusyIntakeLeavesTheWriterTheRestOfTheShare) {
  const ProcessingPace pace;  // a quarter of the time: pause three times the round
  EXPECT_EQ(pause_before_next_round(pace, milliseconds(50), milliseconds(20)), milliseconds(60));
  EXPECT_EQ(pause_before_next_round(pace, milliseconds(0), milliseconds(1)), milliseconds(3));

  ProcessingPace half;
  half.busy_share = 0.5;
  EXPECT_EQ(pause_before_next_round(half, milliseconds(5), milliseconds(20)), milliseconds(20));
}

TEST(ProcessingPace, NoPauseIsLongerThanTheLongest) {
  const ProcessingPace pace;
  EXPECT_EQ(pause_before_next_round(pace, milliseconds(1), milliseconds(100)), milliseconds(250));
  EXPECT_EQ(pause_before_next_round(pace, milliseconds(1), std::chrono::hours(1)), milliseconds(250));
}

TEST(ProcessingPace, AFullShareNeverPausesAndAnEmptyOneStillLetsRoundsThrough) {
  ProcessingPace full;
  full.busy_share = 1.0;
  EXPECT_EQ(pause_before_next_round(full, milliseconds(1), milliseconds(20)), nanoseconds::zero());

  ProcessingPace none;
  none.busy_share = 0.0;
  EXPECT_EQ(pause_before_next_round(none, milliseconds(1), milliseconds(20)), milliseconds(250))
      << "a pause that ends: processing slows down but goes on";
}

}  // namespace processing_pace_test
}  // namespace snag::testing
