#include <algorithm>
#include <limits>

#include <snag/domain/compliance/redaction.hpp>
#include <snag/storage/postgresql/connection.hpp>
#include <snag/storage/sql/access_log_queries.hpp>
#include <snag/storage/sql/automation_queries.hpp>
#include <snag/storage/sql/compliance_queries.hpp>
#include <snag/storage/sql/identity_queries.hpp>
#include <snag/storage/sql/incident_queries.hpp>
#include <snag/storage/sql/integration_queries.hpp>
#include <snag/storage/sql/kept_summaries.hpp>
#include <snag/storage/sql/outbound_queries.hpp>
#include <snag/storage/sql/queries.hpp>
#include <snag/storage/sql/rows.hpp>
#include <snag/storage/sql/statement_helpers.hpp>
#include <snag/storage/sql/view_queries.hpp>
#include <snag/storage/sql/withdrawal_cohorts.hpp>
#include <snag/storage/sql/work_queues.hpp>
#include <snag/storage/sql/write_transaction.hpp>
#include <snag/storage/sqlite/connection.hpp>
#include <snag/util/crypto.hpp>

namespace snag::sql {

void BatchChanges::add(const BatchChanges& work) {
  // A ticket updated by any work may already be in the full-text index (see TextChanges).
  for (const auto& [id, updated] : work.text) text[id] = text[id] || updated;
  notifications = notifications || work.notifications;
  summaries.add(work.summaries);
}

template <class Connection>
Result<std::optional<Ticket>> SqlWriteTransaction<Connection>::find_ticket(TicketId id) {
  return Queries<Connection>::ticket(m_connection, id);
}

// No ticket names a candidate the store does not hold (schema version 23 enforces it). One that
// Snag has not heard of yet, such as a ticket filed by hand before the ATS described the
// candidate, is kept as a stub without a profile, first seen with the ticket, until a sync or an
// event fills it in. Runs before the ticket's own write, so that the kept summaries count the
// new candidate first and then its ticket.
template <class Connection>
Result<void> SqlWriteTransaction<Connection>::keep_candidate_of(const Ticket& ticket) {
  if (!ticket.candidate) return {};
  auto statement = m_connection.prepare(
      "INSERT INTO candidates (ats, external_id, created_at, updated_at) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (ats, external_id) DO NOTHING RETURNING 1");
  statement.bind(1, ticket.candidate->ats).bind(2, ticket.candidate->external_id);
  statement.bind(3, to_epoch_ms(ticket.updated_at)).bind(4, to_epoch_ms(ticket.updated_at));
  auto stub = returned_value(statement);
  if (!stub) return tl::unexpected(stub.error());
  if (*stub) WithdrawalCohorts<Connection>::candidate_added(m_changes.summaries, *ticket.candidate, ticket.updated_at);
  return {};
}

template <class Connection>
Result<TicketId> SqlWriteTransaction<Connection>::insert_ticket(const Ticket& ticket) {
  if (auto kept = keep_candidate_of(ticket); !kept) return tl::unexpected(kept.error());
  auto statement = m_connection.prepare(
      "INSERT INTO tickets (type, title, description, status, severity, team, assignee, candidate_ats, "
      "candidate_external_id, labels, fields, reporter, created_at, updated_at, version, resolution_due_at, "
      "resolved_at, watchers, sla_calendar, candidate_geography, first_response_due_at, first_responded_at, "
      "sla_paused_at, sla_paused_ms, sla_fired, sla_next_check_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  Rows<Statement>::bind_ticket(statement, 1, ticket);
  auto id = inserted_id(statement);
  if (!id) return tl::unexpected(id.error());
  if (auto counted = KeptSummaries<Connection>::move(m_connection, m_changes.summaries, {}, summary_keys(ticket));
      !counted) {
    return tl::unexpected(counted.error());
  }
  m_changes.text.emplace(*id, false);
  return TicketId{*id};
}

template <class Connection>
Result<void> SqlWriteTransaction<Connection>::update_ticket(const Ticket& ticket) {
  auto counted_as = KeptSummaries<Connection>::stored_keys(m_connection, ticket.id);
  if (!counted_as) return tl::unexpected(counted_as.error());
  if (auto kept = keep_candidate_of(ticket); !kept) return kept;
  auto statement = m_connection.prepare(
      "UPDATE tickets SET type = ?, title = ?, description = ?, status = ?, severity = ?, team = ?, assignee = ?, "
      "candidate_ats = ?, candidate_external_id = ?, labels = ?, fields = ?, reporter = ?, created_at = ?, "
      "updated_at = ?, version = ?, resolution_due_at = ?, resolved_at = ?, watchers = ?, sla_calendar = ?, "
      "candidate_geography = ?, first_response_due_at = ?, first_responded_at = ?, sla_paused_at = ?, "
      "sla_paused_ms = ?, sla_fired = ?, sla_next_check_at = ? WHERE id = ? RETURNING id");
  Rows<Statement>::bind_ticket(statement, 1, ticket);
  statement.bind(k_ticket_bound_columns + 1, ticket.id.value);
  auto updated = returned_value(statement);
  if (!updated) return tl::unexpected(updated.error());
  if (!*updated) return fail(ErrorCode::not_found, ticket_key(ticket.id) + " does not exist");
  if (auto counted =
          KeptSummaries<Connection>::move(m_connection, m_changes.summaries, *counted_as, summary_keys(ticket));
      !counted) {
    return counted;
  }
  m_changes.text[ticket.id.value] = true;
  return {};
}

template <class Connection>
Result<Comment> SqlWriteTransaction<Connection>::insert_comment(TicketId ticket, std::string_view author, std::string_view body,
                                                       Timestamp at) {
  auto statement =
      m_connection.prepare("INSERT INTO comments (ticket_id, author, body, created_at) VALUES (?, ?, ?, ?) RETURNING id");
  statement.bind(1, ticket.value).bind(2, author).bind(3, body).bind(4, to_epoch_ms(at));
  auto id = inserted_id(statement);
  if (!id) {
    if (id.error().code == ErrorCode::conflict) {  // the foreign key: no such ticket
      return fail(ErrorCode::not_found, ticket_key(ticket) + " does not exist");
    }
    return tl::unexpected(id.error());
  }
  return Comment{CommentId{*id}, ticket, std::string(author), std::string(body), at};
}

template <class Connection>
Result<void> SqlWriteTransaction<Connection>::append_journal(TicketId ticket, Timestamp at, std::string_view actor,
                                                    std::string_view action, const std::vector<FieldChange>& changes) {
  if (changes.empty()) return {};
  // Advance a copy and publish it only when every row is in: a failed insert leaves the head
  // as it was (the work's savepoint rollback restores the writer's copy as well).
  JournalHead head = m_head;
  ++head.event;
  for (const auto& change : changes) {
    JournalEntry entry;
    entry.seq = head.seq + 1;
    entry.ticket = ticket;
    entry.event = head.event;
    entry.at = at;
    entry.actor = std::string(actor);
    entry.action = std::string(action);
    entry.field = change.field;
    entry.old_value = change.old_value;
    entry.new_value = change.new_value;
    seal_journal_entry(entry, head.hash);
    auto statement = m_connection.prepare(
        "INSERT INTO journal (seq, ticket_id, event, at, actor, action, field, old_value, new_value, "
        "content_digest, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    Rows<Statement>::bind_journal_entry(statement, entry);
    if (auto done = statement.queue(); !done) return tl::unexpected(done.error());
    head.seq = entry.seq;
    head.hash = std::move(entry.hash);
  }
  m_head = std::move(head);
  return {};
}

template <class Connection>
Result<std::optional<IdempotencyRecord>> SqlWriteTransaction<Connection>::find_idempotency(std::string_view scope,
                                                                                  std::string_view key) {
  return Queries<Connection>::idempotency(m_connection, scope, key);
}

template <class Connection>
Result<void> SqlWriteTransaction<Connection>::save_idempotency(std::string_view scope, std::string_view key,
                                                      const IdempotencyRecord& record, Timestamp at) {
  auto statement = m_connection.prepare(
      "INSERT INTO idempotency_keys (scope, key, fingerprint, ticket_id, created_at) VALUES (?, ?, ?, ?, ?)");
  statement.bind(1, scope).bind(2, key).bind(3, record.fingerprint).bind(4, record.ticket.value);
  statement.bind(5, to_epoch_ms(at));
  if (auto done = statement.run(); !done) {
    if (done.error().code == ErrorCode::conflict) return fail(ErrorCode::conflict, "the idempotency key is in use");
    return tl::unexpected(done.error());
  }
  return {};
}

template <class Connection>
Result<bool> SqlWriteTransaction<Connection>::upsert_candidate(const Candidate& candidate) {
  auto existing = Queries<Connection>::candidate(m_connection, candidate.ref);
  if (!existing) return tl::unexpected(existing.error());
  // A replaced profile keeps the time the candidate was first seen.
  auto statement = m_connection.prepare(
      "INSERT INTO candidates (ats, external_id, name, email, level, geography, fields, created_at, updated_at, "
      "purged_at, erased_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (ats, external_id) DO UPDATE SET "
      "name = excluded.name, email = excluded.email, level = excluded.level, geography = excluded.geography, "
      "fields = excluded.fields, updated_at = excluded.updated_at, purged_at = excluded.purged_at, "
      "erased_at = excluded.erased_at");
  Rows<Statement>::bind_candidate(statement, keep_erasure(candidate, *existing));
  if (auto done = statement.run(); !done) return tl::unexpected(done.error());
  if (existing->has_value()) return false;
  WithdrawalCohorts<Connection>::candidate_added(m_changes.summaries, candidate.ref, candidate.created_at);
  return true;
}

template <class Connection>
Result<ApiKeyId> SqlWriteTransaction<Connection>::insert_api_key(const ApiKeyRecord& key) {
  auto statement = m_connection.prepare(
      "INSERT INTO api_keys (name, role, team, secret_hash, created_at, expires_at, revoked, scopes, owner, "
      "last_used_at, replaced_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  statement.bind(1, key.name).bind(2, key.role).bind(3, key.team).bind(4, key.secret_hash);
  statement.bind(5, to_epoch_ms(key.created_at));
  if (key.expires_at) {
    statement.bind(6, to_epoch_ms(*key.expires_at));
  } else {
    statement.bind_null(6);
  }
  statement.bind(7, key.revoked).bind(8, scopes_json(key.scopes)).bind(9, key.owner);
  if (key.last_used_at) {
    statement.bind(10, to_epoch_ms(*key.last_used_at));
  } else {
    statement.bind_null(10);
  }
  if (key.replaced_by) {
    statement.bind(11, key.replaced_by->value);
  } else {
    statement.bind_null(11);
  }
  auto id = inserted_id(statement);
  if (!id) {
    if (id.error().code == ErrorCode::conflict) return fail(ErrorCode::conflict, "an API key with that secret exists");
    return tl::unexpected(id.error());
  }
  return ApiKeyId{*id};
}

// The credential writes and the access log: their statements live in identity_queries.cpp and
// access_log_queries.cpp.

template <class Connection>
Result<void> SqlWriteTransaction<Connection>::update_api_key(const ApiKeyRecord& key) {
  return IdentityQueries<Connection>::update_api_key(m_connection, key);
}

template <class Connection>
Result<std::optional<ApiKeyRecord>> SqlWriteTransaction<Connection>::find_api_key_by_id(ApiKeyId id) {
  return IdentityQueries<Connection>::api_key_by_id(m_connection, id);
}

template <class Connection>
Result<UserId> SqlWriteTransaction<Connection>::insert_user(const UserRecord& user) {
  return IdentityQueries<Connection>::insert_user(m_connection, user);
}

template <class Connection>
Result<void> SqlWriteTransaction<Connection>::update_user(const UserRecord& user) {
  return IdentityQueries<Connection>::update_user(m_connection, user);
}

template <class Connection>
Result<std::optional<UserRecord>> SqlWriteTransaction<Connection>::find_user(UserId id) {
  return IdentityQueries<Connection>::user(m_connection, id);
}

template <class Connection>
Result<void> SqlWriteTransaction<Connection>::insert_session(const SessionRecord& session) {
  return IdentityQueries<Connection>::insert_session(m_connection, session);
}

template <class Connection>
Result<void> SqlWriteTransaction<Connection>::delete_session(std::string_view token_hash) {
  return IdentityQueries<Connection>::delete_session(m_connection, token_hash);
}

template <class Connection>
Result<std::int64_t> SqlWriteTransaction<Connection>::delete_expired_sessions(Timestamp now) {
  return IdentityQueries<Connection>::delete_expired_sessions(m_connection, now);
}

template <class Connection>
Result<std::int64_t> SqlWriteTransaction<Connection>::delete_user_sessions(UserId user) {
  return IdentityQueries<Connection>::delete_user_sessions(m_connection, user);
}

template <class Connection>
Result<void> SqlWriteTransaction<Connection>::revoke_oauth_client(std::string_view client_id) {
  return IdentityQueries<Connection>::revoke_oauth_client(m_connection, client_id);
}

template <class Connection>
Result<OAuthClientId> SqlWriteTransaction<Connection>::insert_oauth_client(const OAuthClientRecord& client) {
  return IdentityQueries<Connection>::insert_oauth_client(m_connection, client);
}

template <class Connection>
Result<std::string> SqlWriteTransaction<Connection>::server_secret(std::string_view name,
                                                                   std::string_view value_if_absent, Timestamp now) {
  return IdentityQueries<Connection>::server_secret(m_connection, name, value_if_absent, now);
}

template <class Connection>
Result<std::optional<std::string>> SqlWriteTransaction<Connection>::server_state(std::string_view name) {
  return IdentityQueries<Connection>::server_state(m_connection, name);
}

template <class Connection>
Result<void> SqlWriteTransaction<Connection>::put_server_state(std::string_view name, std::string_view value,
                                                               Timestamp now) {
  return IdentityQueries<Connection>::put_server_state(m_connection, name, value, now);
}

template <class Connection>
Result<void> SqlWriteTransaction<Connection>::append_access_log(std::vector<AccessEntry> entries) {
  return AccessLogQueries<Connection>::append(m_connection, std::move(entries), m_access_head);
}

template <class Connection>
Result<std::optional<JobId>> SqlWriteTransaction<Connection>::enqueue_job(const NewJob& job, Timestamp now) {
  auto statement = m_connection.prepare(
      "INSERT INTO jobs (kind, payload, state, run_at, max_attempts, dedupe_key, created_at) "
      "VALUES (?, ?, 'queued', ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id");
  statement.bind(1, job.kind).bind(2, job.payload).bind(3, to_epoch_ms(job.run_at));
  statement.bind(4, std::int64_t{job.max_attempts}).bind(5, job.dedupe_key).bind(6, to_epoch_ms(now));
  auto id = returned_value(statement);
  if (!id) return tl::unexpected(id.error());
  if (!*id) return std::optional<JobId>{};
  return std::optional<JobId>{JobId{**id}};
}

template <class Connection>
Result<std::vector<Job>> SqlWriteTransaction<Connection>::lease_jobs(const LeaseRequest& request) {
  const std::int64_t now = to_epoch_ms(request.now);
  // A job whose last attempt's lease ran out (its node died) will not be tried again.
  auto exhausted = m_connection.prepare(
      "UPDATE jobs SET state = 'failed', finished_at = ?, lease_token = NULL, "
      "last_error = 'the lease of the last attempt expired' "
      "WHERE state = 'leased' AND lease_until <= ? AND attempts >= max_attempts");
  exhausted.bind(1, now).bind(2, now);
  if (auto done = exhausted.run(); !done) return tl::unexpected(done.error());

  const std::string token = random_token(16);
  return lease_from_queue<Job>(m_connection, "jobs", "id, kind, payload, attempts, max_attempts, lease_until", request,
                               token, [&token](const Statement& row) -> Result<Job> {
                                 return Job{JobId{row.int64(0)},
                                            row.text(1),
                                            row.text(2),
                                            static_cast<int>(row.int64(3)),
                                            static_cast<int>(row.int64(4)),
                                            token,
                                            from_epoch_ms(row.int64(5))};
                               });
}

template <class Connection>
Result<void> SqlWriteTransaction<Connection>::complete_job(const Job& job, Timestamp now) {
  auto statement = m_connection.prepare(
      "UPDATE jobs SET state = 'done', finished_at = ?, lease_token = NULL, last_error = NULL "
      "WHERE id = ? AND state = 'leased' AND lease_token = ? RETURNING id");
  statement.bind(1, to_epoch_ms(now)).bind(2, job.id.value).bind(3, job.lease_token);
  auto id = returned_value(statement);
  if (!id) return tl::unexpected(id.error());
  if (!*id) return fail(ErrorCode::conflict, "the lease of job " + std::to_string(job.id.value) + " was lost");
  return {};
}

template <class Connection>
Result<void> SqlWriteTransaction<Connection>::fail_job(const Job& job, std::string_view error, Timestamp now,
                                                      Timestamp retry_at) {
  auto statement = m_connection.prepare(
      "UPDATE jobs SET state = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END, "
      "finished_at = CASE WHEN attempts >= max_attempts THEN CAST(? AS BIGINT) END, run_at = ?, last_error = ?, "
      "lease_token = NULL, leased_by = NULL, lease_until = NULL "
      "WHERE id = ? AND state = 'leased' AND lease_token = ? RETURNING id");
  statement.bind(1, to_epoch_ms(now)).bind(2, to_epoch_ms(retry_at)).bind(3, error);
  statement.bind(4, job.id.value).bind(5, job.lease_token);
  auto id = returned_value(statement);
  if (!id) return tl::unexpected(id.error());
  if (!*id) return fail(ErrorCode::conflict, "the lease of job " + std::to_string(job.id.value) + " was lost");
  return {};
}

template <class Connection>
Result<void> SqlWriteTransaction<Connection>::insert_connector(const Connector& connector) {
  return IntegrationQueries<Connection>::insert_connector(m_connection, connector);
}

template <class Connection>
Result<void> SqlWriteTransaction<Connection>::update_connector(const Connector& connector) {
  return IntegrationQueries<Connection>::update_connector(m_connection, connector);
}

template <class Connection>
Result<std::optional<Connector>> SqlWriteTransaction<Connection>::find_connector(std::string_view id) {
  return IntegrationQueries<Connection>::connector(m_connection, id);
}

template <class Connection>
Result<bool> SqlWriteTransaction<Connection>::insert_delivery(const NewDelivery& delivery) {
  return IntegrationQueries<Connection>::insert_delivery(m_connection, delivery);
}

template <class Connection>
Result<std::vector<Delivery>> SqlWriteTransaction<Connection>::lease_deliveries(const LeaseRequest& request) {
  return IntegrationQueries<Connection>::lease_deliveries(m_connection, request);
}

template <class Connection>
Result<void> SqlWriteTransaction<Connection>::complete_delivery(const Delivery& delivery, Timestamp now) {
  return IntegrationQueries<Connection>::complete_delivery(m_connection, delivery, now);
}

template <class Connection>
Result<void> SqlWriteTransaction<Connection>::fail_delivery(const Delivery& delivery, std::string_view error, Timestamp now, std::optional<Timestamp> retry_at) {
  return IntegrationQueries<Connection>::fail_delivery(m_connection, delivery, error, now, retry_at);
}

template <class Connection>
Result<std::int64_t> SqlWriteTransaction<Connection>::replay_dead_deliveries(std::optional<DeliveryId> id, const std::optional<std::string>& connector, Timestamp now) {
  return IntegrationQueries<Connection>::replay_dead_deliveries(m_connection, id, connector, now);
}

template <class Connection>
Result<std::optional<Timestamp>> SqlWriteTransaction<Connection>::object_applied_at(std::string_view connector, std::string_view object) {
  return IntegrationQueries<Connection>::object_applied_at(m_connection, connector, object);
}

template <class Connection>
Result<void> SqlWriteTransaction<Connection>::set_object_applied_at(std::string_view connector, std::string_view object, Timestamp at) {
  return IntegrationQueries<Connection>::set_object_applied_at(m_connection, connector, object, at);
}

template <class Connection>
Result<std::optional<std::string>> SqlWriteTransaction<Connection>::merged_into(const CandidateRef& ref) {
  return IntegrationQueries<Connection>::merged_into(m_connection, ref);
}

template <class Connection>
Result<void> SqlWriteTransaction<Connection>::record_candidate_merge(const CandidateRef& from, std::string_view into_external_id, Timestamp at) {
  return IntegrationQueries<Connection>::record_candidate_merge(m_connection, from, into_external_id, at);
}

template <class Connection>
Result<void> SqlWriteTransaction<Connection>::record_withdrawal(const CandidateRef& ref, Timestamp at) {
  auto first = IntegrationQueries<Connection>::record_withdrawal(m_connection, ref, at);
  if (!first) return tl::unexpected(first.error());
  if (!*first) return {};
  return WithdrawalCohorts<Connection>::candidate_withdrew(m_connection, m_changes.summaries, ref);
}

template <class Connection>
Result<std::vector<Ticket>> SqlWriteTransaction<Connection>::candidate_tickets(const CandidateRef& ref) {
  return IntegrationQueries<Connection>::candidate_tickets(m_connection, ref);
}

template <class Connection>
Result<std::vector<TeamMemberLoad>> SqlWriteTransaction<Connection>::team_workload(std::string_view team) {
  return IdentityQueries<Connection>::team_workload(m_connection, team);
}

template <class Connection>
Result<ReconciliationId> SqlWriteTransaction<Connection>::insert_reconciliation(const Reconciliation& reconciliation) {
  return IntegrationQueries<Connection>::insert_reconciliation(m_connection, reconciliation);
}

template <class Connection>
Result<std::vector<Reconciliation>> SqlWriteTransaction<Connection>::overdue_reconciliations(Timestamp created_before) {
  return IntegrationQueries<Connection>::overdue_reconciliations(m_connection, created_before);
}

template <class Connection>
Result<void> SqlWriteTransaction<Connection>::update_reconciliation(const Reconciliation& reconciliation) {
  return IntegrationQueries<Connection>::update_reconciliation(m_connection, reconciliation);
}

template <class Connection>
Result<void> SqlWriteTransaction<Connection>::resolve_reconciliations(const CandidateRef& candidate, Timestamp now) {
  return IntegrationQueries<Connection>::resolve_reconciliations(m_connection, candidate, now);
}

template <class Connection>
Result<std::optional<Candidate>> SqlWriteTransaction<Connection>::find_candidate(const CandidateRef& ref) {
  return Queries<Connection>::candidate(m_connection, ref);
}

template <class Connection>
Result<SubscriptionId> SqlWriteTransaction<Connection>::insert_subscription(const Subscription& subscription) {
  return OutboundQueries<Connection>::insert_subscription(m_connection, subscription);
}

template <class Connection>
Result<bool> SqlWriteTransaction<Connection>::delete_subscription(SubscriptionId id) {
  return OutboundQueries<Connection>::delete_subscription(m_connection, id);
}

template <class Connection>
Result<std::vector<Subscription>> SqlWriteTransaction<Connection>::enabled_subscriptions() {
  return OutboundQueries<Connection>::enabled_subscriptions(m_connection);
}

template <class Connection>
Result<std::optional<int>> SqlWriteTransaction<Connection>::count_subscription_failure(SubscriptionId id) {
  return OutboundQueries<Connection>::count_subscription_failure(m_connection, id);
}

template <class Connection>
Result<void> SqlWriteTransaction<Connection>::reset_subscription_failures(SubscriptionId id) {
  return OutboundQueries<Connection>::reset_subscription_failures(m_connection, id);
}

template <class Connection>
Result<bool> SqlWriteTransaction<Connection>::disable_subscription(SubscriptionId id, Timestamp at) {
  return OutboundQueries<Connection>::disable_subscription(m_connection, id, at);
}

template <class Connection>
Result<bool> SqlWriteTransaction<Connection>::enable_subscription(SubscriptionId id) {
  return OutboundQueries<Connection>::enable_subscription(m_connection, id);
}

template <class Connection>
Result<void> SqlWriteTransaction<Connection>::upsert_vendor_attestation(const VendorAttestation& attestation) {
  return OutboundQueries<Connection>::upsert_vendor_attestation(m_connection, attestation);
}

template <class Connection>
Result<std::optional<std::int64_t>> SqlWriteTransaction<Connection>::outbox_journal_position() {
  return OutboundQueries<Connection>::outbox_journal_position(m_connection);
}

template <class Connection>
Result<void> SqlWriteTransaction<Connection>::advance_outbox_journal_position(std::int64_t from, std::int64_t to) {
  return OutboundQueries<Connection>::advance_outbox_journal_position(m_connection, from, to);
}

template <class Connection>
Result<OutboxId> SqlWriteTransaction<Connection>::insert_outbox_message(const NewOutboxMessage& message) {
  return OutboundQueries<Connection>::insert_outbox_message(m_connection, message);
}

template <class Connection>
Result<std::vector<OutboxMessage>> SqlWriteTransaction<Connection>::lease_outbox(const LeaseRequest& request) {
  return OutboundQueries<Connection>::lease_outbox(m_connection, request);
}

template <class Connection>
Result<void> SqlWriteTransaction<Connection>::complete_outbox_message(const OutboxMessage& message, Timestamp now) {
  return OutboundQueries<Connection>::complete_outbox_message(m_connection, message, now);
}

template <class Connection>
Result<void> SqlWriteTransaction<Connection>::fail_outbox_message(const OutboxMessage& message, std::string_view error, Timestamp now,
                                                                  std::optional<Timestamp> retry_at) {
  return OutboundQueries<Connection>::fail_outbox_message(m_connection, message, error, now, retry_at);
}

template <class Connection>
Result<void> SqlWriteTransaction<Connection>::block_outbox_message(const OutboxMessage& message, std::string_view reason,
                                                                   Timestamp now) {
  return OutboundQueries<Connection>::block_outbox_message(m_connection, message, reason, now);
}

template <class Connection>
Result<NotificationId> SqlWriteTransaction<Connection>::insert_notification(const Notification& notification) {
  m_changes.notifications = true;
  return AutomationQueries<Connection>::insert_notification(m_connection, notification);
}

template <class Connection>
Result<void> SqlWriteTransaction<Connection>::upsert_interview(const Interview& interview) {
  return AutomationQueries<Connection>::upsert_interview(m_connection, interview);
}

template <class Connection>
Result<std::optional<Interview>> SqlWriteTransaction<Connection>::find_interview(std::string_view connector,
                                                                                std::string_view object) {
  return AutomationQueries<Connection>::find_interview(m_connection, connector, object);
}

template <class Connection>
Result<std::int64_t> SqlWriteTransaction<Connection>::latest_rule_set_version() {
  return AutomationQueries<Connection>::latest_rule_set_version(m_connection);
}

template <class Connection>
Result<void> SqlWriteTransaction<Connection>::insert_rule_set(const StoredRuleSet& rules) {
  return AutomationQueries<Connection>::insert_rule_set(m_connection, rules);
}

template <class Connection>
Result<std::int64_t> SqlWriteTransaction<Connection>::mark_notifications_read(std::string_view recipient,
                                                                              const std::vector<NotificationId>& ids,
                                                                              Timestamp at) {
  return AutomationQueries<Connection>::mark_notifications_read(m_connection, recipient, ids, at);
}

template <class Connection>
Result<SuppressionWindowId> SqlWriteTransaction<Connection>::insert_suppression_window(
    const SuppressionWindow& window) {
  return AutomationQueries<Connection>::insert_suppression_window(m_connection, window);
}

template <class Connection>
Result<std::optional<SuppressionWindow>> SqlWriteTransaction<Connection>::find_suppression_window(
    SuppressionWindowId id) {
  return AutomationQueries<Connection>::suppression_window(m_connection, id);
}

template <class Connection>
Result<void> SqlWriteTransaction<Connection>::update_suppression_window(const SuppressionWindow& window) {
  return AutomationQueries<Connection>::update_suppression_window(m_connection, window);
}

template <class Connection>
Result<bool> SqlWriteTransaction<Connection>::delete_suppression_window(SuppressionWindowId id) {
  return AutomationQueries<Connection>::delete_suppression_window(m_connection, id);
}

template <class Connection>
Result<std::vector<SuppressionWindow>> SqlWriteTransaction<Connection>::unsettled_suppression_windows() {
  return AutomationQueries<Connection>::unsettled_suppression_windows(m_connection);
}

template <class Connection>
Result<SuppressedEscalationId> SqlWriteTransaction<Connection>::insert_suppressed_escalation(
    const SuppressedEscalation& escalation) {
  return AutomationQueries<Connection>::insert_suppressed_escalation(m_connection, escalation);
}

template <class Connection>
Result<std::vector<SuppressedEscalation>> SqlWriteTransaction<Connection>::held_escalations(
    SuppressionWindowId window) {
  return AutomationQueries<Connection>::held_escalations(m_connection, window);
}

template <class Connection>
Result<void> SqlWriteTransaction<Connection>::settle_suppressed_escalation(SuppressedEscalationId id,
                                                                          SuppressedState state, Timestamp at) {
  return AutomationQueries<Connection>::settle_suppressed_escalation(m_connection, id, state, at);
}

template <class Connection>
Result<LegalHoldId> SqlWriteTransaction<Connection>::insert_legal_hold(const LegalHold& hold) {
  return ComplianceQueries<Connection>::insert_legal_hold(m_connection, hold);
}

template <class Connection>
Result<std::optional<LegalHold>> SqlWriteTransaction<Connection>::find_legal_hold(LegalHoldId id) {
  return ComplianceQueries<Connection>::legal_hold(m_connection, id);
}

template <class Connection>
Result<void> SqlWriteTransaction<Connection>::update_legal_hold(const LegalHold& hold) {
  return ComplianceQueries<Connection>::update_legal_hold(m_connection, hold);
}

template <class Connection>
Result<std::vector<LegalHold>> SqlWriteTransaction<Connection>::active_legal_holds() {
  return ComplianceQueries<Connection>::active_legal_holds(m_connection);
}

template <class Connection>
Result<ErasureRequestId> SqlWriteTransaction<Connection>::insert_erasure_request(const ErasureRequest& request) {
  return ComplianceQueries<Connection>::insert_erasure_request(m_connection, request);
}

template <class Connection>
Result<std::optional<ErasureRequest>> SqlWriteTransaction<Connection>::find_erasure_request(ErasureRequestId id) {
  return ComplianceQueries<Connection>::erasure_request(m_connection, id);
}

template <class Connection>
Result<void> SqlWriteTransaction<Connection>::update_erasure_request(const ErasureRequest& request) {
  return ComplianceQueries<Connection>::update_erasure_request(m_connection, request);
}

template <class Connection>
Result<std::vector<ErasureRequest>> SqlWriteTransaction<Connection>::erasure_requests_in(ErasureStatus status) {
  return ComplianceQueries<Connection>::erasure_requests_in(m_connection, status);
}

template <class Connection>
Result<SavedViewId> SqlWriteTransaction<Connection>::insert_saved_view(const SavedView& view) {
  return ViewQueries<Connection>::insert_view(m_connection, view);
}

template <class Connection>
Result<std::optional<SavedView>> SqlWriteTransaction<Connection>::find_saved_view(SavedViewId id) {
  return ViewQueries<Connection>::view(m_connection, id);
}

template <class Connection>
Result<void> SqlWriteTransaction<Connection>::update_saved_view(const SavedView& view) {
  return ViewQueries<Connection>::update_view(m_connection, view);
}

template <class Connection>
Result<bool> SqlWriteTransaction<Connection>::delete_saved_view(SavedViewId id) {
  return ViewQueries<Connection>::delete_view(m_connection, id);
}

template <class Connection>
Result<std::vector<JournalEntry>> SqlWriteTransaction<Connection>::ticket_journal(TicketId id) {
  return Queries<Connection>::ticket_journal(m_connection, id);
}

template <class Connection>
Result<void> SqlWriteTransaction<Connection>::store_redacted_journal_entry(const JournalEntry& entry) {
  return ComplianceQueries<Connection>::store_redacted_journal_entry(m_connection, entry);
}

template <class Connection>
Result<std::int64_t> SqlWriteTransaction<Connection>::redact_comments(TicketId ticket, std::string_view marker) {
  return ComplianceQueries<Connection>::redact_comments(m_connection, ticket, marker);
}

template <class Connection>
Result<std::int64_t> SqlWriteTransaction<Connection>::redact_notifications(TicketId ticket, std::string_view marker) {
  return ComplianceQueries<Connection>::redact_notifications(m_connection, ticket, marker);
}

template <class Connection>
Result<bool> SqlWriteTransaction<Connection>::delete_ticket(TicketId id) {
  auto deleted = ComplianceQueries<Connection>::delete_ticket(m_connection, m_changes.summaries, id);
  if (deleted && *deleted) m_changes.text[id.value] = true;  // its full-text entry goes too
  return deleted;
}

template <class Connection>
Result<std::int64_t> SqlWriteTransaction<Connection>::redact_deliveries(const CandidateRef& candidate,
                                                                       std::string_view marker) {
  return ComplianceQueries<Connection>::redact_deliveries(m_connection, candidate, marker);
}

template <class Connection>
Result<IncidentId> SqlWriteTransaction<Connection>::insert_incident(const Incident& incident) {
  return IncidentQueries<Connection>::insert_incident(m_connection, incident);
}

template <class Connection>
Result<std::optional<Incident>> SqlWriteTransaction<Connection>::find_incident(IncidentId id) {
  return IncidentQueries<Connection>::incident(m_connection, id);
}

template <class Connection>
Result<void> SqlWriteTransaction<Connection>::update_incident(const Incident& incident) {
  return IncidentQueries<Connection>::update_incident(m_connection, incident);
}

template <class Connection>
Result<void> SqlWriteTransaction<Connection>::append_incident_update(IncidentId incident,
                                                                    const IncidentUpdate& update) {
  return IncidentQueries<Connection>::append_incident_update(m_connection, incident, update);
}

template <class Connection>
Result<std::optional<IncidentId>> SqlWriteTransaction<Connection>::link_incident_ticket(IncidentId incident,
                                                                                         TicketId ticket,
                                                                                         Timestamp at) {
  return IncidentQueries<Connection>::link_incident_ticket(m_connection, incident, ticket, at);
}

template <class Connection>
Result<bool> SqlWriteTransaction<Connection>::unlink_incident_ticket(IncidentId incident, TicketId ticket) {
  return IncidentQueries<Connection>::unlink_incident_ticket(m_connection, incident, ticket);
}

template <class Connection>
Result<std::vector<Incident>> SqlWriteTransaction<Connection>::incidents_to_sweep() {
  return IncidentQueries<Connection>::incidents_to_sweep(m_connection);
}

template <class Connection>
Result<void> SqlWriteTransaction<Connection>::insert_change(const ChangeRecord& change) {
  return IncidentQueries<Connection>::insert_change(m_connection, change);
}

template <class Connection>
Result<std::optional<ChangeRecord>> SqlWriteTransaction<Connection>::find_change(std::string_view id) {
  return IncidentQueries<Connection>::change(m_connection, id);
}

template <class Connection>
Result<std::optional<std::string>> SqlWriteTransaction<Connection>::link_change_ticket(std::string_view change,
                                                                                        TicketId ticket,
                                                                                        Timestamp at) {
  return IncidentQueries<Connection>::link_change_ticket(m_connection, change, ticket, at);
}

template <class Connection>
Result<std::vector<IncidentId>> SqlWriteTransaction<Connection>::incident_ids() {
  return IncidentQueries<Connection>::incident_ids(m_connection);
}

template <class Connection>
Result<std::vector<ChangeRecord>> SqlWriteTransaction<Connection>::all_changes() {
  return IncidentQueries<Connection>::changes(m_connection, std::numeric_limits<std::int32_t>::max());
}

template <class Connection>
Result<void> SqlWriteTransaction<Connection>::replace_incident_update_message(IncidentId incident,
                                                                              std::string_view from,
                                                                              std::string_view to) {
  return IncidentQueries<Connection>::replace_incident_update_message(m_connection, incident, from, to);
}

template <class Connection>
Result<void> SqlWriteTransaction<Connection>::update_change_summary(std::string_view id, std::string_view summary) {
  return IncidentQueries<Connection>::update_change_summary(m_connection, id, summary);
}

template class SqlWriteTransaction<sqlite::Connection>;
template class SqlWriteTransaction<postgresql::Connection>;

}  // namespace snag::sql
