#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "support/postgres_test_database.hpp"
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <snag/storage/postgresql/connection.hpp>

namespace snag::postgresql {
namespace connection_test {

using testing::PostgresTestDatabase;

// Runs SQL that must succeed.
void exec(Connection& connection, const std::string& sql) {
  auto done = connection.exec(sql);
  ASSERT_TRUE(done) << sql << ": " << done.error().message;
}

// Code points, for comparing with PostgreSQL's length().
std::int64_t utf8_length(const std::string& text) {
  std::int64_t length = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++length;
  }
  return length;
}

std::int64_t count_rows(Connection& connection, const std::string& table) {
  auto statement = connection.prepare("SELECT count(*) FROM " + table);
  auto row = statement.step();
  EXPECT_TRUE(row && *row);
  return statement.int64(0);
}

class PostgresConnection : public ::testing::Test {
 protected:
  PostgresTestDatabase database;  // declared first: it outlives the connection
  std::unique_ptr<Connection> connection = database.connect();
};

TEST(PostgresParameters, EachQuestionMarkOutsideQuotesBecomesANumberedParameter) {
  const auto translated =
      translate_parameters("SELECT ?, '?', 'it''s ?', \"odd?name\" FROM t WHERE a = ? AND b IN (?, ?)");
  EXPECT_EQ(translated.sql, "SELECT $1, '?', 'it''s ?', \"odd?name\" FROM t WHERE a = $2 AND b IN ($3, $4)");
  EXPECT_EQ(translated.parameter_count, 4);
  EXPECT_EQ(translate_parameters("SELECT 1").parameter_count, 0);
}

TEST(PostgresErrors, SqlStatesMapToErrorCodes) {
  const std::vector<std::pair<std::string, ErrorCode>> cases = {
      {"23505", ErrorCode::conflict},    {"23503", ErrorCode::conflict},    {"23502", ErrorCode::conflict},
      {"23514", ErrorCode::conflict},    {"08006", ErrorCode::unavailable}, {"08001", ErrorCode::unavailable},
      {"53300", ErrorCode::unavailable}, {"53100", ErrorCode::unavailable}, {"57P01", ErrorCode::unavailable},
      {"57P02", ErrorCode::unavailable}, {"57P03", ErrorCode::unavailable}, {"40001", ErrorCode::unavailable},
      {"40P01", ErrorCode::unavailable}, {"55P03", ErrorCode::unavailable}, {"42601", ErrorCode::internal},
      {"42P01", ErrorCode::internal},    {"57014", ErrorCode::internal},    {"25P02", ErrorCode::internal},
      {"XX000", ErrorCode::internal},
  };
  for (const auto& [sqlstate, code] : cases) {
    EXPECT_EQ(database_error(sqlstate).code, code) << sqlstate;
  }
  EXPECT_EQ(database_error("23505").message, "database error: unique violation (23505)");
  EXPECT_EQ(database_error("23503").message, "database error: foreign key violation (23503)");
  // Codes without a name of their own are named by their class.
  EXPECT_EQ(database_error("08004").message, "database error: connection exception (08004)");
}

TEST_F(PostgresConnection, BindsQuestionMarkParametersAndLeavesQuotedOnesAlone) {
  auto statement = connection->prepare("SELECT ?, '?', 'it''s ?', ? || '?'");
  statement.bind(1, std::int64_t{7}).bind(2, "x");
  auto row = statement.step();
  ASSERT_TRUE(row) << row.error().message;
  ASSERT_TRUE(*row);
  EXPECT_EQ(statement.text(0), "7");
  EXPECT_EQ(statement.text(1), "?");
  EXPECT_EQ(statement.text(2), "it's ?");
  EXPECT_EQ(statement.text(3), "x?");
  auto done = statement.step();
  ASSERT_TRUE(done);
  EXPECT_FALSE(*done);
}

TEST_F(PostgresConnection, Int64ValuesRoundTripExactly) {
  exec(*connection, "CREATE TABLE numbers (id bigint PRIMARY KEY, value bigint NOT NULL)");
  const std::vector<std::int64_t> values = {
      std::numeric_limits<std::int64_t>::max(),
      std::numeric_limits<std::int64_t>::min(),
      1'767'225'600'123,      // epoch milliseconds in 2026
      9'007'199'254'740'993,  // 2^53 + 1: not a double
      -1,
      0,
  };
  for (std::size_t i = 0; i < values.size(); ++i) {
    auto insert = connection->prepare("INSERT INTO numbers (id, value) VALUES (?, ?)");
    auto done = insert.bind(1, static_cast<std::int64_t>(i)).bind(2, values[i]).run();
    ASSERT_TRUE(done) << done.error().message;
    EXPECT_EQ(insert.affected_rows(), 1);
  }
  for (std::size_t i = 0; i < values.size(); ++i) {
    auto read = connection->prepare("SELECT value, value = ? FROM numbers WHERE id = ?");
    read.bind(1, values[i]).bind(2, static_cast<std::int64_t>(i));
    auto row = read.step();
    ASSERT_TRUE(row && *row);
    EXPECT_EQ(read.int64(0), values[i]);
    EXPECT_EQ(read.int64(1), 1) << "the server compared the bound value as a bigint";
  }
}

TEST_F(PostgresConnection, NullsAndOptionals) {
  exec(*connection, "CREATE TABLE things (id bigint PRIMARY KEY, amount bigint, label text)");
  auto insert = connection->prepare("INSERT INTO things (id, amount, label) VALUES (?, ?, ?)");
  ASSERT_TRUE(insert.bind(1, std::int64_t{1})
                  .bind(2, std::optional<std::int64_t>{})
                  .bind(3, std::optional<std::string>{"x"})
                  .run());
  auto second = connection->prepare("INSERT INTO things (id, amount, label) VALUES (?, ?, ?)");
  ASSERT_TRUE(second.bind(1, std::int64_t{2}).bind(2, std::optional<std::int64_t>{5}).bind_null(3).run());
  // A parameter left unbound is NULL, as in SQLite.
  auto third = connection->prepare("INSERT INTO things (id, amount, label) VALUES (?, ?, ?)");
  ASSERT_TRUE(third.bind(1, std::int64_t{3}).run());

  auto select = connection->prepare("SELECT amount, label FROM things ORDER BY id");
  ASSERT_TRUE(*select.step());
  EXPECT_TRUE(select.is_null(0));
  EXPECT_EQ(select.optional_int64(0), std::nullopt);
  EXPECT_EQ(select.optional_text(1), "x");
  ASSERT_TRUE(*select.step());
  EXPECT_EQ(select.optional_int64(0), 5);
  EXPECT_TRUE(select.is_null(1));
  EXPECT_EQ(select.optional_text(1), std::nullopt);
  ASSERT_TRUE(*select.step());
  EXPECT_EQ(select.optional_int64(0), std::nullopt);
  EXPECT_EQ(select.optional_text(1), std::nullopt);
  EXPECT_FALSE(*select.step());
  // Past the last row every column reads as NULL.
  EXPECT_TRUE(select.is_null(0));
}

TEST_F(PostgresConnection, TextWithQuotesAndUtf8RoundTrips) {
  exec(*connection, "CREATE TABLE notes (id bigint PRIMARY KEY, body text NOT NULL)");
  const std::string body = "it's \"quoted\"; -- not a comment ? \\ back\\slash — ünïcødé 🐞\nline two";
  ASSERT_TRUE(
      connection->prepare("INSERT INTO notes (id, body) VALUES (?, ?)").bind(1, std::int64_t{1}).bind(2, body).run());
  auto select = connection->prepare("SELECT body, length(body), octet_length(body) FROM notes WHERE body = ?");
  select.bind(1, body);
  ASSERT_TRUE(*select.step());
  EXPECT_EQ(select.text(0), body);
  // Characters, not bytes: the connection speaks UTF-8.
  EXPECT_EQ(select.int64(1), utf8_length(body));
  EXPECT_LT(utf8_length(body), static_cast<std::int64_t>(body.size()));
  EXPECT_EQ(select.int64(2), static_cast<std::int64_t>(body.size()));
}

TEST_F(PostgresConnection, BooleansBindAsOneAndZeroAndReadAsIntegers) {
  exec(*connection, "CREATE TABLE flags (id bigint PRIMARY KEY, flag boolean NOT NULL, bit integer NOT NULL)");
  ASSERT_TRUE(connection->prepare("INSERT INTO flags VALUES (1, ?, ?)").bind(1, true).bind(2, true).run());
  ASSERT_TRUE(connection->prepare("INSERT INTO flags VALUES (2, ?, ?)").bind(1, false).bind(2, false).run());
  auto select = connection->prepare("SELECT flag, bit FROM flags ORDER BY id");
  ASSERT_TRUE(*select.step());
  EXPECT_EQ(select.text(0), "t");
  EXPECT_EQ(select.int64(0), 1);
  EXPECT_EQ(select.int64(1), 1);
  ASSERT_TRUE(*select.step());
  EXPECT_EQ(select.int64(0), 0);
  EXPECT_EQ(select.int64(1), 0);
}

TEST_F(PostgresConnection, TwoStatementsCanBeCheckedOutAtOnce) {
  exec(*connection, "CREATE TABLE items (id bigint PRIMARY KEY, seen bigint NOT NULL DEFAULT 0)");
  exec(*connection, "INSERT INTO items (id) VALUES (1), (2), (3)");
  auto select = connection->prepare("SELECT id FROM items ORDER BY id");
  // The same text checked out twice at once, with different bindings.
  auto first = connection->prepare("SELECT id FROM items WHERE id >= ? ORDER BY id");
  auto second = connection->prepare("SELECT id FROM items WHERE id >= ? ORDER BY id");
  first.bind(1, std::int64_t{2});
  second.bind(1, std::int64_t{3});
  ASSERT_TRUE(*first.step());
  ASSERT_TRUE(*second.step());
  EXPECT_EQ(first.int64(0), 2);
  EXPECT_EQ(second.int64(0), 3);
  ASSERT_TRUE(*first.step());
  EXPECT_EQ(first.int64(0), 3);
  EXPECT_FALSE(*second.step());

  std::vector<std::int64_t> ids;
  for (;;) {
    auto row = select.step();
    ASSERT_TRUE(row) << row.error().message;
    if (!*row) break;
    ids.push_back(select.int64(0));
    auto update = connection->prepare("UPDATE items SET seen = seen + 1 WHERE id = ?");
    ASSERT_TRUE(update.bind(1, select.int64(0)).run());
    EXPECT_EQ(update.affected_rows(), 1);
  }
  EXPECT_EQ(ids, (std::vector<std::int64_t>{1, 2, 3}));
  auto seen = connection->prepare("SELECT sum(seen) FROM items");
  ASSERT_TRUE(*seen.step());
  EXPECT_EQ(seen.int64(0), 3);
}

TEST_F(PostgresConnection, UniqueViolationIsAConflictThatQuotesNeitherSqlNorValues) {
  exec(*connection, "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL UNIQUE)");
  const std::string email = "secret-person@example.com";
  ASSERT_TRUE(
      connection->prepare("INSERT INTO users (id, email) VALUES (?, ?)").bind(1, std::int64_t{1}).bind(2, email).run());
  auto again =
      connection->prepare("INSERT INTO users (id, email) VALUES (?, ?)").bind(1, std::int64_t{2}).bind(2, email).run();
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  EXPECT_EQ(again.error().message, "database error: unique violation (23505)");
  EXPECT_EQ(again.error().message.find("secret-person"), std::string::npos);
  EXPECT_EQ(again.error().message.find("INSERT"), std::string::npos);
  EXPECT_EQ(again.error().message.find("users"), std::string::npos);

  exec(*connection, "CREATE TABLE sessions (id bigint PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id))");
  auto orphan = connection->prepare("INSERT INTO sessions (id, user_id) VALUES (?, ?)")
                    .bind(1, std::int64_t{1})
                    .bind(2, std::int64_t{424242})
                    .run();
  ASSERT_FALSE(orphan);
  EXPECT_EQ(orphan.error().code, ErrorCode::conflict);
  EXPECT_EQ(orphan.error().message.find("424242"), std::string::npos);
}

TEST_F(PostgresConnection, ASavepointRecoversAFailedStatementInsideATransaction) {
  exec(*connection, "CREATE TABLE tickets (id bigint PRIMARY KEY)");
  EXPECT_FALSE(connection->in_transaction());
  exec(*connection, "BEGIN");
  EXPECT_TRUE(connection->in_transaction());
  ASSERT_TRUE(connection->prepare("INSERT INTO tickets (id) VALUES (?)").bind(1, std::int64_t{1}).run());
  exec(*connection, "SAVEPOINT unit");
  auto duplicate = connection->prepare("INSERT INTO tickets (id) VALUES (?)").bind(1, std::int64_t{1}).run();
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code, ErrorCode::conflict);
  // The transaction is aborted: it refuses further statements until the rollback.
  EXPECT_TRUE(connection->in_transaction());
  auto refused = connection->prepare("INSERT INTO tickets (id) VALUES (?)").bind(1, std::int64_t{2}).run();
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message, "database error: in failed sql transaction (25P02)");

  exec(*connection, "ROLLBACK TO SAVEPOINT unit");
  ASSERT_TRUE(connection->prepare("INSERT INTO tickets (id) VALUES (?)").bind(1, std::int64_t{3}).run());
  exec(*connection, "RELEASE SAVEPOINT unit");
  exec(*connection, "COMMIT");
  EXPECT_FALSE(connection->in_transaction());
  auto ids = connection->prepare("SELECT id FROM tickets ORDER BY id");
  std::vector<std::int64_t> found;
  while (*ids.step()) found.push_back(ids.int64(0));
  EXPECT_EQ(found, (std::vector<std::int64_t>{1, 3}));
}

