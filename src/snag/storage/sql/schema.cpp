#include <array>
#include <utility>

#include <snag/domain/ats/synthetic_probe.hpp>
#include <snag/storage/sql/schema.hpp>
#include <snag/storage/sql/volume_sql.hpp>

namespace snag::sql {

namespace {

// Version 1: tickets with full-text search, comments, the journal chain, idempotency keys,
// candidates and API keys. Times are epoch milliseconds.
constexpr std::string_view k_v1 = R"sql(
CREATE TABLE tickets (
  id {serial},  -- a ticket key is never reused
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
  created_at {integer} NOT NULL,
  updated_at {integer} NOT NULL,
  version {integer} NOT NULL,
  resolution_due_at {integer},
  resolved_at {integer},
  CHECK ((candidate_ats IS NULL) = (candidate_external_id IS NULL))
) {strict};

-- Each list index ends in the sort column and then the id, the tie-break
-- (SQLite appends it to every index entry by itself), so keyset pages walk one index range without sorting.
CREATE INDEX tickets_candidate ON tickets (candidate_ats, candidate_external_id{id_tail});
CREATE INDEX tickets_status_severity_team ON tickets (status, severity, team, created_at{id_tail});
CREATE INDEX tickets_status ON tickets (status, created_at{id_tail});
CREATE INDEX tickets_team ON tickets (team, created_at{id_tail});
CREATE INDEX tickets_assignee ON tickets (assignee, created_at{id_tail});
CREATE INDEX tickets_type ON tickets (type, created_at{id_tail});
CREATE INDEX tickets_created ON tickets (created_at{id_tail});
CREATE INDEX tickets_updated ON tickets (updated_at{id_tail});
CREATE INDEX tickets_severity ON tickets (severity{id_tail});
CREATE INDEX tickets_team_severity ON tickets (team, severity{id_tail});

{text_search}

CREATE TABLE comments (
  id {serial},
  ticket_id {integer} NOT NULL REFERENCES tickets (id),
  author TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at {integer} NOT NULL
) {strict};
CREATE INDEX comments_ticket ON comments (ticket_id, id);

-- The audit chain. No foreign key: the journal outlives what it describes.
CREATE TABLE journal (
  seq {integer} PRIMARY KEY,
  ticket_id {integer} NOT NULL,
  event {integer} NOT NULL,
  at {integer} NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  field TEXT NOT NULL,
  old_value TEXT NOT NULL,
  new_value TEXT NOT NULL,
  content_digest TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) {strict};
CREATE INDEX journal_ticket ON journal (ticket_id, seq);

CREATE TABLE idempotency_keys (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  ticket_id {integer} NOT NULL,
  created_at {integer} NOT NULL,
  PRIMARY KEY (scope, key)
) {strict_without_rowid};

CREATE TABLE candidates (
  ats TEXT NOT NULL,
  external_id TEXT NOT NULL,
  name TEXT,
  email TEXT,
  level TEXT,
  geography TEXT,
  fields TEXT NOT NULL DEFAULT '{}',
  created_at {integer} NOT NULL,
  updated_at {integer} NOT NULL,
  PRIMARY KEY (ats, external_id)
) {strict_without_rowid};

CREATE TABLE api_keys (
  id {serial},
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  team TEXT,
  secret_hash TEXT NOT NULL UNIQUE,
  created_at {integer} NOT NULL,
  expires_at {integer},
  revoked {integer} NOT NULL DEFAULT 0
) {strict};
)sql";

// Version 2: the full-text index changes as the dialect says, and the list indexes follow the
// UNION ALL list plan and the id order of the created sorts. Every list index ends in the id,
// so an equality range on its columns is in id (= creation) order:
// - (status, team, severity), (status, severity), (team, severity), (severity): the branches
//   of the UNION ALL plan (severity is enumerated when not filtered);
// - (assignee), (type): those filters alone; (created_at): the created_after/before range;
//   (updated_at): the updated sorts; (candidate_ats, candidate_external_id): the candidate filter.
constexpr std::string_view k_v2 = R"sql(
{text_search}
DROP INDEX IF EXISTS tickets_status_severity_team;
DROP INDEX IF EXISTS tickets_status;
DROP INDEX IF EXISTS tickets_team;
DROP INDEX IF EXISTS tickets_assignee;
DROP INDEX IF EXISTS tickets_type;
CREATE INDEX tickets_status_team_severity ON tickets (status, team, severity{id_tail});
CREATE INDEX tickets_status_severity ON tickets (status, severity{id_tail});
CREATE INDEX IF NOT EXISTS tickets_team_severity ON tickets (team, severity{id_tail});
CREATE INDEX IF NOT EXISTS tickets_severity ON tickets (severity{id_tail});
CREATE INDEX IF NOT EXISTS tickets_created ON tickets (created_at{id_tail});
CREATE INDEX IF NOT EXISTS tickets_updated ON tickets (updated_at{id_tail});
CREATE INDEX tickets_assignee ON tickets (assignee{id_tail});
CREATE INDEX tickets_type ON tickets (type{id_tail});
)sql";

