#pragma once
// An in-memory Store for use-case tests: vectors and maps behind one mutex. A write works on
// a copy of the state and swaps it in only when the work succeeds, which is the rollback the
// port promises. The journal is sealed into a real hash chain, so chain checks run on it.
// The methods are written here, but only fake_store.cpp compiles them: it defines the
// destructors, so it alone emits the classes' virtual tables (a test file that uses the store
// would otherwise compile every method again).

#include <algorithm>
#include <limits>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "../support/manual_clock.hpp"

#include <snag/app/ports/store.hpp>
#include <snag/domain/access/access_log.hpp>
#include <snag/domain/journal.hpp>

namespace snag::testing {

struct FakeStoreState {
  std::vector<Ticket> tickets;  // tickets[i] has id i + 1
  std::vector<Comment> comments;
  std::vector<JournalEntry> journal;
  std::int64_t last_event = 0;
  std::map<std::string, Candidate> candidates;  // by "ats:external_id"
  std::map<std::string, Timestamp> withdrawals;  // by "ats:external_id": the first withdrawal
  std::vector<ApiKeyRecord> api_keys;           // api_keys[i] has id i + 1
  std::map<std::pair<std::string, std::string>, IdempotencyRecord> idempotency;
  std::vector<UserRecord> users;                  // users[i] has id i + 1
  std::map<std::string, SessionRecord> sessions;  // by token hash
  std::vector<OAuthClientRecord> oauth_clients;   // oauth_clients[i] has id i + 1
  std::map<std::string, std::string> server_secrets;
  std::map<std::string, std::string> server_state;
  std::vector<AccessEntry> access_log;  // access_log[i] has seq i + 1
  std::vector<Notification> notifications;  // notifications[i] has id i + 1
  std::map<std::pair<std::string, std::string>, Interview> interviews;  // by connector and object
  std::map<std::int64_t, StoredRuleSet> rule_sets;                       // by version
  // Windows may be deleted (with their escalations), so these are keyed by id.
  std::map<std::int64_t, SuppressionWindow> suppression_windows;
  std::int64_t last_window_id = 0;
  std::map<std::int64_t, SuppressedEscalation> suppressed_escalations;
  std::int64_t last_escalation_id = 0;
  std::map<std::int64_t, SavedView> saved_views;  // by id; views may be deleted
  std::int64_t last_view_id = 0;
};

class FakeWriteTransaction final : public WriteTransaction {
 public:
  explicit FakeWriteTransaction(FakeStoreState& state) : m_state(state) {}
  ~FakeWriteTransaction() override;  // in fake_store.cpp, the one file that compiles the methods

  Result<std::optional<Ticket>> find_ticket(TicketId id) override {
    if (id.value < 1 || id.value > static_cast<std::int64_t>(m_state.tickets.size())) return std::nullopt;
    return m_state.tickets[static_cast<std::size_t>(id.value - 1)];
  }

  Result<TicketId> insert_ticket(const Ticket& ticket) override {
    keep_candidate_of(ticket);
    m_state.tickets.push_back(ticket);
    m_state.tickets.back().id = TicketId{static_cast<std::int64_t>(m_state.tickets.size())};
    return m_state.tickets.back().id;
  }

  Result<void> update_ticket(const Ticket& ticket) override {
    if (ticket.id.value < 1 || ticket.id.value > static_cast<std::int64_t>(m_state.tickets.size())) {
      return fail(ErrorCode::not_found, "no such ticket");
    }
    keep_candidate_of(ticket);
    m_state.tickets[static_cast<std::size_t>(ticket.id.value - 1)] = ticket;
    return {};
  }

  Result<Comment> insert_comment(TicketId ticket, std::string_view author, std::string_view body,
                                 Timestamp at) override {
    Comment comment{CommentId{static_cast<std::int64_t>(m_state.comments.size() + 1)}, ticket, std::string(author),
                    std::string(body), at};
    m_state.comments.push_back(comment);
    return comment;
  }

  Result<void> append_journal(TicketId ticket, Timestamp at, std::string_view actor, std::string_view action,
                              const std::vector<FieldChange>& changes) override {
    const std::int64_t event = ++m_state.last_event;
    for (const auto& change : changes) {
      JournalEntry entry;
      entry.seq = static_cast<std::int64_t>(m_state.journal.size() + 1);
      entry.ticket = ticket;
      entry.event = event;
      entry.at = at;
      entry.actor = std::string(actor);
      entry.action = std::string(action);
      entry.field = change.field;
      entry.old_value = change.old_value;
      entry.new_value = change.new_value;
      seal_journal_entry(entry, m_state.journal.empty() ? k_genesis_hash : m_state.journal.back().hash);
      m_state.journal.push_back(std::move(entry));
    }
    return {};
  }

  Result<std::optional<IdempotencyRecord>> find_idempotency(std::string_view scope, std::string_view key) override {
    const auto it = m_state.idempotency.find({std::string(scope), std::string(key)});
    if (it == m_state.idempotency.end()) return std::nullopt;
    return it->second;
  }

  Result<void> save_idempotency(std::string_view scope, std::string_view key, const IdempotencyRecord& record,
                                Timestamp) override {
    m_state.idempotency[{std::string(scope), std::string(key)}] = record;
    return {};
  }

  Result<bool> upsert_candidate(const Candidate& candidate) override {
    const auto [it, created] = m_state.candidates.insert_or_assign(to_string(candidate.ref), candidate);
    return created;
  }

