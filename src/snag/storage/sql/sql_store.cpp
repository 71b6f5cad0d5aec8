#include <snag/storage/postgresql/connection.hpp>
#include <snag/storage/sql/access_log_queries.hpp>
#include <snag/storage/sql/automation_queries.hpp>
#include <snag/storage/sql/compliance_queries.hpp>
#include <snag/storage/sql/identity_queries.hpp>
#include <snag/storage/sql/incident_queries.hpp>
#include <snag/storage/sql/integration_queries.hpp>
#include <snag/storage/sql/outbound_queries.hpp>
#include <snag/storage/sql/queries.hpp>
#include <snag/storage/sql/sql_store.hpp>
#include <snag/storage/sql/view_queries.hpp>
#include <snag/storage/sql/volume_queries.hpp>
#include <snag/storage/sqlite/connection.hpp>

namespace snag::sql {

template <class Connection>
SqlStore<Connection>::SqlStore(std::unique_ptr<Connection> writer, JournalHead head, BatchSteps<Connection> steps,
                               StoreParts<Connection> parts)
    : m_watch_other_writers(std::move(parts.watch_other_writers)),
      m_leader_lock(std::move(parts.leader_lock)),
      m_readers(std::move(parts.open_reader), parts.max_readers),
      m_writer(std::move(writer), std::move(head), [&] {
        steps.after_commit = [listeners = m_listeners] { listeners->notify(); };
        return std::move(steps);
      }()) {}

template <class Connection>
template <class Read>
auto SqlStore<Connection>::with_reader(Read&& read) -> decltype(read(std::declval<Connection&>())) {
  auto result = [&]() -> decltype(read(std::declval<Connection&>())) {
    auto lease = m_readers.acquire();
    if (!lease) return tl::unexpected(lease.error());
    return read(**lease);
  }();
  // The read may have seen a commit that is not durable yet; its answer waits for it.
  if (!ReadsForAWrite::on_this_thread()) m_writer.await_visible_commits();
  return result;
}

template <class Connection>
Result<void> SqlStore<Connection>::write(WriteWork work) { return m_writer.submit(std::move(work)); }

template <class Connection>
void SqlStore<Connection>::write_async(WriteWork work, WriteDone done) {
  m_writer.submit_async(std::move(work), std::move(done));
}

template <class Connection>
std::vector<Result<void>> SqlStore<Connection>::write_all(std::vector<WriteWork> works) {
  return m_writer.submit_all(std::move(works));
}

template <class Connection>
Result<std::optional<Ticket>> SqlStore<Connection>::find_ticket(TicketId id) {
  return with_reader([&](Connection& connection) { return Queries<Connection>::ticket(connection, id); });
}

template <class Connection>
Result<TicketPage> SqlStore<Connection>::list_tickets(const TicketQuery& query) {
  return with_reader([&](Connection& connection) { return Queries<Connection>::ticket_page(connection, query); });
}

template <class Connection>
Result<std::vector<TypeTotals>> SqlStore<Connection>::type_totals(const TicketQuery& query, Timestamp now) {
  return with_reader(
      [&](Connection& connection) { return Queries<Connection>::type_totals(connection, query, now); });
}

template <class Connection>
Result<std::vector<WeekCount>> SqlStore<Connection>::weekly_counts(const TicketQuery& query, Timestamp origin,
                                                                    WeeklyCountKey key) {
  return with_reader(
      [&](Connection& connection) { return Queries<Connection>::weekly_counts(connection, query, origin, key); });
}

template <class Connection>
Result<std::vector<VolumeRow>> SqlStore<Connection>::ticket_volume(const TicketQuery& query, VolumeGrouping grouping,
                                                                   Timestamp now) {
  return with_reader([&](Connection& connection) {
    return VolumeQueries<Connection>::ticket_volume(connection, query, grouping, now);
  });
}

template <class Connection>
Result<WithdrawalCounts> SqlStore<Connection>::withdrawal_counts(const TicketQuery& query,
                                                                 std::optional<Timestamp> from,
                                                                 std::optional<Timestamp> to) {
  return with_reader([&](Connection& connection) {
    return Queries<Connection>::withdrawal_counts(connection, query, from, to);
  });
}

template <class Connection>
Result<std::vector<JournalEntry>> SqlStore<Connection>::ticket_journal(TicketId id) {
  return with_reader([&](Connection& connection) { return Queries<Connection>::ticket_journal(connection, id); });
}

template <class Connection>
Result<std::optional<Candidate>> SqlStore<Connection>::find_candidate(const CandidateRef& ref) {
  return with_reader([&](Connection& connection) { return Queries<Connection>::candidate(connection, ref); });
}

template <class Connection>
Result<std::optional<ApiKeyRecord>> SqlStore<Connection>::find_api_key(std::string_view secret_hash) {
  return with_reader([&](Connection& connection) { return Queries<Connection>::api_key(connection, secret_hash); });
}

template <class Connection>
Result<std::vector<ApiKeyRecord>> SqlStore<Connection>::list_api_keys() {
  return with_reader([](Connection& connection) { return IdentityQueries<Connection>::api_keys(connection); });
}

template <class Connection>
Result<std::optional<UserRecord>> SqlStore<Connection>::find_user_by_name(std::string_view username) {
  return with_reader(
      [&](Connection& connection) { return IdentityQueries<Connection>::user_by_name(connection, username); });
}

template <class Connection>
Result<std::optional<UserRecord>> SqlStore<Connection>::find_user(UserId id) {
  return with_reader([&](Connection& connection) { return IdentityQueries<Connection>::user(connection, id); });
}

template <class Connection>
Result<std::optional<SessionRecord>> SqlStore<Connection>::find_session(std::string_view token_hash) {
  return with_reader(
      [&](Connection& connection) { return IdentityQueries<Connection>::session(connection, token_hash); });
}

template <class Connection>
Result<std::vector<UserRecord>> SqlStore<Connection>::list_users() {
  return with_reader([](Connection& connection) { return IdentityQueries<Connection>::users(connection); });
}

template <class Connection>
Result<std::vector<OAuthClientRecord>> SqlStore<Connection>::list_oauth_clients() {
  return with_reader([](Connection& connection) { return IdentityQueries<Connection>::oauth_clients(connection); });
}

template <class Connection>
Result<std::optional<OAuthClientRecord>> SqlStore<Connection>::find_oauth_client(std::string_view client_id) {
  return with_reader(
      [&](Connection& connection) { return IdentityQueries<Connection>::oauth_client(connection, client_id); });
}

template <class Connection>
Result<AccessLogPage> SqlStore<Connection>::access_log_page(const AccessLogQuery& query) {
  return with_reader([&](Connection& connection) { return AccessLogQueries<Connection>::page(connection, query); });
}

template <class Connection>
Result<void> SqlStore<Connection>::scan_access_log(const std::function<bool(const AccessEntry&)>& visit) {
  return with_reader([&](Connection& connection) { return AccessLogQueries<Connection>::scan(connection, visit); });
}

template <class Connection>
Result<void> SqlStore<Connection>::scan_journal(const std::function<bool(const JournalEntry&)>& visit) {
  return with_reader([&](Connection& connection) { return Queries<Connection>::scan_journal(connection, visit); });
}

template <class Connection>
Result<std::vector<JournalEntry>> SqlStore<Connection>::journal_after(std::int64_t after_seq, std::size_t limit) {
  return with_reader(
      [&](Connection& connection) { return Queries<Connection>::journal_after(connection, after_seq, limit); });
}

template <class Connection>
Result<std::int64_t> SqlStore<Connection>::last_journal_seq() {
  return with_reader([](Connection& connection) -> Result<std::int64_t> {
    auto head = Queries<Connection>::journal_head(connection);
    if (!head) return tl::unexpected(head.error());
    return head->seq;
  });
}

template <class Connection>
void SqlStore<Connection>::add_commit_listener(std::function<void()> listener) {
  m_listeners->add(std::move(listener));
  // Other nodes are watched only once someone listens: CLI commands never open the connection.
  std::call_once(m_watching, [this] {
    if (m_watch_other_writers) m_other_writers = m_watch_other_writers(m_listeners);
  });
}

template <class Connection>
Result<void> SqlStore<Connection>::ping() {
  return with_reader([](Connection& connection) -> Result<void> {
    auto statement = connection.prepare("SELECT 1");
    auto row = statement.step();
    if (!row) return tl::unexpected(row.error());
    return {};
  });
}

template <class Connection>
CommitStats SqlStore<Connection>::commit_stats() const { return m_writer.stats(); }

template <class Connection>
Result<std::optional<std::string>> SqlStore<Connection>::server_state(std::string_view name) {
  return with_reader([&](Connection& connection) { return IdentityQueries<Connection>::server_state(connection, name); });
}

template <class Connection>
Result<std::optional<Connector>> SqlStore<Connection>::find_connector(std::string_view id) {
  return with_reader([&](Connection& connection) { return IntegrationQueries<Connection>::connector(connection, id); });
}

template <class Connection>
Result<std::vector<Connector>> SqlStore<Connection>::list_connectors() {
  return with_reader([](Connection& connection) { return IntegrationQueries<Connection>::connectors(connection); });
}

template <class Connection>
Result<std::vector<ConnectorStats>> SqlStore<Connection>::connector_stats() {
  return with_reader([](Connection& connection) { return IntegrationQueries<Connection>::connector_stats(connection); });
}

template <class Connection>
Result<DeadLetterPage> SqlStore<Connection>::dead_letters(const DeadLetterQuery& query) {
  return with_reader([&](Connection& connection) { return IntegrationQueries<Connection>::dead_letters(connection, query); });
}

template <class Connection>
Result<std::optional<Delivery>> SqlStore<Connection>::find_delivery(DeliveryId id) {
  return with_reader([&](Connection& connection) { return IntegrationQueries<Connection>::delivery(connection, id); });
}

template <class Connection>
Result<std::vector<Reconciliation>> SqlStore<Connection>::open_reconciliations(std::size_t limit) {
  return with_reader([&](Connection& connection) { return IntegrationQueries<Connection>::open_reconciliations(connection, limit); });
}

template <class Connection>
Result<std::vector<Subscription>> SqlStore<Connection>::list_subscriptions() {
  return with_reader([](Connection& connection) { return OutboundQueries<Connection>::subscriptions(connection); });
}

template <class Connection>
Result<std::optional<Subscription>> SqlStore<Connection>::find_subscription(SubscriptionId id) {
  return with_reader([&](Connection& connection) { return OutboundQueries<Connection>::subscription(connection, id); });
}

template <class Connection>
Result<std::vector<VendorAttestation>> SqlStore<Connection>::list_vendor_attestations() {
  return with_reader([](Connection& connection) { return OutboundQueries<Connection>::vendor_attestations(connection); });
}

template <class Connection>
Result<std::optional<VendorAttestation>> SqlStore<Connection>::find_vendor_attestation(std::string_view vendor) {
  return with_reader([&](Connection& connection) { return OutboundQueries<Connection>::vendor_attestation(connection, vendor); });
}

template <class Connection>
Result<std::vector<OutboxStats>> SqlStore<Connection>::outbox_stats() {
  return with_reader([](Connection& connection) { return OutboundQueries<Connection>::outbox_stats(connection); });
}

template <class Connection>
Result<std::vector<OutboxMessage>> SqlStore<Connection>::outbox_messages(SubscriptionId subscription, std::size_t limit) {
  return with_reader([&](Connection& connection) { return OutboundQueries<Connection>::outbox_messages(connection, subscription, limit); });
}

template <class Connection>
Result<std::optional<std::int64_t>> SqlStore<Connection>::outbox_journal_position() {
  return with_reader([](Connection& connection) { return OutboundQueries<Connection>::outbox_journal_position(connection); });
}

template <class Connection>
Result<std::vector<TicketId>> SqlStore<Connection>::tickets_due_for_sla(Timestamp now, std::size_t limit) {
  return with_reader([&](Connection& connection) {
    return AutomationQueries<Connection>::tickets_due_for_sla(connection, now, limit);
  });
}

template <class Connection>
Result<NotificationPage> SqlStore<Connection>::notifications(const NotificationQuery& query) {
  return with_reader(
      [&](Connection& connection) { return AutomationQueries<Connection>::notifications(connection, query); });
}

template <class Connection>
Result<std::int64_t> SqlStore<Connection>::unread_notification_count(std::string_view recipient) {
  return with_reader([&](Connection& connection) {
    return AutomationQueries<Connection>::unread_notification_count(connection, recipient);
  });
}

template <class Connection>
Result<std::vector<Notification>> SqlStore<Connection>::notifications_after(NotificationId after, std::size_t limit) {
  return with_reader([&](Connection& connection) {
    return AutomationQueries<Connection>::notifications_after(connection, after, limit);
  });
}

template <class Connection>
Result<NotificationId> SqlStore<Connection>::last_notification_id() {
  return with_reader(
      [](Connection& connection) { return AutomationQueries<Connection>::last_notification_id(connection); });
}

template <class Connection>
Result<std::int64_t> SqlStore<Connection>::latest_rule_set_version() {
  return with_reader(
      [](Connection& connection) { return AutomationQueries<Connection>::latest_rule_set_version(connection); });
}

template <class Connection>
Result<std::optional<StoredRuleSet>> SqlStore<Connection>::find_rule_set(std::int64_t version) {
  return with_reader(
      [&](Connection& connection) { return AutomationQueries<Connection>::find_rule_set(connection, version); });
}

template <class Connection>
Result<std::vector<StoredRuleSet>> SqlStore<Connection>::rule_set_versions(std::size_t limit) {
  return with_reader(
      [&](Connection& connection) { return AutomationQueries<Connection>::rule_set_versions(connection, limit); });
}

template <class Connection>
Result<std::vector<SuppressionWindow>> SqlStore<Connection>::list_suppression_windows() {
  return with_reader(
      [](Connection& connection) { return AutomationQueries<Connection>::suppression_windows(connection); });
}

template <class Connection>
Result<std::optional<SuppressionWindow>> SqlStore<Connection>::find_suppression_window(SuppressionWindowId id) {
  return with_reader(
      [&](Connection& connection) { return AutomationQueries<Connection>::suppression_window(connection, id); });
}

template <class Connection>
Result<std::vector<SuppressedEscalation>> SqlStore<Connection>::suppressed_escalations(SuppressionWindowId window) {
  return with_reader([&](Connection& connection) {
    return AutomationQueries<Connection>::suppressed_escalations(connection, window);
  });
}

template <class Connection>
Result<std::vector<LegalHold>> SqlStore<Connection>::list_legal_holds() {
  return with_reader([](Connection& connection) { return ComplianceQueries<Connection>::legal_holds(connection); });
}

template <class Connection>
Result<std::optional<LegalHold>> SqlStore<Connection>::find_legal_hold(LegalHoldId id) {
  return with_reader([&](Connection& connection) { return ComplianceQueries<Connection>::legal_hold(connection, id); });
}

template <class Connection>
Result<std::optional<ErasureRequest>> SqlStore<Connection>::find_erasure_request(ErasureRequestId id) {
  return with_reader(
      [&](Connection& connection) { return ComplianceQueries<Connection>::erasure_request(connection, id); });
}

template <class Connection>
Result<std::vector<ErasureRequest>> SqlStore<Connection>::list_erasure_requests(std::size_t limit) {
  return with_reader(
      [&](Connection& connection) { return ComplianceQueries<Connection>::erasure_requests(connection, limit); });
}

template <class Connection>
Result<std::vector<SavedView>> SqlStore<Connection>::saved_views_for(std::string_view owner) {
  return with_reader([&](Connection& connection) { return ViewQueries<Connection>::views_for(connection, owner); });
}

template <class Connection>
Result<std::vector<RetentionSubject>> SqlStore<Connection>::retention_subjects(TicketId after, std::size_t limit) {
  return with_reader([&](Connection& connection) {
    return ComplianceQueries<Connection>::retention_subjects(connection, after, limit);
  });
}

template <class Connection>
Result<std::optional<Incident>> SqlStore<Connection>::find_incident(IncidentId id) {
  return with_reader([&](Connection& connection) { return IncidentQueries<Connection>::incident(connection, id); });
}

template <class Connection>
Result<IncidentPage> SqlStore<Connection>::list_incidents(const IncidentQuery& query) {
  return with_reader([&](Connection& connection) { return IncidentQueries<Connection>::incidents(connection, query); });
}

template <class Connection>
Result<std::optional<ChangeRecord>> SqlStore<Connection>::find_change(std::string_view id) {
  return with_reader([&](Connection& connection) { return IncidentQueries<Connection>::change(connection, id); });
}

template <class Connection>
Result<std::vector<ChangeRecord>> SqlStore<Connection>::list_changes(std::size_t limit) {
  return with_reader([&](Connection& connection) { return IncidentQueries<Connection>::changes(connection, limit); });
}

template <class Connection>
Result<ChangeLinks> SqlStore<Connection>::change_links(std::string_view id) {
  return with_reader([&](Connection& connection) { return IncidentQueries<Connection>::change_links(connection, id); });
}

template <class Connection>
Result<TicketLinks> SqlStore<Connection>::ticket_links(TicketId ticket) {
  return with_reader(
      [&](Connection& connection) { return IncidentQueries<Connection>::ticket_links(connection, ticket); });
}

template <class Connection>
Result<std::vector<ChangeDefects>> SqlStore<Connection>::change_defects(Timestamp from, Timestamp to) {
  return with_reader(
      [&](Connection& connection) { return IncidentQueries<Connection>::change_defects(connection, from, to); });
}

template class SqlStore<sqlite::Connection>;
template class SqlStore<postgresql::Connection>;

}  // namespace snag::sql
