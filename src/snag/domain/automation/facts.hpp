#pragma once
// What rule conditions read: the facts of an event, a ticket and a candidate, under the names
// rules use (`event.detail.status`, `ticket.severity`, `candidate.fields.visa_status`).
//
// The facts are defined as JSON objects (event_facts, ticket_facts, candidate_facts), but an
// evaluation does not build them: rules are evaluated per event, and a rule set reads a handful
// of paths. resolve_fact reads each path the rules use straight from the typed records — in
// place where the record holds JSON already (an event's detail, custom fields) — and builds the
// whole object only for a path it has no shortcut for, so both ways give the same values
// (tests/unit/domain/automation_test.cpp checks every member).

#include <deque>
#include <optional>

#include <nlohmann/json.hpp>

#include <snag/domain/ats/ats_event.hpp>
#include <snag/domain/automation/condition.hpp>
#include <snag/domain/candidate.hpp>
#include <snag/domain/ticket.hpp>

namespace snag {

// type, source_action, occurred_at, candidate, profile, object, stage, application_id,
// merged_into, merged_from and detail.
nlohmann::json event_facts(const AtsEvent& event);
// ats, external_id, level, geography, fields, and name and email when known.
nlohmann::json candidate_facts(const Candidate& candidate);
// type, status, severity, team, assignee, labels, fields, reporter, title, description,
// created_at, and the candidate's ats and external_id.
nlohmann::json ticket_facts(const Ticket& ticket);

// The records one evaluation reads; each may be absent (its facts are then absent too, so that
// `exists` tests can tell).
struct FactSource {
  const AtsEvent* event = nullptr;
  const Ticket* ticket = nullptr;
  const Candidate* candidate = nullptr;
};

// The source of an evaluation's facts. The pointers refer to the arguments: use it while they live.
FactSource fact_source(const AtsEvent* event, const Ticket* ticket, const std::optional<Candidate>& candidate);

// The values an evaluation had to build (a formatted time, a severity's name, a whole facts
// object), kept while the evaluation reads them. A deque: what it holds does not move.
struct FactScratch {
  std::deque<nlohmann::json> values;
};

// The fact at `path` ("event.…", "ticket.…" or "candidate.…"), as find_fact would read it from
// {"event": event_facts, "ticket": ticket_facts, "candidate": candidate_facts}; null when absent.
const nlohmann::json* resolve_fact(const FactSource& source, const FactPath& path, FactScratch& scratch);

}  // namespace snag