TEST_F(PostgresConnection, APrepareErrorIsReportedByStep) {
  auto statement = connection->prepare("SELEC ? FROM nowhere_secret");
  statement.bind(1, "value-secret");
  auto row = statement.step();
  ASSERT_FALSE(row);
  EXPECT_EQ(row.error().code, ErrorCode::internal);
  EXPECT_EQ(row.error().message, "database error: syntax error (42601)");
  auto missing = connection->prepare("SELECT id FROM nowhere_secret").run();
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, "database error: undefined table (42P01)");
  // The failed text was not cached: once the table exists the same text works.
  exec(*connection, "CREATE TABLE nowhere_secret (id bigint)");
  EXPECT_TRUE(connection->prepare("SELECT id FROM nowhere_secret").run());
}

TEST_F(PostgresConnection, ABadParameterIndexIsReportedByStep) {
  auto run = connection->prepare("SELECT ?").bind(2, std::int64_t{1}).run();
  ASSERT_FALSE(run);
  EXPECT_EQ(run.error().code, ErrorCode::internal);
  auto nul = connection->prepare("SELECT ?").bind(1, std::string_view("a\0b", 3)).run();
  ASSERT_FALSE(nul);
  EXPECT_EQ(nul.error().message, "database error: character not in repertoire (22021)");
}

