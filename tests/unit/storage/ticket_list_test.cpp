#include <algorithm>
#include <set>

#include <gtest/gtest.h>
#include <store_fixtures.hpp>

#include <snag/storage/sql/list_sql.hpp>

namespace snag {
namespace ticket_list_test {

using testing::sample_ticket;
using testing::TestDatabase;

const std::vector<std::string> k_statuses{"new", "triaged", "in_progress", "resolved"};
const std::vector<std::string> k_teams{"recruiting", "hr_ops", "it"};
const std::vector<std::string> k_types{"offer_problem", "missing_document", "bgc_stuck"};
const std::vector<std::string> k_words{"offer", "passport", "background", "signature", "laptop"};

// 90 tickets with every filterable field varying, several sharing each timestamp so that the
// id tie-break matters.
class TicketListTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_store = m_database.open();
    ASSERT_TRUE(m_store);
    std::vector<Ticket> tickets;
    for (int i = 0; i < 90; ++i) {
      Ticket ticket = sample_ticket("Ticket about " + k_words[static_cast<std::size_t>(i) % k_words.size()]);
      ticket.description = i % 2 ? "odd description" : "even description with quotes \"x\"";
      ticket.status = k_statuses[static_cast<std::size_t>(i) % k_statuses.size()];
      ticket.team = k_teams[static_cast<std::size_t>(i) % k_teams.size()];
      ticket.type = k_types[static_cast<std::size_t>(i / 2) % k_types.size()];
      ticket.severity = static_cast<Severity>(1 + (i / 3) % 4);
      if (i % 5 == 0) ticket.assignee = i % 10 == 0 ? "bob" : "carol";
      if (i % 7 == 0) ticket.candidate = CandidateRef{"greenhouse", std::to_string(i % 14)};
      ticket.created_at = from_epoch_ms(1'000'000 + (i / 3) * 1000);
      ticket.updated_at = from_epoch_ms(5'000'000 - (i / 2) * 1000);
      tickets.push_back(ticket);
    }
    auto written = testing::insert_tickets(*m_store, tickets);
    ASSERT_TRUE(written) << written.error().message;
    m_tickets = tickets;
  }

  // Every ticket the query matches, following `next` page by page.
  std::vector<Ticket> all_pages(TicketQuery query) {
    std::vector<Ticket> seen;
    for (int guard = 0; guard < 1000; ++guard) {
      auto page = m_store->list_tickets(query);
      EXPECT_TRUE(page) << page.error().message;
      if (!page) break;
      EXPECT_LE(page->items.size(), static_cast<std::size_t>(query.limit));
      seen.insert(seen.end(), page->items.begin(), page->items.end());
      if (!page->next) break;
      EXPECT_EQ(page->items.size(), static_cast<std::size_t>(query.limit));
      query.cursor = page->next;
    }
    return seen;
  }

  std::set<std::int64_t> expected_ids(const std::function<bool(const Ticket&)>& keep) const {
    std::set<std::int64_t> ids;
    for (const auto& ticket : m_tickets) {
      if (keep(ticket)) ids.insert(ticket.id.value);
    }
    return ids;
  }

  static std::set<std::int64_t> ids_of(const std::vector<Ticket>& tickets) {
    std::set<std::int64_t> ids;
    for (const auto& ticket : tickets) ids.insert(ticket.id.value);
    return ids;
  }

  TestDatabase m_database;
  std::unique_ptr<Store> m_store;
  std::vector<Ticket> m_tickets;
};

TEST_F(TicketListTest, CursorPagingVisitsEveryTicketExactlyOnceInEverySortOrder) {
  for (TicketSort sort : {TicketSort::created_asc, TicketSort::created_desc, TicketSort::updated_asc,
                          TicketSort::updated_desc, TicketSort::severity_asc}) {
    for (int limit : {1, 7, 50}) {
      TicketQuery query;
      query.sort = sort;
      query.limit = limit;
      const auto seen = all_pages(query);
      EXPECT_EQ(seen.size(), m_tickets.size()) << to_string(sort) << " limit " << limit;
      EXPECT_EQ(ids_of(seen).size(), m_tickets.size()) << to_string(sort) << " limit " << limit;
    }
  }
}

TEST_F(TicketListTest, SortOrdersBreakTiesByIdInTheSameDirection) {
  const auto key = [](TicketSort sort, const Ticket& t) -> std::pair<std::int64_t, std::int64_t> {
    switch (sort) {
      case TicketSort::created_asc: return {0, t.id.value};  // the created sorts follow the id
      case TicketSort::created_desc: return {0, -t.id.value};
      case TicketSort::updated_asc: return {to_epoch_ms(t.updated_at), t.id.value};
      case TicketSort::updated_desc: return {-to_epoch_ms(t.updated_at), -t.id.value};
      case TicketSort::severity_asc: return {static_cast<std::int64_t>(t.severity), t.id.value};
    }
    return {};
  };
  for (TicketSort sort : {TicketSort::created_asc, TicketSort::created_desc, TicketSort::updated_asc,
                          TicketSort::updated_desc, TicketSort::severity_asc}) {
    TicketQuery query;
    query.sort = sort;
    query.limit = 13;
    const auto seen = all_pages(query);
    ASSERT_FALSE(seen.empty());
    EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end(), [&](const Ticket& a, const Ticket& b) {
      return key(sort, a) < key(sort, b);
    })) << to_string(sort);
  }
  TicketQuery severity_first;
  severity_first.sort = TicketSort::severity_asc;
  EXPECT_EQ(m_store->list_tickets(severity_first)->items.front().severity, Severity::sev1);
}

