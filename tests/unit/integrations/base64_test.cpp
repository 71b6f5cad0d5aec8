// Standard base64 lives in util/crypto; its tests sit here, beside its first user (Standard
// Webhooks secrets and signatures).
#include <string>

#include <gtest/gtest.h>

#include <snag/util/crypto.hpp>

namespace snag {
namespace base64_test {

// RFC 4648 section 10.
TEST(Base64, EncodesTheRfc4648TestVectors) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("foob"), "Zm9vYg==");
  EXPECT_EQ(base64_encode("fooba"), "Zm9vYmE=");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
}

TEST(Base64, DecodesTheRfc4648TestVectors) {
  EXPECT_EQ(base64_decode(""), "");
  EXPECT_EQ(base64_decode("Zg=="), "f");
  EXPECT_EQ(base64_decode("Zm8="), "fo");
  EXPECT_EQ(base64_decode("Zm9v"), "foo");
  EXPECT_EQ(base64_decode("Zm9vYg=="), "foob");
  EXPECT_EQ(base64_decode("Zm9vYmE="), "fooba");
  EXPECT_EQ(base64_decode("Zm9vYmFy"), "foobar");
}

TEST(Base64, UsesPlusAndSlashNotTheUrlAlphabet) {
  EXPECT_EQ(base64_encode("\xfb\xff"), "+/8=");
  EXPECT_EQ(base64_decode("+/8="), "\xfb\xff");
  EXPECT_FALSE(base64_decode("-_8="));
}

TEST(Base64, RoundTripsEveryByteValue) {
  std::string bytes;
  for (int value = 0; value < 256; ++value) bytes += static_cast<char>(value);
  for (std::size_t length = 0; length <= bytes.size(); length += 37) {
    const std::string prefix = bytes.substr(0, length);
    EXPECT_EQ(base64_decode(base64_encode(prefix)), prefix) << length;
  }
}

TEST(Base64, DecodingRefusesEveryNonCanonicalText) {
  EXPECT_FALSE(base64_decode("Zg"));    // padding left out
  EXPECT_FALSE(base64_decode("Zg="));   // length not a multiple of 4
  EXPECT_FALSE(base64_decode("Zh=="));  // set bits past the last byte
  EXPECT_FALSE(base64_decode("Z==="));  // three padding characters
  EXPECT_FALSE(base64_decode("===="));
  EXPECT_FALSE(base64_decode("Zg==Zg=="));  // padding before the end
  EXPECT_FALSE(base64_decode("Zm9v\n"));
  EXPECT_FALSE(base64_decode("Zm 9v"));
}

}  // namespace base64_test
}  // namespace snag
