#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <snag/domain/candidate.hpp>
#include <snag/domain/ids.hpp>
#include <snag/domain/severity.hpp>
#include <snag/util/time.hpp>

namespace snag {

// A ticket as stored and shown. A plain value: use cases change copies and hand them to the store.
struct Ticket {
  TicketId id;
  std::string type;
  std::string title;
  std::string description;
  std::string status;
  Severity severity = Severity::sev3;
  std::string team;
  std::optional<std::string> assignee;
  std::optional<CandidateRef> candidate;
  std::vector<std::string> labels;
  std::vector<std::string> watchers;  // principals who follow it, and so may see it
  nlohmann::json fields = nlohmann::json::object();
  std::string reporter;  // the actor who opened it
  Timestamp created_at;
  Timestamp updated_at;
  std::int64_t version = 1;  // bumped by every change; the ETag
  std::optional<Timestamp> resolution_due_at;
  std::optional<Timestamp> resolved_at;  // set on entering a done status, cleared on reopening
  // The SLA clock (domain/sla/sla_clock.hpp). The geography is the candidate's when the ticket
  // was opened or its candidate changed: the calendar choice must not need a lookup.
  std::string sla_calendar;  // the business calendar that runs the clock; empty: none
  std::optional<std::string> candidate_geography;
  std::optional<Timestamp> first_response_due_at;
  std::optional<Timestamp> first_responded_at;  // the first transition out of the initial status
  std::optional<Timestamp> sla_paused_at;       // set while in a paused status (pending)
  std::chrono::milliseconds sla_paused_for{0};  // business time the clock stood still so far
  // Escalation (domain/sla/sla_points.hpp): the SLA points already passed on this ticket, each
  // once, and when the next one falls due; nullopt while none can (paused, done, none left).
  std::vector<std::string> sla_fired;
  std::optional<Timestamp> sla_next_check_at;
};

struct SlaState {
  std::optional<Timestamp> resolution_due_at;
  bool breached = false;
  std::optional<Timestamp> first_response_due_at;
  std::optional<Timestamp> first_responded_at;
  bool first_response_breached = false;
  bool paused = false;
  std::string calendar;
};

// Breached when the ticket was resolved after its due time, or is still open past it; while the
// clock is paused, the pause's start stands for now. The first response likewise: answered
// after its due time, or not yet answered past it.
SlaState sla_state(const Ticket& ticket, Timestamp now);

}  // namespace snag
