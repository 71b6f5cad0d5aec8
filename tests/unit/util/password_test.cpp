#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include <snag/util/password.hpp>

namespace snag::password {
namespace password_test {

TEST(Password, VerifiesTheRightPasswordOnly) {
  const std::string encoded = hash("correct horse battery staple", minimum_cost());
  EXPECT_TRUE(verify(encoded, "correct horse battery staple"));
  EXPECT_FALSE(verify(encoded, "correct horse battery stapler"));
  EXPECT_FALSE(verify(encoded, ""));
}

TEST(Password, HashesAreArgon2idWithAFreshSalt) {
  const std::string first = hash("pw", minimum_cost());
  EXPECT_TRUE(first.starts_with("$argon2id$")) << first;
  EXPECT_NE(first, hash("pw", minimum_cost()));
}

TEST(Password, HandlesEmptyAndBinaryPasswords) {
  const std::string empty = hash("", minimum_cost());
  EXPECT_TRUE(verify(empty, ""));
  EXPECT_FALSE(verify(empty, " "));
  const std::string binary("a\0b", 3);
  const std::string encoded = hash(binary, minimum_cost());
  EXPECT_TRUE(verify(encoded, binary));
  EXPECT_FALSE(verify(encoded, "a"));
}

TEST(Password, MalformedHashesNeverVerify) {
  const std::string encoded = hash("pw", minimum_cost());
  for (const std::string& bad :
       {std::string(), std::string("pw"), std::string("$argon2id$"), encoded.substr(0, encoded.size() - 5),
        encoded + "x", encoded + std::string(200, 'A'), std::string(encoded).replace(0, 9, "$argon2i"),
        std::string(encoded).replace(1, 8, "argon2xx"), encoded + std::string("\0junk", 5)}) {
    EXPECT_FALSE(verify(bad, "pw")) << bad;
  }
}

TEST(Password, NeedsRehashWhenTheParametersCannotBeRead) {
  const std::string encoded = hash("pw", minimum_cost());
  for (const std::string& bad :
       {std::string(), std::string("pw"), std::string("$argon2id$"), std::string(encoded).replace(0, 9, "$argon2i"),
        encoded + std::string(200, 'A'), std::string(encoded).replace(encoded.find("m="), 2, "q="),
        std::string(encoded.data(), 12) + '\0' + encoded.substr(13)}) {
    EXPECT_TRUE(needs_rehash(bad, minimum_cost())) << bad;
  }
}

TEST(Password, NeedsRehashWhenTheCostDiffers) {
  const Cost low = minimum_cost();
  const std::string encoded = hash("pw", low);
  EXPECT_FALSE(needs_rehash(encoded, low));
  EXPECT_TRUE(needs_rehash(encoded, interactive_cost()));
  EXPECT_TRUE(needs_rehash(encoded, Cost{low.ops + 1, low.memory_bytes}));
  EXPECT_TRUE(needs_rehash(encoded, Cost{low.ops, low.memory_bytes * 2}));
}

TEST(Password, CostsAreLibsodiumsLimits) {
  EXPECT_LT(minimum_cost().memory_bytes, interactive_cost().memory_bytes);
  EXPECT_GE(interactive_cost().memory_bytes, 64u * 1024 * 1024);
}

TEST(Password, RefusesACostOutsideTheLimits) { EXPECT_THROW(hash("pw", Cost{0, 0}), std::runtime_error); }

}  // namespace password_test
}  // namespace snag::password
