// Timing of ticket lists on a large database. Skipped unless SNAG_PERF_DB names a database file
// (kept between runs: it is filled once, with SNAG_PERF_ROWS tickets, default 1,000,000):
//
//   SNAG_PERF_DB=/tmp/snag-perf.db ./storage_tests --gtest_filter='ListPerformance.*'
//
// The rows are generated in SQL for speed; the queries go through the Store as in production.

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <random>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <snag/storage/open_store.hpp>

namespace snag {
namespace {

const std::vector<std::string> k_statuses{"new", "triaged", "in_progress", "waiting", "resolved", "closed"};
const std::vector<std::string> k_teams{"recruiting", "hr_ops",   "it",         "legal",
                                       "payroll",    "sourcing", "onboarding", "talent"};

void fill(const std::string& path, std::int64_t rows) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  // Words of falling frequency: word i is picked with weight ~1/i (a Zipf-like vocabulary).
  const std::string sql = R"sql(
    PRAGMA synchronous=OFF;
    BEGIN;
    CREATE TEMP TABLE words (id INTEGER PRIMARY KEY, w TEXT);
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
    INSERT INTO words SELECT i, 'w' || i || substr('abcdefghij', 1 + i % 10, 3) FROM n;
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < )sql" +
                          std::to_string(rows) + R"sql()
    INSERT INTO tickets (type, title, description, status, severity, team, assignee, candidate_ats,
      candidate_external_id, labels, fields, reporter, created_at, updated_at, version)
    SELECT 'type' || (abs(random()) % 6),
      (SELECT group_concat(w, ' ') FROM words WHERE id IN (
         CAST(exp(abs(random() % 7600) / 1000.0) AS INTEGER), CAST(exp(abs(random() % 7600) / 1000.0) AS INTEGER),
         CAST(exp(abs(random() % 7600) / 1000.0) AS INTEGER), CAST(exp(abs(random() % 7600) / 1000.0) AS INTEGER)) AND i > 0),
      (SELECT group_concat(w, ' ') FROM words WHERE id IN (
         CAST(exp(abs(random() % 7600) / 1000.0) AS INTEGER), CAST(exp(abs(random() % 7600) / 1000.0) AS INTEGER),
         CAST(exp(abs(random() % 7600) / 1000.0) AS INTEGER), CAST(exp(abs(random() % 7600) / 1000.0) AS INTEGER),
         CAST(exp(abs(random() % 7600) / 1000.0) AS INTEGER), CAST(exp(abs(random() % 7600) / 1000.0) AS INTEGER),
         CAST(exp(abs(random() % 7600) / 1000.0) AS INTEGER), CAST(exp(abs(random() % 7600) / 1000.0) AS INTEGER)) AND i > 0),
      CASE abs(random()) % 6 WHEN 0 THEN 'new' WHEN 1 THEN 'triaged' WHEN 2 THEN 'in_progress'
        WHEN 3 THEN 'waiting' WHEN 4 THEN 'resolved' ELSE 'closed' END,
      'sev' || (1 + abs(random()) % 4),
      CASE abs(random()) % 8 WHEN 0 THEN 'recruiting' WHEN 1 THEN 'hr_ops' WHEN 2 THEN 'it' WHEN 3 THEN 'legal'
        WHEN 4 THEN 'payroll' WHEN 5 THEN 'sourcing' WHEN 6 THEN 'onboarding' ELSE 'talent' END,
      CASE WHEN random() % 3 = 0 THEN NULL ELSE 'user' || (abs(random()) % 50) END,
      'greenhouse', CAST(abs(random()) % 300000 AS TEXT),
      '[]', '{}', 'seed',
      1750000000000 + i * 30000, 1750000000000 + i * 30000 + abs(random()) % 86400000, 1
    FROM n;
    -- The store syncs the full-text index in its writer; rows inserted behind its back need it here.
    INSERT INTO tickets_fts (rowid, title, description) SELECT id, title, description FROM tickets;
    COMMIT;
    ANALYZE;
  )sql";
  char* error = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  EXPECT_EQ(rc, SQLITE_OK) << (error ? error : "");
  sqlite3_free(error);
  sqlite3_close(db);
}

struct Timing {
  double p50_ms;
  double p99_ms;
  std::size_t rows;
};

