#pragma once
// The Store port: everything the use cases need from a database. Backends live in storage/
// (SQLite by default; PostgreSQL for scale-out) and are chosen at start from the URL.

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <snag/app/ports/automation_records.hpp>
#include <snag/app/ports/identity_records.hpp>
#include <snag/app/ports/incident_records.hpp>
#include <snag/app/ports/integration_records.hpp>
#include <snag/app/ports/leader_lock.hpp>
#include <snag/app/ports/outbound_records.hpp>
#include <snag/domain/analytics/ticket_volume.hpp>
#include <snag/domain/analytics/type_totals.hpp>
#include <snag/domain/analytics/withdrawal_correlation.hpp>
#include <snag/domain/candidate.hpp>
#include <snag/domain/compliance/erasure.hpp>
#include <snag/domain/compliance/legal_hold.hpp>
#include <snag/domain/compliance/retention.hpp>
#include <snag/domain/ids.hpp>
#include <snag/domain/journal.hpp>
#include <snag/domain/ticket.hpp>
#include <snag/domain/ticket_changes.hpp>
#include <snag/domain/ticket_query.hpp>
#include <snag/domain/views/saved_view.hpp>
#include <snag/util/error.hpp>
#include <snag/util/time.hpp>

namespace snag {

struct Comment {
  CommentId id;
  TicketId ticket;
  std::string author;
  std::string body;
  Timestamp created_at;
};

// What an Idempotency-Key is bound to: the request it first came with and what that created.
struct IdempotencyRecord {
  std::string fingerprint;  // SHA-256 of the request body
  TicketId ticket;
};

// Background work (see jobs/): what to do (kind + JSON payload) and when.
struct NewJob {
  std::string kind;
  std::string payload = "{}";  // JSON
  Timestamp run_at;
  int max_attempts = 5;
  // Enqueueing a second job with the same key does nothing (a periodic job's slot, say).
  std::optional<std::string> dedupe_key;
};

// A job leased by this process: it may run it until lease_until, and only the holder of
// lease_token may finish it.
struct Job {
  JobId id;
  std::string kind;
  std::string payload;
  int attempt = 0;  // 1 for the first run
  int max_attempts = 0;
  std::string lease_token;
  Timestamp lease_until;
};

struct LeaseRequest {
  std::string node;  // who leases, for operators
  std::size_t max_jobs = 1;
  Timestamp now;
  std::chrono::milliseconds lease_for{30000};
};

struct TicketPage {
  std::vector<Ticket> items;
  std::optional<TicketCursor> next;  // engaged when more tickets follow
};

// Counts for /metrics. Bucket i counts commits whose batch held at most k_commit_batch_bounds[i]
// writes; the last bucket is everything larger.
inline constexpr std::array<std::int64_t, 9> k_commit_batch_bounds{1, 2, 4, 8, 16, 32, 64, 128, 256};
struct CommitStats {
  std::uint64_t commits = 0;
  std::uint64_t writes = 0;
  std::uint64_t failed_commits = 0;
  // Batches run again with a savepoint per work, after a work failed having changed rows
  // (sql/group_commit_writer.hpp).
  std::uint64_t rerun_batches = 0;
  // Syncs made beside the writer when COMMIT does not wait for the disk (SQLite), each covering
  // every batch committed before it; 0 when COMMIT itself is durable (PostgreSQL).
  std::uint64_t syncs = 0;
  std::array<std::uint64_t, k_commit_batch_bounds.size() + 1> batch_buckets{};
};

// A member of a team as assignment sees them (app/automation/ticket_router.hpp).
struct TeamMemberLoad {
  std::string username;
  std::string role;
  std::int64_t open_tickets = 0;             // assigned to them and not resolved
  std::optional<TicketId> last_assigned;     // the newest ticket assigned to them, any team
};

// The writes one unit of work may make. Only valid inside the work passed to Store::write,
// and only on the thread that runs it.
class WriteTransaction {
 public:
  virtual ~WriteTransaction() = default;

