#include <gtest/gtest.h>

#include <snag/util/crypto.hpp>
#include <snag/util/time.hpp>

namespace snag {
namespace time_test {

TEST(Rfc3339, FormatsUtcWithMillisecondsOnlyWhenPresent) {
  EXPECT_EQ(format_rfc3339(from_epoch_ms(0)), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_rfc3339(from_epoch_ms(1'795'867'200'123)), "2026-11-28T12:00:00.123Z");
}

TEST(Rfc3339, ParsesOffsetsAndFractions) {
  EXPECT_EQ(parse_rfc3339("2026-11-28T12:00:00Z"), from_epoch_ms(1'795'867'200'000));
  EXPECT_EQ(parse_rfc3339("2026-11-28T13:30:00+01:30"), from_epoch_ms(1'795'867'200'000));
  EXPECT_EQ(parse_rfc3339("2026-11-28T12:00:00.5Z"), from_epoch_ms(1'795'867'200'500));
}

TEST(Rfc3339, RejectsAnythingElse) {
  for (const char* text : {"", "2026-11-28", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-28T12:00:00",
                           "2026-11-28T12:00:00Zjunk", "2026-11-28T25:00:00Z"}) {
    EXPECT_FALSE(parse_rfc3339(text)) << text;
  }
}

TEST(Crypto, Sha256MatchesTheKnownVector) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Crypto, Base64UrlRoundTripsAndRejectsForeignCharacters) {
  const std::string bytes("\x00\xff\x10snag", 7);
  EXPECT_EQ(base64url_decode(base64url_encode(bytes)), bytes);
  EXPECT_FALSE(base64url_decode("a+b/"));
}

TEST(Crypto, RandomTokensDiffer) { EXPECT_NE(random_token(32), random_token(32)); }

}  // namespace time_test
}  // namespace snag
