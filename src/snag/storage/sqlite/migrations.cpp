#include <array>
#include <string>
#include <string_view>

#include <snag/storage/sqlite/migrations.hpp>

namespace snag::sqlite {

namespace {

// Version 1: tickets with full-text search, comments, the journal chain, idempotency keys,
// candidates and API keys. Times are epoch milliseconds.
constexpr std::string_view k_v1 = R"sql(
CREATE TABLE tickets (
  id INTEGER PRIMARY KEY AUTOINCREMENT,  -- AUTOINCREMENT: a ticket key is never reused
  type TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  status TEXT NOT NULL,
  severity TEXT NOT NULL CHECK (severity IN ('sev1', 'sev2', 'sev3', 'sev4')),
  team TEXT NOT NULL,
  assignee TEXT,
  candidate_ats TEXT,
  candidate_external_id TEXT,
  labels TEXT NOT NULL DEFAULT '[]',
  fields TEXT NOT NULL DEFAULT '{}',
  reporter TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL,
  resolution_due_at INTEGER,
  resolved_at INTEGER,
  CHECK ((candidate_ats IS NULL) = (candidate_external_id IS NULL))
) STRICT;

-- Each list index ends in the sort column; the rowid (id) that SQLite appends to every index
-- entry is the tie-break, so keyset pages walk one index range without sorting.
CREATE INDEX tickets_candidate ON tickets (candidate_ats, candidate_external_id);
CREATE INDEX tickets_status_severity_team ON tickets (status, severity, team, created_at);
CREATE INDEX tickets_status ON tickets (status, created_at);
CREATE INDEX tickets_team ON tickets (team, created_at);
CREATE INDEX tickets_assignee ON tickets (assignee, created_at);
CREATE INDEX tickets_type ON tickets (type, created_at);
CREATE INDEX tickets_created ON tickets (created_at);
CREATE INDEX tickets_updated ON tickets (updated_at);
CREATE INDEX tickets_severity ON tickets (severity);
CREATE INDEX tickets_team_severity ON tickets (team, severity);

CREATE VIRTUAL TABLE tickets_fts USING fts5(
  title, description, content='tickets', content_rowid='id', tokenize='unicode61 remove_diacritics 2');

CREATE TRIGGER tickets_fts_insert AFTER INSERT ON tickets BEGIN
  INSERT INTO tickets_fts (rowid, title, description) VALUES (new.id, new.title, new.description);
END;
CREATE TRIGGER tickets_fts_delete AFTER DELETE ON tickets BEGIN
  INSERT INTO tickets_fts (tickets_fts, rowid, title, description)
  VALUES ('delete', old.id, old.title, old.description);
END;
-- Only a change of the indexed text touches the index; status or assignee edits stay cheap.
CREATE TRIGGER tickets_fts_update AFTER UPDATE OF title, description ON tickets BEGIN
  INSERT INTO tickets_fts (tickets_fts, rowid, title, description)
  VALUES ('delete', old.id, old.title, old.description);
  INSERT INTO tickets_fts (rowid, title, description) VALUES (new.id, new.title, new.description);
END;

CREATE TABLE comments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  ticket_id INTEGER NOT NULL REFERENCES tickets (id),
  author TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX comments_ticket ON comments (ticket_id, id);

-- The audit chain. No foreign key: the journal outlives what it describes.
CREATE TABLE journal (
  seq INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL,
  event INTEGER NOT NULL,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  field TEXT NOT NULL,
  old_value TEXT NOT NULL,
  new_value TEXT NOT NULL,
  content_digest TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;
CREATE INDEX journal_ticket ON journal (ticket_id, seq);

CREATE TABLE idempotency_keys (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  ticket_id INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (scope, key)
) STRICT, WITHOUT ROWID;

CREATE TABLE candidates (
  ats TEXT NOT NULL,
  external_id TEXT NOT NULL,
  name TEXT,
  email TEXT,
  level TEXT,
  geography TEXT,
  fields TEXT NOT NULL DEFAULT '{}',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (ats, external_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE api_keys (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  team TEXT,
  secret_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER,
  revoked INTEGER NOT NULL DEFAULT 0
) STRICT;
)sql";

// Version 2: the full-text index is kept in sync by the group-commit writer once per batch
// instead of by triggers (FTS5 flushed its pending data at every savepoint of a batch), and the
// list indexes follow the UNION ALL list plan and the id order of the created sorts.
//
// tickets_fts becomes an ordinary FTS5 table holding its own copy of title and description: a
// row is replaced by rowid alone (DELETE … WHERE rowid = ?), so the writer needs no old values,
// and a mismatched 'delete' can no longer corrupt the index silently. It costs the text twice.
//
// Every list index implicitly ends in the rowid, so an equality range on its columns is in id
// (= creation) order:
// - (status, team, severity), (status, severity), (team, severity), (severity): the branches
//   of the UNION ALL plan (severity is enumerated when not filtered);
// - (assignee), (type): those filters alone; (created_at): the created_after/before range;
//   (updated_at): the updated sorts; (candidate_ats, candidate_external_id): the candidate filter.
constexpr std::string_view k_v2 = R"sql(
DROP TRIGGER IF EXISTS tickets_fts_insert;
DROP TRIGGER IF EXISTS tickets_fts_delete;
DROP TRIGGER IF EXISTS tickets_fts_update;
DROP TABLE tickets_fts;
CREATE VIRTUAL TABLE tickets_fts USING fts5(title, description, tokenize='unicode61 remove_diacritics 2');
INSERT INTO tickets_fts (rowid, title, description) SELECT id, title, description FROM tickets;

DROP INDEX IF EXISTS tickets_status_severity_team;
DROP INDEX IF EXISTS tickets_status;
DROP INDEX IF EXISTS tickets_team;
DROP INDEX IF EXISTS tickets_assignee;
DROP INDEX IF EXISTS tickets_type;
CREATE INDEX tickets_status_team_severity ON tickets (status, team, severity);
CREATE INDEX tickets_status_severity ON tickets (status, severity);
CREATE INDEX IF NOT EXISTS tickets_team_severity ON tickets (team, severity);
CREATE INDEX IF NOT EXISTS tickets_severity ON tickets (severity);
CREATE INDEX IF NOT EXISTS tickets_created ON tickets (created_at);
CREATE INDEX IF NOT EXISTS tickets_updated ON tickets (updated_at);
CREATE INDEX tickets_assignee ON tickets (assignee);
CREATE INDEX tickets_type ON tickets (type);
)sql";

constexpr std::array<std::string_view, 2> k_migrations{k_v1, k_v2};

Result<int> user_version(Connection& connection) {
  auto statement = connection.prepare("PRAGMA user_version");
  auto row = statement.step();
  if (!row) return tl::unexpected(row.error());
  return *row ? static_cast<int>(statement.int64(0)) : 0;
}

}  // namespace

int latest_schema_version() { return static_cast<int>(k_migrations.size()); }

std::string_view migration_sql(int version) { return k_migrations.at(static_cast<std::size_t>(version - 1)); }

Result<int> apply_migrations(Connection& connection) {
  // IMMEDIATE takes the write lock before reading the version, so two processes opening a fresh
  // file at once cannot both apply migration 1.
  if (auto begin = connection.exec("BEGIN IMMEDIATE"); !begin) return tl::unexpected(begin.error());
  const auto rollback = [&](Error error) -> Result<int> {
    (void)connection.exec("ROLLBACK");
    return tl::unexpected(std::move(error));
  };
  auto version = user_version(connection);
  if (!version) return rollback(version.error());
  if (*version > latest_schema_version()) {
    return rollback(Error{ErrorCode::invalid_argument,
                          "the database has schema version " + std::to_string(*version) +
                              ", newer than this snag understands (" + std::to_string(latest_schema_version()) + ")",
                          {},
                          {}});
  }
  for (int next = *version + 1; next <= latest_schema_version(); ++next) {
    if (auto applied = connection.exec(k_migrations[static_cast<std::size_t>(next - 1)]); !applied) {
      return rollback(applied.error());
    }
    if (auto bumped = connection.exec("PRAGMA user_version = " + std::to_string(next)); !bumped) {
      return rollback(bumped.error());
    }
  }
  // An upgraded database holding tickets gets fresh planner statistics for the new indexes
  // (sampled, so it stays quick at a million rows); a new one gets them from PRAGMA optimize.
  if (*version >= 1 && *version < latest_schema_version()) {
    if (auto analyzed = connection.exec("PRAGMA analysis_limit = 1000; ANALYZE tickets;"); !analyzed) {
      return rollback(analyzed.error());
    }
  }
  if (auto commit = connection.exec("COMMIT"); !commit) return rollback(commit.error());
  return latest_schema_version();
}

}  // namespace snag::sqlite
