#pragma once
// Applies normalised ATS events to Snag's state inside one write: the candidate's profile (only
// when the event is newer than the last description of the same candidate), merges (only when
// newer than what was applied to the merge's object), stub candidates for ids Snag has not seen
// (with a reconciliation record), and the tickets an event opens (one open ticket per candidate
// and issue type: a repeat adds a comment instead). An event that does not describe the
// candidate is an occurrence, not state: a blocker among them opens its ticket whenever it
// arrives.
// Webhook processing, batch sync and CSV import all go through it, so that every feed has the
// same effect.

#include <map>
#include <utility>
#include <optional>
#include <string>

#include <snag/app/ports/store.hpp>
#include <snag/domain/ats/ats_event.hpp>
#include <snag/domain/actor.hpp>
#include <snag/domain/ats/connector.hpp>
#include <snag/domain/catalog.hpp>
#include <snag/util/error.hpp>

namespace snag {

// Which issue type an event opens a ticket of (config `ats.tickets_on`), e.g. offer.expired →
// offer_link_expired.
using AtsTicketTriggers = std::map<AtsEventType, std::string>;

struct AppliedEvent {
  // Older than the candidate's last description (or the merge's object): it changes no state
  // (a blocker still opens or adds to its ticket).
  bool superseded = false;
  bool candidate_created = false;
  std::optional<TicketId> opened_ticket;   // a ticket this event opened
  std::optional<TicketId> updated_ticket;  // an open ticket this event was added to
};

// Thread-safe: holds only references to immutable configuration.
class EventApplier {
 public:
  EventApplier(const Catalog& catalog, const AtsTicketTriggers& triggers);

  Result<AppliedEvent> apply(WriteTransaction& tx, const Connector& connector, const AtsEvent& event,
                             Timestamp now) const;

 private:
  // Creates or updates the candidate the event is about; true when it is new. A new candidate
  // the event does not describe becomes a stub with a reconciliation record. A superseded event
  // changes a known candidate's profile no more.
  Result<bool> ensure_candidate(WriteTransaction& tx, const Connector& connector, const CandidateRef& ref,
                                const AtsEvent& event, bool superseded, Timestamp now) const;
  // Moves `object`'s clock (ats_objects) to `occurred_at`; false, with nothing changed, when
  // something as new or newer was applied to it already.
  Result<bool> advance_clock(WriteTransaction& tx, const Connector& connector, const std::string& object,
                             Timestamp occurred_at) const;
  // Records the merge and moves the merged-away candidate's tickets to the survivor, each with a
  // journal entry.
  Result<void> apply_merge(WriteTransaction& tx, const Actor& actor, const AtsEvent& event, Timestamp now) const;
  // The open ticket of `issue_type` for the candidate, with the event added as a comment, or a
  // new one; the bool is true when the ticket is new.
  Result<std::pair<TicketId, bool>> open_or_add_to_ticket(WriteTransaction& tx, const Actor& actor,
                                                          const CandidateRef& ref, const std::string& issue_type,
                                                          const AtsEvent& event, Timestamp now) const;

  const Catalog& m_catalog;
  const AtsTicketTriggers& m_triggers;
};

}  // namespace snag
