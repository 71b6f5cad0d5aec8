#include <charconv>
#include <utility>

#include <libpq-fe.h>

#include <snag/storage/postgresql/connection.hpp>

namespace snag::postgresql {

namespace {

// Bounds how long open() waits for an unreachable host; a URL may set its own connect_timeout.
constexpr const char* k_connect_timeout_seconds = "10";

struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

struct SqlState {
  std::string_view code;
  std::string_view name;
};

// The SQLSTATEs Snag can meet in practice, named as in PostgreSQL's errcodes table.
constexpr SqlState k_states[] = {
    {"08000", "connection exception"},
    {"08003", "connection does not exist"},
    {"08006", "connection failure"},
    {"08P01", "protocol violation"},
    {"0A000", "feature not supported"},
    {"22001", "string data right truncation"},
    {"22003", "numeric value out of range"},
    {"22007", "invalid datetime format"},
    {"22012", "division by zero"},
    {"22021", "character not in repertoire"},
    {"22P02", "invalid text representation"},
    {"23502", "not null violation"},
    {"23503", "foreign key violation"},
    {"23505", "unique violation"},
    {"23514", "check violation"},
    {"23P01", "exclusion violation"},
    {"25001", "active sql transaction"},
    {"25P01", "no active sql transaction"},
    {"25P02", "in failed sql transaction"},
    {"3B001", "invalid savepoint specification"},
    {"40001", "serialization failure"},
    {"40P01", "deadlock detected"},
    {"42601", "syntax error"},
    {"42703", "undefined column"},
    {"42704", "undefined object"},
    {"42P01", "undefined table"},
    {"42P07", "duplicate table"},
    {"42804", "datatype mismatch"},
    {"42883", "undefined function"},
    {"42P18", "indeterminate datatype"},
    {"53100", "disk full"},
    {"53200", "out of memory"},
    {"53300", "too many connections"},
    {"55P03", "lock not available"},
    {"57014", "query canceled"},
    {"57P01", "admin shutdown"},
    {"57P02", "crash shutdown"},
    {"57P03", "cannot connect now"},
};

// Class names for the codes not listed above.
constexpr SqlState k_classes[] = {
    {"08", "connection exception"},
    {"22", "data exception"},
    {"23", "integrity constraint violation"},
    {"25", "invalid transaction state"},
    {"40", "transaction rollback"},
    {"42", "syntax error or access rule violation"},
    {"53", "insufficient resources"},
    {"54", "program limit exceeded"},
    {"55", "object not in prerequisite state"},
    {"57", "operator intervention"},
    {"58", "system error"},
    {"XX", "internal error"},
};

std::string_view state_name(std::string_view sqlstate) {
  for (const auto& state : k_states) {
    if (state.code == sqlstate) return state.name;
  }
  for (const auto& state_class : k_classes) {
    if (sqlstate.starts_with(state_class.code)) return state_class.name;
  }
  return "SQLSTATE";
}

ErrorCode state_code(std::string_view sqlstate) {
  if (sqlstate.starts_with("23")) return ErrorCode::conflict;
  if (sqlstate.starts_with("08") || sqlstate.starts_with("53")) return ErrorCode::unavailable;
  for (std::string_view retryable : {"57P01", "57P02", "57P03", "40001", "40P01", "55P03"}) {
    if (sqlstate == retryable) return ErrorCode::unavailable;
  }
  return ErrorCode::internal;
}

// The error of a failed libpq call that produced `result` (possibly null).
Error result_error(PGconn* connection, const PGresult* result) {
  const char* sqlstate = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  if (sqlstate != nullptr) return database_error(sqlstate);
  // No SQLSTATE: libpq failed on the client side, most often because the connection is gone.
  if (PQstatus(connection) != CONNECTION_OK) {
    return Error{ErrorCode::unavailable, "database error: connection lost", {}, {}};
  }
  return Error{ErrorCode::internal, "database error: client-side failure", {}, {}};
}

Error parameter_error() {
  return Error{ErrorCode::internal, "database error: bound parameter index out of range", {}, {}};
}

// The first line of libpq's connection error with the password blanked out. libpq does not
// quote passwords there today; the blanking keeps it that way whatever a later version says.
std::string connection_failure_reason(PGconn* connection) {
  std::string reason = connection != nullptr ? PQerrorMessage(connection) : "out of memory";
  reason = reason.substr(0, reason.find('\n'));
  const char* password = connection != nullptr ? PQpass(connection) : nullptr;
  if (password != nullptr && *password != '\0') {
    const std::string secret(password);
    for (auto at = reason.find(secret); at != std::string::npos; at = reason.find(secret, at)) {
      reason.replace(at, secret.size(), "***");
    }
  }
  return reason;
}

std::string or_unknown(const char* value) { return value != nullptr && *value != '\0' ? value : "?"; }

// Notices ("table … does not exist, skipping") carry nothing a caller acts on; libpq would
// print them to stderr, where Snag writes only its JSON-line log.
void ignore_notice(void*, const char*) {}

}  // namespace

Error database_error(std::string_view sqlstate) {
  std::string message = "database error: ";
  message += state_name(sqlstate);
  message += " (";
  message += sqlstate;
  message += ")";
  return Error{state_code(sqlstate), std::move(message), {}, {}};
}

TranslatedSql translate_parameters(std::string_view sql) {
  // Quoted text is copied untouched: a `?` there is data, not a parameter. A doubled quote
  // ('it''s') closes and reopens the quote, which comes to the same. SQL written for SQLite
  // uses neither E'…' strings nor the jsonb `?` operators, which this would misread.
  TranslatedSql translated;
  translated.sql.reserve(sql.size() + 16);
  char quote = 0;
  for (const char c : sql) {
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '?') {
      translated.sql += '$';
      translated.sql += std::to_string(++translated.parameter_count);
      continue;
    }
    translated.sql += c;
  }
  return translated;
}

