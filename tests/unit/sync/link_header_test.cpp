#include <gtest/gtest.h>

#include <snag/integrations/sync/link_header.hpp>

namespace snag::sync {
namespace link_header_test {

TEST(LinkHeader, FindsNextInHarvestsHeader) {
  const std::string header =
      "<https://harvest.greenhouse.io/v1/candidates?page=2&per_page=100>; rel=\"next\","
      "<https://harvest.greenhouse.io/v1/candidates?page=1&per_page=100>; rel=\"prev\","
      "<https://harvest.greenhouse.io/v1/candidates?page=9&per_page=100>; rel=\"last\"";
  EXPECT_EQ(next_link(header), "https://harvest.greenhouse.io/v1/candidates?page=2&per_page=100");
  const auto links = parse_link_header(header);
  ASSERT_EQ(links.size(), 3u);
  EXPECT_EQ(links[2].rels, std::vector<std::string>{"last"});
}

TEST(LinkHeader, NoNextOnTheLastPage) {
  EXPECT_EQ(next_link("<https://a.example/v1/c?page=8>; rel=\"prev\", <https://a.example/v1/c?page=9>; rel=\"last\""),
            std::nullopt);
  EXPECT_EQ(next_link(""), std::nullopt);
}

TEST(LinkHeader, ToleratesCaseSpacesBareValuesAndOtherParameters) {
  EXPECT_EQ(next_link("  < /v1/c?page=3 > ;  REL = Next ; title=\"Next page\""), "/v1/c?page=3");
  EXPECT_EQ(next_link("<https://a.example/c?page=2>;rel=next"), "https://a.example/c?page=2");
  // A rel may list several relation types.
  EXPECT_EQ(next_link("<https://a.example/c?page=2>; rel=\"next last\""), "https://a.example/c?page=2");
  // Only the first rel of a link counts (RFC 8288 §3).
  EXPECT_EQ(next_link("<https://a.example/x>; rel=\"prev\"; rel=\"next\""), std::nullopt);
}

TEST(LinkHeader, CommasInsideTargetsAndQuotedValuesDoNotSplitLinks) {
  const std::string header =
      "<https://a.example/c?ids=1,2,3&page=1>; rel=\"prev\"; title=\"a, b\", "
      "<https://a.example/c?ids=1,2,3&page=3>; rel=\"next\"";
  EXPECT_EQ(next_link(header), "https://a.example/c?ids=1,2,3&page=3");
  EXPECT_EQ(parse_link_header(header).size(), 2u);
}

TEST(LinkHeader, SkipsMalformedLinks) {
  EXPECT_EQ(next_link("garbage; rel=next, <https://a.example/c?page=2>; rel=\"next\""), "https://a.example/c?page=2");
  EXPECT_EQ(next_link("<>; rel=next"), std::nullopt);
  EXPECT_EQ(next_link("<https://a.example/unterminated; rel=next"), std::nullopt);
}

}  // namespace link_header_test
}  // namespace snag::sync
