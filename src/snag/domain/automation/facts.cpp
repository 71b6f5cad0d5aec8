#include <snag/domain/automation/facts.hpp>

namespace snag {

namespace {

// A value computed for this evaluation; only a path that ends at the member can use it.
const nlohmann::json* keep(FactScratch& scratch, const FactPath& path, nlohmann::json value) {
  if (path.segments.size() != 2) return nullptr;  // a string or array has no members to walk into
  return &scratch.values.emplace_back(std::move(value));
}

const nlohmann::json* keep_optional(FactScratch& scratch, const FactPath& path, const std::optional<std::string>& value) {
  return value ? keep(scratch, path, *value) : nullptr;
}

// A member without a shortcut: the whole facts object, once per path.
const nlohmann::json* from_whole(FactScratch& scratch, const FactPath& path, nlohmann::json whole) {
  return find_fact(scratch.values.emplace_back(std::move(whole)), path, 1);
}

const nlohmann::json* event_fact(const AtsEvent& event, const FactPath& path, FactScratch& scratch) {
  const std::string& member = path.segments[1];
  if (member == "detail") return find_fact(event.detail, path, 2);
  if (member == "type") return keep(scratch, path, std::string(to_string(event.type)));
  if (member == "source_action") return keep(scratch, path, event.source_action);
  if (member == "object") return keep(scratch, path, event.object);
  if (member == "occurred_at") return keep(scratch, path, format_rfc3339(event.occurred_at));
  if (member == "stage") return keep_optional(scratch, path, event.stage);
  if (member == "application_id") return keep_optional(scratch, path, event.application_id);
  return from_whole(scratch, path, event_facts(event));
}

const nlohmann::json* candidate_fact(const Candidate& candidate, const FactPath& path, FactScratch& scratch) {
  const std::string& member = path.segments[1];
  const CandidateProfile& profile = candidate.profile;
  if (member == "fields" && profile.fields.is_object()) return find_fact(profile.fields, path, 2);
  if (member == "level") return keep_optional(scratch, path, profile.level);
  if (member == "geography") return keep_optional(scratch, path, profile.geography);
  if (member == "ats") return keep(scratch, path, candidate.ref.ats);
  if (member == "external_id") return keep(scratch, path, candidate.ref.external_id);
  return from_whole(scratch, path, candidate_facts(candidate));
}

const nlohmann::json* ticket_fact(const Ticket& ticket, const FactPath& path, FactScratch& scratch) {
  const std::string& member = path.segments[1];
  if (member == "fields") return find_fact(ticket.fields, path, 2);
  if (member == "type") return keep(scratch, path, ticket.type);
  if (member == "status") return keep(scratch, path, ticket.status);
  if (member == "severity") return keep(scratch, path, std::string(to_string(ticket.severity)));
  if (member == "team") return keep(scratch, path, ticket.team);
  if (member == "assignee") return keep_optional(scratch, path, ticket.assignee);
  if (member == "labels") return keep(scratch, path, ticket.labels);
  if (member == "title") return keep(scratch, path, ticket.title);
  if (member == "description") return keep(scratch, path, ticket.description);
  if (member == "reporter") return keep(scratch, path, ticket.reporter);
  if (member == "created_at") return keep(scratch, path, format_rfc3339(ticket.created_at));
  return from_whole(scratch, path, ticket_facts(ticket));
}

}  // namespace

nlohmann::json event_facts(const AtsEvent& event) { return to_json(event); }

nlohmann::json candidate_facts(const Candidate& candidate) {
  nlohmann::json facts{{"ats", candidate.ref.ats}, {"external_id", candidate.ref.external_id}};
  const CandidateProfile& profile = candidate.profile;
  if (profile.name) facts["name"] = *profile.name;
  if (profile.email) facts["email"] = *profile.email;
  if (profile.level) facts["level"] = *profile.level;
  if (profile.geography) facts["geography"] = *profile.geography;
  facts["fields"] = profile.fields.is_object() ? profile.fields : nlohmann::json::object();
  return facts;
}

nlohmann::json ticket_facts(const Ticket& ticket) {
  nlohmann::json facts{{"type", ticket.type},
                       {"title", ticket.title},
                       {"description", ticket.description},
                       {"status", ticket.status},
                       {"severity", std::string(to_string(ticket.severity))},
                       {"team", ticket.team},
                       {"labels", ticket.labels},
                       {"fields", ticket.fields},
                       {"reporter", ticket.reporter},
                       {"created_at", format_rfc3339(ticket.created_at)}};
  if (ticket.assignee) facts["assignee"] = *ticket.assignee;
  if (ticket.candidate) facts["candidate"] = {{"ats", ticket.candidate->ats}, {"external_id", ticket.candidate->external_id}};
  return facts;
}

FactSource fact_source(const AtsEvent* event, const Ticket* ticket, const std::optional<Candidate>& candidate) {
  return FactSource{event, ticket, candidate ? &*candidate : nullptr};
}

const nlohmann::json* resolve_fact(const FactSource& source, const FactPath& path, FactScratch& scratch) {
  if (path.segments.empty()) return nullptr;
  const std::string& head = path.segments[0];
  if (path.segments.size() == 1) {
    // A whole record ("candidate"): rare, so built whole.
    if (head == "event" && source.event != nullptr) return &scratch.values.emplace_back(event_facts(*source.event));
    if (head == "ticket" && source.ticket != nullptr) return &scratch.values.emplace_back(ticket_facts(*source.ticket));
    if (head == "candidate" && source.candidate != nullptr) {
      return &scratch.values.emplace_back(candidate_facts(*source.candidate));
    }
    return nullptr;
  }
  if (head == "event") return source.event != nullptr ? event_fact(*source.event, path, scratch) : nullptr;
  if (head == "ticket") return source.ticket != nullptr ? ticket_fact(*source.ticket, path, scratch) : nullptr;
  if (head == "candidate") return source.candidate != nullptr ? candidate_fact(*source.candidate, path, scratch) : nullptr;
  return nullptr;
}

}  // namespace snag
