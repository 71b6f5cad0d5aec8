// The list plans (UNION ALL branches, FTS-driven text search, the single SELECT) against a
// brute-force filter and sort over random tickets, page by page through the cursor.

#include <algorithm>
#include <random>

#include <gtest/gtest.h>
#include <store_fixtures.hpp>

#include <snag/storage/sql/list_sql.hpp>

namespace snag {
namespace list_plan_test {

using testing::sample_ticket;
using testing::TestDatabase;

const std::vector<std::string> k_statuses{"new", "triaged", "in_progress", "resolved", "closed"};
const std::vector<std::string> k_teams{"recruiting", "hr_ops", "it", "legal"};
const std::vector<std::string> k_types{"offer_problem", "missing_document"};
const std::vector<std::string> k_words{"offer", "passport", "laptop"};

template <class T>
std::vector<T> random_subset(std::mt19937& random, const std::vector<T>& from, std::size_t max_size) {
  std::vector<T> out;
  const std::size_t size = random() % (max_size + 1);
  for (std::size_t i = 0; i < size; ++i) out.push_back(from[random() % from.size()]);  // repeats allowed
  return out;
}

class ListPlanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_store = m_database.open();
    ASSERT_TRUE(m_store);
    std::mt19937 random(1234);
    std::vector<Ticket> tickets;
    for (int i = 0; i < 600; ++i) {
      Ticket ticket = sample_ticket("About " + k_words[random() % k_words.size()]);
      ticket.description = random() % 2 ? "odd" : "even";
      // Skewed, so that some combinations are rare and some empty.
      ticket.status = k_statuses[std::min<std::size_t>(random() % 8, k_statuses.size() - 1)];
      ticket.team = k_teams[std::min<std::size_t>(random() % 6, k_teams.size() - 1)];
      ticket.type = k_types[random() % k_types.size()];
      ticket.severity = static_cast<Severity>(1 + random() % 4);
      if (random() % 3 == 0) ticket.assignee = "bob";
      // Creation times that disagree with the id order: the created sorts follow the id.
      ticket.created_at = from_epoch_ms(1'000'000 + static_cast<std::int64_t>(random() % 50) * 1000);
      ticket.updated_at = from_epoch_ms(5'000'000 + static_cast<std::int64_t>(random() % 40) * 1000);
      tickets.push_back(ticket);
    }
    auto written = testing::insert_tickets(*m_store, tickets);
    ASSERT_TRUE(written) << written.error().message;
    m_tickets = tickets;
  }

  std::vector<std::int64_t> paged_ids(TicketQuery query) {
    std::vector<std::int64_t> ids;
    for (int guard = 0; guard < 1000; ++guard) {
      auto page = m_store->list_tickets(query);
      EXPECT_TRUE(page) << page.error().message;
      if (!page) break;
      for (const auto& ticket : page->items) ids.push_back(ticket.id.value);
      if (!page->next) break;
      EXPECT_EQ(page->items.size(), static_cast<std::size_t>(query.limit));
      if (is_created(query.sort)) {
        EXPECT_EQ(page->next->sort_value, page->items.back().id.value);
      }
      query.cursor = page->next;
    }
    return ids;
  }

  static bool is_created(TicketSort sort) { return sort == TicketSort::created_asc || sort == TicketSort::created_desc; }

  static bool contains(const std::vector<std::string>& values, const std::string& value) {
    return values.empty() || std::find(values.begin(), values.end(), value) != values.end();
  }

  std::vector<std::int64_t> brute_force(const TicketQuery& query) const {
    std::vector<Ticket> kept;
    for (const auto& t : m_tickets) {
      if (!contains(query.statuses, t.status) || !contains(query.teams, t.team) || !contains(query.types, t.type)) {
        continue;
      }
      if (!query.severities.empty() &&
          std::find(query.severities.begin(), query.severities.end(), t.severity) == query.severities.end()) {
        continue;
      }
      if (!query.assignees.empty() && !(t.assignee && contains(query.assignees, *t.assignee))) continue;
      if (query.created_after && t.created_at < *query.created_after) continue;
      if (query.created_before && !(t.created_at < *query.created_before)) continue;
      if (query.text && t.title.find(*query.text) == std::string::npos) continue;
      kept.push_back(t);
    }
    const auto key = [&](const Ticket& t) -> std::pair<std::int64_t, std::int64_t> {
      switch (query.sort) {
        case TicketSort::created_asc: return {0, t.id.value};
        case TicketSort::created_desc: return {0, -t.id.value};
        case TicketSort::updated_asc: return {to_epoch_ms(t.updated_at), t.id.value};
        case TicketSort::updated_desc: return {-to_epoch_ms(t.updated_at), -t.id.value};
        case TicketSort::severity_asc: return {static_cast<std::int64_t>(t.severity), t.id.value};
      }
      return {};
    };
    std::sort(kept.begin(), kept.end(), [&](const Ticket& a, const Ticket& b) { return key(a) < key(b); });
    std::vector<std::int64_t> ids;
    for (const auto& t : kept) ids.push_back(t.id.value);
    return ids;
  }

