#include <snag/domain/outbound/ticket_document.hpp>

namespace snag {

namespace {

nlohmann::json optional_time(const std::optional<Timestamp>& at) {
  return at ? nlohmann::json(format_rfc3339(*at)) : nlohmann::json(nullptr);
}

}  // namespace

const std::vector<std::string_view>& ticket_document_paths() {
  static const std::vector<std::string_view> k_paths{
      "id",       "key",      "type",       "title",         "description",           "status",
      "severity", "team",     "assignee",   "candidate.ats", "candidate.external_id", "labels",
      "watchers", "reporter", "created_at", "updated_at",    "resolved_at",           "resolution_due_at",
      "version"};
  return k_paths;
}

nlohmann::json ticket_document(const Ticket& ticket) {
  return nlohmann::json{
      {"id", ticket.id.value},
      {"key", ticket_key(ticket.id)},
      {"type", ticket.type},
      {"title", ticket.title},
      {"description", ticket.description},
      {"status", ticket.status},
      {"severity", to_string(ticket.severity)},
      {"team", ticket.team},
      {"assignee", ticket.assignee ? nlohmann::json(*ticket.assignee) : nlohmann::json(nullptr)},
      {"candidate", ticket.candidate
                        ? nlohmann::json{{"ats", ticket.candidate->ats}, {"external_id", ticket.candidate->external_id}}
                        : nlohmann::json(nullptr)},
      {"labels", ticket.labels},
      {"watchers", ticket.watchers},
      {"fields", ticket.fields},
      {"reporter", ticket.reporter},
      {"created_at", format_rfc3339(ticket.created_at)},
      {"updated_at", format_rfc3339(ticket.updated_at)},
      {"resolved_at", optional_time(ticket.resolved_at)},
      {"resolution_due_at", optional_time(ticket.resolution_due_at)},
      {"version", ticket.version},
  };
}

}  // namespace snag