// Version 3: background jobs that the nodes lease (see the JobQueue statements in
// write_transaction.cpp). A job is queued, leased by one node until lease_until, then done or
// failed; an expired lease makes it leasable again. dedupe_key makes enqueueing a periodic
// job's slot idempotent across nodes.
constexpr std::string_view k_v3 = R"sql(
CREATE TABLE jobs (
  id {serial},
  kind TEXT NOT NULL,
  payload TEXT NOT NULL DEFAULT '{}',
  state TEXT NOT NULL CHECK (state IN ('queued', 'leased', 'done', 'failed')),
  run_at {integer} NOT NULL,
  attempts {integer} NOT NULL DEFAULT 0,
  max_attempts {integer} NOT NULL,
  leased_by TEXT,
  lease_token TEXT,
  lease_until {integer},
  dedupe_key TEXT UNIQUE,
  last_error TEXT,
  created_at {integer} NOT NULL,
  finished_at {integer}
) {strict};
CREATE INDEX jobs_queued ON jobs (state, run_at{id_tail});
CREATE INDEX jobs_leased ON jobs (state, lease_until{id_tail});
)sql";

// Version 4: who may see what (see app/identity/). Tickets get watchers; API keys get scopes,
// an owner, last use and a successor (rotation); people sign in as users with sessions;
// ATS-side systems authenticate as OAuth clients; the access log is hash-chained like the
// journal; server_secrets holds generated keys that every node shares (the token signing key).
constexpr std::string_view k_v4 = R"sql(
ALTER TABLE tickets ADD COLUMN watchers TEXT NOT NULL DEFAULT '[]';

ALTER TABLE api_keys ADD COLUMN scopes TEXT;
ALTER TABLE api_keys ADD COLUMN owner TEXT;
ALTER TABLE api_keys ADD COLUMN last_used_at {integer};
ALTER TABLE api_keys ADD COLUMN replaced_by {integer};

CREATE TABLE users (
  id {serial},
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  team TEXT,
  password_hash TEXT NOT NULL,
  created_at {integer} NOT NULL,
  disabled {integer} NOT NULL DEFAULT 0
) {strict};

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id {integer} NOT NULL REFERENCES users (id),
  csrf_token TEXT NOT NULL,
  created_at {integer} NOT NULL,
  expires_at {integer} NOT NULL,
  address TEXT NOT NULL
) {strict_without_rowid};
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE oauth_clients (
  id {serial},
  client_id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  team TEXT,
  scopes TEXT,
  secret_hash TEXT NOT NULL,
  created_at {integer} NOT NULL,
  revoked {integer} NOT NULL DEFAULT 0
) {strict};

CREATE TABLE server_secrets (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  created_at {integer} NOT NULL
) {strict_without_rowid};

CREATE TABLE access_log (
  seq {integer} PRIMARY KEY,
  at {integer} NOT NULL,
  actor TEXT NOT NULL,
  credential TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('view', 'edit', 'export')),
  object TEXT NOT NULL,
  ticket_id {integer},
  candidate_ats TEXT,
  candidate_external_id TEXT,
  address TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) {strict};
CREATE INDEX access_log_actor ON access_log (actor, seq);
CREATE INDEX access_log_ticket ON access_log (ticket_id, seq);
CREATE INDEX access_log_candidate ON access_log (candidate_ats, candidate_external_id, seq);
CREATE INDEX access_log_at ON access_log (at, seq);
)sql";

// Version 5: the ATS integration (see integrations/).
// - connectors: one ATS account each, with the secrets its webhooks are signed with (a JSON
//   array: several during a rotation) and, for batch sync, the API it is pulled from and the
//   watermark of the last committed page.
// - deliveries: every signed webhook, stored raw before it is acknowledged, unique per connector
//   and vendor event id (a repeat changes nothing), then processed like a job: leased, retried
//   with backoff, and 'dead' after its last attempt, which is the dead-letter queue.
// - ats_objects: the source time last applied per ATS object, so that a late event does not
//   overwrite newer state; candidate_merges: merged-away ids and the candidate that survived;
//   reconciliations: what the ATS told us that did not match (an unknown candidate, say).
// - subscriptions, vendor_attestations, outbox: outgoing webhooks, the destinations' security
//   attestations, and the deliveries waiting to go out.
constexpr std::string_view k_v5 = R"sql(
CREATE TABLE connectors (
  id TEXT PRIMARY KEY,
  vendor TEXT NOT NULL,
  ats TEXT NOT NULL,
  mode TEXT NOT NULL CHECK (mode IN ('realtime', 'batch', 'hybrid')),
  secrets TEXT NOT NULL DEFAULT '[]',
  api_url TEXT,
  api_key TEXT,
  sync_watermark {integer},
  synced_at {integer},
  created_at {integer} NOT NULL,
  disabled {integer} NOT NULL DEFAULT 0
) {strict_without_rowid};