  virtual Result<std::optional<Ticket>> find_ticket(TicketId id) = 0;
  // Stores a new ticket (its id is ignored) and returns the id it was given. A candidate the
  // store does not hold is stored too, as a stub without a profile first seen at the ticket's
  // updated_at; so does update_ticket. No ticket names an unknown candidate.
  virtual Result<TicketId> insert_ticket(const Ticket& ticket) = 0;
  // Overwrites every field of an existing ticket.
  virtual Result<void> update_ticket(const Ticket& ticket) = 0;
  virtual Result<Comment> insert_comment(TicketId ticket, std::string_view author, std::string_view body,
                                         Timestamp at) = 0;
  // Appends the entries of one event (one per change, in order) to the hash chain.
  virtual Result<void> append_journal(TicketId ticket, Timestamp at, std::string_view actor, std::string_view action,
                                      const std::vector<FieldChange>& changes) = 0;

  virtual Result<std::optional<IdempotencyRecord>> find_idempotency(std::string_view scope, std::string_view key) = 0;
  virtual Result<void> save_idempotency(std::string_view scope, std::string_view key, const IdempotencyRecord& record,
                                        Timestamp at) = 0;

  // Inserts or replaces a candidate's profile; returns true when the candidate is new.
  virtual Result<bool> upsert_candidate(const Candidate& candidate) = 0;

  // Credentials (see identity_records.hpp).
  virtual Result<ApiKeyId> insert_api_key(const ApiKeyRecord& key) = 0;
  // Overwrites expires_at, revoked, replaced_by and last_used_at of an existing key;
  // not_found when there is none.
  virtual Result<void> update_api_key(const ApiKeyRecord& key) = 0;
  virtual Result<std::optional<ApiKeyRecord>> find_api_key_by_id(ApiKeyId id) = 0;
  // conflict when the username is taken.
  virtual Result<UserId> insert_user(const UserRecord& user) = 0;
  // Overwrites display_name, role, team, password_hash and disabled.
  virtual Result<void> update_user(const UserRecord& user) = 0;
  virtual Result<std::optional<UserRecord>> find_user(UserId id) = 0;
  virtual Result<void> insert_session(const SessionRecord& session) = 0;
  virtual Result<void> delete_session(std::string_view token_hash) = 0;
  // Signs the user out everywhere; returns how many sessions ended.
  virtual Result<std::int64_t> delete_user_sessions(UserId user) = 0;
  // Removes every session that expired before `now`; returns how many.
  virtual Result<std::int64_t> delete_expired_sessions(Timestamp now) = 0;
  // conflict when the client id is taken.
  virtual Result<OAuthClientId> insert_oauth_client(const OAuthClientRecord& client) = 0;
  // Idempotent; not_found for an unknown client id.
  virtual Result<void> revoke_oauth_client(std::string_view client_id) = 0;
  // The value stored under `name`; stores `value_if_absent` first when there is none, so that
  // every node ends up with the value the first one stored.
  virtual Result<std::string> server_secret(std::string_view name, std::string_view value_if_absent,
                                            Timestamp now) = 0;
  // Small state every node shares and that outlives a restart (the synthetic probe's, say):
  // the value stored under `name`, nullopt when none is; put replaces it.
  virtual Result<std::optional<std::string>> server_state(std::string_view name) = 0;
  virtual Result<void> put_server_state(std::string_view name, std::string_view value, Timestamp now) = 0;
  // Appends entries (their seq and hashes are assigned here) to the access log's chain.
  virtual Result<void> append_access_log(std::vector<AccessEntry> entries) = 0;

