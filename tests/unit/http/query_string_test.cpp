#include <gtest/gtest.h>

#include <snag/http/query_string.hpp>

namespace snag::http {
namespace query_string_test {

TEST(QueryString, DecodesPercentEscapesAndPlus) {
  const auto params = parse_query_string("q=visa+delay&team=hris%2Clegal&name=J%C3%BCrgen");
  ASSERT_TRUE(params);
  EXPECT_EQ(params->find("q")->second, "visa delay");
  EXPECT_EQ(params->find("team")->second, "hris,legal");
  EXPECT_EQ(params->find("name")->second, "J\xc3\xbcrgen");
}

TEST(QueryString, KeepsRepeatedParametersInOrder) {
  const auto params = parse_query_string("status=new&status=triaged");
  ASSERT_TRUE(params);
  ASSERT_EQ(params->count("status"), 2U);
  auto [first, last] = params->equal_range("status");
  EXPECT_EQ(first->second, "new");
  EXPECT_EQ(std::next(first)->second, "triaged");
}

TEST(QueryString, SkipsEmptyPairsAndAcceptsNamesWithoutValues) {
  const auto params = parse_query_string("&&q&limit=5&");
  ASSERT_TRUE(params);
  EXPECT_EQ(params->size(), 2U);
  EXPECT_EQ(params->find("q")->second, "");
  EXPECT_EQ(params->find("limit")->second, "5");
}

TEST(QueryString, RefusesInvalidEscapesAsMalformed) {
  for (const auto* query : {"q=%", "q=%4", "q=%zz", "%g1=x", "q=ab%2"}) {
    const auto params = parse_query_string(query);
    ASSERT_FALSE(params) << query;
    EXPECT_EQ(params.error().code, ErrorCode::invalid_argument);
  }
}

TEST(QueryString, DoesNotTurnPlusIntoSpaceInPaths) {
  EXPECT_EQ(percent_decode("a+b%20c", false), "a+b c");
}

}  // namespace query_string_test
}  // namespace snag::http