CREATE TABLE deliveries (
  id {serial},
  connector TEXT NOT NULL REFERENCES connectors (id),
  event_id TEXT NOT NULL,
  received_at {integer} NOT NULL,
  headers TEXT NOT NULL DEFAULT '{}',
  body TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued', 'leased', 'done', 'dead')),
  run_at {integer} NOT NULL,
  attempts {integer} NOT NULL DEFAULT 0,
  leased_by TEXT,
  lease_token TEXT,
  lease_until {integer},
  last_error TEXT,
  finished_at {integer},
  UNIQUE (connector, event_id)
) {strict};
CREATE INDEX deliveries_state ON deliveries (state, run_at{id_tail});

CREATE TABLE ats_objects (
  connector TEXT NOT NULL,
  object TEXT NOT NULL,
  applied_at {integer} NOT NULL,
  PRIMARY KEY (connector, object)
) {strict_without_rowid};

CREATE TABLE candidate_merges (
  ats TEXT NOT NULL,
  external_id TEXT NOT NULL,
  into_external_id TEXT NOT NULL,
  merged_at {integer} NOT NULL,
  PRIMARY KEY (ats, external_id)
) {strict_without_rowid};

CREATE TABLE reconciliations (
  id {serial},
  connector TEXT NOT NULL,
  kind TEXT NOT NULL,
  candidate_ats TEXT NOT NULL,
  candidate_external_id TEXT NOT NULL,
  detail TEXT NOT NULL,
  created_at {integer} NOT NULL,
  resolved_at {integer},
  ticket_id {integer}
) {strict};
CREATE INDEX reconciliations_open ON reconciliations (resolved_at, created_at{id_tail});
CREATE INDEX reconciliations_candidate ON reconciliations (candidate_ats, candidate_external_id{id_tail});

CREATE TABLE vendor_attestations (
  vendor TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  soc2_type2_expires_at {integer},
  iso27001_expires_at {integer},
  updated_at {integer} NOT NULL
) {strict_without_rowid};

CREATE TABLE subscriptions (
  id {serial},
  name TEXT NOT NULL,
  url TEXT NOT NULL,
  secret TEXT NOT NULL,
  vendor TEXT NOT NULL,
  events TEXT NOT NULL,
  field_allowlist TEXT NOT NULL,
  consecutive_failures {integer} NOT NULL DEFAULT 0,
  disabled_at {integer},
  created_at {integer} NOT NULL
) {strict};

CREATE TABLE outbox (
  id {serial},
  subscription_id {integer} NOT NULL REFERENCES subscriptions (id),
  event_type TEXT NOT NULL,
  message_id TEXT NOT NULL,
  payload TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued', 'leased', 'done', 'dead', 'blocked')),
  run_at {integer} NOT NULL,
  attempts {integer} NOT NULL DEFAULT 0,
  leased_by TEXT,
  lease_token TEXT,
  lease_until {integer},
  last_error TEXT,
  created_at {integer} NOT NULL,
  finished_at {integer}
) {strict};
CREATE INDEX outbox_state ON outbox (state, run_at{id_tail});
)sql";

// Version 6: the SLA clock in business time (domain/sla/sla_clock.hpp). The calendar that runs
// it and the candidate's geography it was chosen by; the first-response due time and when it
// was met; when the current pause began; and the business time the clock has stood still, by
// which every recomputed due time is pushed out. Tickets stored before keep their calendar-hour
// due times; their calendar is chosen on their next change.
constexpr std::string_view k_v6 = R"sql(
ALTER TABLE tickets ADD COLUMN sla_calendar TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN candidate_geography TEXT;
ALTER TABLE tickets ADD COLUMN first_response_due_at {integer};
ALTER TABLE tickets ADD COLUMN first_responded_at {integer};
ALTER TABLE tickets ADD COLUMN sla_paused_at {integer};
ALTER TABLE tickets ADD COLUMN sla_paused_ms {integer} NOT NULL DEFAULT 0;
)sql";