  // Jobs. Enqueueing inside a work commits the job with the change that caused it. nullopt
  // when a job with the same dedupe key exists.
  virtual Result<std::optional<JobId>> enqueue_job(const NewJob& job, Timestamp now) = 0;
  // Leases up to max_jobs jobs that are due (queued with run_at <= now) or whose lease has
  // expired, oldest first; a job out of attempts is marked failed instead.
  virtual Result<std::vector<Job>> lease_jobs(const LeaseRequest& request) = 0;
  // Marks a leased job done. conflict when the lease was lost (expired and taken by another
  // node): the work then fails, and whatever else it wrote is rolled back with it.
  virtual Result<void> complete_job(const Job& job, Timestamp now) = 0;
  // Gives a leased job back to be retried at retry_at, or marks it failed (at `now`) when it
  // has no attempts left. conflict when the lease was lost.
  virtual Result<void> fail_job(const Job& job, std::string_view error, Timestamp now, Timestamp retry_at) = 0;
  // The ATS integration (see integration_records.hpp).
  // conflict when a connector with this id exists.
  virtual Result<void> insert_connector(const Connector& connector) = 0;
  // Overwrites mode, secrets, api_url, api_key, sync_watermark, synced_at and disabled;
  // not_found when there is none.
  virtual Result<void> update_connector(const Connector& connector) = 0;
  virtual Result<std::optional<Connector>> find_connector(std::string_view id) = 0;
  // Stores a delivery to be processed. false, and nothing written, when the connector already
  // has a delivery with this event id.
  virtual Result<bool> insert_delivery(const NewDelivery& delivery) = 0;
  // Leases up to max_jobs deliveries that are queued and due, or whose lease expired, oldest first.
  virtual Result<std::vector<Delivery>> lease_deliveries(const LeaseRequest& request) = 0;
  // Marks a leased delivery done. conflict when the lease was lost.
  virtual Result<void> complete_delivery(const Delivery& delivery, Timestamp now) = 0;
  // Gives a leased delivery back to be retried at retry_at, or, without one, moves it to the
  // dead-letter queue. conflict when the lease was lost.
  virtual Result<void> fail_delivery(const Delivery& delivery, std::string_view error, Timestamp now,
                                     std::optional<Timestamp> retry_at) = 0;
  // Queues dead deliveries again with fresh attempts: the one with `id`, or every one (of
  // `connector` when given). Returns how many.
  virtual Result<std::int64_t> replay_dead_deliveries(std::optional<DeliveryId> id,
                                                      const std::optional<std::string>& connector, Timestamp now) = 0;
  // The source time of the newest event applied to an ATS object ("candidate:42"), if any.
  virtual Result<std::optional<Timestamp>> object_applied_at(std::string_view connector, std::string_view object) = 0;
  virtual Result<void> set_object_applied_at(std::string_view connector, std::string_view object, Timestamp at) = 0;
  virtual Result<std::optional<Candidate>> find_candidate(const CandidateRef& ref) = 0;
  // The external id of the candidate that `ref` was merged into, if it was.
  virtual Result<std::optional<std::string>> merged_into(const CandidateRef& ref) = 0;
  virtual Result<void> record_candidate_merge(const CandidateRef& from, std::string_view into_external_id,
                                              Timestamp at) = 0;
  // The candidate withdrew an application at `at` (the first withdrawal is kept): the fact the
  // abandonment report counts. The candidate must exist.
  virtual Result<void> record_withdrawal(const CandidateRef& ref, Timestamp at) = 0;
  // Every ticket about the candidate, in id order.
  virtual Result<std::vector<Ticket>> candidate_tickets(const CandidateRef& ref) = 0;
  // The enabled users of the team, by username, with their workload.
  virtual Result<std::vector<TeamMemberLoad>> team_workload(std::string_view team) = 0;
  virtual Result<ReconciliationId> insert_reconciliation(const Reconciliation& reconciliation) = 0;
  // Unresolved reconciliations created before `created_before` that have no ticket yet.
  virtual Result<std::vector<Reconciliation>> overdue_reconciliations(Timestamp created_before) = 0;
  // Overwrites resolved_at and ticket.
  virtual Result<void> update_reconciliation(const Reconciliation& reconciliation) = 0;
  // Marks the candidate's unresolved reconciliations resolved at `now`.
  virtual Result<void> resolve_reconciliations(const CandidateRef& candidate, Timestamp now) = 0;