  Result<ApiKeyId> insert_api_key(const ApiKeyRecord& key) override {
    for (const auto& existing : m_state.api_keys) {
      if (existing.secret_hash == key.secret_hash) return fail(ErrorCode::conflict, "duplicate API key");
    }
    m_state.api_keys.push_back(key);
    m_state.api_keys.back().id = ApiKeyId{static_cast<std::int64_t>(m_state.api_keys.size())};
    return m_state.api_keys.back().id;
  }

  Result<void> update_api_key(const ApiKeyRecord& key) override {
    ApiKeyRecord* existing = at(m_state.api_keys, key.id.value);
    if (existing == nullptr)
      return fail(ErrorCode::not_found, "API key " + std::to_string(key.id.value) + " does not exist");
    existing->expires_at = key.expires_at;
    existing->revoked = key.revoked;
    existing->replaced_by = key.replaced_by;
    existing->last_used_at = key.last_used_at;
    return {};
  }

  Result<std::optional<ApiKeyRecord>> find_api_key_by_id(ApiKeyId id) override {
    const ApiKeyRecord* key = at(m_state.api_keys, id.value);
    if (key == nullptr) return std::nullopt;
    return *key;
  }

  Result<std::optional<UserRecord>> find_user(UserId id) override {
    const UserRecord* user = at(m_state.users, id.value);
    if (user == nullptr) return std::nullopt;
    return *user;
  }

  Result<UserId> insert_user(const UserRecord& user) override {
    for (const auto& existing : m_state.users) {
      if (existing.username == user.username) return fail(ErrorCode::conflict, "user '" + user.username + "' exists");
    }
    m_state.users.push_back(user);
    m_state.users.back().id = UserId{static_cast<std::int64_t>(m_state.users.size())};
    return m_state.users.back().id;
  }

  Result<void> update_user(const UserRecord& user) override {
    UserRecord* existing = at(m_state.users, user.id.value);
    if (existing == nullptr)
      return fail(ErrorCode::not_found, "user " + std::to_string(user.id.value) + " does not exist");
    existing->display_name = user.display_name;
    existing->role = user.role;
    existing->team = user.team;
    existing->password_hash = user.password_hash;
    existing->disabled = user.disabled;
    return {};
  }

  Result<void> insert_session(const SessionRecord& session) override {
    if (at(m_state.users, session.user.value) == nullptr) {
      return fail(ErrorCode::not_found, "user " + std::to_string(session.user.value) + " does not exist");
    }
    if (!m_state.sessions.emplace(session.token_hash, session).second) {
      return fail(ErrorCode::conflict, "a session with that token exists");
    }
    return {};
  }

  Result<void> delete_session(std::string_view token_hash) override {
    m_state.sessions.erase(std::string(token_hash));
    return {};
  }

  Result<std::int64_t> delete_user_sessions(UserId user) override {
    return static_cast<std::int64_t>(
        std::erase_if(m_state.sessions, [&](const auto& entry) { return entry.second.user == user; }));
  }

  Result<std::int64_t> delete_expired_sessions(Timestamp now) override {
    return static_cast<std::int64_t>(
        std::erase_if(m_state.sessions, [&](const auto& entry) { return entry.second.expires_at <= now; }));
  }

  Result<OAuthClientId> insert_oauth_client(const OAuthClientRecord& client) override {
    for (const auto& existing : m_state.oauth_clients) {
      if (existing.client_id == client.client_id) {
        return fail(ErrorCode::conflict, "OAuth client '" + client.client_id + "' exists");
      }
    }
    m_state.oauth_clients.push_back(client);
    m_state.oauth_clients.back().id = OAuthClientId{static_cast<std::int64_t>(m_state.oauth_clients.size())};
    return m_state.oauth_clients.back().id;
  }

  Result<void> revoke_oauth_client(std::string_view client_id) override {
    for (auto& client : m_state.oauth_clients) {
      if (client.client_id != client_id) continue;
      client.revoked = true;
      return {};
    }
    return fail(ErrorCode::not_found, "there is no OAuth client '" + std::string(client_id) + "'");
  }

  Result<std::string> server_secret(std::string_view name, std::string_view value_if_absent, Timestamp) override {
    return m_state.server_secrets.try_emplace(std::string(name), value_if_absent).first->second;
  }

  Result<std::optional<std::string>> server_state(std::string_view name) override {
    const auto found = m_state.server_state.find(std::string(name));
    if (found == m_state.server_state.end()) return std::nullopt;
    return found->second;
  }

  Result<void> put_server_state(std::string_view name, std::string_view value, Timestamp) override {
    m_state.server_state[std::string(name)] = std::string(value);
    return {};
  }

  Result<void> append_access_log(std::vector<AccessEntry> entries) override {
    for (auto& entry : entries) {
      entry.seq = static_cast<std::int64_t>(m_state.access_log.size() + 1);
      seal_access_entry(entry, m_state.access_log.empty() ? k_genesis_hash : m_state.access_log.back().hash);
      m_state.access_log.push_back(std::move(entry));
    }
    return {};
  }