// Version 7: automation (app/ports/automation_records.hpp, domain/automation/).
// - tickets: the SLA points already passed (sla_fired, a JSON array of point names, each fired
//   once) and when the next one falls due (sla_next_check_at, NULL while none can). The sweep
//   asks for the due tickets, earliest first, from a partial index that leaves out the many
//   tickets with nothing pending (resolved, paused, out of points).
// - notifications: in-app messages, one recipient each, read newest first by id; the partial
//   index on the unread ones answers the unread count and "mark all read" without touching
//   what was read long ago.
// - suppression_windows: hiring freezes and maintenance windows; few rows, read whole.
// - suppressed_escalations: what a window held back, fired or dropped when it ends. Deleting a
//   window deletes its rows first (as deleting a subscription deletes its outbox), so the
//   foreign key needs no cascade. No foreign key to tickets: as in reconciliations.
constexpr std::string_view k_v7 = R"sql(
ALTER TABLE tickets ADD COLUMN sla_fired TEXT NOT NULL DEFAULT '[]';
ALTER TABLE tickets ADD COLUMN sla_next_check_at {integer};
CREATE INDEX tickets_sla_due ON tickets (sla_next_check_at{id_tail}) WHERE sla_next_check_at IS NOT NULL;

CREATE TABLE notifications (
  id {serial},
  recipient TEXT NOT NULL,
  ticket_id {integer},
  kind TEXT NOT NULL,
  rule TEXT NOT NULL DEFAULT '',
  message TEXT NOT NULL,
  created_at {integer} NOT NULL,
  read_at {integer}
) {strict};
CREATE INDEX notifications_recipient ON notifications (recipient{id_tail});
CREATE INDEX notifications_unread ON notifications (recipient{id_tail}) WHERE read_at IS NULL;

CREATE TABLE suppression_windows (
  id {serial},
  name TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  scope TEXT NOT NULL CHECK (scope IN ('all', 'team', 'issue_type', 'geography')),
  scope_value TEXT NOT NULL DEFAULT '',
  starts_at {integer} NOT NULL,
  ends_at {integer} NOT NULL,
  on_end TEXT NOT NULL CHECK (on_end IN ('fire', 'drop')),
  created_by TEXT NOT NULL,
  created_at {integer} NOT NULL,
  ended_early_at {integer},
  settled_at {integer}
) {strict};

CREATE TABLE suppressed_escalations (
  id {serial},
  window_id {integer} NOT NULL REFERENCES suppression_windows (id),
  ticket_id {integer} NOT NULL,
  rule TEXT NOT NULL,
  due_at {integer} NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('held', 'fired', 'dropped')),
  settled_at {integer}
) {strict};
CREATE INDEX suppressed_escalations_window ON suppressed_escalations (window_id, state{id_tail});
)sql";

// Version 8: users' email addresses, where email notifications go (app/automation/notifier.hpp).
constexpr std::string_view k_v8 = R"sql(
ALTER TABLE users ADD COLUMN email TEXT;
)sql";

// Version 9: the interviews the ATS told of, read by the notices about them
// (app/automation/interview_notices.hpp): one row per connector and interview object, its last
// known time and whether it was cancelled. No foreign key to candidates: as in reconciliations.
constexpr std::string_view k_v9 = R"sql(
CREATE TABLE interviews (
  connector TEXT NOT NULL,
  object TEXT NOT NULL,
  ats TEXT NOT NULL,
  candidate_external_id TEXT NOT NULL,
  starts_at {integer},
  cancelled {integer} NOT NULL DEFAULT 0,
  updated_at {integer} NOT NULL,
  PRIMARY KEY (connector, object)
) {strict_without_rowid};
)sql";

// Version 10: the versions of the automation rules stored through PUT /api/v1/rules
// (app/automation/rule_service.hpp), each as it was sent; the newest is in force on every node.
constexpr std::string_view k_v10 = R"sql(
CREATE TABLE rule_sets (
  version {integer} PRIMARY KEY,
  yaml TEXT NOT NULL,
  rule_count {integer} NOT NULL,
  created_at {integer} NOT NULL,
  created_by TEXT NOT NULL
) {strict};
)sql";

// Version 11: the compliance lifecycle (domain/compliance/).
// - journal.redacted: the entry's personal values were replaced after it was sealed; the chain
//   is checked on its stored digest (domain/journal.hpp).
// - candidates: when the ATS purged the candidate (retention counts from it) and when Snag
//   erased what it held.
// - legal_holds: on a candidate or one ticket; few rows, the active ones read whole.
// - erasure_requests: one per request, with the holds it waits for and its completion report
//   (JSON). Held requests are read again whenever a hold is released.
// - notifications by ticket: erasure redacts, and retention deletes, a ticket's notifications.
constexpr std::string_view k_v11 = R"sql(
ALTER TABLE journal ADD COLUMN redacted {integer} NOT NULL DEFAULT 0;
ALTER TABLE candidates ADD COLUMN purged_at {integer};
ALTER TABLE candidates ADD COLUMN erased_at {integer};