  // ---- Outbound webhooks (see outbound_records.hpp and integrations/outbound/) ----
  // Stores a new subscription (its id is ignored) and returns its id. When the outbox has no
  // journal position yet, starts it at the journal's head: the first subscription gets what
  // changes after it, not the whole history.
  virtual Result<SubscriptionId> insert_subscription(const Subscription& subscription) = 0;
  // Removes a subscription with its outbox messages; false when there is none.
  virtual Result<bool> delete_subscription(SubscriptionId id) = 0;
  // Every subscription that is not disabled, in id order.
  virtual Result<std::vector<Subscription>> enabled_subscriptions() = 0;
  // Counts one more failed attempt; the subscription's consecutive failures with it, nullopt
  // when the subscription is gone.
  virtual Result<std::optional<int>> count_subscription_failure(SubscriptionId id) = 0;
  virtual Result<void> reset_subscription_failures(SubscriptionId id) = 0;
  // Sets disabled_at unless already set; true when this call disabled it.
  virtual Result<bool> disable_subscription(SubscriptionId id, Timestamp at) = 0;
  // Clears disabled_at and the failure count; false when there is no such subscription.
  virtual Result<bool> enable_subscription(SubscriptionId id) = 0;
  // Inserts or replaces the vendor's attestations.
  virtual Result<void> upsert_vendor_attestation(const VendorAttestation& attestation) = 0;
  // The seq of the last journal entry the outbox was filled from; nullopt until the first
  // subscription is created.
  virtual Result<std::optional<std::int64_t>> outbox_journal_position() = 0;
  // Moves the position from `from` to `to`. conflict when it is not at `from` (another node
  // moved it): the work then fails, and the messages it queued roll back with it.
  virtual Result<void> advance_outbox_journal_position(std::int64_t from, std::int64_t to) = 0;
  virtual Result<OutboxId> insert_outbox_message(const NewOutboxMessage& message) = 0;
  // Leases up to max_jobs messages that are queued and due, or whose lease expired, oldest first.
  virtual Result<std::vector<OutboxMessage>> lease_outbox(const LeaseRequest& request) = 0;
  // Marks a leased message done. conflict when the lease was lost.
  virtual Result<void> complete_outbox_message(const OutboxMessage& message, Timestamp now) = 0;
  // Queues a leased message again for retry_at or, without one, makes it dead. conflict when
  // the lease was lost.
  virtual Result<void> fail_outbox_message(const OutboxMessage& message, std::string_view error, Timestamp now,
                                           std::optional<Timestamp> retry_at) = 0;
  // Marks a leased message blocked (never sent) for `reason`. conflict when the lease was lost.
  virtual Result<void> block_outbox_message(const OutboxMessage& message, std::string_view reason, Timestamp now) = 0;

  // ---- Automation (see automation_records.hpp) ----
  virtual Result<NotificationId> insert_notification(const Notification& notification) = 0;
  // Marks the recipient's unread notifications with these ids (every one when `ids` is empty)
  // read at `at`; returns how many it marked. Other people's ids are ignored.
  virtual Result<std::int64_t> mark_notifications_read(std::string_view recipient,
                                                       const std::vector<NotificationId>& ids, Timestamp at) = 0;
  // Inserts or replaces the interview with the same connector and object.
  virtual Result<void> upsert_interview(const Interview& interview) = 0;
  virtual Result<std::optional<Interview>> find_interview(std::string_view connector, std::string_view object) = 0;
  // The newest stored version of the rules, 0 when none is.
  virtual Result<std::int64_t> latest_rule_set_version() = 0;
  // conflict when the version is stored already.
  virtual Result<void> insert_rule_set(const StoredRuleSet& rules) = 0;
  // Stores a new window (its id is ignored) and returns its id.
  virtual Result<SuppressionWindowId> insert_suppression_window(const SuppressionWindow& window) = 0;
  virtual Result<std::optional<SuppressionWindow>> find_suppression_window(SuppressionWindowId id) = 0;
  // Overwrites ends_at, ended_early_at and settled_at; not_found when there is none.
  virtual Result<void> update_suppression_window(const SuppressionWindow& window) = 0;
  // Removes a window with its suppressed escalations; false when there is none.
  virtual Result<bool> delete_suppression_window(SuppressionWindowId id) = 0;
  // Every window not settled yet, in id order: the ones that may hold or release escalations.
  virtual Result<std::vector<SuppressionWindow>> unsettled_suppression_windows() = 0;
  virtual Result<SuppressedEscalationId> insert_suppressed_escalation(const SuppressedEscalation& escalation) = 0;
  // The window's escalations still held, in id order.
  virtual Result<std::vector<SuppressedEscalation>> held_escalations(SuppressionWindowId window) = 0;
  // Sets state and settled_at of a suppressed escalation.
  virtual Result<void> settle_suppressed_escalation(SuppressedEscalationId id, SuppressedState state,
                                                    Timestamp at) = 0;

