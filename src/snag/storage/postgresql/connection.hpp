#pragma once
// A thin RAII layer over one libpq connection with the same calls as snag::sqlite::Connection,
// so that query code templated on the connection type runs against either database: SQL is
// written with SQLite-style `?` parameters, bound by 1-based index, and read back by column.
//
// Values travel as text in both directions (text parameters, text results): the server parses
// each parameter for the type it infers from the SQL, and int64() parses the result text, so a
// 64-bit integer round-trips exactly.
//
// Error messages are deliberately generic ("database error: unique violation (23505)"): they
// may travel up to an HTTP response, so they never contain SQL text or values. That is why
// they are built from the SQLSTATE and never from PQerrorMessage, which may quote values.
//
// Pipelining: the group-commit writer waits for a round trip per statement unless it says
// otherwise. Between begin_pipeline() and end_pipeline() (libpq's pipeline mode), a statement
// whose outcome nobody reads is sent with Statement::queue() or exec_queued() and not waited
// for; the next statement that is waited for (step(), run(), exec()) carries them to the server
// in the same round trip, and settle() does so when none follows. A queued statement's failure
// is reported by that wait: the transaction is aborted by then either way, so the writer rolls
// the work back to its savepoint as it would have after an immediate error. That cut the round
// trips of a ticket's creation from twelve to four.
//
// Thread-safety: a Connection and its Statements are used by one thread at a time. Ownership
// passes between threads only with a happens-before edge (a mutex hand-off in a pool).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <snag/storage/sql/dialect.hpp>
#include <snag/util/error.hpp>

typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;

namespace snag::postgresql {

// The snag::Error for a five-character SQLSTATE: integrity violations (class 23) are
// `conflict`; lost connections, exhausted resources, server shutdown, serialization failures,
// deadlocks and lock timeouts are `unavailable` (retrying may succeed); everything else is
// `internal`.
Error database_error(std::string_view sqlstate);

struct TranslatedSql {
  std::string sql;
  int parameter_count = 0;
};

// `sql` with each `?` outside quoted text ('literal', "identifier") replaced by $1, $2, …,
// PostgreSQL's parameters, numbered in order of appearance as SQLite numbers bare `?`.
TranslatedSql translate_parameters(std::string_view sql);

class Connection;

// A statement checked out of a Connection for one execution. Parameters are bound by 1-based
// index (an unbound one is NULL, as in SQLite); the first step() or run() executes it and
// fetches the whole result, so several Statements of one connection may be open at once. A
// failed prepare or bind is remembered and reported by the next step() or run().
class Statement {
 public:
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  ~Statement();

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
  // 1/0 as an integer, as the SQLite wrapper binds it; PostgreSQL's boolean input accepts both.
  Statement& bind(int index, bool value) { return bind(index, std::int64_t{value ? 1 : 0}); }
  Statement& bind_null(int index);
  template <class T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }

  // The first call executes the statement; each call then moves to the next row. True when a
  // row is ready to read, false when the statement is done.
  Result<bool> step();
  // Executes the statement (if step() has not) and ignores any rows.
  Result<void> run();
  // run(), or on a pipelining connection: sends the statement without waiting for it. Its
  // failure is then reported by the connection's next wait (see above). For statements whose
  // rows and counts nobody reads.
  Result<void> queue();

  // Readers of the current row. Outside a row they read as NULL.
  bool is_null(int column) const;
  // Parses the column's text; a boolean ("t"/"f") reads as 1/0, NULL or non-numbers as 0.
  std::int64_t int64(int column) const;
  std::string text(int column) const;
  std::optional<std::int64_t> optional_int64(int column) const;
  std::optional<std::string> optional_text(int column) const;

  // Rows inserted, updated or deleted by the executed statement (0 when it reports none).
  int affected_rows() const;

