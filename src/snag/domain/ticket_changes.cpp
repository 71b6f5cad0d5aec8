#include <algorithm>
#include <cctype>
#include <set>

#include <snag/domain/custom_fields.hpp>
#include <snag/domain/sla/sla_clock.hpp>
#include <snag/domain/ticket_changes.hpp>

namespace snag {

namespace {

bool is_blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c); });
}

void check_text(std::vector<FieldError>& errors, std::string_view field, std::string_view value, std::size_t max,
                bool required) {
  if (required && is_blank(value)) {
    errors.push_back({std::string(field), "must not be empty"});
  } else if (value.size() > max) {
    errors.push_back({std::string(field), "must be at most " + std::to_string(max) + " bytes"});
  }
}

// A title is what a list shows on one line: a line break or another control character in it
// would break every list, export row and notification subject it appears in.
void check_title(std::vector<FieldError>& errors, std::string_view title) {
  const auto before = errors.size();
  check_text(errors, "title", title, k_max_title_length, true);
  if (errors.size() > before) return;
  const bool control = std::any_of(title.begin(), title.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; });
  if (control) errors.push_back({"title", "must be one line, without line breaks or other control characters"});
}

void check_type(std::vector<FieldError>& errors, const Catalog& catalog, std::string_view code) {
  const IssueType* type = catalog.find_issue_type(code);
  if (!type) {
    errors.push_back({"type", "'" + std::string(code) + "' is not a known issue type (see /api/v1/issue-types)"});
  } else if (type->deprecated) {
    errors.push_back({"type", "'" + std::string(code) + "' is deprecated and takes no new tickets"});
  }
}

void check_team(std::vector<FieldError>& errors, const Catalog& catalog, std::string_view team) {
  if (!catalog.has_team(team)) {
    std::string known;
    for (const auto& t : catalog.teams) known += (known.empty() ? "" : ", ") + t.code;
    errors.push_back({"team", "'" + std::string(team) + "' is not a team; teams are " + known});
  }
}

void check_assignee(std::vector<FieldError>& errors, const std::optional<std::string>& assignee) {
  if (assignee) check_text(errors, "assignee", *assignee, k_max_assignee_length, true);
}

void check_labels(std::vector<FieldError>& errors, const std::vector<std::string>& labels) {
  if (labels.size() > k_max_labels) {
    errors.push_back({"labels", "at most " + std::to_string(k_max_labels) + " labels"});
    return;
  }
  for (const auto& label : labels) {
    if (label.empty() || label.size() > k_max_label_length || label.find_first_of(" \t\r\n,") != std::string::npos) {
      errors.push_back({"labels", "each label must be 1 to " + std::to_string(k_max_label_length) +
                                      " characters without spaces or commas"});
      return;
    }
  }
}

void check_watchers(std::vector<FieldError>& errors, const std::vector<std::string>& watchers) {
  if (watchers.size() > k_max_watchers) {
    errors.push_back({"watchers", "at most " + std::to_string(k_max_watchers) + " watchers"});
    return;
  }
  for (const auto& watcher : watchers) {
    const std::size_t before = errors.size();
    check_text(errors, "watchers", watcher, k_max_assignee_length, true);
    if (errors.size() != before) return;
  }
}

void check_candidate(std::vector<FieldError>& errors, const std::optional<CandidateRef>& candidate) {
  if (!candidate) return;
  auto candidate_errors = validate_candidate_ref(*candidate, "candidate.");
  errors.insert(errors.end(), candidate_errors.begin(), candidate_errors.end());
}

void check_fields(std::vector<FieldError>& errors, const nlohmann::json& fields) {
  if (auto error = check_custom_fields(fields, "fields")) errors.push_back(std::move(*error));
}

// Labels and watchers are sets shown in a stable order.
std::vector<std::string> normalized_set(std::vector<std::string> labels) {
  std::sort(labels.begin(), labels.end());
  labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
  return labels;
}

nlohmann::json optional_json(const std::optional<std::string>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json candidate_json(const std::optional<CandidateRef>& ref) {
  if (!ref) return nullptr;
  return {{"ats", ref->ats}, {"external_id", ref->external_id}};
}

nlohmann::json timestamp_json(const std::optional<Timestamp>& value) {
  return value ? nlohmann::json(format_rfc3339(*value)) : nlohmann::json(nullptr);
}

}  // namespace