  // ---- Compliance (domain/compliance/) ----
  virtual Result<LegalHoldId> insert_legal_hold(const LegalHold& hold) = 0;
  virtual Result<std::optional<LegalHold>> find_legal_hold(LegalHoldId id) = 0;
  // Overwrites released_at and released_by; not_found when there is none.
  virtual Result<void> update_legal_hold(const LegalHold& hold) = 0;
  // Every hold not released, in id order.
  virtual Result<std::vector<LegalHold>> active_legal_holds() = 0;
  // Stores a new request (its id is ignored) and returns its id.
  virtual Result<ErasureRequestId> insert_erasure_request(const ErasureRequest& request) = 0;
  virtual Result<std::optional<ErasureRequest>> find_erasure_request(ErasureRequestId id) = 0;
  // Overwrites status, held_by, completed_at and report; not_found when there is none.
  virtual Result<void> update_erasure_request(const ErasureRequest& request) = 0;
  // Every request with this status, in id order.
  virtual Result<std::vector<ErasureRequest>> erasure_requests_in(ErasureStatus status) = 0;
  // A ticket's journal entries in seq order.
  virtual Result<std::vector<JournalEntry>> ticket_journal(TicketId id) = 0;
  // Overwrites a sealed entry's old and new values and its redacted mark; its digest and hashes
  // stay. not_found when there is no entry with its seq.
  virtual Result<void> store_redacted_journal_entry(const JournalEntry& entry) = 0;
  // Replaces the body of each of the ticket's comments, or the message of each notification
  // about it, that is not `marker` yet; returns how many.
  virtual Result<std::int64_t> redact_comments(TicketId ticket, std::string_view marker) = 0;
  virtual Result<std::int64_t> redact_notifications(TicketId ticket, std::string_view marker) = 0;
  // Replaces by `marker` the raw body of every processed (done or dead) delivery from a
  // connector of the candidate's ATS whose body mentions the candidate's external id; how many.
  virtual Result<std::int64_t> redact_deliveries(const CandidateRef& candidate, std::string_view marker) = 0;
  // Deletes a ticket with its comments, notifications and its links to an incident and a change
  // (retention); false when there is none. Its journal entries stay: the journal outlives what
  // it describes.
  virtual Result<bool> delete_ticket(TicketId id) = 0;

  // ---- Saved views (domain/views/saved_view.hpp) ----
  // Stores a new view (its id is ignored); conflict when its owner has a view of that name.
  virtual Result<SavedViewId> insert_saved_view(const SavedView& view) = 0;
  virtual Result<std::optional<SavedView>> find_saved_view(SavedViewId id) = 0;
  // Overwrites name, query, shared and updated_at of a view that exists; conflict when its owner
  // has another view of the new name.
  virtual Result<void> update_saved_view(const SavedView& view) = 0;
  // false when there is none.
  virtual Result<bool> delete_saved_view(SavedViewId id) = 0;

