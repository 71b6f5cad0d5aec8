#include <snag/domain/automation/facts.hpp>

namespace snag {

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

nlohmann::json rule_facts(const AtsEvent* event, const Ticket* ticket, const std::optional<Candidate>& candidate) {
  nlohmann::json facts = nlohmann::json::object();
  if (event != nullptr) facts["event"] = event_facts(*event);
  if (ticket != nullptr) facts["ticket"] = ticket_facts(*ticket);
  if (candidate) facts["candidate"] = candidate_facts(*candidate);
  return facts;
}

}  // namespace snag
