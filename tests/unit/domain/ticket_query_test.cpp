#include <gtest/gtest.h>

#include <snag/domain/ticket.hpp>
#include <snag/domain/ticket_query.hpp>

#include "../support/default_catalog.hpp"

namespace snag {
namespace ticket_query_test {

using Params = std::multimap<std::string, std::string>;

Result<TicketQuery> parse(const Params& params) { return parse_ticket_query(params, testing::default_catalog()); }

TEST(TicketQuery, DefaultsToNewestFirstFiftyAtATime) {
  const auto query = parse({});
  ASSERT_TRUE(query);
  EXPECT_EQ(query->sort, TicketSort::created_desc);
  EXPECT_EQ(query->limit, 50);
}

TEST(TicketQuery, FiltersTakeCommaListsAndRepeats) {
  const auto query = parse({{"status", "new,triaged"}, {"status", "pending"}, {"severity", "sev1,sev2"},
                            {"candidate", "greenhouse:53883394"}, {"team", "hris"}});
  ASSERT_TRUE(query);
  EXPECT_EQ(query->statuses, (std::vector<std::string>{"new", "triaged", "pending"}));
  EXPECT_EQ(query->severities, (std::vector<Severity>{Severity::sev1, Severity::sev2}));
  ASSERT_EQ(query->candidates.size(), 1u);
  EXPECT_EQ(query->candidates[0].external_id, "53883394");
}

TEST(TicketQuery, AssigneeMeNamesTheCaller) {
  auto query = parse({{"assignee", "me,sam.lee"}});
  ASSERT_TRUE(query);
  resolve_me(*query, "priya_shah");
  EXPECT_EQ(query->assignees, (std::vector<std::string>{"priya_shah", "sam.lee"}));
}

TEST(TicketQuery, NamesEveryBadParameter) {
  const auto query = parse({{"status", "open"}, {"severity", "high"}, {"limit", "500"}, {"colour", "red"},
                            {"created_after", "yesterday"}, {"sort", "title"}});
  ASSERT_FALSE(query);
  std::set<std::string> named;
  for (const auto& e : query.error().fields) named.insert(e.field);
  EXPECT_EQ(named, (std::set<std::string>{"status", "severity", "limit", "colour", "created_after", "sort"}));
}

TEST(TicketQuery, CursorRoundTripsAndMustMatchTheSort) {
  const TicketCursor cursor{TicketSort::updated_desc, 1234, TicketId{99}};
  const auto decoded = decode_cursor(encode_cursor(cursor));
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->sort_value, 1234);
  EXPECT_EQ(decoded->last_id, TicketId{99});
  EXPECT_TRUE(parse({{"sort", "-updated_at"}, {"cursor", encode_cursor(cursor)}}));
  EXPECT_FALSE(parse({{"cursor", encode_cursor(cursor)}}));
  EXPECT_FALSE(parse({{"cursor", "not-a-cursor"}}));
}

TEST(TicketQuery, SqlMetacharactersAreJustValues) {
  const auto query = parse({{"assignee", "x' OR 1=1 --"}, {"q", "\"; DROP TABLE tickets"}});
  ASSERT_TRUE(query);
  EXPECT_EQ(query->assignees[0], "x' OR 1=1 --");
}

TEST(TicketKey, ParsesKeysAndBareNumbers) {
  EXPECT_EQ(parse_ticket_key("SNAG-42"), TicketId{42});
  EXPECT_EQ(parse_ticket_key("snag-42"), TicketId{42});
  EXPECT_EQ(parse_ticket_key("42"), TicketId{42});
  EXPECT_FALSE(parse_ticket_key("SNAG-"));
  EXPECT_FALSE(parse_ticket_key("SNAG-0"));
  EXPECT_FALSE(parse_ticket_key("SNAG-4x"));
  EXPECT_EQ(ticket_key(TicketId{7}), "SNAG-7");
}

}  // namespace ticket_query_test
}  // namespace snag