  TestDatabase m_database;
  std::unique_ptr<Store> m_store;
  std::vector<Ticket> m_tickets;
};

TEST_F(ListPlanTest, EveryPlanReturnsTheBruteForceTicketsInTheBruteForceOrder) {
  std::mt19937 random(99);
  const std::vector<TicketSort> sorts{TicketSort::created_desc, TicketSort::created_asc, TicketSort::severity_asc,
                                      TicketSort::updated_desc, TicketSort::updated_asc};
  const std::vector<Severity> severities{Severity::sev1, Severity::sev2, Severity::sev3, Severity::sev4};
  int union_plans = 0;
  for (int round = 0; round < 300; ++round) {
    TicketQuery query;
    query.sort = sorts[static_cast<std::size_t>(round) % sorts.size()];
    query.limit = 1 + static_cast<int>(random() % 40);
    query.statuses = random_subset(random, k_statuses, 3);
    query.severities = random_subset(random, severities, 3);
    query.teams = random_subset(random, k_teams, 3);
    if (random() % 5 == 0) query.types = {k_types[random() % k_types.size()]};
    if (random() % 6 == 0) query.assignees = {"bob"};
    if (random() % 6 == 0) query.created_after = from_epoch_ms(1'000'000 + static_cast<std::int64_t>(random() % 30) * 1000);
    if (random() % 6 == 0) query.created_before = from_epoch_ms(1'020'000 + static_cast<std::int64_t>(random() % 30) * 1000);
    if (random() % 4 == 0) query.text = k_words[random() % k_words.size()];
    auto list = sql::build_list_sql(query, sql::sqlite_dialect());
    ASSERT_TRUE(list);
    if (*list && (*list)->sql.find("UNION ALL") != std::string::npos) ++union_plans;
    EXPECT_EQ(paged_ids(query), brute_force(query)) << "round " << round << " sort " << to_string(query.sort)
                                                   << " limit " << query.limit;
  }
  EXPECT_GT(union_plans, 50);  // the branch plan was exercised, not only the fallback
}

TEST_F(ListPlanTest, StatusSeverityTeamFiltersBecomeOneIndexRangePerCombination) {
  TicketQuery query;
  query.statuses = {"closed", "new", "closed"};  // a repeated value must not repeat rows
  query.severities = {Severity::sev1, Severity::sev2};
  query.teams = {"legal"};
  auto list = sql::build_list_sql(query, sql::sqlite_dialect());
  ASSERT_TRUE(list && *list);
  const std::string& sql = (*list)->sql;
  std::size_t branches = 0;
  for (auto at = sql.find("INDEXED BY tickets_status_team_severity"); at != std::string::npos;
       at = sql.find("INDEXED BY tickets_status_team_severity", at + 1)) {
    ++branches;
  }
  EXPECT_EQ(branches, 4u);
  EXPECT_EQ(paged_ids(query), brute_force(query));

  TicketQuery too_many;  // 5 statuses x 4 teams x 4 severities = 80 branches: the single SELECT
  too_many.statuses = k_statuses;
  too_many.teams = k_teams;
  list = sql::build_list_sql(too_many, sql::sqlite_dialect());
  ASSERT_TRUE(list && *list);
  EXPECT_EQ((*list)->sql.find("UNION ALL"), std::string::npos);
  EXPECT_EQ(paged_ids(too_many), brute_force(too_many));
}

TEST_F(ListPlanTest, TheCreatedSortsFollowTheIdAndTheCursorHoldsIt) {
  TicketQuery query;
  query.limit = 10;
  auto page = m_store->list_tickets(query);
  ASSERT_TRUE(page && page->next);
  EXPECT_EQ(page->items.front().id, m_tickets.back().id);  // newest first, whatever created_at says
  EXPECT_EQ(page->next->sort_value, page->items.back().id.value);
  query.cursor = page->next;
  auto second = m_store->list_tickets(query);
  ASSERT_TRUE(second && !second->items.empty());
  EXPECT_EQ(second->items.front().id.value, page->items.back().id.value - 1);
}

}  // namespace list_plan_test
}  // namespace snag