TEST_F(PostgresConnection, MoreTextsThanTheCacheHoldsStillRun) {
  for (int i = 0; i < 300; ++i) {
    auto statement = connection->prepare("SELECT ? + " + std::to_string(i));
    statement.bind(1, std::int64_t{1000});
    auto row = statement.step();
    ASSERT_TRUE(row) << i << ": " << row.error().message;
    ASSERT_TRUE(*row);
    EXPECT_EQ(statement.int64(0), 1000 + i);
  }
  // The first texts stayed cached and still work.
  auto again = connection->prepare("SELECT ? + 0");
  ASSERT_TRUE(*again.bind(1, std::int64_t{5}).step());
  EXPECT_EQ(again.int64(0), 5);
}

TEST_F(PostgresConnection, ALostConnectionIsUnavailableAndBroken) {
  EXPECT_FALSE(connection->broken());
  auto admin = database.connect();
  auto terminate = admin->prepare("SELECT pg_terminate_backend(?)");
  ASSERT_TRUE(*terminate.bind(1, std::int64_t{PQbackendPID(connection->handle())}).step());
  ASSERT_EQ(terminate.int64(0), 1);
  auto run = connection->prepare("SELECT 1").run();
  ASSERT_FALSE(run);
  EXPECT_EQ(run.error().code, ErrorCode::unavailable) << run.error().message;
  EXPECT_TRUE(connection->broken());
}