CREATE TABLE legal_holds (
  id {serial},
  candidate_ats TEXT,
  candidate_external_id TEXT,
  ticket_id {integer},
  reason TEXT NOT NULL,
  placed_by TEXT NOT NULL,
  placed_at {integer} NOT NULL,
  released_at {integer},
  released_by TEXT,
  CHECK ((candidate_ats IS NULL) = (candidate_external_id IS NULL)),
  CHECK ((candidate_ats IS NULL) <> (ticket_id IS NULL))
) {strict};

CREATE TABLE erasure_requests (
  id {serial},
  candidate_ats TEXT NOT NULL,
  candidate_external_id TEXT NOT NULL,
  source TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  requested_at {integer} NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'held', 'completed')),
  held_by TEXT NOT NULL DEFAULT '[]',
  completed_at {integer},
  report TEXT NOT NULL DEFAULT '{}'
) {strict};
CREATE INDEX erasure_requests_status ON erasure_requests (status{id_tail});
CREATE INDEX notifications_ticket ON notifications (ticket_id) WHERE ticket_id IS NOT NULL;
)sql";

// Version 12: each assignee's open tickets, which least-loaded assignment and the notifier count
// for every member of a team (IdentityQueries::team_workload). Through tickets_assignee the
// count read every ticket the person ever had, resolved ones included, from the table: at a
// million tickets, seconds for each SLA breach that reassigns.
constexpr std::string_view k_v12 = R"sql(
CREATE INDEX tickets_open_assignee ON tickets (assignee) WHERE resolved_at IS NULL;
)sql";

// Version 13: what a connector's health counts (IntegrationQueries::connector_stats: received,
// pending, dead, retried, the last and the oldest pending delivery), in an index that covers
// it. The count used to read every delivery with its raw body: at a hundred thousand
// deliveries, 150 MB per health request, and operators poll health while a backlog drains.
constexpr std::string_view k_v13 = R"sql(
CREATE INDEX deliveries_health ON deliveries (connector, state, received_at, attempts);
)sql";

// Version 14: what the Pareto report sums per issue type (Queries::type_totals: the count, and
// the candidate delay from created_at to resolved_at), in an index that covers it for callers
// who see every team. From the table, the sums read every ticket row: at a million tickets,
// 1.5 GB and seconds per report.
constexpr std::string_view k_v14 = R"sql(
CREATE INDEX tickets_type_totals ON tickets (type, created_at, resolved_at, candidate_external_id);
)sql";

// Version 15: incidents (domain/incidents/).
// - incidents: few rows. pending_actions counts the post-mortem's action items not done, so the
//   incident sweep reads only incidents that are open or still have work (incidents_sweep).
// - incident_tickets, change_tickets: a ticket is in one incident and has one cause at most, so
//   the ticket is the key; the second index lists an incident's or a change's tickets. No foreign
//   key to tickets: retention deletes the links with the ticket (delete_ticket).
// - incident_updates: the incident's running log, read whole with the incident.
// - changes: the callers' ids; change_defects groups their links by deployment time.
constexpr std::string_view k_v15 = R"sql(
CREATE TABLE changes (
  id TEXT PRIMARY KEY,
  summary TEXT NOT NULL,
  system TEXT NOT NULL,
  deployed_at {integer} NOT NULL,
  link TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at {integer} NOT NULL
) {strict_without_rowid};
CREATE INDEX changes_deployed ON changes (deployed_at);

CREATE TABLE incidents (
  id {serial},
  category TEXT NOT NULL,
  title TEXT NOT NULL,
  severity TEXT NOT NULL CHECK (severity IN ('sev1', 'sev2', 'sev3', 'sev4')),
  status TEXT NOT NULL CHECK (status IN ('open', 'resolved', 'closed')),
  commander TEXT NOT NULL,
  opened_by TEXT NOT NULL,
  opened_at {integer} NOT NULL,
  responded_at {integer},
  last_update_at {integer} NOT NULL,
  update_reminded_at {integer},
  resolved_at {integer},
  closed_at {integer},
  caused_by_change TEXT REFERENCES changes (id),
  postmortem TEXT,
  pending_actions {integer} NOT NULL DEFAULT 0
) {strict};
CREATE INDEX incidents_status ON incidents (status{id_tail});
CREATE INDEX incidents_sweep ON incidents (id) WHERE status = 'open' OR pending_actions > 0;
CREATE INDEX incidents_change ON incidents (caused_by_change) WHERE caused_by_change IS NOT NULL;

CREATE TABLE incident_tickets (
  ticket_id {integer} PRIMARY KEY,
  incident_id {integer} NOT NULL REFERENCES incidents (id),
  linked_at {integer} NOT NULL
) {strict};
CREATE INDEX incident_tickets_incident ON incident_tickets (incident_id, ticket_id);

CREATE TABLE incident_updates (
  id {serial},
  incident_id {integer} NOT NULL REFERENCES incidents (id),
  at {integer} NOT NULL,
  author TEXT NOT NULL,
  kind TEXT NOT NULL,
  message TEXT NOT NULL
) {strict};
CREATE INDEX incident_updates_incident ON incident_updates (incident_id, id);

