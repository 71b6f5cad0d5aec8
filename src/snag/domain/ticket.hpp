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
};

struct SlaState {
  std::optional<Timestamp> resolution_due_at;
  bool breached = false;
};

// Breached when the ticket was resolved after its due time, or is still open past it.
SlaState sla_state(const Ticket& ticket, Timestamp now);

}  // namespace snag
