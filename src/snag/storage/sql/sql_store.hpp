#pragma once
// The Store port over SQL, for both backends: a group-commit writer for writes and a pool of
// reader connections for reads. sqlite/ and postgresql/ open one with their connections.

#include <cstddef>
#include <memory>
#include <mutex>

#include <snag/app/ports/store.hpp>
#include <snag/storage/sql/commit_listeners.hpp>
#include <snag/storage/sql/group_commit_writer.hpp>
#include <snag/storage/sql/reader_pool.hpp>

namespace snag::sql {

// What a backend supplies besides its write connection.
template <class Connection>
struct StoreParts {
  typename ReaderPool<Connection>::Open open_reader;
  std::size_t max_readers = 8;
  WatchOtherWriters watch_other_writers;  // empty when no other process writes
  std::function<std::unique_ptr<LeaderLock>(std::string_view name)> leader_lock;
};

// Thread-safe, as the port requires.
template <class Connection>
class SqlStore final : public Store {
 public:
  // REQUIRES: `writer` is migrated and `head` is the end of its journal.
  SqlStore(std::unique_ptr<Connection> writer, JournalHead head, BatchSteps<Connection> steps,
           StoreParts<Connection> parts);

  Result<void> write(WriteWork work) override;
  std::vector<Result<void>> write_all(std::vector<WriteWork> works) override;
  void write_async(WriteWork work, WriteDone done) override;
  Result<std::optional<Ticket>> find_ticket(TicketId id) override;
  Result<TicketPage> list_tickets(const TicketQuery& query) override;
  Result<std::vector<TypeTotals>> type_totals(const TicketQuery& query, Timestamp now) override;
  Result<std::vector<WeekCount>> weekly_counts(const TicketQuery& query, Timestamp origin,
                                               WeeklyCountKey key) override;
  Result<std::vector<VolumeRow>> ticket_volume(const TicketQuery& query, VolumeGrouping grouping,
                                               Timestamp now) override;
  Result<WithdrawalCounts> withdrawal_counts(const TicketQuery& query, std::optional<Timestamp> from,
                                             std::optional<Timestamp> to) override;
  Result<std::vector<JournalEntry>> ticket_journal(TicketId id) override;
  Result<std::optional<Candidate>> find_candidate(const CandidateRef& ref) override;
  Result<std::optional<ApiKeyRecord>> find_api_key(std::string_view secret_hash) override;
  Result<std::vector<ApiKeyRecord>> list_api_keys() override;
  Result<std::optional<UserRecord>> find_user_by_name(std::string_view username) override;
  Result<std::optional<UserRecord>> find_user(UserId id) override;
  Result<std::vector<UserRecord>> list_users() override;
  Result<std::optional<SessionRecord>> find_session(std::string_view token_hash) override;
  Result<std::optional<OAuthClientRecord>> find_oauth_client(std::string_view client_id) override;
  Result<std::vector<OAuthClientRecord>> list_oauth_clients() override;
  Result<AccessLogPage> access_log_page(const AccessLogQuery& query) override;
  Result<std::optional<std::string>> server_state(std::string_view name) override;
  Result<std::optional<Connector>> find_connector(std::string_view id) override;
  Result<std::vector<Connector>> list_connectors() override;
  Result<std::vector<ConnectorStats>> connector_stats() override;
  Result<DeadLetterPage> dead_letters(const DeadLetterQuery& query) override;
  Result<std::optional<Delivery>> find_delivery(DeliveryId id) override;
  Result<std::vector<Reconciliation>> open_reconciliations(std::size_t limit) override;
  Result<void> scan_access_log(const std::function<bool(const AccessEntry&)>& visit) override;
  Result<void> scan_journal(const std::function<bool(const JournalEntry&)>& visit) override;
  Result<std::vector<JournalEntry>> journal_after(std::int64_t after_seq, std::size_t limit) override;
  Result<std::int64_t> last_journal_seq() override;
  void add_commit_listener(std::function<void()> listener) override;
  std::unique_ptr<LeaderLock> leader_lock(std::string_view name) override { return m_leader_lock(name); }
  Result<void> ping() override;
  CommitStats commit_stats() const override;
  // Outbound webhooks (outbound_queries.hpp).
  Result<std::vector<Subscription>> list_subscriptions() override;
  Result<std::optional<Subscription>> find_subscription(SubscriptionId id) override;
  Result<std::vector<VendorAttestation>> list_vendor_attestations() override;
  Result<std::optional<VendorAttestation>> find_vendor_attestation(std::string_view vendor) override;
  Result<std::vector<OutboxStats>> outbox_stats() override;
  Result<std::vector<OutboxMessage>> outbox_messages(SubscriptionId subscription, std::size_t limit) override;
  Result<std::optional<std::int64_t>> outbox_journal_position() override;
  // Automation (automation_queries.hpp).
  Result<std::vector<TicketId>> tickets_due_for_sla(Timestamp now, std::size_t limit) override;
  Result<NotificationPage> notifications(const NotificationQuery& query) override;
  Result<std::int64_t> unread_notification_count(std::string_view recipient) override;
  Result<std::vector<Notification>> notifications_after(NotificationId after, std::size_t limit) override;
  Result<NotificationId> last_notification_id() override;
  Result<std::int64_t> latest_rule_set_version() override;
  Result<std::optional<StoredRuleSet>> find_rule_set(std::int64_t version) override;
  Result<std::vector<StoredRuleSet>> rule_set_versions(std::size_t limit) override;
  Result<std::vector<SuppressionWindow>> list_suppression_windows() override;
  Result<std::optional<SuppressionWindow>> find_suppression_window(SuppressionWindowId id) override;
  Result<std::vector<SuppressedEscalation>> suppressed_escalations(SuppressionWindowId window) override;
  Result<std::vector<LegalHold>> list_legal_holds() override;
  Result<std::optional<LegalHold>> find_legal_hold(LegalHoldId id) override;
  Result<std::optional<ErasureRequest>> find_erasure_request(ErasureRequestId id) override;
  Result<std::vector<ErasureRequest>> list_erasure_requests(std::size_t limit) override;
  Result<std::vector<SavedView>> saved_views_for(std::string_view owner) override;
  Result<std::vector<RetentionSubject>> retention_subjects(TicketId after, std::size_t limit) override;
  // Incidents (incident_queries.hpp).
  Result<std::optional<Incident>> find_incident(IncidentId id) override;
  Result<IncidentPage> list_incidents(const IncidentQuery& query) override;
  Result<std::optional<ChangeRecord>> find_change(std::string_view id) override;
  Result<std::vector<ChangeRecord>> list_changes(std::size_t limit) override;
  Result<ChangeLinks> change_links(std::string_view id) override;
  Result<TicketLinks> ticket_links(TicketId ticket) override;
  Result<std::vector<ChangeDefects>> change_defects(Timestamp from, Timestamp to) override;

 private:
  // Runs `read` with a pooled reader connection; returns once every commit it could have seen is
  // durable (commit_syncer.hpp).
  template <class Read>
  auto with_reader(Read&& read) -> decltype(read(std::declval<Connection&>()));

  // Declared first so that they outlive the writer and the watcher that call them.
  std::shared_ptr<CommitListeners> m_listeners = std::make_shared<CommitListeners>();
  WatchOtherWriters m_watch_other_writers;
  std::function<std::unique_ptr<LeaderLock>(std::string_view name)> m_leader_lock;
  std::once_flag m_watching;
  // Declared before the writer so that the writer (and its final commits) goes first.
  ReaderPool<Connection> m_readers;
  GroupCommitWriter<Connection> m_writer;
  std::unique_ptr<OtherWriters> m_other_writers;  // started by the first listener
};

}  // namespace snag::sql