  // The use cases under test here enqueue no jobs; the job queue is tested against the real
  // stores (tests/unit/jobs), so the fake refuses rather than pretending.
  Result<std::optional<JobId>> enqueue_job(const NewJob&, Timestamp) override { return no_jobs(); }
  Result<std::vector<Job>> lease_jobs(const LeaseRequest&) override { return no_jobs(); }
  Result<void> complete_job(const Job&, Timestamp) override { return no_jobs(); }
  Result<void> fail_job(const Job&, std::string_view, Timestamp, Timestamp) override { return no_jobs(); }

  // Nor do they touch the ATS integration, which is tested against the real stores.
  Result<void> insert_connector(const Connector&) override { return no_jobs(); }
  Result<void> update_connector(const Connector&) override { return no_jobs(); }
  Result<std::optional<Connector>> find_connector(std::string_view) override { return no_jobs(); }
  Result<bool> insert_delivery(const NewDelivery&) override { return no_jobs(); }
  Result<std::vector<Delivery>> lease_deliveries(const LeaseRequest&) override { return no_jobs(); }
  Result<void> complete_delivery(const Delivery&, Timestamp) override { return no_jobs(); }
  Result<void> fail_delivery(const Delivery&, std::string_view, Timestamp, std::optional<Timestamp>) override {
    return no_jobs();
  }
  Result<std::int64_t> replay_dead_deliveries(std::optional<DeliveryId>, const std::optional<std::string>&,
                                              Timestamp) override {
    return no_jobs();
  }
  Result<std::optional<Timestamp>> object_applied_at(std::string_view, std::string_view) override { return no_jobs(); }
  Result<void> set_object_applied_at(std::string_view, std::string_view, Timestamp) override { return no_jobs(); }
  Result<std::optional<Candidate>> find_candidate(const CandidateRef&) override { return no_jobs(); }
  Result<std::optional<std::string>> merged_into(const CandidateRef&) override { return no_jobs(); }
  Result<void> record_candidate_merge(const CandidateRef&, std::string_view, Timestamp) override { return no_jobs(); }
  Result<void> record_withdrawal(const CandidateRef& ref, Timestamp at) override {
    const auto [it, first] = m_state.withdrawals.emplace(to_string(ref), at);
    if (!first && at < it->second) it->second = at;
    return {};
  }
  Result<std::vector<Ticket>> candidate_tickets(const CandidateRef&) override { return no_jobs(); }
  Result<std::vector<TeamMemberLoad>> team_workload(std::string_view) override { return no_jobs(); }
  Result<ReconciliationId> insert_reconciliation(const Reconciliation&) override { return no_jobs(); }
  Result<std::vector<Reconciliation>> overdue_reconciliations(Timestamp) override { return no_jobs(); }
  Result<void> update_reconciliation(const Reconciliation&) override { return no_jobs(); }
  Result<void> resolve_reconciliations(const CandidateRef&, Timestamp) override { return no_jobs(); }

  // Nor outgoing webhooks, tested against the real stores too (tests/unit/outbound).
  Result<SubscriptionId> insert_subscription(const Subscription&) override { return no_jobs(); }
  Result<bool> delete_subscription(SubscriptionId) override { return no_jobs(); }
  Result<std::vector<Subscription>> enabled_subscriptions() override { return no_jobs(); }
  Result<std::optional<int>> count_subscription_failure(SubscriptionId) override { return no_jobs(); }
  Result<void> reset_subscription_failures(SubscriptionId) override { return no_jobs(); }
  Result<bool> disable_subscription(SubscriptionId, Timestamp) override { return no_jobs(); }
  Result<bool> enable_subscription(SubscriptionId) override { return no_jobs(); }
  Result<void> upsert_vendor_attestation(const VendorAttestation&) override { return no_jobs(); }
  Result<std::optional<std::int64_t>> outbox_journal_position() override { return no_jobs(); }
  Result<void> advance_outbox_journal_position(std::int64_t, std::int64_t) override { return no_jobs(); }
  Result<OutboxId> insert_outbox_message(const NewOutboxMessage&) override { return no_jobs(); }
  Result<std::vector<OutboxMessage>> lease_outbox(const LeaseRequest&) override { return no_jobs(); }
  Result<void> complete_outbox_message(const OutboxMessage&, Timestamp) override { return no_jobs(); }
  Result<void> fail_outbox_message(const OutboxMessage&, std::string_view, Timestamp,
                                   std::optional<Timestamp>) override {
    return no_jobs();
  }
  Result<void> block_outbox_message(const OutboxMessage&, std::string_view, Timestamp) override { return no_jobs(); }

  // Automation: kept in memory, as the SQL store keeps it (tests/unit/storage/automation_store_test.cpp).
  Result<NotificationId> insert_notification(const Notification& notification) override {
    m_state.notifications.push_back(notification);
    m_state.notifications.back().id = NotificationId{static_cast<std::int64_t>(m_state.notifications.size())};
    return m_state.notifications.back().id;
  }

  Result<std::int64_t> mark_notifications_read(std::string_view recipient, const std::vector<NotificationId>& ids,
                                               Timestamp at) override {
    std::int64_t marked = 0;
    for (auto& notification : m_state.notifications) {
      if (notification.recipient != recipient || notification.read_at) continue;
      if (!ids.empty() && std::find(ids.begin(), ids.end(), notification.id) == ids.end()) continue;
      notification.read_at = at;
      ++marked;
    }
    return marked;
  }

  Result<void> upsert_interview(const Interview& interview) override {
    m_state.interviews[{interview.connector, interview.object}] = interview;
    return {};
  }

