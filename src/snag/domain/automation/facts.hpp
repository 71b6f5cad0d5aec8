#pragma once
// What rule conditions read: the facts of an event, a ticket and a candidate as JSON, under the
// names rules use (`event.detail.status`, `ticket.severity`, `candidate.fields.visa_status`).

#include <optional>

#include <nlohmann/json.hpp>

#include <snag/domain/ats/ats_event.hpp>
#include <snag/domain/candidate.hpp>
#include <snag/domain/ticket.hpp>

namespace snag {

// type, source_action, occurred_at, object, stage, application_id and detail.
nlohmann::json event_facts(const AtsEvent& event);
// ats, external_id, level, geography, fields, and name and email when known.
nlohmann::json candidate_facts(const Candidate& candidate);
// type, status, severity, team, assignee, labels, fields, reporter, title, description,
// created_at, and the candidate's ats and external_id.
nlohmann::json ticket_facts(const Ticket& ticket);

// The facts object handed to conditions; members whose source is absent are left out, so that
// `exists` tests can tell.
nlohmann::json rule_facts(const AtsEvent* event, const Ticket* ticket, const std::optional<Candidate>& candidate);

}  // namespace snag