Statement::Statement(Connection& connection, std::string name, std::string sql, int parameter_count,
                     std::optional<Error> error)
    : m_connection(&connection),
      m_name(std::move(name)),
      m_sql(std::move(sql)),
      m_parameter_count(parameter_count),
      m_parameters(static_cast<std::size_t>(parameter_count)),
      m_error(std::move(error)) {}

Statement::Statement(Statement&& other) noexcept
    : m_connection(other.m_connection),
      m_name(std::move(other.m_name)),
      m_sql(std::move(other.m_sql)),
      m_parameter_count(other.m_parameter_count),
      m_parameters(std::move(other.m_parameters)),
      m_error(std::move(other.m_error)),
      m_result(other.m_result),
      m_row(other.m_row) {
  other.m_result = nullptr;
}

Statement::~Statement() { PQclear(m_result); }

Statement& Statement::bind(int index, std::int64_t value) {
  if (m_error) return *this;
  if (index < 1 || index > m_parameter_count) {
    m_error = parameter_error();
  } else {
    m_parameters[static_cast<std::size_t>(index - 1)] = std::to_string(value);
  }
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  if (m_error) return *this;
  if (index < 1 || index > m_parameter_count) {
    m_error = parameter_error();
  } else if (value.find('\0') != std::string_view::npos) {
    // Parameters go to libpq as C strings, which would cut the value short at the NUL;
    // PostgreSQL text cannot hold one either, so report what the server would.
    m_error = database_error("22021");
  } else {
    m_parameters[static_cast<std::size_t>(index - 1)] = std::string(value);
  }
  return *this;
}

Statement& Statement::bind_null(int index) {
  if (m_error) return *this;
  if (index < 1 || index > m_parameter_count) {
    m_error = parameter_error();
  } else {
    m_parameters[static_cast<std::size_t>(index - 1)].reset();
  }
  return *this;
}

Result<void> Statement::execute(bool queued) {
  m_row = 0;  // executed once, whatever the outcome
  if (m_error) {
    // A prepare refused because a queued statement had failed: that failure is the cause.
    if (auto earlier = m_connection->take_queued_error()) m_error = std::move(earlier);
    return tl::unexpected(*m_error);
  }
  std::vector<const char*> values(m_parameters.size(), nullptr);  // null pointer = SQL NULL
  for (std::size_t i = 0; i < m_parameters.size(); ++i) {
    if (m_parameters[i]) values[i] = m_parameters[i]->c_str();
  }
  auto result = m_connection->execute(m_name, m_sql, m_parameter_count, values.data(), queued);
  if (!result) {
    m_error = std::move(result.error());
    return tl::unexpected(*m_error);
  }
  m_result = *result;
  return {};
}

Result<bool> Statement::step() {
  if (m_row < 0) {
    auto executed = execute(false);
    if (!executed) return tl::unexpected(executed.error());
  } else if (m_error) {
    return tl::unexpected(*m_error);
  } else if (m_row < PQntuples(m_result)) {
    ++m_row;
  }
  return m_row < PQntuples(m_result);
}

Result<void> Statement::run() {
  if (m_row < 0) return execute(false);
  if (m_error) return tl::unexpected(*m_error);
  return {};
}

Result<void> Statement::queue() {
  if (m_row < 0) return execute(true);
  if (m_error) return tl::unexpected(*m_error);
  return {};
}

bool Statement::on_row(int column) const {
  return m_result != nullptr && !m_error && m_row >= 0 && m_row < PQntuples(m_result) && column >= 0 &&
         column < PQnfields(m_result);
}

bool Statement::is_null(int column) const { return !on_row(column) || PQgetisnull(m_result, m_row, column) != 0; }

