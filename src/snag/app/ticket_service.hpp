#pragma once
// Ticket use cases. Each takes the acting Actor explicitly, runs the pure domain rules and
// hands the result to the Store in one write, so that the change, its journal entries and its
// access log entry commit together. Every ticket read or changed is first checked against the
// access rule (a ticket the actor may not see does not exist for it), and every ticket, comment
// and history item returned is masked for the actor.

#include <optional>
#include <string>
#include <vector>

#include <snag/app/access/access_guard.hpp>
#include <snag/app/access/access_recorder.hpp>
#include <snag/app/automation/ticket_router.hpp>
#include <snag/app/deferred_write.hpp>
#include <snag/app/ports/clock.hpp>
#include <snag/app/ports/store.hpp>
#include <snag/domain/actor.hpp>
#include <snag/domain/catalog.hpp>
#include <snag/domain/journal.hpp>
#include <snag/domain/ticket.hpp>
#include <snag/domain/ticket_changes.hpp>
#include <snag/domain/ticket_query.hpp>

namespace snag {

struct IdempotencyKey {
  std::string key;          // the client's Idempotency-Key header
  std::string fingerprint;  // SHA-256 of the request body: a reused key with another body is refused
};

struct CreatedTicket {
  Ticket ticket;
  bool replayed = false;  // true when an Idempotency-Key repeat returned the first result
};

// One ticket's outcome in a bulk request.
struct BulkOutcome {
  std::string key;
  Result<Ticket> result;
};

struct BulkRequest {
  std::vector<std::string> keys;
  std::optional<TicketEdit> edit;         // exactly one of edit and transition is set
  std::optional<std::string> transition;
};

inline constexpr std::size_t k_max_bulk_keys = 500;
inline constexpr std::size_t k_max_comment_length = 65536;

// Thread-safe: holds only references to thread-safe parts.
class TicketService {
 public:
  TicketService(Store& store, const Catalog& catalog, const Clock& clock, const AccessGuard& access,
                AccessRecorder& recorder, const TicketRouter& router);

  Result<CreatedTicket> create(const Actor& actor, const TicketDraft& draft,
                               const std::optional<IdempotencyKey>& idempotency);
  // `create` up to its write, for a caller that commits it without waiting (DeferredWrite).
  Result<DeferredWrite<CreatedTicket>> prepare_create(const Actor& actor, const TicketDraft& draft,
                                                      const std::optional<IdempotencyKey>& idempotency);
  Result<Ticket> get(const Actor& actor, TicketId id);
  // precondition_failed when `expected_version` is not the stored version.
  Result<Ticket> edit(const Actor& actor, TicketId id, const TicketEdit& edit, std::int64_t expected_version);
  // `expected_version`, when given, is checked as for edit.
  Result<Ticket> transition(const Actor& actor, TicketId id, std::string_view to, std::string_view comment,
                            std::optional<std::int64_t> expected_version);
  Result<std::vector<std::string>> allowed_transitions(const Actor& actor, TicketId id);
  Result<Comment> add_comment(const Actor& actor, TicketId id, std::string_view body);
  // Only tickets the actor may see; a text search never finds a ticket through words that are
  // masked for the actor (such a page may hold fewer items than the limit).
  Result<TicketPage> list(const Actor& actor, TicketQuery query);
  // As `list`, but writes no access log view per ticket: for an export, which is recorded whole
  // (ExportGate, with its row count) and reads far more tickets than a view entry each could
  // keep up with.
  Result<TicketPage> list_for_export(const Actor& actor, TicketQuery query);
  Result<std::vector<HistoryItem>> history(const Actor& actor, TicketId id);
  // validation_failed for a malformed request as a whole; otherwise one outcome per key.
  Result<std::vector<BulkOutcome>> bulk(const Actor& actor, const BulkRequest& request);

  Timestamp now() const { return m_clock.now(); }

 private:
  // `list`, with a view entry for each ticket that holds personal data when `record_views`.
  Result<TicketPage> read_page(const Actor& actor, TicketQuery query, bool record_views);
  // Runs the change inside an open write: loads the ticket, checks that the actor may see it
  // and holds `permission`, applies `change`, stores the result, its journal entries and its
  // access log entry. Used by edit, transition and bulk. Returns the ticket unmasked.
  template <class Change>
  Result<Ticket> change_in(WriteTransaction& tx, const Actor& actor, TicketId id, std::string_view permission,
                           Change&& change);
  // The stored ticket, when the actor may see it.
  Result<Ticket> visible_ticket(const Actor& actor, TicketId id);

  Store& m_store;
  const Catalog& m_catalog;
  const Clock& m_clock;
  const AccessGuard& m_access;
  AccessRecorder& m_recorder;
  const TicketRouter& m_router;
};

}  // namespace snag