CREATE TABLE change_tickets (
  ticket_id {integer} PRIMARY KEY,
  change_id TEXT NOT NULL REFERENCES changes (id),
  linked_at {integer} NOT NULL
) {strict};
CREATE INDEX change_tickets_change ON change_tickets (change_id, ticket_id);
)sql";

// Version 16: when a candidate first withdrew an application (the abandonment report). No new
// index: the report reads every selected ticket once, like the other reports, and one more index
// would slow every ticket write.
constexpr std::string_view k_v16 = R"sql(
ALTER TABLE candidates ADD COLUMN withdrawn_at {integer};
)sql";

// Version 17: small state every node shares and that outlives a restart, replaced whole
// (WriteTransaction::put_server_state): the synthetic probe's failures and its open alert.
constexpr std::string_view k_v17 = R"sql(
CREATE TABLE server_state (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at {integer} NOT NULL
) {strict_without_rowid};
)sql";

// Version 18: what the abandonment report reads of the tickets (Queries::withdrawal_counts: each
// issue type's distinct candidates), in an index that covers it and yields them in order, so the
// DISTINCT needs no sort. From tickets_type, it read every ticket row: at a million tickets, 6 s
// against 1.3 s now; the join to the candidates is most of what is left.
constexpr std::string_view k_v18 = R"sql(
CREATE INDEX tickets_type_candidate ON tickets (type, candidate_ats, candidate_external_id)
  WHERE candidate_ats IS NOT NULL;
)sql";

// Version 19: how many tickets each reporter opened of each type on each UTC day, kept by every
// write of a ticket (storage/sql/day_counts.hpp), so that the weekly adoption and trend reports
// add up a few thousand rows instead of reading the tickets of their weeks (a third of a million
// at a million tickets). The synthetic probe's tickets are not counted, as no report counts them.
constexpr std::string_view k_v19 = R"sql(
CREATE TABLE ticket_day_counts (
  day {integer} NOT NULL,
  type TEXT NOT NULL,
  reporter TEXT NOT NULL,
  tickets {integer} NOT NULL,
  PRIMARY KEY (day, type, reporter)
) {strict_without_rowid};
INSERT INTO ticket_day_counts (day, type, reporter, tickets)
  SELECT created_at / 86400000, type, reporter, COUNT(*) FROM tickets
  WHERE candidate_external_id IS NULL OR candidate_external_id <> '{synthetic_candidate_id}'
  GROUP BY created_at / 86400000, type, reporter;
)sql";

// Version 20: what the volume report reads (storage/sql/volume_sql.hpp), so that it reads no
// ticket row at a million tickets (over 2 s before):
// - the open tickets in an index of their own that covers the report (SQLite counts the partial
//   index's resolved_at as a column the query reads), a few percent of all;
// - per grouping (team, type, severity, assignee), group and whole hour from opening to
//   resolution, how many resolved tickets took that long and their summed milliseconds, kept by
//   every write of a ticket (storage/sql/resolution_hours.hpp), the synthetic probe's not counted;
// - per grouping, the resolved tickets' durations in order within each group, so that the exact
//   median is read at its position inside its hour. {resolution_ms} is the duration as
//   volume_sql.cpp writes it (k_resolution_ms_sql): both backends match an indexed expression by
//   its form.
constexpr std::string_view k_v20 = R"sql(
CREATE INDEX tickets_open_groups
  ON tickets (team, type, severity, assignee, created_at, candidate_external_id, resolved_at) WHERE resolved_at IS NULL;
CREATE INDEX tickets_resolved_team ON tickets
  (team, ({resolution_ms}), candidate_external_id) WHERE resolved_at IS NOT NULL;
CREATE INDEX tickets_resolved_type ON tickets
  (type, ({resolution_ms}), candidate_external_id) WHERE resolved_at IS NOT NULL;
CREATE INDEX tickets_resolved_severity ON tickets
  (severity, ({resolution_ms}), candidate_external_id) WHERE resolved_at IS NOT NULL;
CREATE INDEX tickets_resolved_assignee ON tickets
  ((COALESCE(assignee, '')), ({resolution_ms}), candidate_external_id) WHERE resolved_at IS NOT NULL;
CREATE TABLE resolution_hours (
  grouped_by TEXT NOT NULL,
  group_value TEXT NOT NULL,
  hour {integer} NOT NULL,
  tickets {integer} NOT NULL,
  duration_ms {integer} NOT NULL,
  PRIMARY KEY (grouped_by, group_value, hour)
) {strict_without_rowid};
INSERT INTO resolution_hours (grouped_by, group_value, hour, tickets, duration_ms)
  SELECT 'team', team, ({resolution_ms}) / 3600000, COUNT(*), CAST(SUM({resolution_ms}) AS BIGINT) FROM tickets
  WHERE resolved_at IS NOT NULL AND (candidate_external_id IS NULL OR candidate_external_id <> '{synthetic_candidate_id}')
  GROUP BY team, ({resolution_ms}) / 3600000;