std::int64_t Statement::int64(int column) const {
  if (is_null(column)) return 0;
  const char* value = PQgetvalue(m_result, m_row, column);
  const auto size = static_cast<std::size_t>(PQgetlength(m_result, m_row, column));
  const std::string_view text(value, size);
  if (text == "t") return 1;
  if (text == "f") return 0;
  std::int64_t number = 0;
  std::from_chars(text.data(), text.data() + text.size(), number);  // leaves 0 when not a number
  return number;
}

std::string Statement::text(int column) const {
  if (is_null(column)) return {};
  const auto size = static_cast<std::size_t>(PQgetlength(m_result, m_row, column));
  return std::string(PQgetvalue(m_result, m_row, column), size);
}

std::optional<std::int64_t> Statement::optional_int64(int column) const {
  if (is_null(column)) return std::nullopt;
  return int64(column);
}

std::optional<std::string> Statement::optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}

int Statement::affected_rows() const {
  if (m_result == nullptr) return 0;
  const std::string_view count = PQcmdTuples(m_result);  // "" for statements that count nothing
  int rows = 0;
  std::from_chars(count.data(), count.data() + count.size(), rows);
  return rows;
}

Result<std::unique_ptr<Connection>> Connection::open(const std::string& url) {
  if (!url.starts_with("postgresql://") && !url.starts_with("postgres://")) {
    return fail(ErrorCode::invalid_argument, "the PostgreSQL URL must start with postgresql:// or postgres://");
  }
  // Parse first, so a malformed URL is told apart from an unreachable server. The parser's
  // own message is dropped: it may quote the URL, password included.
  char* parse_error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &parse_error);
  PQfreemem(parse_error);
  if (options == nullptr) return fail(ErrorCode::invalid_argument, "the PostgreSQL URL is malformed");
  PQconninfoFree(options);

  // The URL (expanded from dbname) overrides the keywords before it and is overridden by
  // those after it: a URL may set its own connect_timeout, but client_encoding is always UTF8.
  const char* keywords[] = {"connect_timeout", "dbname", "client_encoding", "fallback_application_name", nullptr};
  const char* values[] = {k_connect_timeout_seconds, url.c_str(), "UTF8", "snag", nullptr};
  PGconn* handle = PQconnectdbParams(keywords, values, 1);
  std::unique_ptr<Connection> connection(new Connection(handle));  // PQfinish even on failure
  if (handle == nullptr || PQstatus(handle) != CONNECTION_OK) {
    const std::string where = handle == nullptr ? std::string("?")
                                                : or_unknown(PQhost(handle)) + ":" + or_unknown(PQport(handle)) + "/" +
                                                      or_unknown(PQdb(handle));
    return fail(ErrorCode::unavailable, "database unavailable: cannot connect to PostgreSQL at " + where + ": " +
                                            connection_failure_reason(handle));
  }
  PQsetNoticeProcessor(handle, ignore_notice, nullptr);
  return connection;
}

Connection::~Connection() { PQfinish(m_connection); }

Statement Connection::prepare(std::string_view sql) {
  std::string key(sql);
  if (auto found = m_prepared.find(key); found != m_prepared.end()) {
    return Statement(*this, found->second.name, {}, found->second.parameter_count, std::nullopt);
  }
  TranslatedSql translated = translate_parameters(sql);
  if (m_prepared.size() >= k_max_prepared_statements) {
    return Statement(*this, {}, std::move(translated.sql), translated.parameter_count, std::nullopt);
  }
  // PQprepare may not run in pipeline mode. A text is prepared once per connection, so the
  // writer leaves the pipeline for it (one round trip more, the first time) rather than track
  // statements prepared inside it. A queued failure stays in m_queued_error for the next wait.
  const bool pipelined = m_pipelined;
  if (pipelined) {
    (void)drain(false);
    if (PQexitPipelineMode(m_connection) != 1) m_lost = true;
    m_pipelined = false;
  }
  // Parameter types are left to the server (nullptr): it infers each from its use in the SQL.
  std::string name = "s" + std::to_string(m_next_name++);
  const ResultPtr result(PQprepare(m_connection, name.c_str(), translated.sql.c_str(), 0, nullptr));
  if (pipelined) (void)begin_pipeline();
  if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
    // Not cached, so the next prepare of this text tries again. Unlike SQLite, a failed
    // prepare inside a transaction aborts that transaction.
    return Statement(*this, {}, {}, translated.parameter_count, result_error(m_connection, result.get()));
  }
  m_prepared.emplace(std::move(key), Prepared{name, translated.parameter_count});
  return Statement(*this, std::move(name), {}, translated.parameter_count, std::nullopt);
}

