#pragma once
// Applies normalised ATS events to Snag's state inside one write: the candidate's profile (only
// when the event is newer than the last description of the same candidate), merges (only when
// newer than what was applied to the merge's object), stub candidates for ids Snag has not seen
// (with a reconciliation record), and the tickets an event opens (one open ticket per candidate
// and issue type: a repeat adds a comment instead). An event that does not describe the
// candidate is an occurrence, not state: a blocker among them opens its ticket whenever it
// arrives. Interview events are kept, newest per interview, for the notices about them
// (app/automation/interview_notices.hpp).
// Webhook processing, batch sync and CSV import all go through it, so that every feed has the
// same effect.

#include <chrono>
#include <map>
#include <utility>
#include <optional>
#include <string>

#include <snag/app/automation/ticket_router.hpp>
#include <snag/app/ports/store.hpp>
#include <snag/domain/ats/ats_event.hpp>
#include <snag/domain/ats/ats_policy.hpp>
#include <snag/domain/actor.hpp>
#include <snag/domain/ats/connector.hpp>
#include <snag/domain/automation/rule.hpp>
#include <snag/domain/catalog.hpp>
#include <snag/util/error.hpp>

namespace snag {

struct AppliedEvent {
  // Older than the candidate's last description (or the merge's object): it changes no state
  // (a blocker still opens or adds to its ticket).
  bool superseded = false;
  bool candidate_created = false;
  std::vector<TicketId> opened_tickets;   // tickets this event opened
  std::vector<TicketId> updated_tickets;  // open tickets this event was added to
};

// Thread-safe: holds only references to immutable configuration and the (thread-safe) router.
class EventApplier {
 public:
  // The router's ats_event rules decide which tickets an event opens, and it routes them.
  // Hiring managers hear of interviews `interview_notice_horizon` ahead (AtsPolicy).
  EventApplier(const Catalog& catalog, const TicketRouter& router,
               std::chrono::hours interview_notice_horizon = AtsPolicy{}.interview_notice_horizon);

  Result<AppliedEvent> apply(WriteTransaction& tx, const Connector& connector, const AtsEvent& event,
                             Timestamp now) const;

 private:
  struct CandidateChange {
    bool created = false;
    bool routing_facts_changed = false;  // level or geography, which routing rules read
    std::optional<std::string> geography;  // the candidate's, after the event
  };
  // Creates or updates the candidate the event is about. A new candidate the event does not
  // describe becomes a stub with a reconciliation record. A superseded event only fills in what
  // a known candidate's profile does not say yet.
  Result<CandidateChange> ensure_candidate(WriteTransaction& tx, const Connector& connector, const CandidateRef& ref,
                                           const AtsEvent& event, bool superseded, Timestamp now) const;
  // Routes the candidate's open tickets again after its level or geography changed, and moves
  // their SLA clocks to the calendar of the new geography: a blocker that arrived before the ATS
  // described the candidate ends routed and timed as if it came after.
  Result<void> reroute_open_tickets(WriteTransaction& tx, const Actor& actor, const CandidateRef& ref,
                                    const std::optional<std::string>& geography, Timestamp now) const;
  // Moves `object`'s clock (ats_objects) to `occurred_at`; false, with nothing changed, when
  // something as new or newer was applied to it already.
  Result<bool> advance_clock(WriteTransaction& tx, const Connector& connector, const std::string& object,
                             Timestamp occurred_at) const;
  // Records the merge and moves the merged-away candidate's tickets to the survivor, each with a
  // journal entry.
  Result<void> apply_merge(WriteTransaction& tx, const Actor& actor, const AtsEvent& event, Timestamp now) const;
  // Opens, or adds to, the tickets that the rules listening to the event ask for.
  Result<void> open_tickets(WriteTransaction& tx, const Actor& actor, const CandidateRef& ref, const AtsEvent& event,
                            Timestamp now, AppliedEvent& applied) const;
  // The open ticket of the type for the candidate, with the event added as a comment, or a new
  // one (its SLA calendar and routing may follow the candidate, read once by the caller); the
  // bool is true when the ticket is new.
  Result<std::pair<TicketId, bool>> open_or_add_to_ticket(WriteTransaction& tx, const Actor& actor,
                                                          const CandidateRef& ref,
                                                          const std::optional<Candidate>& candidate,
                                                          const TicketToOpen& wanted,
                                                          const AtsEvent& event, Timestamp now) const;

  const Catalog& m_catalog;
  const TicketRouter& m_router;
  const std::chrono::hours m_interview_notice_horizon;
};

}  // namespace snag
