#include <gtest/gtest.h>

#include <string>

#include <snag/util/crypto.hpp>

namespace snag {
namespace crypto_test {

// RFC 4231 section 4: the HMAC-SHA-256 line of the cases that use the full tag.
TEST(Hmac, MatchesRfc4231Case1) {
  EXPECT_EQ(hmac_sha256_hex(std::string(20, '\x0b'), "Hi There"),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
}

TEST(Hmac, MatchesRfc4231Case2KeyShorterThanTheTag) {
  EXPECT_EQ(hmac_sha256_hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(Hmac, MatchesRfc4231Case4) {
  std::string key;
  for (char byte = 0x01; byte <= 0x19; ++byte) key += byte;
  EXPECT_EQ(hmac_sha256_hex(key, std::string(50, '\xcd')),
            "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");
}

TEST(Hmac, MatchesRfc4231Case6KeyLongerThanABlock) {
  EXPECT_EQ(hmac_sha256_hex(std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First"),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(Hmac, MatchesRfc4231Case7KeyAndDataLongerThanABlock) {
  EXPECT_EQ(hmac_sha256_hex(std::string(131, '\xaa'),
                            "This is a test using a larger than block-size key and a larger than block-size data. The "
                            "key needs to be hashed before being used by the HMAC algorithm."),
            "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
}

TEST(Hmac, RawTagIsTheHexTagsBytes) {
  const std::string tag = hmac_sha256("Jefe", "what do ya want for nothing?");
  ASSERT_EQ(tag.size(), 32u);
  EXPECT_EQ(static_cast<unsigned char>(tag.front()), 0x5b);
  EXPECT_EQ(static_cast<unsigned char>(tag.back()), 0x43);
}

TEST(Hmac, EmptyKeyAndMessageAreDefined) {
  // Known value, as printed by `printf '' | openssl dgst -sha256 -hmac ''`.
  EXPECT_EQ(hmac_sha256_hex("", ""), "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

TEST(ConstantTimeEqual, ComparesContentAndLength) {
  EXPECT_TRUE(constant_time_equal("", ""));
  EXPECT_TRUE(constant_time_equal("secret", "secret"));
  EXPECT_FALSE(constant_time_equal("secret", "secreT"));
  EXPECT_FALSE(constant_time_equal("secret", "Secret"));
  EXPECT_FALSE(constant_time_equal("secret", "secret "));
  EXPECT_FALSE(constant_time_equal("secret", ""));
  EXPECT_FALSE(constant_time_equal("", "secret"));
  EXPECT_TRUE(constant_time_equal(std::string("a\0b", 3), std::string("a\0b", 3)));
  EXPECT_FALSE(constant_time_equal(std::string("a\0b", 3), std::string("a\0c", 3)));
}

TEST(Base64Url, RoundTripsEveryLengthAndByte) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) {
    EXPECT_EQ(base64url_decode(base64url_encode(bytes)), bytes) << "length " << bytes.size();
    bytes += static_cast<char>(255 - i);
  }
}

TEST(Base64Url, EncodesWithoutPadding) {
  EXPECT_EQ(base64url_encode(""), "");
  EXPECT_EQ(base64url_encode("f"), "Zg");
  EXPECT_EQ(base64url_encode("fo"), "Zm8");
  EXPECT_EQ(base64url_encode("foo"), "Zm9v");
  EXPECT_EQ(base64url_encode("\xfb\xff"), "-_8");
}

TEST(Base64Url, RefusesPaddingForeignCharactersAndNonCanonicalText) {
  for (const char* text : {"Zg==", "Zm8=", "a+b/", "Zm9v\n", "Zm 9v", "Z",  // padding, base64 alphabet, a lone char
                           "Zh", "Zm9"}) {                                  // set bits after the last byte
    EXPECT_FALSE(base64url_decode(text)) << text;
  }
  EXPECT_EQ(base64url_decode("Zg"), "f");
}

}  // namespace crypto_test
}  // namespace snag
