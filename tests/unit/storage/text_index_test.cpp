// The full-text index that the group-commit writer syncs once per batch, and the migration
// that moved it there (schema 1 -> 2).

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <store_fixtures.hpp>

#include <snag/storage/sqlite/migrations.hpp>

namespace snag {
namespace text_index_test {

using testing::insert;
using testing::sample_ticket;
using testing::TestDatabase;

std::vector<std::int64_t> search(Store& store, const std::string& text) {
  TicketQuery query;
  query.text = text;
  query.limit = k_max_page_size;
  auto page = store.list_tickets(query);
  EXPECT_TRUE(page) << page.error().message;
  std::vector<std::int64_t> ids;
  if (page) {
    for (const auto& ticket : page->items) ids.push_back(ticket.id.value);
  }
  return ids;
}

Result<void> rewrite(Store& store, TicketId id, const std::function<void(Ticket&)>& change) {
  return store.write([&](WriteTransaction& tx) -> Result<void> {
    auto found = tx.find_ticket(id);
    if (!found) return tl::unexpected(found.error());
    Ticket ticket = found->value();
    change(ticket);
    return tx.update_ticket(ticket);
  });
}

TEST(TextIndex, FollowsUpdatesOfTitleAndDescription) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  const TicketId id = insert(*store, sample_ticket("Alpha title"));
  EXPECT_EQ(search(*store, "alpha"), std::vector<std::int64_t>{id.value});

  ASSERT_TRUE(rewrite(*store, id, [](Ticket& t) { t.title = "Beta title"; }));
  EXPECT_TRUE(search(*store, "alpha").empty());
  EXPECT_EQ(search(*store, "beta"), std::vector<std::int64_t>{id.value});

  ASSERT_TRUE(rewrite(*store, id, [](Ticket& t) { t.description = "gamma details"; }));
  EXPECT_TRUE(search(*store, "candidate").empty());  // from the old description
  EXPECT_EQ(search(*store, "gamma"), std::vector<std::int64_t>{id.value});
  EXPECT_EQ(search(*store, "beta"), std::vector<std::int64_t>{id.value});

  ASSERT_TRUE(rewrite(*store, id, [](Ticket& t) { t.status = "triaged"; }));  // text unchanged
  EXPECT_EQ(search(*store, "beta gamma"), std::vector<std::int64_t>{id.value});

  // Inserted and updated in one work.
  TicketId second;
  ASSERT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
    auto inserted = tx.insert_ticket(sample_ticket("Delta first"));
    if (!inserted) return tl::unexpected(inserted.error());
    second = *inserted;
    Ticket ticket = sample_ticket("Epsilon second");
    ticket.id = second;
    return tx.update_ticket(ticket);
  }));
  EXPECT_TRUE(search(*store, "delta").empty());
  EXPECT_EQ(search(*store, "epsilon"), std::vector<std::int64_t>{second.value});
}

