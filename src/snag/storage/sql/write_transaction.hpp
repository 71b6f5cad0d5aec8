#pragma once
// The WriteTransaction handed to each work by the group-commit writer. It runs on the writer's
// connection inside the open batch transaction and the work's savepoint.

#include <cstdint>
#include <map>
#include <string>

#include <snag/app/ports/store.hpp>
#include <snag/storage/sql/access_log_queries.hpp>
#include <snag/storage/sql/queries.hpp>
#include <snag/storage/sql/summary_deltas.hpp>

namespace snag::sql {

// The tickets whose title or description a batch may have changed, by id: true when the ticket
// may already be in the full-text index (an update), false when it was inserted in the batch.
// SQLite's writer syncs tickets_fts from it; PostgreSQL's generated column needs no such help.
using TextChanges = std::map<std::int64_t, bool>;

// What a batch wrote that the writer acts on before it commits. Each work writes into one of
// its own, which the writer adds to the batch's when the work succeeds.
struct BatchChanges {
  TextChanges text;
  // A notification was stored: other nodes' event streams push it to its recipient
  // (app/event_hub.hpp), so they are told of the commit even if the journal did not grow.
  bool notifications = false;
  SummaryDeltas summaries;

  // Adds what a successful work wrote.
  void add(const BatchChanges& work);
};

// Not thread-safe: used only by the writer thread, for the duration of one work. `head` is the
// writer's journal head and `access_head` the access log's (empty until the batch's first
// append reads it), each advanced as entries are appended.
template <class Connection>
class SqlWriteTransaction final : public WriteTransaction {
 public:
  using Statement = typename Queries<Connection>::Statement;

  SqlWriteTransaction(Connection& connection, JournalHead& head, std::optional<AccessLogHead>& access_head,
                      BatchChanges& changes)
      : m_connection(connection), m_head(head), m_access_head(access_head), m_changes(changes) {}