  Result<std::optional<Interview>> find_interview(std::string_view connector, std::string_view object) override {
    const auto found = m_state.interviews.find({std::string(connector), std::string(object)});
    if (found == m_state.interviews.end()) return std::nullopt;
    return found->second;
  }

  Result<std::int64_t> latest_rule_set_version() override {
    return m_state.rule_sets.empty() ? 0 : m_state.rule_sets.rbegin()->first;
  }

  Result<void> insert_rule_set(const StoredRuleSet& rules) override {
    if (!m_state.rule_sets.emplace(rules.version, rules).second) {
      return fail(ErrorCode::conflict, "rules version " + std::to_string(rules.version) + " exists");
    }
    return {};
  }

  Result<SuppressionWindowId> insert_suppression_window(const SuppressionWindow& window) override {
    const SuppressionWindowId id{++m_state.last_window_id};
    SuppressionWindow stored = window;
    stored.id = id;
    m_state.suppression_windows.emplace(id.value, std::move(stored));
    return id;
  }

  Result<std::optional<SuppressionWindow>> find_suppression_window(SuppressionWindowId id) override {
    const auto it = m_state.suppression_windows.find(id.value);
    if (it == m_state.suppression_windows.end()) return std::nullopt;
    return it->second;
  }

  Result<void> update_suppression_window(const SuppressionWindow& window) override {
    const auto it = m_state.suppression_windows.find(window.id.value);
    if (it == m_state.suppression_windows.end()) {
      return fail(ErrorCode::not_found, "suppression window " + std::to_string(window.id.value) + " does not exist");
    }
    it->second.ends_at = window.ends_at;
    it->second.ended_early_at = window.ended_early_at;
    it->second.settled_at = window.settled_at;
    return {};
  }

  Result<bool> delete_suppression_window(SuppressionWindowId id) override {
    std::erase_if(m_state.suppressed_escalations, [&](const auto& entry) { return entry.second.window == id; });
    return m_state.suppression_windows.erase(id.value) > 0;
  }

  Result<std::vector<SuppressionWindow>> unsettled_suppression_windows() override {
    std::vector<SuppressionWindow> windows;
    for (const auto& [id, window] : m_state.suppression_windows) {
      if (!window.settled_at) windows.push_back(window);
    }
    return windows;
  }

  Result<SuppressedEscalationId> insert_suppressed_escalation(const SuppressedEscalation& escalation) override {
    if (!m_state.suppression_windows.contains(escalation.window.value)) {
      return fail(ErrorCode::not_found,
                  "suppression window " + std::to_string(escalation.window.value) + " does not exist");
    }
    const SuppressedEscalationId id{++m_state.last_escalation_id};
    SuppressedEscalation stored = escalation;
    stored.id = id;
    m_state.suppressed_escalations.emplace(id.value, std::move(stored));
    return id;
  }

  Result<std::vector<SuppressedEscalation>> held_escalations(SuppressionWindowId window) override {
    std::vector<SuppressedEscalation> held;
    for (const auto& [id, escalation] : m_state.suppressed_escalations) {
      if (escalation.window == window && escalation.state == SuppressedState::held) held.push_back(escalation);
    }
    return held;
  }

  Result<void> settle_suppressed_escalation(SuppressedEscalationId id, SuppressedState state, Timestamp at) override {
    const auto it = m_state.suppressed_escalations.find(id.value);
    if (it == m_state.suppressed_escalations.end()) {
      return fail(ErrorCode::not_found, "suppressed escalation " + std::to_string(id.value) + " does not exist");
    }
    it->second.state = state;
    it->second.settled_at = at;
    return {};
  }

  Result<SavedViewId> insert_saved_view(const SavedView& view) override {
    if (name_taken(view)) return fail(ErrorCode::conflict, "You have a view called '" + view.name + "' already.");
    SavedView stored = view;
    stored.id = SavedViewId{++m_state.last_view_id};
    m_state.saved_views.emplace(stored.id.value, stored);
    return stored.id;
  }

  Result<std::optional<SavedView>> find_saved_view(SavedViewId id) override {
    const auto it = m_state.saved_views.find(id.value);
    if (it == m_state.saved_views.end()) return std::nullopt;
    return it->second;
  }

  Result<void> update_saved_view(const SavedView& view) override {
    if (name_taken(view)) return fail(ErrorCode::conflict, "You have a view called '" + view.name + "' already.");
    auto& stored = m_state.saved_views.at(view.id.value);
    stored.name = view.name;
    stored.query = view.query;
    stored.shared = view.shared;
    stored.updated_at = view.updated_at;
    return {};
  }

  Result<bool> delete_saved_view(SavedViewId id) override { return m_state.saved_views.erase(id.value) == 1; }