  // ---- Incidents (see incident_records.hpp and domain/incidents/) ----
  // Stores a new incident (its id, tickets and log are ignored) and returns its id.
  virtual Result<IncidentId> insert_incident(const Incident& incident) = 0;
  // With its tickets and log.
  virtual Result<std::optional<Incident>> find_incident(IncidentId id) = 0;
  // Overwrites every field but the id, opened_by, opened_at, tickets and log; not_found when
  // there is none.
  virtual Result<void> update_incident(const Incident& incident) = 0;
  virtual Result<void> append_incident_update(IncidentId incident, const IncidentUpdate& update) = 0;
  // Puts the ticket in the incident, taking it out of any other (a ticket is in one at most);
  // returns the incident it was in before, if any.
  virtual Result<std::optional<IncidentId>> link_incident_ticket(IncidentId incident, TicketId ticket,
                                                                 Timestamp at) = 0;
  // false when the ticket was not in the incident.
  virtual Result<bool> unlink_incident_ticket(IncidentId incident, TicketId ticket) = 0;
  // Every incident that is open or has action items not done, in id order, without tickets and
  // log: what the incident sweep (app/incidents/incident_sweep.hpp) looks at.
  virtual Result<std::vector<Incident>> incidents_to_sweep() = 0;
  // conflict when a change with this id exists.
  virtual Result<void> insert_change(const ChangeRecord& change) = 0;
  virtual Result<std::optional<ChangeRecord>> find_change(std::string_view id) = 0;
  // Records that the change caused the ticket (a ticket has one cause at most); returns the
  // change it was linked to before, if any.
  virtual Result<std::optional<std::string>> link_change_ticket(std::string_view change, TicketId ticket,
                                                                Timestamp at) = 0;
  // What erasure searches for mentions of the person (domain/compliance/mentions.hpp): every
  // incident's id in id order, and every change record.
  virtual Result<std::vector<IncidentId>> incident_ids() = 0;
  virtual Result<std::vector<ChangeRecord>> all_changes() = 0;
  // Sets the message of each of the incident's log lines that says `from` to `to`.
  virtual Result<void> replace_incident_update_message(IncidentId incident, std::string_view from,
                                                       std::string_view to) = 0;
  // not_found when there is no such change.
  virtual Result<void> update_change_summary(std::string_view id, std::string_view summary) = 0;
};

using WriteWork = std::function<Result<void>(WriteTransaction&)>;
// Told a write's outcome once its group has committed (or failed).
using WriteDone = std::function<void(Result<void>)>;

// While one lives, the reads of its thread only feed a write that is itself answered once it
// is durable, such as the reads a DeferredWrite makes before its work. Such reads may return a
// change that is committed but not yet durable without waiting for it to be: a later commit,
// made durable by a later sync, cannot outlive it. Every other read returns only once what it
// saw is durable (storage/sql/commit_syncer.hpp). Nests.
class ReadsForAWrite {
 public:
  ReadsForAWrite() { ++t_depth; }
  ReadsForAWrite(const ReadsForAWrite&) = delete;
  ReadsForAWrite& operator=(const ReadsForAWrite&) = delete;
  ~ReadsForAWrite() { --t_depth; }
  static bool on_this_thread() { return t_depth > 0; }

 private:
  static inline thread_local int t_depth = 0;
};

// Thread-safe: every method may be called from any thread at once.
class Store {
 public:
  virtual ~Store() = default;

  // Runs `work` in a transaction that the backend may share with other concurrent writes
  // (group commit) and returns only once the commit is durable. When `work` returns an error,
  // everything it wrote is rolled back and the error returned; the other writes of the group
  // are unaffected. When the commit itself fails, every write of the group gets `unavailable`.
  // `work` may run more than once, every run but the last rolled back (the group is run again
  // when another of its writes fails after writing): it keeps nothing of a run outside the
  // transaction except by assigning it (a result it sets, not a counter it bumps), and has no
  // other effects. Blocks the calling thread.
  virtual Result<void> write(WriteWork work) = 0;
  // Runs each work as `write` does, all queued at once so that they share commits; one result
  // per work, in order.
  virtual std::vector<Result<void>> write_all(std::vector<WriteWork> works) = 0;
  // Runs `work` as `write` does but returns at once: `done` gets the outcome `write` would have
  // returned, on the writer's thread once the commit is durable. It must be quick (hand the
  // rest to another thread): every write queued behind it waits. A request served this way
  // holds no thread while its commit is pending.
  virtual void write_async(WriteWork work, WriteDone done) = 0;