bool TicketEdit::empty() const {
  return !type && !title && !description && !severity && !team && !assignee && !candidate && !labels && !watchers &&
         !fields;
}

Result<Ticket> open_ticket(const Catalog& catalog, const TicketDraft& draft, const Actor& actor, Timestamp now,
                           const std::optional<std::string>& candidate_geography) {
  std::vector<FieldError> errors;
  check_type(errors, catalog, draft.type);
  check_title(errors, draft.title);
  check_text(errors, "description", draft.description, k_max_description_length, false);
  if (draft.team) check_team(errors, catalog, *draft.team);
  check_assignee(errors, draft.assignee);
  check_labels(errors, draft.labels);
  check_watchers(errors, draft.watchers);
  check_candidate(errors, draft.candidate);
  check_fields(errors, draft.fields);
  if (!errors.empty()) return fail_validation(std::move(errors));

  const IssueType& type = *catalog.find_issue_type(draft.type);
  Ticket ticket;
  ticket.type = draft.type;
  ticket.title = draft.title;
  ticket.description = draft.description;
  ticket.status = catalog.workflow_for(type).initial;
  ticket.severity = draft.severity.value_or(type.default_severity);
  ticket.team = draft.team.value_or(type.default_team);
  ticket.assignee = draft.assignee;
  ticket.candidate = draft.candidate;
  ticket.labels = normalized_set(draft.labels);
  ticket.watchers = normalized_set(draft.watchers);
  ticket.fields = draft.fields;
  ticket.reporter = actor.name;
  ticket.created_at = now;
  ticket.updated_at = now;
  ticket.version = 1;
  if (ticket.candidate) ticket.candidate_geography = candidate_geography;
  plan_sla_clock(catalog.sla, ticket);
  return ticket;
}

Result<Ticket> edit_ticket(const Catalog& catalog, const Ticket& ticket, const TicketEdit& edit, Timestamp now,
                           const std::optional<std::string>& candidate_geography) {
  std::vector<FieldError> errors;
  if (edit.type) {
    check_type(errors, catalog, *edit.type);
    const IssueType* new_type = catalog.find_issue_type(*edit.type);
    const IssueType* old_type = catalog.find_issue_type(ticket.type);
    if (new_type && old_type && new_type->workflow != old_type->workflow &&
        !catalog.workflow_for(*new_type).has_status(ticket.status)) {
      errors.push_back({"type", "the " + new_type->workflow + " workflow of '" + new_type->code +
                                    "' has no status '" + ticket.status + "'"});
    }
  }
  if (edit.title) check_title(errors, *edit.title);
  if (edit.description) check_text(errors, "description", *edit.description, k_max_description_length, false);
  if (edit.team) check_team(errors, catalog, *edit.team);
  if (edit.assignee) check_assignee(errors, *edit.assignee);
  if (edit.labels) check_labels(errors, *edit.labels);
  if (edit.watchers) check_watchers(errors, *edit.watchers);
  if (edit.candidate) check_candidate(errors, *edit.candidate);
  if (edit.fields) check_fields(errors, *edit.fields);
  if (!errors.empty()) return fail_validation(std::move(errors));

  Ticket after = ticket;
  if (edit.type) after.type = *edit.type;
  if (edit.title) after.title = *edit.title;
  if (edit.description) after.description = *edit.description;
  if (edit.severity) after.severity = *edit.severity;
  if (edit.team) after.team = *edit.team;
  if (edit.assignee) after.assignee = *edit.assignee;
  if (edit.candidate) after.candidate = *edit.candidate;
  if (edit.labels) after.labels = normalized_set(*edit.labels);
  if (edit.watchers) after.watchers = normalized_set(*edit.watchers);
  if (edit.fields) after.fields = *edit.fields;
  if (after.candidate != ticket.candidate) {
    after.candidate_geography = after.candidate ? candidate_geography : std::nullopt;
  }
  if (after.severity != ticket.severity || after.type != ticket.type || after.team != ticket.team ||
      after.candidate_geography != ticket.candidate_geography) {
    plan_sla_clock(catalog.sla, after);
  }
  if (diff_tickets(ticket, after).empty()) return ticket;
  after.updated_at = now;
  after.version = ticket.version + 1;
  return after;
}