  Result<std::optional<Ticket>> find_ticket(TicketId id) override;
  Result<TicketId> insert_ticket(const Ticket& ticket) override;
  Result<void> update_ticket(const Ticket& ticket) override;
  Result<Comment> insert_comment(TicketId ticket, std::string_view author, std::string_view body,
                                 Timestamp at) override;
  Result<void> append_journal(TicketId ticket, Timestamp at, std::string_view actor, std::string_view action,
                              const std::vector<FieldChange>& changes) override;
  Result<std::optional<IdempotencyRecord>> find_idempotency(std::string_view scope, std::string_view key) override;
  Result<void> save_idempotency(std::string_view scope, std::string_view key, const IdempotencyRecord& record,
                                Timestamp at) override;
  Result<bool> upsert_candidate(const Candidate& candidate) override;
  Result<ApiKeyId> insert_api_key(const ApiKeyRecord& key) override;
  Result<void> update_api_key(const ApiKeyRecord& key) override;
  Result<std::optional<ApiKeyRecord>> find_api_key_by_id(ApiKeyId id) override;
  Result<UserId> insert_user(const UserRecord& user) override;
  Result<void> update_user(const UserRecord& user) override;
  Result<std::optional<UserRecord>> find_user(UserId id) override;
  Result<void> insert_session(const SessionRecord& session) override;
  Result<void> delete_session(std::string_view token_hash) override;
  Result<std::int64_t> delete_user_sessions(UserId user) override;
  Result<std::int64_t> delete_expired_sessions(Timestamp now) override;
  Result<OAuthClientId> insert_oauth_client(const OAuthClientRecord& client) override;
  Result<void> revoke_oauth_client(std::string_view client_id) override;
  Result<std::string> server_secret(std::string_view name, std::string_view value_if_absent, Timestamp now) override;
  Result<std::optional<std::string>> server_state(std::string_view name) override;
  Result<void> put_server_state(std::string_view name, std::string_view value, Timestamp now) override;
  Result<void> append_access_log(std::vector<AccessEntry> entries) override;
  Result<std::optional<JobId>> enqueue_job(const NewJob& job, Timestamp now) override;
  Result<std::vector<Job>> lease_jobs(const LeaseRequest& request) override;
  Result<void> complete_job(const Job& job, Timestamp now) override;
  Result<void> fail_job(const Job& job, std::string_view error, Timestamp now, Timestamp retry_at) override;
  Result<void> insert_connector(const Connector& connector) override;
  Result<void> update_connector(const Connector& connector) override;
  Result<std::optional<Connector>> find_connector(std::string_view id) override;
  Result<bool> insert_delivery(const NewDelivery& delivery) override;
  Result<std::vector<Delivery>> lease_deliveries(const LeaseRequest& request) override;
  Result<void> complete_delivery(const Delivery& delivery, Timestamp now) override;
  Result<void> fail_delivery(const Delivery& delivery, std::string_view error, Timestamp now,std::optional<Timestamp> retry_at) override;
  Result<std::int64_t> replay_dead_deliveries(std::optional<DeliveryId> id, const std::optional<std::string>& connector, Timestamp now) override;
  Result<std::optional<Timestamp>> object_applied_at(std::string_view connector, std::string_view object) override;
  Result<void> set_object_applied_at(std::string_view connector, std::string_view object, Timestamp at) override;
  Result<std::optional<std::string>> merged_into(const CandidateRef& ref) override;
  Result<void> record_candidate_merge(const CandidateRef& from, std::string_view into_external_id, Timestamp at) override;
  Result<void> record_withdrawal(const CandidateRef& ref, Timestamp at) override;
  Result<std::vector<Ticket>> candidate_tickets(const CandidateRef& ref) override;
  Result<std::vector<TeamMemberLoad>> team_workload(std::string_view team) override;
  Result<ReconciliationId> insert_reconciliation(const Reconciliation& reconciliation) override;
  Result<std::vector<Reconciliation>> overdue_reconciliations(Timestamp created_before) override;
  Result<void> update_reconciliation(const Reconciliation& reconciliation) override;
  Result<void> resolve_reconciliations(const CandidateRef& candidate, Timestamp now) override;
  Result<std::optional<Candidate>> find_candidate(const CandidateRef& ref) override;
  // Outbound webhooks (outbound_queries.hpp).
  Result<SubscriptionId> insert_subscription(const Subscription& subscription) override;
  Result<bool> delete_subscription(SubscriptionId id) override;
  Result<std::vector<Subscription>> enabled_subscriptions() override;
  Result<std::optional<int>> count_subscription_failure(SubscriptionId id) override;
  Result<void> reset_subscription_failures(SubscriptionId id) override;
  Result<bool> disable_subscription(SubscriptionId id, Timestamp at) override;
  Result<bool> enable_subscription(SubscriptionId id) override;
  Result<void> upsert_vendor_attestation(const VendorAttestation& attestation) override;
  Result<std::optional<std::int64_t>> outbox_journal_position() override;
  Result<void> advance_outbox_journal_position(std::int64_t from, std::int64_t to) override;
  Result<OutboxId> insert_outbox_message(const NewOutboxMessage& message) override;
  Result<std::vector<OutboxMessage>> lease_outbox(const LeaseRequest& request) override;
  Result<void> complete_outbox_message(const OutboxMessage& message, Timestamp now) override;
  Result<void> fail_outbox_message(const OutboxMessage& message, std::string_view error, Timestamp now,
                                   std::optional<Timestamp> retry_at) override;
  Result<void> block_outbox_message(const OutboxMessage& message, std::string_view reason, Timestamp now) override;
  // Automation (automation_queries.hpp).
  Result<NotificationId> insert_notification(const Notification& notification) override;
  Result<void> upsert_interview(const Interview& interview) override;
  Result<std::optional<Interview>> find_interview(std::string_view connector, std::string_view object) override;
  Result<std::int64_t> latest_rule_set_version() override;
  Result<void> insert_rule_set(const StoredRuleSet& rules) override;
  Result<std::int64_t> mark_notifications_read(std::string_view recipient, const std::vector<NotificationId>& ids,
                                               Timestamp at) override;
  Result<SuppressionWindowId> insert_suppression_window(const SuppressionWindow& window) override;
  Result<std::optional<SuppressionWindow>> find_suppression_window(SuppressionWindowId id) override;
  Result<void> update_suppression_window(const SuppressionWindow& window) override;
  Result<bool> delete_suppression_window(SuppressionWindowId id) override;
  Result<std::vector<SuppressionWindow>> unsettled_suppression_windows() override;
  Result<SuppressedEscalationId> insert_suppressed_escalation(const SuppressedEscalation& escalation) override;
  Result<std::vector<SuppressedEscalation>> held_escalations(SuppressionWindowId window) override;
  Result<void> settle_suppressed_escalation(SuppressedEscalationId id, SuppressedState state, Timestamp at) override;
  Result<LegalHoldId> insert_legal_hold(const LegalHold& hold) override;
  Result<std::optional<LegalHold>> find_legal_hold(LegalHoldId id) override;
  Result<void> update_legal_hold(const LegalHold& hold) override;
  Result<std::vector<LegalHold>> active_legal_holds() override;
  Result<ErasureRequestId> insert_erasure_request(const ErasureRequest& request) override;
  Result<std::optional<ErasureRequest>> find_erasure_request(ErasureRequestId id) override;
  Result<void> update_erasure_request(const ErasureRequest& request) override;
  Result<std::vector<ErasureRequest>> erasure_requests_in(ErasureStatus status) override;
  Result<std::vector<JournalEntry>> ticket_journal(TicketId id) override;
  Result<void> store_redacted_journal_entry(const JournalEntry& entry) override;
  Result<std::int64_t> redact_comments(TicketId ticket, std::string_view marker) override;
  Result<std::int64_t> redact_notifications(TicketId ticket, std::string_view marker) override;
  Result<bool> delete_ticket(TicketId id) override;
  Result<std::int64_t> redact_deliveries(const CandidateRef& candidate, std::string_view marker) override;
  // Saved views (view_queries.hpp).
  Result<SavedViewId> insert_saved_view(const SavedView& view) override;
  Result<std::optional<SavedView>> find_saved_view(SavedViewId id) override;
  Result<void> update_saved_view(const SavedView& view) override;
  Result<bool> delete_saved_view(SavedViewId id) override;
  // Incidents (incident_queries.hpp).
  Result<IncidentId> insert_incident(const Incident& incident) override;
  Result<std::optional<Incident>> find_incident(IncidentId id) override;
  Result<void> update_incident(const Incident& incident) override;
  Result<void> append_incident_update(IncidentId incident, const IncidentUpdate& update) override;
  Result<std::optional<IncidentId>> link_incident_ticket(IncidentId incident, TicketId ticket, Timestamp at) override;
  Result<bool> unlink_incident_ticket(IncidentId incident, TicketId ticket) override;
  Result<std::vector<Incident>> incidents_to_sweep() override;
  Result<void> insert_change(const ChangeRecord& change) override;
  Result<std::optional<ChangeRecord>> find_change(std::string_view id) override;
  Result<std::optional<std::string>> link_change_ticket(std::string_view change, TicketId ticket,
                                                        Timestamp at) override;
  Result<std::vector<IncidentId>> incident_ids() override;
  Result<std::vector<ChangeRecord>> all_changes() override;
  Result<void> replace_incident_update_message(IncidentId incident, std::string_view from,
                                               std::string_view to) override;
  Result<void> update_change_summary(std::string_view id, std::string_view summary) override;

 private:
  // Stores the ticket's candidate as a stub when the store does not hold it yet.
  Result<void> keep_candidate_of(const Ticket& ticket);

  Connection& m_connection;
  JournalHead& m_head;
  std::optional<AccessLogHead>& m_access_head;
  BatchChanges& m_changes;
};

}  // namespace snag::sql