// The ids in table tickets, in order.
std::vector<std::int64_t> ticket_ids(Connection& connection) {
  auto ids = connection.prepare("SELECT id FROM tickets ORDER BY id");
  std::vector<std::int64_t> found;
  for (auto row = ids.step(); row && *row; row = ids.step()) found.push_back(ids.int64(0));
  return found;
}

Result<void> queue_insert(Connection& connection, std::int64_t id) {
  return connection.prepare("INSERT INTO tickets (id) VALUES (?)").bind(1, id).queue();
}

TEST_F(PostgresConnection, QueuedStatementsRunInOrderBeforeTheNextStatementThatWaits) {
  exec(*connection, "CREATE TABLE tickets (id bigint PRIMARY KEY)");
  exec(*connection, "BEGIN");
  ASSERT_TRUE(connection->begin_pipeline());
  ASSERT_TRUE(connection->exec_queued("SAVEPOINT w"));
  ASSERT_TRUE(queue_insert(*connection, 1));
  ASSERT_TRUE(queue_insert(*connection, 2));
  // A text not prepared yet: the connection leaves the pipeline to prepare it and comes back.
  auto counted = connection->prepare("SELECT count(*) FROM tickets WHERE id <= ?");
  ASSERT_TRUE(*counted.bind(1, std::int64_t{10}).step());
  EXPECT_EQ(counted.int64(0), 2);
  ASSERT_TRUE(queue_insert(*connection, 3));
  ASSERT_TRUE(connection->exec_queued("RELEASE w"));
  ASSERT_TRUE(connection->settle());
  EXPECT_TRUE(connection->settle());  // nothing left to wait for
  ASSERT_TRUE(connection->end_pipeline());
  exec(*connection, "COMMIT");
  EXPECT_FALSE(connection->in_transaction());
  EXPECT_EQ(ticket_ids(*connection), (std::vector<std::int64_t>{1, 2, 3}));
}