TEST_F(TicketListTest, EachFilterKeepsExactlyTheMatchingTickets) {
  TicketQuery by_status;
  by_status.statuses = {"new", "resolved"};
  EXPECT_EQ(ids_of(all_pages(by_status)),
            expected_ids([](const Ticket& t) { return t.status == "new" || t.status == "resolved"; }));

  TicketQuery by_severity;
  by_severity.severities = {Severity::sev1};
  EXPECT_EQ(ids_of(all_pages(by_severity)), expected_ids([](const Ticket& t) { return t.severity == Severity::sev1; }));

  TicketQuery by_type;
  by_type.types = {"bgc_stuck"};
  EXPECT_EQ(ids_of(all_pages(by_type)), expected_ids([](const Ticket& t) { return t.type == "bgc_stuck"; }));

  TicketQuery by_team;
  by_team.teams = {"it", "hr_ops"};
  EXPECT_EQ(ids_of(all_pages(by_team)), expected_ids([](const Ticket& t) { return t.team != "recruiting"; }));

  TicketQuery by_assignee;
  by_assignee.assignees = {"carol"};
  EXPECT_EQ(ids_of(all_pages(by_assignee)), expected_ids([](const Ticket& t) { return t.assignee == "carol"; }));

  TicketQuery by_candidate;
  by_candidate.candidates = {{"greenhouse", "0"}, {"greenhouse", "7"}, {"lever", "0"}};
  EXPECT_EQ(ids_of(all_pages(by_candidate)), expected_ids([](const Ticket& t) {
              return t.candidate && t.candidate->ats == "greenhouse" &&
                     (t.candidate->external_id == "0" || t.candidate->external_id == "7");
            }));

  TicketQuery by_time;
  by_time.created_after = from_epoch_ms(1'005'000);
  by_time.created_before = from_epoch_ms(1'010'000);
  EXPECT_EQ(ids_of(all_pages(by_time)), expected_ids([](const Ticket& t) {
              return to_epoch_ms(t.created_at) >= 1'005'000 && to_epoch_ms(t.created_at) < 1'010'000;
            }));

  TicketQuery combined;
  combined.statuses = {"new"};
  combined.severities = {Severity::sev1, Severity::sev2};
  combined.teams = {"recruiting"};
  combined.limit = 2;
  EXPECT_EQ(ids_of(all_pages(combined)), expected_ids([](const Ticket& t) {
              return t.status == "new" && t.severity <= Severity::sev2 && t.team == "recruiting";
            }));
}

TEST_F(TicketListTest, TextSearchMatchesWholeWordsCombinedWithFilters) {
  TicketQuery query;
  query.text = "passport";
  EXPECT_EQ(ids_of(all_pages(query)),
            expected_ids([](const Ticket& t) { return t.title.find("passport") != std::string::npos; }));

  query.text = "PASSPORT";  // any case
  EXPECT_EQ(ids_of(all_pages(query)),
            expected_ids([](const Ticket& t) { return t.title.find("passport") != std::string::npos; }));

  query.text = "odd laptop";
  query.statuses = {"triaged"};
  EXPECT_EQ(ids_of(all_pages(query)), expected_ids([](const Ticket& t) {
              return t.title.find("laptop") != std::string::npos && t.description == "odd description" &&
                     t.status == "triaged";
            }));
}

TEST_F(TicketListTest, TextSearchWithQuotesAndOperatorsNeverErrors) {
  for (const char* text : {"\"foo OR bar*", "'; DROP TABLE tickets; --", "NEAR(a b)", "*", "\"", "a:b", "^x",
                           "title:offer", "(((", "offer\" OR \"1\"=\"1", "\xc3\xa9t\xc3\xa9", "", "   "}) {
    TicketQuery query;
    query.text = text;
    auto page = m_store->list_tickets(query);
    EXPECT_TRUE(page) << "text: " << text << " error: " << (page ? "" : page.error().message);
  }
  TicketQuery injected;
  injected.text = "offer\" OR \"passport";
  auto page = m_store->list_tickets(injected);
  ASSERT_TRUE(page);
  EXPECT_TRUE(page->items.empty());  // every word is required, operators are just words
  EXPECT_TRUE(m_store->find_ticket(m_tickets.front().id).value().has_value());
}

TEST_F(TicketListTest, ACursorForAnotherSortIsRefused) {
  TicketQuery query;
  query.sort = TicketSort::updated_desc;
  query.cursor = TicketCursor{TicketSort::created_desc, 0, TicketId{1}};
  auto page = m_store->list_tickets(query);
  ASSERT_FALSE(page);
  EXPECT_EQ(page.error().code, ErrorCode::invalid_argument);
}

TEST(TicketListSql, FtsExpressionQuotesEveryWordAndRequiresThemAll) {
  EXPECT_EQ(sql::fts_match_expression("offer link"), "\"offer\" AND \"link\"");
  EXPECT_EQ(sql::fts_match_expression("\"foo OR bar*"), "\"foo\" AND \"OR\" AND \"bar\"");
  EXPECT_EQ(sql::fts_match_expression("go"), "\"go\"");
  EXPECT_EQ(sql::fts_match_expression(" ';- "), std::nullopt);
}

TEST(TicketListSql, ValuesNeverAppearInTheSql) {
  TicketQuery query;
  query.statuses = {"new'--"};
  query.teams = {"x); DROP TABLE tickets"};
  query.text = "secret";
  auto list = sql::build_list_sql(query, sql::sqlite_dialect());
  ASSERT_TRUE(list && *list);
  EXPECT_EQ((*list)->sql.find("DROP"), std::string::npos);
  EXPECT_EQ((*list)->sql.find("secret"), std::string::npos);
  EXPECT_EQ((*list)->sql.find("new'"), std::string::npos);
}

}  // namespace ticket_list_test
}  // namespace snag