  virtual Result<std::optional<Ticket>> find_ticket(TicketId id) = 0;
  virtual Result<TicketPage> list_tickets(const TicketQuery& query) = 0;
  // Per issue type (in no order), the tickets the query's filters and scope select (its text,
  // sort, limit and cursor are not used): how many, and their summed candidate delay at `now`.
  virtual Result<std::vector<TypeTotals>> type_totals(const TicketQuery& query, Timestamp now) = 0;
  // Per group (ordered by group), the volume report's figures (domain/analytics/ticket_volume.hpp)
  // of the tickets the query's filters and scope select (as type_totals), open ones aged at `now`.
  virtual Result<std::vector<VolumeRow>> ticket_volume(const TicketQuery& query, VolumeGrouping grouping,
                                                       Timestamp now) = 0;
  // Per value of `key` (issue type or reporter) and week (whole 7-day periods since `origin`; in
  // no order), how many of the tickets the query selects (as type_totals) were opened. The query
  // should start at `origin`.
  virtual Result<std::vector<WeekCount>> weekly_counts(const TicketQuery& query, Timestamp origin,
                                                       WeeklyCountKey key) = 0;
  // The candidates that entered Snag in [from, to) (either end open when absent) and how many of
  // them withdrew; per issue type, the same among those with a ticket the query's filters and
  // scope select (its text, sort, limit and cursor are not used).
  virtual Result<WithdrawalCounts> withdrawal_counts(const TicketQuery& query, std::optional<Timestamp> from,
                                                     std::optional<Timestamp> to) = 0;
  // A ticket's journal entries in seq order.
  virtual Result<std::vector<JournalEntry>> ticket_journal(TicketId id) = 0;
  virtual Result<std::optional<Candidate>> find_candidate(const CandidateRef& ref) = 0;
  virtual Result<std::optional<ApiKeyRecord>> find_api_key(std::string_view secret_hash) = 0;
  // Every API key, in id order.
  virtual Result<std::vector<ApiKeyRecord>> list_api_keys() = 0;
  virtual Result<std::optional<UserRecord>> find_user_by_name(std::string_view username) = 0;
  virtual Result<std::optional<UserRecord>> find_user(UserId id) = 0;
  // Every user, in id order.
  virtual Result<std::vector<UserRecord>> list_users() = 0;
  virtual Result<std::optional<SessionRecord>> find_session(std::string_view token_hash) = 0;
  virtual Result<std::optional<OAuthClientRecord>> find_oauth_client(std::string_view client_id) = 0;
  // Every OAuth client, in id order.
  virtual Result<std::vector<OAuthClientRecord>> list_oauth_clients() = 0;
  virtual Result<AccessLogPage> access_log_page(const AccessLogQuery& query) = 0;
  // Calls `visit` with every access log entry in seq order until it returns false.
  virtual Result<void> scan_access_log(const std::function<bool(const AccessEntry&)>& visit) = 0;
  // The value WriteTransaction::put_server_state last stored under `name`.
  virtual Result<std::optional<std::string>> server_state(std::string_view name) = 0;
  virtual Result<std::optional<Connector>> find_connector(std::string_view id) = 0;
  // Every connector, in id order.
  virtual Result<std::vector<Connector>> list_connectors() = 0;
  // One entry per connector that has deliveries.
  virtual Result<std::vector<ConnectorStats>> connector_stats() = 0;
  virtual Result<DeadLetterPage> dead_letters(const DeadLetterQuery& query) = 0;
  virtual Result<std::optional<Delivery>> find_delivery(DeliveryId id) = 0;
  // Unresolved reconciliations, oldest first.
  virtual Result<std::vector<Reconciliation>> open_reconciliations(std::size_t limit) = 0;
  // Calls `visit` with every journal entry in seq order until it returns false.
  virtual Result<void> scan_journal(const std::function<bool(const JournalEntry&)>& visit) = 0;
  // At most `limit` journal entries with seq > `after_seq`, in seq order: what changed since.
  virtual Result<std::vector<JournalEntry>> journal_after(std::int64_t after_seq, std::size_t limit) = 0;
  // The seq of the last journal entry (0 for an empty journal).
  virtual Result<std::int64_t> last_journal_seq() = 0;

  // Calls `listener` after each commit that may have appended to the journal: this process's
  // and, on PostgreSQL, every other node's. It runs on a background thread and must return
  // quickly (signal a waiter, no I/O). Listeners stay registered for the store's lifetime.
  virtual void add_commit_listener(std::function<void()> listener) = 0;

  // The leader lock named `name` among the processes sharing this database.
  virtual std::unique_ptr<LeaderLock> leader_lock(std::string_view name) = 0;

  // Ok when the database answers a trivial query (for /readyz).
  virtual Result<void> ping() = 0;
  virtual CommitStats commit_stats() const = 0;