Result<PGresult*> Connection::execute(const std::string& name, const std::string& sql, int parameter_count,
                                      const char* const* values, bool queued) {
  // Text parameters whose types the server infers from the SQL, and text results (the last 0).
  ResultPtr result;
  if (!m_pipelined) {
    result.reset(name.empty()
                     ? PQexecParams(m_connection, sql.c_str(), parameter_count, nullptr, values, nullptr, nullptr, 0)
                     : PQexecPrepared(m_connection, name.c_str(), parameter_count, values, nullptr, nullptr, 0));
  } else {
    const int sent =
        name.empty()
            ? PQsendQueryParams(m_connection, sql.c_str(), parameter_count, nullptr, values, nullptr, nullptr, 0)
            : PQsendQueryPrepared(m_connection, name.c_str(), parameter_count, values, nullptr, nullptr, 0);
    if (sent != 1) m_lost = true;
    if (m_lost) return tl::unexpected(Error{ErrorCode::unavailable, "database error: connection lost", {}, {}});
    if (queued) {
      ++m_queued;
      return nullptr;
    }
    result.reset(drain(true));
    // A queued statement that failed is the cause; this one was skipped or refused after it.
    if (auto earlier = take_queued_error()) return tl::unexpected(std::move(*earlier));
  }
  const ExecStatusType status = PQresultStatus(result.get());
  if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) return result.release();
  return tl::unexpected(result_error(m_connection, result.get()));
}

PGresult* Connection::drain(bool awaited) {
  if (m_queued == 0 && !awaited) return nullptr;
  if (PQpipelineSync(m_connection) != 1) m_lost = true;
  // Each statement's results end with a null; the sync point ends with PGRES_PIPELINE_SYNC.
  // A null where a result belongs means the connection failed (PQstatus then says so) or the
  // results went out of step; either way m_lost makes the writer open a new connection.
  const auto next_result = [this]() -> ResultPtr {
    ResultPtr first(PQgetResult(m_connection));
    if (first == nullptr || PQresultStatus(first.get()) == PGRES_PIPELINE_SYNC) {
      m_lost = true;
      return nullptr;
    }
    while (PGresult* rest = PQgetResult(m_connection)) PQclear(rest);
    return first;
  };
  for (; m_queued > 0 && !m_lost; --m_queued) {
    const ResultPtr result = next_result();
    // PGRES_PIPELINE_ABORTED: skipped after an earlier failure, which m_queued_error holds.
    if (!m_queued_error && PQresultStatus(result.get()) == PGRES_FATAL_ERROR) {
      m_queued_error = result_error(m_connection, result.get());
    }
  }
  m_queued = 0;
  ResultPtr awaited_result = awaited && !m_lost ? next_result() : nullptr;
  if (!m_lost) {
    const ResultPtr sync(PQgetResult(m_connection));
    if (PQresultStatus(sync.get()) != PGRES_PIPELINE_SYNC) m_lost = true;
  }
  return awaited_result.release();
}

std::optional<Error> Connection::take_queued_error() {
  if (m_lost || broken()) return Error{ErrorCode::unavailable, "database error: connection lost", {}, {}};
  return std::exchange(m_queued_error, std::nullopt);
}

Result<void> Connection::begin_pipeline() {
  if (m_pipelined) return {};
  if (PQenterPipelineMode(m_connection) != 1) {
    return fail(ErrorCode::unavailable, "database error: cannot pipeline statements");
  }
  m_pipelined = true;
  return {};
}

Result<void> Connection::end_pipeline() {
  auto settled = settle();
  if (m_pipelined && PQexitPipelineMode(m_connection) != 1) m_lost = true;
  m_pipelined = false;
  return settled;
}

Result<void> Connection::settle() {
  (void)drain(false);
  if (auto failed = take_queued_error()) return tl::unexpected(std::move(*failed));
  return {};
}

Result<void> Connection::exec(std::string_view sql) {
  if (m_pipelined) {  // one statement only: the extended protocol that pipelining uses
    auto result = execute({}, std::string(sql), 0, nullptr, false);
    if (!result) return tl::unexpected(std::move(result.error()));
    PQclear(*result);
    return {};
  }
  const ResultPtr result(PQexec(m_connection, std::string(sql).c_str()));
  const ExecStatusType status = PQresultStatus(result.get());
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return {};
  return tl::unexpected(result_error(m_connection, result.get()));
}

Result<void> Connection::exec_queued(std::string_view sql) {
  if (!m_pipelined) return exec(sql);
  auto sent = execute({}, std::string(sql), 0, nullptr, true);
  if (!sent) return tl::unexpected(std::move(sent.error()));
  return {};
}

bool Connection::in_transaction() const {
  const PGTransactionStatusType status = PQtransactionStatus(m_connection);
  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR;
}

bool Connection::broken() const { return m_lost || PQstatus(m_connection) != CONNECTION_OK; }

}  // namespace snag::postgresql
