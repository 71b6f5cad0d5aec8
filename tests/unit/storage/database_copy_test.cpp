// `snag db copy` (storage/copy/database_copy.hpp). Each run of the suite copies from its own
// backend's TestDatabase: the SQLite run copies SQLite to SQLite; the PostgreSQL run copies
// PostgreSQL to SQLite, PostgreSQL to PostgreSQL and SQLite to PostgreSQL.

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <store_fixtures.hpp>
#include <unistd.h>

#include <snag/storage/copy/database_copy.hpp>
#include <snag/storage/open_store.hpp>
#include <snag/storage/postgresql/connection.hpp>
#include <snag/storage/sql/copied_tables.hpp>
#include <snag/storage/sql/schema.hpp>
#include <snag/storage/sqlite/connection.hpp>
#include <snag/storage/sqlite/migrations.hpp>

namespace snag {
namespace database_copy_test {

using testing::count_rows;
using testing::execute_sql;
using testing::PostgresTestDatabase;
using testing::sample_ticket;
using testing::TestDatabase;

// An SQLite database in a fresh temp directory (the file does not exist yet), whatever backend
// the run tests.
class SqliteFile {
 public:
  SqliteFile() {
    static std::atomic<int> counter{0};
    std::random_device random;
    m_dir = std::filesystem::temp_directory_path() / ("snag-copy-" + std::to_string(::getpid()) + "-" +
                                                      std::to_string(counter++) + "-" + std::to_string(random()));
  }
  ~SqliteFile() {
    std::error_code ignored;
    std::filesystem::remove_all(m_dir, ignored);
  }
  SqliteFile(const SqliteFile&) = delete;
  SqliteFile& operator=(const SqliteFile&) = delete;

  std::filesystem::path file() const { return m_dir / "copy" / "snag.db"; }
  std::string url() const { return "sqlite:" + file().string(); }