TEST(TextIndex, AWorkRolledBackInTheSameBatchLeavesNoTextBehind) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  const TicketId kept = insert(*store, sample_ticket("Original words"));
  const TicketId changed = insert(*store, sample_ticket("Plain words"));

  // A first write holds the writer while the others queue, so that they share the next batch.
  std::atomic<bool> release{false};
  std::thread blocker([&] {
    (void)store->write([&](WriteTransaction&) -> Result<void> {
      while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      return {};
    });
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  const CommitStats before = store->commit_stats();  // the blocker's batch is not counted yet
  std::vector<std::thread> writers;
  std::atomic<int> failed{0};
  writers.emplace_back([&] {  // updates the title, then fails
    auto written = store->write([&](WriteTransaction& tx) -> Result<void> {
      auto found = tx.find_ticket(kept);
      if (!found) return tl::unexpected(found.error());
      Ticket ticket = found->value();
      ticket.title = "Vanished update";
      if (auto updated = tx.update_ticket(ticket); !updated) return updated;
      return fail(ErrorCode::conflict, "planned");
    });
    if (!written) ++failed;
  });
  writers.emplace_back([&] {  // inserts, then fails
    auto written = store->write([&](WriteTransaction& tx) -> Result<void> {
      auto id = tx.insert_ticket(sample_ticket("Ghost insert"));
      if (!id) return tl::unexpected(id.error());
      return fail(ErrorCode::conflict, "planned");
    });
    if (!written) ++failed;
  });
  writers.emplace_back([&] {  // a successful update in the same batch
    (void)rewrite(*store, changed, [](Ticket& t) { t.description = "Survivor text"; });
  });
  writers.emplace_back([&] {  // and a successful insert, which may reuse the ghost's id
    (void)insert(*store, sample_ticket("Newcomer words"));
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  release = true;
  blocker.join();
  for (auto& writer : writers) writer.join();
  EXPECT_EQ(failed, 2);
  const CommitStats after = store->commit_stats();
  EXPECT_EQ(after.writes - before.writes, 5u);
  EXPECT_EQ(after.commits - before.commits, 2u);  // the blocker's batch and one shared by the rest

  EXPECT_TRUE(search(*store, "vanished").empty());
  EXPECT_EQ(search(*store, "original"), std::vector<std::int64_t>{kept.value});
  EXPECT_TRUE(search(*store, "ghost").empty());
  EXPECT_EQ(search(*store, "survivor"), std::vector<std::int64_t>{changed.value});
  EXPECT_EQ(search(*store, "newcomer").size(), 1u);
}

void exec(sqlite3* db, const std::string& sql) {
  char* error = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK) << (error ? error : "");
  sqlite3_free(error);
}

std::vector<std::string> schema_names(const std::string& path, const std::string& type) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%' ORDER BY name",
                     -1, &stmt, nullptr);
  sqlite3_bind_text(stmt, 1, type.c_str(), -1, SQLITE_TRANSIENT);
  std::vector<std::string> names;
  while (sqlite3_step(stmt) == SQLITE_ROW) names.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return names;
}

TEST(TextIndex, MigrationTwoRebuildsTheIndexOfADatabaseWithTheFirstSchema) {
  TestDatabase database;
  ASSERT_TRUE(migrate_database(database.url()));  // creates the directories; replaced below
  std::filesystem::remove(database.file());
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(database.file().c_str(), &db), SQLITE_OK);
    exec(db, "BEGIN");
    exec(db, std::string(sqlite::migration_sql(1)));
    exec(db, "PRAGMA user_version = 1");
    for (int i = 0; i < 30; ++i) {
      exec(db,
           "INSERT INTO tickets (type, title, description, status, severity, team, reporter, created_at, updated_at, "
           "version) VALUES ('offer_problem', 'Old ticket " +
               std::string(i % 2 ? "lantern" : "harbor") + "', 'described', 'new', 'sev2', 'it', 'seed', " +
               std::to_string(1000 + i) + ", 1000, 1)");
    }
    exec(db, "COMMIT");
    sqlite3_close(db);
  }
  ASSERT_EQ(schema_names(database.file(), "trigger").size(), 3u);

  auto store = database.open();
  ASSERT_TRUE(store);
  // The text index's triggers are gone; what remains keeps tickets' candidates known (version 23).
  EXPECT_EQ(schema_names(database.file(), "trigger"),
            (std::vector<std::string>{"candidates_named_by_tickets", "tickets_candidate_insert",
                                      "tickets_candidate_update"}));
  const auto indexes = schema_names(database.file(), "index");
  for (const char* index : {"tickets_status_team_severity", "tickets_status_severity", "tickets_team_severity",
                            "tickets_severity", "tickets_assignee", "tickets_type"}) {
    EXPECT_NE(std::find(indexes.begin(), indexes.end(), index), indexes.end()) << index;
  }
  EXPECT_EQ(std::find(indexes.begin(), indexes.end(), "tickets_status_severity_team"), indexes.end());

  EXPECT_EQ(search(*store, "lantern").size(), 15u);
  EXPECT_EQ(search(*store, "harbor").size(), 15u);
  ASSERT_TRUE(rewrite(*store, TicketId{1}, [](Ticket& t) { t.title = "Renamed beacon"; }));
  EXPECT_EQ(search(*store, "beacon"), std::vector<std::int64_t>{1});
  EXPECT_EQ(search(*store, "harbor").size(), 14u);
  const TicketId id = insert(*store, sample_ticket("Fresh lantern"));
  EXPECT_EQ(id.value, 31);
  EXPECT_EQ(search(*store, "lantern").size(), 16u);

  store.reset();
  auto version = migrate_database(database.url());
  ASSERT_TRUE(version);
  EXPECT_EQ(*version, sqlite::latest_schema_version());
}

}  // namespace text_index_test
}  // namespace snag