  // Erasure and legal holds are tested on the real backends (tests/unit/jobs/erasure_test.cpp).
  Result<LegalHoldId> insert_legal_hold(const LegalHold&) override { return no_compliance(); }
  Result<std::optional<LegalHold>> find_legal_hold(LegalHoldId) override { return no_compliance(); }
  Result<void> update_legal_hold(const LegalHold&) override { return no_compliance(); }
  Result<std::vector<LegalHold>> active_legal_holds() override { return no_compliance(); }
  Result<ErasureRequestId> insert_erasure_request(const ErasureRequest&) override { return no_compliance(); }
  Result<std::optional<ErasureRequest>> find_erasure_request(ErasureRequestId) override { return no_compliance(); }
  Result<void> update_erasure_request(const ErasureRequest&) override { return no_compliance(); }
  Result<std::vector<ErasureRequest>> erasure_requests_in(ErasureStatus) override { return no_compliance(); }
  Result<std::vector<JournalEntry>> ticket_journal(TicketId id) override {
    std::vector<JournalEntry> entries;
    for (const auto& entry : m_state.journal) {
      if (entry.ticket == id) entries.push_back(entry);
    }
    return entries;
  }
  Result<void> store_redacted_journal_entry(const JournalEntry&) override { return no_compliance(); }
  Result<std::int64_t> redact_comments(TicketId, std::string_view) override { return no_compliance(); }
  Result<std::int64_t> redact_notifications(TicketId, std::string_view) override { return no_compliance(); }
  Result<bool> delete_ticket(TicketId) override { return no_compliance(); }
  Result<IncidentId> insert_incident(const Incident&) override { return no_incidents(); }
  Result<std::optional<Incident>> find_incident(IncidentId) override { return no_incidents(); }
  Result<void> update_incident(const Incident&) override { return no_incidents(); }
  Result<void> append_incident_update(IncidentId, const IncidentUpdate&) override { return no_incidents(); }
  Result<std::optional<IncidentId>> link_incident_ticket(IncidentId, TicketId, Timestamp) override {
    return no_incidents();
  }
  Result<bool> unlink_incident_ticket(IncidentId, TicketId) override { return no_incidents(); }
  Result<std::vector<Incident>> incidents_to_sweep() override { return no_incidents(); }
  Result<void> insert_change(const ChangeRecord&) override { return no_incidents(); }
  Result<std::optional<ChangeRecord>> find_change(std::string_view) override { return no_incidents(); }
  Result<std::optional<std::string>> link_change_ticket(std::string_view, TicketId, Timestamp) override {
    return no_incidents();
  }
  Result<std::vector<IncidentId>> incident_ids() override { return no_incidents(); }
  Result<std::vector<ChangeRecord>> all_changes() override { return no_incidents(); }
  Result<void> replace_incident_update_message(IncidentId, std::string_view, std::string_view) override {
    return no_incidents();
  }
  Result<void> update_change_summary(std::string_view, std::string_view) override { return no_incidents(); }
  Result<std::int64_t> redact_deliveries(const CandidateRef&, std::string_view) override { return no_compliance(); }

 private:
  // The port's promise: a ticket's unknown candidate is stored as a stub.
  void keep_candidate_of(const Ticket& ticket) {
    if (!ticket.candidate) return;
    Candidate stub;
    stub.ref = *ticket.candidate;
    stub.created_at = ticket.updated_at;
    stub.updated_at = ticket.updated_at;
    m_state.candidates.try_emplace(to_string(stub.ref), std::move(stub));
  }

  // Another view of the owner has the name (the table's UNIQUE (owner, name)).
  bool name_taken(const SavedView& view) const {
    return std::any_of(m_state.saved_views.begin(), m_state.saved_views.end(), [&](const auto& entry) {
      return entry.second.owner == view.owner && entry.second.name == view.name && entry.first != view.id.value;
    });
  }

  static tl::unexpected<Error> no_incidents() {
    return tl::unexpected(Error{ErrorCode::internal, "the fake store keeps no incidents", {}, {}});
  }
  static tl::unexpected<Error> no_compliance() {
    return tl::unexpected(Error{ErrorCode::internal, "the fake store keeps no compliance records", {}, {}});
  }

  static Error no_jobs_error() { return Error{ErrorCode::internal, "the fake store has no job queue and no ATS integration", {}, {}}; }
  static tl::unexpected<Error> no_jobs() { return tl::unexpected(no_jobs_error()); }

  // The record with id `id` of a vector where records[i] has id i + 1; null when there is none.
  template <class Record>
  static Record* at(std::vector<Record>& records, std::int64_t id) {
    if (id < 1 || id > static_cast<std::int64_t>(records.size())) return nullptr;
    return &records[static_cast<std::size_t>(id - 1)];
  }

  FakeStoreState& m_state;
};

class FakeStore final : public Store {
 public:
  ~FakeStore() override;  // in fake_store.cpp, the one file that compiles the methods
  std::vector<Result<void>> write_all(std::vector<WriteWork> works) override {
    std::vector<Result<void>> results;
    for (auto& work : works) results.push_back(write(std::move(work)));
    return results;
  }
  // The fake commits at once, so the outcome is known before this returns.
  void write_async(WriteWork work, WriteDone done) override { done(write(std::move(work))); }
  Result<void> write(WriteWork work) override {
    std::lock_guard lock(m_mutex);
    FakeStoreState draft = m_state;
    FakeWriteTransaction tx(draft);
    auto result = work(tx);
    if (!result) return result;
    m_state = std::move(draft);
    ++m_stats.commits;
    ++m_stats.writes;
    return {};
  }

  Result<std::optional<Ticket>> find_ticket(TicketId id) override {
    std::lock_guard lock(m_mutex);
    return FakeWriteTransaction(m_state).find_ticket(id);
  }

