#include <gtest/gtest.h>

#include <snag/integrations/sync/retry_after.hpp>

namespace snag::sync {
namespace retry_after_test {

const Timestamp k_now = *parse_rfc3339("2026-03-01T12:00:00Z");

TEST(RetryAfter, ReadsSeconds) {
  EXPECT_EQ(parse_retry_after("1", k_now), std::chrono::seconds(1));
  EXPECT_EQ(parse_retry_after(" 120 ", k_now), std::chrono::seconds(120));
  EXPECT_EQ(parse_retry_after("0", k_now), std::chrono::seconds(0));
}

TEST(RetryAfter, ReadsHttpDatesRelativeToNow) {
  EXPECT_EQ(parse_retry_after("Sun, 01 Mar 2026 12:00:30 GMT", k_now), std::chrono::seconds(30));
  EXPECT_EQ(parse_retry_after("Sun, 01 Mar 2026 11:00:00 GMT", k_now), std::chrono::seconds(0));  // past
}

TEST(RetryAfter, RefusesAnythingElse) {
  for (const char* text : {"", "-1", "soon", "1.5", "Sun, 01 Mar 2026 12:00:30 CET", "Sun, 31 Feb 2026 12:00:30 GMT",
                           "2026-03-01T12:00:30Z"}) {
    EXPECT_EQ(parse_retry_after(text, k_now), std::nullopt) << text;
  }
}

}  // namespace retry_after_test
}  // namespace snag::sync