  // ---- Outbound webhooks (see outbound_records.hpp and integrations/outbound/) ----
  // Every subscription, in id order.
  virtual Result<std::vector<Subscription>> list_subscriptions() = 0;
  virtual Result<std::optional<Subscription>> find_subscription(SubscriptionId id) = 0;
  // Every vendor in the registry, in vendor order.
  virtual Result<std::vector<VendorAttestation>> list_vendor_attestations() = 0;
  virtual Result<std::optional<VendorAttestation>> find_vendor_attestation(std::string_view vendor) = 0;
  // One entry per subscription that has outbox messages.
  virtual Result<std::vector<OutboxStats>> outbox_stats() = 0;
  // At most `limit` of a subscription's messages, oldest first.
  virtual Result<std::vector<OutboxMessage>> outbox_messages(SubscriptionId subscription, std::size_t limit) = 0;
  // As WriteTransaction::outbox_journal_position, read beside the writer.
  virtual Result<std::optional<std::int64_t>> outbox_journal_position() = 0;

  // ---- Automation (see automation_records.hpp) ----
  // At most `limit` tickets whose sla_next_check_at is at or before `now`, earliest first (then
  // by id): the ones the SLA sweep has something to do for.
  virtual Result<std::vector<TicketId>> tickets_due_for_sla(Timestamp now, std::size_t limit) = 0;
  virtual Result<NotificationPage> notifications(const NotificationQuery& query) = 0;
  virtual Result<std::int64_t> unread_notification_count(std::string_view recipient) = 0;
  // At most `limit` notifications of every recipient with ids above `after`, in id order: the
  // live feed's read (app/event_hub.hpp). Ids grow in commit order, since
  // every write holds the journal's lock (the one writer on SQLite, an advisory lock on
  // PostgreSQL) from its first statement to its commit.
  virtual Result<std::vector<Notification>> notifications_after(NotificationId after, std::size_t limit) = 0;
  // The highest notification id, 0 when there is none.
  virtual Result<NotificationId> last_notification_id() = 0;
  // As WriteTransaction::latest_rule_set_version, read beside the writer: what each node polls.
  virtual Result<std::int64_t> latest_rule_set_version() = 0;
  virtual Result<std::optional<StoredRuleSet>> find_rule_set(std::int64_t version) = 0;
  // At most `limit` stored versions, newest first, without their YAML.
  virtual Result<std::vector<StoredRuleSet>> rule_set_versions(std::size_t limit) = 0;
  // Every window, newest first (by id).
  virtual Result<std::vector<SuppressionWindow>> list_suppression_windows() = 0;
  virtual Result<std::optional<SuppressionWindow>> find_suppression_window(SuppressionWindowId id) = 0;
  // Every escalation the window suppressed, in id order.
  virtual Result<std::vector<SuppressedEscalation>> suppressed_escalations(SuppressionWindowId window) = 0;

  // ---- Compliance (domain/compliance/) ----
  // Every legal hold, newest first.
  virtual Result<std::vector<LegalHold>> list_legal_holds() = 0;
  virtual Result<std::optional<LegalHold>> find_legal_hold(LegalHoldId id) = 0;
  virtual Result<std::optional<ErasureRequest>> find_erasure_request(ErasureRequestId id) = 0;
  // At most `limit` erasure requests, newest first.
  virtual Result<std::vector<ErasureRequest>> list_erasure_requests(std::size_t limit) = 0;
  // What retention needs of at most `limit` tickets with ids above `after`, in id order, each
  // with its candidate's purge time.
  virtual Result<std::vector<RetentionSubject>> retention_subjects(TicketId after, std::size_t limit) = 0;

  // ---- Saved views (domain/views/saved_view.hpp) ----
  // The owner's views and every shared one, by name.
  virtual Result<std::vector<SavedView>> saved_views_for(std::string_view owner) = 0;

  // ---- Incidents (see incident_records.hpp and domain/incidents/) ----
  virtual Result<std::optional<Incident>> find_incident(IncidentId id) = 0;
  virtual Result<IncidentPage> list_incidents(const IncidentQuery& query) = 0;
  virtual Result<std::optional<ChangeRecord>> find_change(std::string_view id) = 0;
  // At most `limit` changes, the most recently deployed first.
  virtual Result<std::vector<ChangeRecord>> list_changes(std::size_t limit) = 0;
  virtual Result<ChangeLinks> change_links(std::string_view id) = 0;
  virtual Result<TicketLinks> ticket_links(TicketId ticket) = 0;
  // Per change deployed in [from, to), what it caused, the most defects first (then the newest).
  virtual Result<std::vector<ChangeDefects>> change_defects(Timestamp from, Timestamp to) = 0;
};

}  // namespace snag