  // Filters on the exact-match fields and sorts by creation time; enough for use-case tests.
  Result<TicketPage> list_tickets(const TicketQuery& query) override {
    std::lock_guard lock(m_mutex);
    const auto matches = [&](const auto& wanted, const auto& value) {
      return wanted.empty() || std::find(wanted.begin(), wanted.end(), value) != wanted.end();
    };
    std::vector<Ticket> found;
    for (const auto& ticket : m_state.tickets) {
      if (matches(query.statuses, ticket.status) && matches(query.severities, ticket.severity) &&
          matches(query.types, ticket.type) && matches(query.teams, ticket.team)) {
        found.push_back(ticket);
      }
    }
    std::sort(found.begin(), found.end(), [&](const Ticket& a, const Ticket& b) {
      if (a.created_at != b.created_at) {
        return query.sort == TicketSort::created_asc ? a.created_at < b.created_at : a.created_at > b.created_at;
      }
      return a.id > b.id;
    });
    TicketPage page;
    const auto limit = static_cast<std::size_t>(query.limit);
    if (found.size() > limit) found.resize(limit);
    page.items = std::move(found);
    return page;
  }

  // Filters as list_tickets does (status, severity, type, team; no scope).
  Result<std::vector<TypeTotals>> type_totals(const TicketQuery& query, Timestamp now) override {
    TicketQuery every = query;
    every.limit = std::numeric_limits<int>::max();
    auto page = list_tickets(every);
    std::map<std::string, TypeTotals> by_type;
    for (const Ticket& ticket : page->items) {
      auto& totals = by_type[ticket.type];
      totals.type = ticket.type;
      ++totals.tickets;
      totals.candidate_delay += candidate_delay(ticket, now);
    }
    std::vector<TypeTotals> totals;
    for (auto& [type, one] : by_type) totals.push_back(std::move(one));
    return totals;
  }

  Result<std::vector<WeekCount>> weekly_counts(const TicketQuery& query, Timestamp origin,
                                               WeeklyCountKey key) override {
    TicketQuery every = query;
    every.limit = std::numeric_limits<int>::max();
    auto page = list_tickets(every);
    std::map<std::pair<std::string, std::int64_t>, std::int64_t> counts;
    for (const Ticket& ticket : page->items) {
      const std::string& group = key == WeeklyCountKey::type ? ticket.type : ticket.reporter;
      ++counts[{group, std::chrono::floor<std::chrono::weeks>(ticket.created_at - origin).count()}];
    }
    std::vector<WeekCount> rows;
    for (const auto& [group_week, tickets] : counts) rows.push_back({group_week.first, group_week.second, tickets});
    return rows;
  }

  // These aggregates are tested against the real stores (tests/unit/storage).
  Result<std::vector<VolumeRow>> ticket_volume(const TicketQuery&, VolumeGrouping, Timestamp) override {
    return tl::unexpected(Error{ErrorCode::internal, "the fake store sums no volume", {}, {}});
  }
  Result<WithdrawalCounts> withdrawal_counts(const TicketQuery&, std::optional<Timestamp>,
                                             std::optional<Timestamp>) override {
    return tl::unexpected(Error{ErrorCode::internal, "the fake store keeps no candidate outcomes", {}, {}});
  }

  Result<std::vector<JournalEntry>> ticket_journal(TicketId id) override {
    std::lock_guard lock(m_mutex);
    std::vector<JournalEntry> entries;
    for (const auto& entry : m_state.journal) {
      if (entry.ticket == id) entries.push_back(entry);
    }
    return entries;
  }

  Result<std::optional<Candidate>> find_candidate(const CandidateRef& ref) override {
    std::lock_guard lock(m_mutex);
    const auto it = m_state.candidates.find(to_string(ref));
    if (it == m_state.candidates.end()) return std::nullopt;
    return it->second;
  }

  Result<std::optional<ApiKeyRecord>> find_api_key(std::string_view secret_hash) override {
    std::lock_guard lock(m_mutex);
    for (const auto& key : m_state.api_keys) {
      if (key.secret_hash == secret_hash) return key;
    }
    return std::nullopt;
  }

  Result<std::vector<ApiKeyRecord>> list_api_keys() override {
    std::lock_guard lock(m_mutex);
    return m_state.api_keys;
  }

  Result<std::optional<UserRecord>> find_user_by_name(std::string_view username) override {
    std::lock_guard lock(m_mutex);
    for (const auto& user : m_state.users) {
      if (user.username == username) return user;
    }
    return std::nullopt;
  }

  Result<std::optional<UserRecord>> find_user(UserId id) override {
    std::lock_guard lock(m_mutex);
    if (id.value < 1 || id.value > static_cast<std::int64_t>(m_state.users.size())) return std::nullopt;
    return m_state.users[static_cast<std::size_t>(id.value - 1)];
  }

  Result<std::vector<UserRecord>> list_users() override {
    std::lock_guard lock(m_mutex);
    return m_state.users;
  }

  Result<std::optional<SessionRecord>> find_session(std::string_view token_hash) override {
    std::lock_guard lock(m_mutex);
    const auto it = m_state.sessions.find(std::string(token_hash));
    if (it == m_state.sessions.end()) return std::nullopt;
    return it->second;
  }

  Result<std::optional<OAuthClientRecord>> find_oauth_client(std::string_view client_id) override {
    std::lock_guard lock(m_mutex);
    for (const auto& client : m_state.oauth_clients) {
      if (client.client_id == client_id) return client;
    }
    return std::nullopt;
  }