INSERT INTO resolution_hours (grouped_by, group_value, hour, tickets, duration_ms)
  SELECT 'type', type, ({resolution_ms}) / 3600000, COUNT(*), CAST(SUM({resolution_ms}) AS BIGINT) FROM tickets
  WHERE resolved_at IS NOT NULL AND (candidate_external_id IS NULL OR candidate_external_id <> '{synthetic_candidate_id}')
  GROUP BY type, ({resolution_ms}) / 3600000;
INSERT INTO resolution_hours (grouped_by, group_value, hour, tickets, duration_ms)
  SELECT 'severity', severity, ({resolution_ms}) / 3600000, COUNT(*), CAST(SUM({resolution_ms}) AS BIGINT) FROM tickets
  WHERE resolved_at IS NOT NULL AND (candidate_external_id IS NULL OR candidate_external_id <> '{synthetic_candidate_id}')
  GROUP BY severity, ({resolution_ms}) / 3600000;
INSERT INTO resolution_hours (grouped_by, group_value, hour, tickets, duration_ms)
  SELECT 'assignee', COALESCE(assignee, ''), ({resolution_ms}) / 3600000, COUNT(*), CAST(SUM({resolution_ms}) AS BIGINT) FROM tickets
  WHERE resolved_at IS NOT NULL AND (candidate_external_id IS NULL OR candidate_external_id <> '{synthetic_candidate_id}')
  GROUP BY COALESCE(assignee, ''), ({resolution_ms}) / 3600000;
)sql";

// Version 21: per UTC day on which candidates entered Snag and issue type, how many had a ticket
// of the type and how many of those withdrew; type '' for every candidate of the day. Kept by
// every write of a ticket, of a new candidate and of a first withdrawal
// (storage/sql/withdrawal_cohorts.hpp), so that the abandonment report adds up a few thousand
// rows instead of joining every candidate to its tickets (a second at a million tickets). The
// synthetic probe's candidate is not counted, as the report never counts it.
constexpr std::string_view k_v21 = R"sql(
CREATE TABLE withdrawal_cohorts (
  day {integer} NOT NULL,
  type TEXT NOT NULL,
  candidates {integer} NOT NULL,
  withdrawn {integer} NOT NULL,
  PRIMARY KEY (day, type)
) {strict_without_rowid};
{withdrawal_cohorts_backfill}
)sql";

// withdrawal_cohorts counted from the candidates and tickets as they are (versions 21 and 23).
constexpr std::string_view k_withdrawal_cohorts_backfill = R"sql(
INSERT INTO withdrawal_cohorts (day, type, candidates, withdrawn)
  SELECT created_at / 86400000, '', COUNT(*), COUNT(withdrawn_at) FROM candidates
  WHERE ats <> '{synthetic_ats}' GROUP BY created_at / 86400000;
INSERT INTO withdrawal_cohorts (day, type, candidates, withdrawn)
  SELECT c.created_at / 86400000, t.type, COUNT(*), COUNT(c.withdrawn_at)
  FROM (SELECT DISTINCT type, candidate_ats, candidate_external_id FROM tickets WHERE candidate_ats IS NOT NULL) AS t
  JOIN candidates AS c ON c.ats = t.candidate_ats AND c.external_id = t.candidate_external_id
  WHERE c.ats <> '{synthetic_ats}' GROUP BY c.created_at / 86400000, t.type;)sql";

// Version 22: per UTC day of opening and issue type, the summed time from opening to resolution
// of the resolved tickets that name a candidate, kept by every write of a ticket
// (storage/sql/candidate_delay_days.hpp). With ticket_day_counts and the open tickets' index
// (version 20), the Pareto report reads no resolved ticket: a quarter of a second at a million
// tickets before.
constexpr std::string_view k_v22 = R"sql(
CREATE TABLE candidate_delay_days (
  day {integer} NOT NULL,
  type TEXT NOT NULL,
  delay_ms {integer} NOT NULL,
  PRIMARY KEY (day, type)
) {strict_without_rowid};
INSERT INTO candidate_delay_days (day, type, delay_ms)
  SELECT created_at / 86400000, type, CAST(SUM({resolution_ms}) AS BIGINT) FROM tickets
  WHERE resolved_at IS NOT NULL AND candidate_external_id IS NOT NULL
    AND candidate_external_id <> '{synthetic_candidate_id}'
  GROUP BY created_at / 86400000, type;
)sql";