template <class Make>
Timing measure(Store& store, int runs, Make make_query) {
  std::vector<double> ms;
  std::size_t rows = 0;
  for (int i = 0; i < runs; ++i) {
    TicketQuery query = make_query(i);
    const auto start = std::chrono::steady_clock::now();
    auto page = store.list_tickets(query);
    const auto end = std::chrono::steady_clock::now();
    EXPECT_TRUE(page) << (page ? "" : page.error().message);
    if (page) rows += page->items.size();
    ms.push_back(std::chrono::duration<double, std::milli>(end - start).count());
  }
  std::sort(ms.begin(), ms.end());
  return {ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 99 / 100)], rows / static_cast<std::size_t>(runs)};
}

TEST(ListPerformance, FilteredAndFullTextListsAreFastAtScale) {
  const char* path = std::getenv("SNAG_PERF_DB");
  if (path == nullptr) GTEST_SKIP() << "set SNAG_PERF_DB to run";
  const char* rows_text = std::getenv("SNAG_PERF_ROWS");
  const std::int64_t rows = rows_text ? std::atoll(rows_text) : 1'000'000;
  {
    auto store = open_store(std::string("sqlite:") + path);
    ASSERT_TRUE(store) << store.error().message;
    TicketQuery any;
    any.limit = 1;
    if ((*store)->list_tickets(any)->items.empty()) {
      store->reset();
      const auto start = std::chrono::steady_clock::now();
      fill(path, rows);
      std::cout << "filled " << rows << " tickets in "
                << std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() << " s\n";
    }
  }
  auto store = open_store(std::string("sqlite:") + path);
  ASSERT_TRUE(store);
  std::mt19937 random(42);
  const auto pick = [&](const std::vector<std::string>& from) { return from[random() % from.size()]; };

  const Timing filtered = measure(**store, 300, [&](int) {
    TicketQuery query;
    query.statuses = {pick(k_statuses)};
    query.severities = {static_cast<Severity>(1 + random() % 4)};
    query.teams = {pick(k_teams)};
    return query;
  });
  const Timing filtered_multi = measure(**store, 300, [&](int) {
    TicketQuery query;
    query.statuses = {"new", "triaged", "in_progress"};
    query.severities = {Severity::sev1, Severity::sev2};
    query.teams = {pick(k_teams)};
    return query;
  });
  const Timing deep_page = measure(**store, 300, [&](int) {
    TicketQuery query;
    query.statuses = {pick(k_statuses)};
    query.teams = {pick(k_teams)};
    query.cursor = TicketCursor{
        TicketSort::created_desc,
        1750000000000 + static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(rows)) * 30000, TicketId{0}};
    query.cursor->last_id = TicketId{(query.cursor->sort_value - 1750000000000) / 30000};
    return query;
  });
  const Timing unfiltered_updated = measure(**store, 300, [&](int) {
    TicketQuery query;
    query.sort = TicketSort::updated_desc;
    return query;
  });
  const Timing by_severity = measure(**store, 300, [&](int) {
    TicketQuery query;
    query.sort = TicketSort::severity_asc;
    query.teams = {pick(k_teams)};
    return query;
  });
  // Words of every frequency: w1… are in about a third of the tickets, w2000… in a handful.
  const Timing text = measure(**store, 300, [&](int i) {
    TicketQuery query;
    const int word = 1 + static_cast<int>(std::exp((random() % 7600) / 1000.0));
    query.text = "w" + std::to_string(word) + std::string("abcdefghij").substr(static_cast<std::size_t>(word % 10), 3);
    if (i % 2) query.statuses = {pick(k_statuses)};
    return query;
  });
  const auto word = [](int id) {
    return "w" + std::to_string(id) + std::string("abcdefghij").substr(static_cast<std::size_t>(id % 10), 3);
  };
  const Timing text_two_words = measure(**store, 300, [&](int) {
    TicketQuery query;
    query.text = word(2 + static_cast<int>(random() % 40)) + " " + word(2 + static_cast<int>(random() % 40));
    return query;
  });
  for (const auto& [name, timing] :
       {std::pair{"status+severity+team", filtered}, std::pair{"3 statuses+2 severities+team", filtered_multi},
        std::pair{"status+team deep page", deep_page}, std::pair{"all by updated desc", unfiltered_updated},
        std::pair{"team by severity", by_severity}, std::pair{"text (one word, any frequency)", text},
        std::pair{"text (two frequent words)", text_two_words}}) {
    std::cout << name << ": p50 " << timing.p50_ms << " ms, p99 " << timing.p99_ms << " ms, ~" << timing.rows
              << " rows\n";
  }
  EXPECT_LE(filtered.p99_ms, 10.0);
  EXPECT_LE(text.p99_ms, 25.0);
}

}  // namespace
}  // namespace snag
