#pragma once
// The pure rules for opening and changing a ticket: what a new ticket looks like, which
// edits are valid, what a transition does, and which fields changed (for the journal).

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <snag/domain/actor.hpp>
#include <snag/domain/catalog.hpp>
#include <snag/domain/ticket.hpp>
#include <snag/util/error.hpp>

namespace snag {

// What a caller asks for when opening a ticket; missing optionals take the issue type's defaults.
struct TicketDraft {
  std::string type;
  std::string title;
  std::string description;
  std::optional<Severity> severity;
  std::optional<CandidateRef> candidate;
  std::optional<std::string> team;
  std::optional<std::string> assignee;
  std::vector<std::string> labels;
  std::vector<std::string> watchers;
  nlohmann::json fields = nlohmann::json::object();
};

// A partial edit. For assignee and candidate, an engaged outer optional holding nullopt clears
// the field. Status is not here: transitions change it.
struct TicketEdit {
  std::optional<std::string> type;
  std::optional<std::string> title;
  std::optional<std::string> description;
  std::optional<Severity> severity;
  std::optional<std::string> team;
  std::optional<std::optional<std::string>> assignee;
  std::optional<std::optional<CandidateRef>> candidate;
  std::optional<std::vector<std::string>> labels;
  std::optional<std::vector<std::string>> watchers;
  std::optional<nlohmann::json> fields;

  bool empty() const;
};

struct FieldChange {
  std::string field;
  nlohmann::json old_value;  // null when the field had no value
  nlohmann::json new_value;
  friend bool operator==(const FieldChange&, const FieldChange&) = default;
};

inline constexpr std::size_t k_max_title_length = 300;
inline constexpr std::size_t k_max_description_length = 65536;
inline constexpr std::size_t k_max_labels = 50;
inline constexpr std::size_t k_max_label_length = 64;
inline constexpr std::size_t k_max_assignee_length = 200;
inline constexpr std::size_t k_max_watchers = 50;

// A new ticket (without id) in its workflow's initial status, with its SLA clock started
// (sla/sla_clock.hpp), or validation_failed naming every bad field. `candidate_geography` is the
// draft's candidate's (CandidateProfile::geography), which may choose the SLA calendar.
Result<Ticket> open_ticket(const Catalog& catalog, const TicketDraft& draft, const Actor& actor, Timestamp now,
                           const std::optional<std::string>& candidate_geography = std::nullopt);

// The ticket after the edit, version bumped, or validation_failed. An edit that changes
// nothing returns the ticket unchanged (same version). A change of severity, type, team or
// candidate recomputes the SLA due times; `candidate_geography` is the new candidate's, used
// only when the edit changes the candidate.
Result<Ticket> edit_ticket(const Catalog& catalog, const Ticket& ticket, const TicketEdit& edit, Timestamp now,
                           const std::optional<std::string>& candidate_geography = std::nullopt);

// The ticket after moving to `to`, or workflow_denied listing the allowed statuses. The SLA
// clock pauses, resumes or stops with the move, and the first move out of the initial status
// is the first response.
Result<Ticket> transition_ticket(const Catalog& catalog, const Ticket& ticket, std::string_view to, Timestamp now);

// The statuses the ticket may move to next.
std::vector<std::string> allowed_transitions(const Catalog& catalog, const Ticket& ticket);

// The fields whose values differ, in a fixed order, as journal values.
std::vector<FieldChange> diff_tickets(const Ticket& before, const Ticket& after);

// The journal values of a newly opened ticket (every set field, old = null).
std::vector<FieldChange> creation_changes(const Ticket& ticket);

// A new ticket is journaled as ONE entry rather than one per field: creation is the hottest
// write, and a single row keeps it cheap. Its field is k_snapshot_field and its new value the
// ordered [field, value] pairs of creation_changes; expand_snapshot turns it back into changes.
inline constexpr std::string_view k_snapshot_field = "*";
std::vector<FieldChange> creation_journal(const Ticket& ticket);
// The per-field changes of a snapshot entry; any other change is returned as it is.
std::vector<FieldChange> expand_snapshot(const FieldChange& change);

}  // namespace snag