 private:
  friend class Connection;
  Statement(Connection& connection, std::string name, std::string sql, int parameter_count, std::optional<Error> error);
  // Sends the statement; waits for its result unless `queued`.
  Result<void> execute(bool queued);
  bool on_row(int column) const;

  Connection* m_connection;
  std::string m_name;  // of the server-side prepared statement; empty for a one-off statement
  std::string m_sql;   // translated SQL, kept only for a one-off statement
  int m_parameter_count;
  std::vector<std::optional<std::string>> m_parameters;
  std::optional<Error> m_error;  // first failed prepare, bind or execution
  PGresult* m_result = nullptr;
  int m_row = -1;  // the current row of m_result; -1 before the first step()
};

class Connection {
 public:
  // Connects to a postgresql:// or postgres:// URL (a libpq connection URI, which may carry
  // parameters such as ?options=-csearch_path%3Dxyz) with client_encoding UTF8. A URL that is
  // not such a URI is `invalid_argument`; a failed connection is `unavailable`. Messages name
  // the host, port and database, never the password.
  static Result<std::unique_ptr<Connection>> open(const std::string& url);

  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // A statement for `sql`, written with `?` parameters for values (never the values
  // themselves). Each distinct text is prepared once on the server and reused; past
  // k_max_prepared_statements texts, statements run unprepared.
  Statement prepare(std::string_view sql);
  // Runs one or more statements without parameters (schema changes, BEGIN/COMMIT/SAVEPOINT).
  Result<void> exec(std::string_view sql);

  // Pipelining (see above). begin_pipeline() enters libpq's pipeline mode, inside a transaction
  // the caller has begun; end_pipeline() settles and leaves it.
  Result<void> begin_pipeline();
  Result<void> end_pipeline();
  // Waits for every queued statement; the first failure among them since the last wait, if any.
  Result<void> settle();
  // exec() of one statement, queued while pipelining.
  Result<void> exec_queued(std::string_view sql);

  // True inside a transaction block, including one that a failed statement has aborted
  // (only ROLLBACK or ROLLBACK TO SAVEPOINT is accepted then). Settle first while pipelining.
  bool in_transaction() const;
  // True when the connection is lost; the caller may open a new one.
  bool broken() const;
  // Unknown here (see sqlite::Connection): a pipelined work's statements settle only at its end,
  // so the writer gives every work its own savepoint.
  std::optional<std::int64_t> rows_changed() const { return std::nullopt; }
  PGconn* handle() const { return m_connection; }
  static const sql::Dialect& dialect() { return sql::postgresql_dialect(); }

 private:
  friend class Statement;
  explicit Connection(PGconn* connection) : m_connection(connection) {}

  // Runs a prepared statement (`name`) or a one-off one (`sql`, when `name` is empty): sends it,
  // and unless `queued`, waits for its result, which it returns (null when queued).
  Result<PGresult*> execute(const std::string& name, const std::string& sql, int parameter_count,
                            const char* const* values, bool queued);
  // Pipelining: reads the results of everything queued up to a sync point, keeping the first
  // failure in m_queued_error; then, when `awaited`, the result of the statement sent last.
  PGresult* drain(bool awaited);
  // The first failure among the statements queued since the last wait, forgotten once taken.
  std::optional<Error> take_queued_error();

  // A dynamic list query has one text per filter shape; the cap bounds the statements kept on
  // the server when IN lists of many different lengths arrive.
  static constexpr std::size_t k_max_prepared_statements = 256;

  struct Prepared {
    std::string name;
    int parameter_count = 0;
  };

  PGconn* m_connection;
  std::unordered_map<std::string, Prepared> m_prepared;  // by the SQL text as given
  int m_next_name = 1;
  bool m_pipelined = false;             // in libpq's pipeline mode
  int m_queued = 0;                     // statements sent whose results are not read yet
  std::optional<Error> m_queued_error;  // the first of them that failed
  bool m_lost = false;                  // the pipeline's results went out of step: reconnect
};

}  // namespace snag::postgresql