TEST_F(PostgresConnection, AQueuedFailureIsReportedByTheNextWaitAndItsSavepointRecovers) {
  exec(*connection, "CREATE TABLE tickets (id bigint PRIMARY KEY)");
  exec(*connection, "BEGIN");
  ASSERT_TRUE(connection->begin_pipeline());
  ASSERT_TRUE(queue_insert(*connection, 1));
  ASSERT_TRUE(connection->exec_queued("SAVEPOINT w"));
  ASSERT_TRUE(queue_insert(*connection, 1));  // fails, but only the wait below can tell
  ASSERT_TRUE(queue_insert(*connection, 2));  // skipped after the failure
  auto counted = connection->prepare("SELECT count(*) FROM tickets").step();
  ASSERT_FALSE(counted);
  // The cause, not the refusals that followed it (25P02) nor the skipped statements.
  EXPECT_EQ(counted.error().code, ErrorCode::conflict);
  EXPECT_EQ(counted.error().message, "database error: unique violation (23505)");
  EXPECT_TRUE(connection->in_transaction());
  exec(*connection, "ROLLBACK TO w");
  ASSERT_TRUE(queue_insert(*connection, 3));
  ASSERT_TRUE(connection->exec_queued("RELEASE w"));
  ASSERT_TRUE(connection->end_pipeline());
  exec(*connection, "COMMIT");
  EXPECT_EQ(ticket_ids(*connection), (std::vector<std::int64_t>{1, 3}));
}

TEST_F(PostgresConnection, SettleReportsAQueuedFailureOnce) {
  exec(*connection, "CREATE TABLE tickets (id bigint PRIMARY KEY)");
  exec(*connection, "BEGIN");
  ASSERT_TRUE(connection->begin_pipeline());
  ASSERT_TRUE(connection->exec_queued("SAVEPOINT w"));
  ASSERT_TRUE(queue_insert(*connection, 1));
  ASSERT_TRUE(queue_insert(*connection, 1));
  ASSERT_TRUE(connection->exec_queued("RELEASE w"));  // skipped: the savepoint stays
  auto settled = connection->settle();
  ASSERT_FALSE(settled);
  EXPECT_EQ(settled.error().code, ErrorCode::conflict);
  EXPECT_TRUE(connection->settle());
  exec(*connection, "ROLLBACK TO w");
  exec(*connection, "RELEASE w");
  ASSERT_TRUE(connection->end_pipeline());
  exec(*connection, "COMMIT");
  EXPECT_TRUE(ticket_ids(*connection).empty());
}

TEST_F(PostgresConnection, OutsideAPipelineQueueRunsAtOnce) {
  exec(*connection, "CREATE TABLE tickets (id bigint PRIMARY KEY)");
  ASSERT_TRUE(queue_insert(*connection, 1));
  auto duplicate = queue_insert(*connection, 1);
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code, ErrorCode::conflict);
  EXPECT_TRUE(connection->settle());
  EXPECT_EQ(ticket_ids(*connection), (std::vector<std::int64_t>{1}));
}

TEST_F(PostgresConnection, ALostConnectionWhilePipeliningIsUnavailableAndBroken) {
  exec(*connection, "CREATE TABLE tickets (id bigint PRIMARY KEY)");
  exec(*connection, "BEGIN");
  ASSERT_TRUE(connection->begin_pipeline());
  ASSERT_TRUE(queue_insert(*connection, 1));
  auto admin = database.connect();
  auto terminate = admin->prepare("SELECT pg_terminate_backend(?)");
  ASSERT_TRUE(*terminate.bind(1, std::int64_t{PQbackendPID(connection->handle())}).step());
  (void)queue_insert(*connection, 2);
  auto settled = connection->settle();
  ASSERT_FALSE(settled);
  EXPECT_EQ(settled.error().code, ErrorCode::unavailable) << settled.error().message;
  EXPECT_TRUE(connection->broken());
  EXPECT_FALSE(connection->end_pipeline());
}