  Result<std::vector<OAuthClientRecord>> list_oauth_clients() override {
    std::lock_guard lock(m_mutex);
    return m_state.oauth_clients;
  }

  Result<AccessLogPage> access_log_page(const AccessLogQuery& query) override {
    if (query.limit < 1) return fail(ErrorCode::invalid_argument, "the access log page limit must be at least 1");
    std::lock_guard lock(m_mutex);
    AccessLogPage page;
    for (auto it = m_state.access_log.rbegin(); it != m_state.access_log.rend(); ++it) {
      const AccessEntry& entry = *it;
      if ((query.actor && entry.actor != *query.actor) || (query.action && entry.action != *query.action) ||
          (query.ticket && entry.ticket != query.ticket) || (query.candidate && entry.candidate != query.candidate) ||
          (query.since && entry.at < *query.since) || (query.before_seq && entry.seq >= *query.before_seq)) {
        continue;
      }
      if (page.items.size() == static_cast<std::size_t>(query.limit)) {
        page.next_before_seq = page.items.back().seq;
        break;
      }
      page.items.push_back(entry);
    }
    return page;
  }

  Result<void> scan_access_log(const std::function<bool(const AccessEntry&)>& visit) override {
    std::lock_guard lock(m_mutex);
    for (const auto& entry : m_state.access_log) {
      if (!visit(entry)) break;
    }
    return {};
  }

  Result<void> scan_journal(const std::function<bool(const JournalEntry&)>& visit) override {
    std::lock_guard lock(m_mutex);
    for (const auto& entry : m_state.journal) {
      if (!visit(entry)) break;
    }
    return {};
  }

  Result<std::vector<JournalEntry>> journal_after(std::int64_t after_seq, std::size_t limit) override {
    std::lock_guard lock(m_mutex);
    std::vector<JournalEntry> entries;
    for (const auto& entry : m_state.journal) {
      if (entry.seq > after_seq && entries.size() < limit) entries.push_back(entry);
    }
    return entries;
  }

  Result<std::int64_t> last_journal_seq() override {
    std::lock_guard lock(m_mutex);
    return m_state.journal.empty() ? 0 : m_state.journal.back().seq;
  }

  // The fake commits synchronously; tests that need wake-ups use a real store.
  void add_commit_listener(std::function<void()> /*listener*/) override {}

  // The fake lives in one process, which therefore always leads.
  std::unique_ptr<LeaderLock> leader_lock(std::string_view) override {
    struct SoleProcess final : LeaderLock {
      bool hold() override { return true; }
    };
    return std::make_unique<SoleProcess>();
  }

  Result<std::optional<std::string>> server_state(std::string_view name) override {
    std::lock_guard lock(m_mutex);
    return FakeWriteTransaction(m_state).server_state(name);
  }
  Result<std::optional<Connector>> find_connector(std::string_view) override { return std::nullopt; }
  Result<std::vector<Connector>> list_connectors() override { return std::vector<Connector>{}; }
  Result<std::vector<ConnectorStats>> connector_stats() override { return std::vector<ConnectorStats>{}; }
  Result<DeadLetterPage> dead_letters(const DeadLetterQuery&) override { return DeadLetterPage{}; }
  Result<std::optional<Delivery>> find_delivery(DeliveryId) override { return std::nullopt; }
  Result<std::vector<Reconciliation>> open_reconciliations(std::size_t) override {
    return std::vector<Reconciliation>{};
  }

  Result<std::vector<Subscription>> list_subscriptions() override { return std::vector<Subscription>{}; }
  Result<std::optional<Subscription>> find_subscription(SubscriptionId) override { return std::nullopt; }
  Result<std::vector<VendorAttestation>> list_vendor_attestations() override {
    return std::vector<VendorAttestation>{};
  }
  Result<std::optional<VendorAttestation>> find_vendor_attestation(std::string_view) override { return std::nullopt; }
  Result<std::vector<OutboxStats>> outbox_stats() override { return std::vector<OutboxStats>{}; }
  Result<std::vector<OutboxMessage>> outbox_messages(SubscriptionId, std::size_t) override {
    return std::vector<OutboxMessage>{};
  }
  Result<std::optional<std::int64_t>> outbox_journal_position() override { return std::nullopt; }

  Result<std::vector<TicketId>> tickets_due_for_sla(Timestamp now, std::size_t limit) override {
    std::lock_guard lock(m_mutex);
    std::vector<const Ticket*> due;
    for (const auto& ticket : m_state.tickets) {
      if (ticket.sla_next_check_at && *ticket.sla_next_check_at <= now) due.push_back(&ticket);
    }
    std::sort(due.begin(), due.end(), [](const Ticket* a, const Ticket* b) {
      return std::pair(*a->sla_next_check_at, a->id) < std::pair(*b->sla_next_check_at, b->id);
    });
    std::vector<TicketId> ids;
    for (const Ticket* ticket : due) {
      if (ids.size() == limit) break;
      ids.push_back(ticket->id);
    }
    return ids;
  }

  Result<NotificationPage> notifications(const NotificationQuery& query) override {
    if (query.limit < 1) return fail(ErrorCode::invalid_argument, "the notification page limit must be at least 1");
    std::lock_guard lock(m_mutex);
    NotificationPage page;
    for (auto it = m_state.notifications.rbegin(); it != m_state.notifications.rend(); ++it) {
      if (it->recipient != query.recipient || (query.unread_only && it->read_at) ||
          (query.before && it->id >= *query.before)) {
        continue;
      }
      if (page.items.size() == query.limit) {
        page.next = page.items.back().id;
        break;
      }
      page.items.push_back(*it);
    }
    return page;
  }