// Version 23: no ticket names a candidate the candidates table does not hold. The candidates
// that tickets named without the ATS ever describing them become stubs, first seen with their
// first ticket, as the writer now makes them (SqlWriteTransaction::keep_candidate_of); the
// abandonment summary is counted again with them; then the database enforces the rule.
constexpr std::string_view k_v23 = R"sql(
INSERT INTO candidates (ats, external_id, created_at, updated_at)
  SELECT candidate_ats, candidate_external_id, MIN(created_at), MIN(created_at) FROM tickets AS t
  WHERE candidate_ats IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM candidates AS c WHERE c.ats = t.candidate_ats AND c.external_id = t.candidate_external_id)
  GROUP BY candidate_ats, candidate_external_id;
DELETE FROM withdrawal_cohorts;
{withdrawal_cohorts_backfill}
{candidate_foreign_key}
)sql";

// Version 24: saved views (domain/views/saved_view.hpp), a name per owner; the few a person has
// and the shared ones are read whole.
constexpr std::string_view k_v24 = R"sql(
CREATE TABLE saved_views (
  id {serial},
  owner TEXT NOT NULL,
  name TEXT NOT NULL,
  query TEXT NOT NULL,
  shared {integer} NOT NULL DEFAULT 0,
  created_at {integer} NOT NULL,
  updated_at {integer} NOT NULL,
  UNIQUE (owner, name)
) {strict};
CREATE INDEX saved_views_shared ON saved_views (shared);
)sql";

// Version 25: the work queues (webhook deliveries, jobs, outgoing messages) find what to lease
// through partial indexes of their pending rows alone (sql/work_queues.hpp), and the dead-letter
// queue through one of the dead deliveries. With the indexes on (state, …), whose entries are
// nearly all finished rows, SQLite sorted every due row for each lease (a backlog of webhook
// deliveries drained in quadratic time), and once PRAGMA optimize had counted the finished
// rows, it judged `state = ?` unselective and read the whole table instead.
constexpr std::string_view k_v25 = R"sql(
CREATE INDEX deliveries_queued ON deliveries (run_at{id_tail}) WHERE state = 'queued';
CREATE INDEX deliveries_leased ON deliveries (lease_until{id_tail}) WHERE state = 'leased';
CREATE INDEX deliveries_dead ON deliveries (id) WHERE state = 'dead';
DROP INDEX deliveries_state;
CREATE INDEX jobs_due ON jobs (run_at{id_tail}) WHERE state = 'queued';
CREATE INDEX jobs_lease_ends ON jobs (lease_until{id_tail}) WHERE state = 'leased';
DROP INDEX jobs_queued;
DROP INDEX jobs_leased;
CREATE INDEX outbox_queued ON outbox (run_at{id_tail}) WHERE state = 'queued';
CREATE INDEX outbox_leased ON outbox (lease_until{id_tail}) WHERE state = 'leased';
DROP INDEX outbox_state;
)sql";

constexpr std::array<std::string_view, 25> k_migrations{k_v1,  k_v2,  k_v3,  k_v4,  k_v5,  k_v6,  k_v7,  k_v8,  k_v9,
                                                        k_v10, k_v11, k_v12, k_v13, k_v14, k_v15, k_v16, k_v17, k_v18,
                                                        k_v19, k_v20, k_v21, k_v22, k_v23, k_v24, k_v25};

void replace_all(std::string& text, std::string_view token, std::string_view replacement) {
  for (auto at = text.find(token); at != std::string::npos; at = text.find(token, at + replacement.size())) {
    text.replace(at, token.size(), replacement);
  }
}

}  // namespace

int latest_schema_version() { return static_cast<int>(k_migrations.size()); }

std::string migration_sql(int version, const Dialect& dialect) {
  std::string sql(k_migrations.at(static_cast<std::size_t>(version - 1)));
  // Only versions 1 and 2 touch the full-text index.
  replace_all(sql, "{text_search}", version == 1 ? dialect.text_search_v1 : dialect.text_search_v2);
  // Before the tokens that the backfill's text holds.
  replace_all(sql, "{withdrawal_cohorts_backfill}", k_withdrawal_cohorts_backfill);
  replace_all(sql, "{candidate_foreign_key}", dialect.candidate_foreign_key);
  replace_all(sql, "{serial}", dialect.serial_primary_key);
  replace_all(sql, "{integer}", dialect.integer);
  replace_all(sql, "{strict_without_rowid}", dialect.strict_without_rowid);
  replace_all(sql, "{strict}", dialect.strict);
  replace_all(sql, "{id_tail}", dialect.index_id_tail);
  replace_all(sql, "{synthetic_candidate_id}", k_synthetic_candidate_id);
  replace_all(sql, "{synthetic_ats}", k_synthetic_ats);
  replace_all(sql, "{resolution_ms}", k_resolution_ms_sql);
  return sql;
}

}  // namespace snag::sql