TEST(PostgresOpen, AnUnreachableServerIsUnavailableWithoutThePassword) {
  auto opened = Connection::open("postgresql://snag:Pa55-w0rd-Xyz@127.0.0.1:1/snag_test?connect_timeout=5");
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, ErrorCode::unavailable);
  const std::string& message = opened.error().message;
  EXPECT_NE(message.find("127.0.0.1:1/snag_test"), std::string::npos) << message;
  EXPECT_EQ(message.find("Pa55-w0rd-Xyz"), std::string::npos) << message;
}

TEST(PostgresOpen, AMissingDatabaseIsUnavailableWithoutThePassword) {
  PostgresTestDatabase database;
  std::string url = database.url();
  // postgresql://snag@host:port/snag_test?… becomes postgresql://snag:PASSWORD@host:port/no_such_db?…
  url.replace(url.find("snag@"), 5, "snag:Pa55-w0rd-Xyz@");
  url.replace(url.find("/snag_test"), 10, "/no_such_db");
  auto opened = Connection::open(url);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, ErrorCode::unavailable);
  const std::string& message = opened.error().message;
  EXPECT_NE(message.find("/no_such_db"), std::string::npos) << message;
  EXPECT_EQ(message.find("Pa55-w0rd-Xyz"), std::string::npos) << message;
}

TEST(PostgresOpen, AMalformedUrlIsAnInvalidArgumentWithoutThePassword) {
  for (const std::string url :
       {"postgresql://snag:Pa55-w0rd-Xyz@[::1/snag_test", "postgresql://snag:Pa55-w0rd-Xyz%zz@h/db",
        "postgresql://h/db?no_such_option=Pa55-w0rd-Xyz", "mysql://snag:Pa55-w0rd-Xyz@h/db"}) {
    auto opened = Connection::open(url);
    ASSERT_FALSE(opened) << url;
    EXPECT_EQ(opened.error().code, ErrorCode::invalid_argument) << url;
    EXPECT_EQ(opened.error().message.find("Pa55-w0rd-Xyz"), std::string::npos) << opened.error().message;
  }
}

TEST(PostgresTestDatabase, UrlSetsTheSearchPathToItsOwnSchema) {
  ASSERT_TRUE(PostgresTestDatabase::configured());
  PostgresTestDatabase database;
  EXPECT_TRUE(database.schema().starts_with("t_"));
  EXPECT_TRUE(database.url().ends_with("?options=-csearch_path%3D" + database.schema())) << database.url();
  auto connection = database.connect();
  auto schema = connection->prepare("SELECT current_schema()");
  ASSERT_TRUE(*schema.step());
  EXPECT_EQ(schema.text(0), database.schema());
}

TEST(PostgresTestDatabase, TwoDatabasesDoNotSeeEachOthersTables) {
  auto first = std::make_unique<PostgresTestDatabase>();
  PostgresTestDatabase second;
  ASSERT_NE(first->schema(), second.schema());
  const std::string first_schema = first->schema();
  {
    auto one = first->connect();
    auto two = second.connect();
    exec(*one, "CREATE TABLE notes (id bigint PRIMARY KEY)");
    exec(*one, "INSERT INTO notes VALUES (1), (2)");
    auto visible = two->prepare("SELECT to_regclass('notes') IS NULL");
    ASSERT_TRUE(*visible.step());
    EXPECT_EQ(visible.int64(0), 1) << "the second database sees the first one's table";
    exec(*two, "CREATE TABLE notes (id bigint PRIMARY KEY)");
    EXPECT_EQ(count_rows(*two, "notes"), 0);
    EXPECT_EQ(count_rows(*one, "notes"), 2);
  }
  first.reset();  // drops its schema
  auto connection = second.connect();
  auto schemas = connection->prepare("SELECT count(*) FROM pg_namespace WHERE nspname IN (?, ?)");
  ASSERT_TRUE(*schemas.bind(1, first_schema).bind(2, second.schema()).step());
  EXPECT_EQ(schemas.int64(0), 1);
}

}  // namespace connection_test
}  // namespace snag::postgresql