 private:
  std::filesystem::path m_dir;
};

std::unique_ptr<Store> open(const std::string& url) {
  auto store = open_store(url);
  if (!store) {
    ADD_FAILURE() << "open_store failed: " << store.error().message;
    return nullptr;
  }
  return std::move(*store);
}

// ---- A source with something in every table, paging included --------------------------------

// More rows than one keyset page of the copy (5,000), for the journal (integer key) and the
// idempotency keys (two text columns as key).
constexpr int k_many = 5'123;

struct Filled {
  TicketId rich;      // every optional field set
  TicketId searched;  // the only ticket with "zeppelin" in its title
  std::string api_key_hash;
  std::int64_t journal_entries = 0;
};

Filled fill(Store& store) {
  Filled filled;
  Candidate ada;
  ada.ref = {"greenhouse", "53883394"};
  ada.profile.name = "Ada Lovelace";
  ada.profile.email = "ada@example.com";
  ada.profile.level = "senior";
  ada.profile.geography = "GB";
  ada.profile.fields = {{"visa_status", "none"}, {"relocation", true}};
  ada.created_at = from_epoch_ms(1'700'000'000'001);
  ada.updated_at = from_epoch_ms(1'700'000'000'002);
  Candidate bare;  // nulls everywhere they are allowed
  bare.ref = {"lever", "c-1"};
  bare.created_at = from_epoch_ms(3);
  bare.updated_at = from_epoch_ms(4);

  Ticket rich = sample_ticket("Offer letter link expired — «urgent» 🚀");
  rich.assignee = "bob";
  rich.candidate = ada.ref;
  rich.labels = {"offer", "urgent \"quoted\""};
  rich.fields = {{"requisition", "R-12"}, {"nested", {{"a", 1}, {"b", {true, nullptr}}}}};
  rich.version = 3;
  rich.resolution_due_at = from_epoch_ms(1'780'000'100'000);
  rich.resolved_at = from_epoch_ms(1'780'000'050'123);
  rich.sla_calendar = "germany";
  rich.candidate_geography = "DE";
  rich.first_response_due_at = from_epoch_ms(1'780'000'020'000);
  rich.first_responded_at = from_epoch_ms(1'780'000'010'001);
  rich.sla_paused_for = std::chrono::milliseconds{3'600'000};
  rich.sla_fired = {"first_response:50%", "resolution:75%"};
  rich.sla_next_check_at = from_epoch_ms(1'780'000'070'000);
  std::vector<Ticket> tickets{rich, sample_ticket("Zeppelin interview room double-booked"),
                              sample_ticket("Background check stuck")};
  for (int i = 0; i < 20; ++i) tickets.push_back(sample_ticket("Filler ticket " + std::to_string(i)));

  auto written = store.write([&](WriteTransaction& tx) -> Result<void> {
    for (const Candidate* candidate : {&ada, &bare}) {
      if (auto upserted = tx.upsert_candidate(*candidate); !upserted) return tl::unexpected(upserted.error());
    }
    for (auto& ticket : tickets) {
      auto id = tx.insert_ticket(ticket);
      if (!id) return tl::unexpected(id.error());
      ticket.id = *id;
      auto journaled = tx.append_journal(*id, ticket.created_at, "alice", "create",
                                         {{"title", nullptr, ticket.title}, {"status", nullptr, ticket.status}});
      if (!journaled) return tl::unexpected(journaled.error());
    }
    for (int i = 0; i < 3; ++i) {
      auto comment = tx.insert_comment(tickets[static_cast<std::size_t>(i)].id, "carol",
                                       "Comment " + std::to_string(i) + " with 'quotes' and ? marks", from_epoch_ms(i));
      if (!comment) return tl::unexpected(comment.error());
    }
    for (int i = 0; i < k_many; ++i) {
      const std::string scope = i % 2 == 0 ? "key:1" : "key:B";
      auto saved = tx.save_idempotency(scope, "k" + std::to_string(i), {"fp" + std::to_string(i), tickets[0].id},
                                       from_epoch_ms(i));
      if (!saved) return tl::unexpected(saved.error());
    }
    ApiKeyRecord admin;
    admin.name = "ci";
    admin.role = "admin";
    admin.secret_hash = std::string(64, 'a');
    admin.created_at = from_epoch_ms(10);
    ApiKeyRecord revoked;
    revoked.name = "old";
    revoked.role = "recruiter";
    revoked.team = "recruiting";
    revoked.secret_hash = std::string(64, 'b');
    revoked.created_at = from_epoch_ms(11);
    revoked.expires_at = from_epoch_ms(12);
    revoked.revoked = true;
    for (const auto* key : {&admin, &revoked}) {
      if (auto inserted = tx.insert_api_key(*key); !inserted) return tl::unexpected(inserted.error());
    }
    // Automation: a notification (one read), a window with a held and a fired escalation.
    for (const bool read : {false, true}) {
      Notification note;
      note.recipient = "bob";
      note.ticket = read ? std::optional<TicketId>{} : std::optional<TicketId>{tickets[0].id};
      note.kind = "escalation";
      note.rule = read ? "" : "sev1-unassigned";
      note.message = "SNAG-1 is 75% through its resolution time";
      note.created_at = from_epoch_ms(20);
      if (read) note.read_at = from_epoch_ms(21);
      if (auto inserted = tx.insert_notification(note); !inserted) return tl::unexpected(inserted.error());
    }
    SuppressionWindow freeze;
    freeze.name = "Q4 freeze";
    freeze.reason = "Hiring freeze";
    freeze.scope = WindowScope::geography;
    freeze.scope_value = "DE";
    freeze.starts_at = from_epoch_ms(30);
    freeze.ends_at = from_epoch_ms(40);
    freeze.on_end = WindowEndPolicy::fire;
    freeze.created_by = "alice";
    freeze.created_at = from_epoch_ms(29);
    freeze.ended_early_at = from_epoch_ms(35);
    auto window = tx.insert_suppression_window(freeze);
    if (!window) return tl::unexpected(window.error());
    for (const auto state : {SuppressedState::held, SuppressedState::fired}) {
      SuppressedEscalation held{{}, *window, tickets[0].id, "escalate-75", from_epoch_ms(31), state,
                                state == SuppressedState::held ? std::nullopt : std::optional(from_epoch_ms(36))};
      if (auto inserted = tx.insert_suppressed_escalation(held); !inserted) return tl::unexpected(inserted.error());
    }
    for (const bool shared : {false, true}) {
      SavedView view{{},
                     "bob",
                     shared ? "Team backlog" : "Mine",
                     "status=new&team=hris",
                     shared,
                     from_epoch_ms(60),
                     from_epoch_ms(61)};
      if (auto inserted = tx.insert_saved_view(view); !inserted) return tl::unexpected(inserted.error());
    }
    for (int i = 0; i < 3; ++i) {
      NewJob job{"audit.verify", R"({"n":)" + std::to_string(i) + "}", from_epoch_ms(100 + i), 5,
                 i == 0 ? std::optional<std::string>("audit.verify@2026-11-28") : std::nullopt};
      if (auto enqueued = tx.enqueue_job(job, from_epoch_ms(50)); !enqueued) return tl::unexpected(enqueued.error());
    }
    return {};
  });
  EXPECT_TRUE(written) << written.error().message;
  // A leased job: its lease (node, token, expiry) is copied as it is.
  auto leased = store.write([&](WriteTransaction& tx) -> Result<void> {
    auto jobs = tx.lease_jobs(LeaseRequest{"node-a", 1, from_epoch_ms(1'000), std::chrono::milliseconds(30'000)});
    if (!jobs) return tl::unexpected(jobs.error());
    EXPECT_EQ(jobs->size(), 1u);
    return {};
  });
  EXPECT_TRUE(leased) << leased.error().message;

  // Many journal entries in one event: more than a page.
  std::vector<FieldChange> changes;
  for (int i = 0; i < k_many; ++i) changes.push_back({"fields", i, i + 1});
  auto journaled = store.write([&](WriteTransaction& tx) {
    return tx.append_journal(tickets[0].id, from_epoch_ms(1'780'000'200'000), "bob", "update", changes);
  });
  EXPECT_TRUE(journaled) << journaled.error().message;

  // An insert that rolls back: PostgreSQL's identity sequence moves on all the same.
  auto rolled_back = store.write([&](WriteTransaction& tx) -> Result<void> {
    if (auto id = tx.insert_ticket(sample_ticket()); !id) return tl::unexpected(id.error());
    return fail(ErrorCode::conflict, "rolled back on purpose");
  });
  EXPECT_FALSE(rolled_back);

  filled.rich = tickets[0].id;
  filled.searched = tickets[1].id;
  filled.api_key_hash = std::string(64, 'a');
  filled.journal_entries = static_cast<std::int64_t>(tickets.size()) * 2 + k_many;
  return filled;
}

// ---- Reading tables back verbatim -------------------------------------------------------------

using Rows = std::vector<std::vector<std::optional<std::string>>>;

// Every row of a table as text (both backends spell integers the same), sorted, so that the
// order of text keys (SQLite compares bytes, PostgreSQL its collation) does not matter.
template <class Connection>
Rows dump(Connection& connection, const sql::CopiedTable& table) {
  std::string sql = "SELECT ";
  for (std::size_t i = 0; i < table.columns.size(); ++i) sql += (i > 0 ? ", " : "") + std::string(table.columns[i].name);
  sql += " FROM " + std::string(table.name);
  auto statement = connection.prepare(sql);
  Rows rows;
  for (;;) {
    auto row = statement.step();
    if (!row) {
      ADD_FAILURE() << "reading " << table.name << ": " << row.error().message;
      break;
    }
    if (!*row) break;
    auto& values = rows.emplace_back();
    for (std::size_t i = 0; i < table.columns.size(); ++i) values.push_back(statement.optional_text(static_cast<int>(i)));
  }
  std::sort(rows.begin(), rows.end());
  return rows;
}

Rows dump(const std::string& url, const sql::CopiedTable& table) {
  if (url.starts_with("sqlite:")) {
    auto connection = sqlite::Connection::open(url.substr(7), sqlite::OpenMode::read_only);
    if (!connection) {
      ADD_FAILURE() << connection.error().message;
      return {};
    }
    return dump(**connection, table);
  }
  auto connection = postgresql::Connection::open(url);
  if (!connection) {
    ADD_FAILURE() << connection.error().message;
    return {};
  }
  return dump(**connection, table);
}

ChainVerdict verify(Store& store) {
  ChainVerifier verifier;
  auto scanned = store.scan_journal([&](const JournalEntry& entry) { return verifier.add(entry); });
  EXPECT_TRUE(scanned);
  return verifier.verdict();
}

TicketId insert_one(Store& store) { return testing::insert(store, sample_ticket("After the copy")); }

// Fills `from`, copies it to `to` and checks the copy row for row and through a Store.
void expect_faithful_copy(const std::string& from, const std::string& to) {
  Filled filled;
  {
    auto source = open(from);
    ASSERT_TRUE(source);
    filled = fill(*source);
  }

  std::map<std::string, CopyProgress> last_progress;
  std::vector<std::string> table_order;
  auto summary = copy_database(from, to, [&](const CopyProgress& progress) {
    if (!last_progress.contains(std::string(progress.table))) table_order.emplace_back(progress.table);
    EXPECT_LE(progress.copied, progress.total) << progress.table;
    last_progress[std::string(progress.table)] = progress;
  });
  ASSERT_TRUE(summary) << summary.error().message;

  ASSERT_EQ(summary->tables.size(), sql::k_copied_tables.size());
  for (std::size_t i = 0; i < sql::k_copied_tables.size(); ++i) {
    const sql::CopiedTable& table = sql::k_copied_tables[i];
    const std::string name(table.name);
    EXPECT_EQ(summary->tables[i].table, name);
    EXPECT_EQ(summary->tables[i].rows, count_rows(from, name)) << name;
    EXPECT_EQ(count_rows(to, name), count_rows(from, name)) << name;
    EXPECT_TRUE(dump(from, table) == dump(to, table)) << name << " differs after the copy";
    ASSERT_TRUE(last_progress.contains(name)) << name;
    EXPECT_TRUE(last_progress[name].done) << name;
    EXPECT_EQ(last_progress[name].copied, summary->tables[i].rows) << name;
    EXPECT_EQ(last_progress[name].total, summary->tables[i].rows) << name;
  }
  EXPECT_EQ(table_order.size(), sql::k_copied_tables.size());
  EXPECT_EQ(count_rows(to, "journal"), filled.journal_entries);
  EXPECT_EQ(count_rows(to, "idempotency_keys"), k_many);

  auto source = open(from);
  auto copy = open(to);
  ASSERT_TRUE(source && copy);

  const ChainVerdict verdict = verify(*copy);
  EXPECT_TRUE(verdict.ok) << verdict.reason;
  EXPECT_EQ(verdict.checked, filled.journal_entries);

  auto original = source->find_ticket(filled.rich);
  auto copied = copy->find_ticket(filled.rich);
  ASSERT_TRUE(original && *original && copied && *copied);
  EXPECT_EQ((*copied)->title, (*original)->title);
  EXPECT_EQ((*copied)->candidate, (*original)->candidate);
  EXPECT_EQ((*copied)->labels, (*original)->labels);
  EXPECT_EQ((*copied)->fields, (*original)->fields);
  EXPECT_EQ((*copied)->resolved_at, (*original)->resolved_at);
  EXPECT_EQ((*copied)->sla_calendar, "germany");
  EXPECT_EQ((*copied)->candidate_geography, (*original)->candidate_geography);
  EXPECT_EQ((*copied)->first_response_due_at, (*original)->first_response_due_at);
  EXPECT_EQ((*copied)->first_responded_at, (*original)->first_responded_at);
  EXPECT_EQ((*copied)->sla_paused_for, std::chrono::milliseconds{3'600'000});
  EXPECT_EQ((*copied)->sla_fired, (std::vector<std::string>{"first_response:50%", "resolution:75%"}));
  EXPECT_EQ((*copied)->sla_next_check_at, (*original)->sla_next_check_at);
  EXPECT_EQ((*copied)->version, 3);
  auto journal = copy->ticket_journal(filled.rich);
  ASSERT_TRUE(journal);
  EXPECT_EQ(static_cast<int>(journal->size()), 2 + k_many);

  auto candidate = copy->find_candidate({"greenhouse", "53883394"});
  ASSERT_TRUE(candidate && *candidate);
  EXPECT_EQ((*candidate)->profile.fields, (nlohmann::json{{"visa_status", "none"}, {"relocation", true}}));
  auto key = copy->find_api_key(filled.api_key_hash);
  ASSERT_TRUE(key && *key);
  EXPECT_EQ((*key)->role, "admin");
  auto revoked = copy->find_api_key(std::string(64, 'b'));
  ASSERT_TRUE(revoked && *revoked);
  EXPECT_TRUE((*revoked)->revoked);

  // Full-text search finds a copied ticket (SQLite's rebuilt tickets_fts, PostgreSQL's
  // generated tsvector).
  TicketQuery search;
  search.text = "zeppelin";
  auto found = copy->list_tickets(search);
  ASSERT_TRUE(found) << found.error().message;
  ASSERT_EQ(found->items.size(), 1u);
  EXPECT_EQ(found->items[0].id, filled.searched);

  // The copy issues the id the source would issue next: after every copied ticket, and after an
  // id the source spent on a rolled-back insert.
  const TicketId next_in_source = insert_one(*source);
  const TicketId next_in_copy = insert_one(*copy);
  EXPECT_EQ(next_in_copy, next_in_source);
  EXPECT_GT(next_in_copy.value, filled.searched.value);
  const auto comments = count_rows(to, "comments");
  auto comment = copy->write([&](WriteTransaction& tx) -> Result<void> {
    auto inserted = tx.insert_comment(next_in_copy, "dave", "new", from_epoch_ms(1));
    if (!inserted) return tl::unexpected(inserted.error());
    EXPECT_GT(inserted->id.value, comments);
    return {};
  });
  EXPECT_TRUE(comment) << comment.error().message;
  ApiKeyRecord another;
  another.name = "after";
  another.role = "admin";
  another.secret_hash = std::string(64, 'c');
  another.created_at = from_epoch_ms(1);
  auto key_written = copy->write([&](WriteTransaction& tx) -> Result<void> {
    auto id = tx.insert_api_key(another);
    if (!id) return tl::unexpected(id.error());
    EXPECT_EQ(id->value, 3);
    return {};
  });
  EXPECT_TRUE(key_written) << key_written.error().message;
  auto job_written = copy->write([&](WriteTransaction& tx) -> Result<void> {
    auto id = tx.enqueue_job(NewJob{"audit.verify", "{}", from_epoch_ms(1), 5, std::nullopt}, from_epoch_ms(1));
    if (!id) return tl::unexpected(id.error());
    EXPECT_EQ(id->value_or(JobId{0}), JobId{4});
    return {};
  });
  EXPECT_TRUE(job_written) << job_written.error().message;
  auto notified = copy->write([&](WriteTransaction& tx) -> Result<void> {
    Notification note;
    note.recipient = "bob";
    note.kind = "escalation";
    note.message = "after the copy";
    note.created_at = from_epoch_ms(1);
    auto id = tx.insert_notification(note);
    if (!id) return tl::unexpected(id.error());
    EXPECT_EQ(*id, NotificationId{3});
    return {};
  });
  EXPECT_TRUE(notified) << notified.error().message;
  auto unread = copy->unread_notification_count("bob");
  ASSERT_TRUE(unread);
  EXPECT_EQ(*unread, 2);
  EXPECT_EQ(count_rows(to, "jobs WHERE state = 'leased' AND leased_by = 'node-a'"), 1);
  auto views = copy->saved_views_for("alice");  // the shared one only
  ASSERT_TRUE(views) << views.error().message;
  ASSERT_EQ(views->size(), 1u);
  EXPECT_EQ((*views)[0].name, "Team backlog");
  EXPECT_EQ((*views)[0].updated_at, from_epoch_ms(61));
  EXPECT_TRUE(verify(*copy).ok);
}

// An SQLite file at schema version 1, as an older snag left it.
void create_version_1(const std::filesystem::path& file) {
  std::filesystem::create_directories(file.parent_path());
  execute_sql("sqlite:" + file.string(), sqlite::migration_sql(1) + "PRAGMA user_version = 1;");
}

int sqlite_user_version(const std::filesystem::path& file) {
  auto connection = sqlite::Connection::open(file.string(), sqlite::OpenMode::read_only);
  if (!connection) return -1;
  auto statement = (*connection)->prepare("PRAGMA user_version");
  auto row = statement.step();
  return row && *row ? static_cast<int>(statement.int64(0)) : -1;
}

// ---- Copies ---------------------------------------------------------------------------------

TEST(CopyDatabase, CopiesEveryRowToAnSqliteFile) {
  TestDatabase source;
  SqliteFile destination;
  expect_faithful_copy(source.url(), destination.url());
}

TEST(CopyDatabase, CopiesEveryRowToPostgresql) {
  PostgresTestDatabase destination;
  TestDatabase source;
  expect_faithful_copy(source.url(), destination.url());
}

TEST(CopyDatabase, CopiesAnSqliteFileToPostgresql) {
  PostgresTestDatabase destination;
  SqliteFile source;
  expect_faithful_copy(source.url(), destination.url());
}

TEST(CopyDatabase, AnEmptySourceMakesAnEmptyCopyThatIssuesIdsFromOne) {
  TestDatabase source;
  ASSERT_TRUE(migrate_database(source.url()));
  SqliteFile destination;
  auto summary = copy_database(source.url(), destination.url());
  ASSERT_TRUE(summary) << summary.error().message;
  for (const auto& table : summary->tables) EXPECT_EQ(table.rows, 0) << table.table;
  auto copy = open(destination.url());
  ASSERT_TRUE(copy);
  EXPECT_EQ(insert_one(*copy), TicketId{1});
}

// ---- Refusals -------------------------------------------------------------------------------

// A destination with data is refused and left as it was, whichever backend it is on.
void expect_refused_into_filled(const std::string& from, const std::string& to) {
  {
    auto source = open(from);
    ASSERT_TRUE(source);
    testing::insert(*source, sample_ticket("In the source"));
  }
  TicketId existing;
  {
    auto destination = open(to);
    ASSERT_TRUE(destination);
    existing = testing::insert(*destination, sample_ticket("Already here"));
  }
  const auto tables_before = dump(to, sql::k_copied_tables[0]);
  auto copied = copy_database(from, to);
  ASSERT_FALSE(copied);
  EXPECT_EQ(copied.error().code, ErrorCode::invalid_argument);
  EXPECT_NE(copied.error().message.find("not empty"), std::string::npos) << copied.error().message;
  EXPECT_TRUE(dump(to, sql::k_copied_tables[0]) == tables_before);
  EXPECT_EQ(count_rows(to, "tickets"), 1);
  auto destination = open(to);
  ASSERT_TRUE(destination);
  auto ticket = destination->find_ticket(existing);
  ASSERT_TRUE(ticket && *ticket);
  EXPECT_EQ((*ticket)->title, "Already here");
}

TEST(CopyDatabase, RefusesADestinationThatHoldsData) {
  TestDatabase source;
  SqliteFile destination;
  expect_refused_into_filled(source.url(), destination.url());
}

TEST(CopyDatabase, RefusesAPostgresqlDestinationThatHoldsData) {
  PostgresTestDatabase destination;
  SqliteFile source;
  expect_refused_into_filled(source.url(), destination.url());
}

TEST(CopyDatabase, RefusesAnOlderSourceWithoutTouchingItOrTheDestination) {
  SqliteFile source;
  create_version_1(source.file());
  SqliteFile destination;
  auto copied = copy_database(source.url(), destination.url());
  ASSERT_FALSE(copied);
  EXPECT_EQ(copied.error().code, ErrorCode::invalid_argument);
  EXPECT_NE(copied.error().message.find("snag db migrate"), std::string::npos) << copied.error().message;
  EXPECT_EQ(sqlite_user_version(source.file()), 1);
  EXPECT_FALSE(std::filesystem::exists(destination.file()));
}

TEST(CopyDatabase, RefusesAMissingSourceAnEmptyOneAndTheSameDatabaseTwice) {
  SqliteFile missing;
  SqliteFile destination;
  auto copied = copy_database(missing.url(), destination.url());
  ASSERT_FALSE(copied);
  EXPECT_EQ(copied.error().code, ErrorCode::invalid_argument);
  EXPECT_NE(copied.error().message.find("does not exist"), std::string::npos) << copied.error().message;
  EXPECT_FALSE(std::filesystem::exists(missing.file()));
  EXPECT_FALSE(std::filesystem::exists(destination.file()));

  SqliteFile foreign;  // a database, but not snag's
  std::filesystem::create_directories(foreign.file().parent_path());
  execute_sql(foreign.url(), "CREATE TABLE unrelated (x INTEGER)");
  copied = copy_database(foreign.url(), destination.url());
  ASSERT_FALSE(copied);
  EXPECT_EQ(copied.error().code, ErrorCode::invalid_argument);
  EXPECT_NE(copied.error().message.find("no snag schema"), std::string::npos) << copied.error().message;

  TestDatabase source;
  ASSERT_TRUE(migrate_database(source.url()));
  copied = copy_database(source.url(), source.url());
  ASSERT_FALSE(copied);
  EXPECT_EQ(copied.error().code, ErrorCode::invalid_argument);

  copied = copy_database(source.url(), "mysql://localhost/snag");
  ASSERT_FALSE(copied);
  EXPECT_EQ(copied.error().code, ErrorCode::invalid_argument);
  EXPECT_NE(copied.error().message.find("sqlite:"), std::string::npos) << copied.error().message;
}

TEST(CopyDatabase, ErrorsNeverQuoteTheUrlsPassword) {
  SqliteFile destination;
  auto copied = copy_database("postgresql://snag:hunter2@127.0.0.1:1/snag", destination.url());
  ASSERT_FALSE(copied);
  EXPECT_EQ(copied.error().code, ErrorCode::unavailable);
  EXPECT_EQ(copied.error().message.find("hunter2"), std::string::npos) << copied.error().message;
  EXPECT_FALSE(std::filesystem::exists(destination.file()));
}

// ---- The table list guard -------------------------------------------------------------------

// Fails when a migration adds a table or a column that sql/copied_tables.hpp does not list: the
// copy would leave it behind. Add it there (and to the copy order, after the tables it
// references).
TEST(CopyDatabase, KnowsEveryTableAndColumnOfTheMigratedSchema) {
  TestDatabase database;  // this run's backend
  ASSERT_TRUE(migrate_database(database.url()));
  auto differences = copy_schema_differences(database.url());
  ASSERT_TRUE(differences) << differences.error().message;
  EXPECT_TRUE(differences->empty()) << ::testing::PrintToString(*differences);

  SqliteFile file;  // and SQLite's in either run
  ASSERT_TRUE(migrate_database(file.url()));
  differences = copy_schema_differences(file.url());
  ASSERT_TRUE(differences) << differences.error().message;
  EXPECT_TRUE(differences->empty()) << ::testing::PrintToString(*differences);
}

TEST(CopyDatabase, RefusesADestinationWithATableOrColumnItDoesNotKnow) {
  TestDatabase source;
  ASSERT_TRUE(migrate_database(source.url()));
  TestDatabase destination;
  ASSERT_TRUE(migrate_database(destination.url()));
  execute_sql(destination.url(), "CREATE TABLE tags (name TEXT); ALTER TABLE tickets ADD COLUMN priority TEXT;");

  auto differences = copy_schema_differences(destination.url());
  ASSERT_TRUE(differences) << differences.error().message;
  EXPECT_EQ(*differences, (std::vector<std::string>{"table tags is not copied", "column tickets.priority is not copied"}));

  auto copied = copy_database(source.url(), destination.url());
  ASSERT_FALSE(copied);
  EXPECT_NE(copied.error().message.find("table tags is not copied"), std::string::npos) << copied.error().message;
  EXPECT_NE(copied.error().message.find("column tickets.priority"), std::string::npos) << copied.error().message;
}

}  // namespace database_copy_test
}  // namespace snag