Result<Ticket> transition_ticket(const Catalog& catalog, const Ticket& ticket, std::string_view to, Timestamp now) {
  const IssueType* type = catalog.find_issue_type(ticket.type);
  if (!type) return fail(ErrorCode::internal, "ticket " + ticket_key(ticket.id) + " has an unknown type");
  const Workflow& workflow = catalog.workflow_for(*type);
  if (auto allowed = check_transition(workflow, ticket.status, to); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  Ticket after = ticket;
  after.status = std::string(to);
  if (workflow.is_done(to) && !workflow.is_done(ticket.status)) after.resolved_at = now;
  if (!workflow.is_done(to)) after.resolved_at.reset();
  advance_sla_clock(catalog.sla, workflow, ticket, after, now);
  after.updated_at = now;
  after.version = ticket.version + 1;
  return after;
}

std::vector<std::string> allowed_transitions(const Catalog& catalog, const Ticket& ticket) {
  const IssueType* type = catalog.find_issue_type(ticket.type);
  if (!type) return {};
  return catalog.workflow_for(*type).allowed_from(ticket.status);
}

std::vector<FieldChange> diff_tickets(const Ticket& before, const Ticket& after) {
  std::vector<FieldChange> changes;
  const auto compare = [&](std::string field, nlohmann::json old_value, nlohmann::json new_value) {
    if (old_value != new_value) changes.push_back({std::move(field), std::move(old_value), std::move(new_value)});
  };
  compare("type", before.type, after.type);
  compare("title", before.title, after.title);
  compare("description", before.description, after.description);
  compare("status", before.status, after.status);
  compare("severity", to_string(before.severity), to_string(after.severity));
  compare("team", before.team, after.team);
  compare("assignee", optional_json(before.assignee), optional_json(after.assignee));
  compare("candidate", candidate_json(before.candidate), candidate_json(after.candidate));
  compare("labels", before.labels, after.labels);
  compare("watchers", before.watchers, after.watchers);
  compare("fields", before.fields, after.fields);
  compare("resolution_due_at", timestamp_json(before.resolution_due_at), timestamp_json(after.resolution_due_at));
  compare("first_response_due_at", timestamp_json(before.first_response_due_at),
          timestamp_json(after.first_response_due_at));
  return changes;
}

std::vector<FieldChange> creation_changes(const Ticket& ticket) {
  std::vector<FieldChange> changes;
  const auto set = [&](std::string field, nlohmann::json value) {
    const bool unset = value.is_null() || (value.is_string() && value.get_ref<const std::string&>().empty()) ||
                       (value.is_array() && value.empty()) || (value.is_object() && value.empty());
    if (!unset) changes.push_back({std::move(field), nullptr, std::move(value)});
  };
  set("type", ticket.type);
  set("title", ticket.title);
  set("description", ticket.description);
  set("status", ticket.status);
  set("severity", to_string(ticket.severity));
  set("team", ticket.team);
  set("assignee", optional_json(ticket.assignee));
  set("candidate", candidate_json(ticket.candidate));
  set("labels", ticket.labels);
  set("watchers", ticket.watchers);
  set("fields", ticket.fields);
  set("resolution_due_at", timestamp_json(ticket.resolution_due_at));
  set("first_response_due_at", timestamp_json(ticket.first_response_due_at));
  return changes;
}

std::vector<FieldChange> creation_journal(const Ticket& ticket) {
  nlohmann::json pairs = nlohmann::json::array();
  for (auto& change : creation_changes(ticket)) {
    pairs.push_back(nlohmann::json::array({std::move(change.field), std::move(change.new_value)}));
  }
  return {FieldChange{std::string(k_snapshot_field), nullptr, std::move(pairs)}};
}

std::vector<FieldChange> expand_snapshot(const FieldChange& change) {
  if (change.field != k_snapshot_field || !change.new_value.is_array()) return {change};
  std::vector<FieldChange> changes;
  for (const auto& pair : change.new_value) {
    if (pair.is_array() && pair.size() == 2 && pair[0].is_string()) {
      changes.push_back({pair[0].get<std::string>(), nullptr, pair[1]});
    }
  }
  return changes;
}

}  // namespace snag