  Result<std::int64_t> unread_notification_count(std::string_view recipient) override {
    std::lock_guard lock(m_mutex);
    return static_cast<std::int64_t>(
        std::count_if(m_state.notifications.begin(), m_state.notifications.end(), [&](const Notification& note) {
          return note.recipient == recipient && !note.read_at;
        }));
  }

  Result<std::vector<Notification>> notifications_after(NotificationId after, std::size_t limit) override {
    std::lock_guard lock(m_mutex);
    std::vector<Notification> found;
    for (const Notification& notification : m_state.notifications) {
      if (found.size() == limit) break;
      if (notification.id > after) found.push_back(notification);
    }
    return found;
  }

  Result<NotificationId> last_notification_id() override {
    std::lock_guard lock(m_mutex);
    return NotificationId{static_cast<std::int64_t>(m_state.notifications.size())};
  }

  Result<std::int64_t> latest_rule_set_version() override {
    std::lock_guard lock(m_mutex);
    return m_state.rule_sets.empty() ? 0 : m_state.rule_sets.rbegin()->first;
  }

  Result<std::optional<StoredRuleSet>> find_rule_set(std::int64_t version) override {
    std::lock_guard lock(m_mutex);
    const auto found = m_state.rule_sets.find(version);
    if (found == m_state.rule_sets.end()) return std::nullopt;
    return found->second;
  }

  Result<std::vector<StoredRuleSet>> rule_set_versions(std::size_t limit) override {
    std::lock_guard lock(m_mutex);
    std::vector<StoredRuleSet> versions;
    for (auto it = m_state.rule_sets.rbegin(); it != m_state.rule_sets.rend() && versions.size() < limit; ++it) {
      versions.push_back(it->second);
      versions.back().yaml.clear();
    }
    return versions;
  }

  Result<std::vector<SuppressionWindow>> list_suppression_windows() override {
    std::lock_guard lock(m_mutex);
    std::vector<SuppressionWindow> windows;
    for (auto it = m_state.suppression_windows.rbegin(); it != m_state.suppression_windows.rend(); ++it) {
      windows.push_back(it->second);
    }
    return windows;
  }

  Result<std::optional<SuppressionWindow>> find_suppression_window(SuppressionWindowId id) override {
    std::lock_guard lock(m_mutex);
    return FakeWriteTransaction(m_state).find_suppression_window(id);
  }

  Result<std::vector<SuppressedEscalation>> suppressed_escalations(SuppressionWindowId window) override {
    std::lock_guard lock(m_mutex);
    std::vector<SuppressedEscalation> escalations;
    for (const auto& [id, escalation] : m_state.suppressed_escalations) {
      if (escalation.window == window) escalations.push_back(escalation);
    }
    return escalations;
  }

  Result<std::vector<SavedView>> saved_views_for(std::string_view owner) override {
    std::lock_guard lock(m_mutex);
    std::vector<SavedView> views;
    for (const auto& [id, view] : m_state.saved_views) {
      if (view.shared || view.owner == owner) views.push_back(view);
    }
    std::stable_sort(views.begin(), views.end(),
                     [](const SavedView& a, const SavedView& b) { return a.name < b.name; });
    return views;
  }

  Result<std::vector<LegalHold>> list_legal_holds() override { return std::vector<LegalHold>{}; }
  Result<std::optional<LegalHold>> find_legal_hold(LegalHoldId) override { return std::optional<LegalHold>{}; }
  Result<std::optional<ErasureRequest>> find_erasure_request(ErasureRequestId) override {
    return std::optional<ErasureRequest>{};
  }
  Result<std::vector<ErasureRequest>> list_erasure_requests(std::size_t) override {
    return std::vector<ErasureRequest>{};
  }
  Result<std::vector<RetentionSubject>> retention_subjects(TicketId, std::size_t) override {
    return std::vector<RetentionSubject>{};
  }

  Result<std::optional<Incident>> find_incident(IncidentId) override { return std::optional<Incident>{}; }
  Result<IncidentPage> list_incidents(const IncidentQuery&) override { return IncidentPage{}; }
  Result<std::optional<ChangeRecord>> find_change(std::string_view) override { return std::optional<ChangeRecord>{}; }
  Result<std::vector<ChangeRecord>> list_changes(std::size_t) override { return std::vector<ChangeRecord>{}; }
  Result<ChangeLinks> change_links(std::string_view) override { return ChangeLinks{}; }
  Result<TicketLinks> ticket_links(TicketId) override { return TicketLinks{}; }
  Result<std::vector<ChangeDefects>> change_defects(Timestamp, Timestamp) override {
    return std::vector<ChangeDefects>{};
  }

  Result<void> ping() override { return {}; }

  CommitStats commit_stats() const override {
    std::lock_guard lock(m_mutex);
    return m_stats;
  }

  // For assertions; not part of the port.
  FakeStoreState state() const {
    std::lock_guard lock(m_mutex);
    return m_state;
  }

 private:
  mutable std::mutex m_mutex;
  FakeStoreState m_state;
  CommitStats m_stats;
};

}  // namespace snag::testing
