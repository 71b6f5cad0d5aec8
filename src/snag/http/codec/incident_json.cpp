#include <snag/http/codec/field_reader.hpp>
#include <snag/http/codec/incident_json.hpp>
#include <snag/http/codec/optional_json.hpp>

namespace snag::http {
namespace {

nlohmann::json ticket_keys(const std::vector<TicketId>& tickets) {
  auto keys = nlohmann::json::array();
  for (const TicketId id : tickets) keys.push_back(ticket_key(id));
  return keys;
}

nlohmann::json encode_postmortem(const PostMortem& postmortem) {
  auto timeline = nlohmann::json::array();
  for (const auto& entry : postmortem.timeline) {
    timeline.push_back({{"at", format_rfc3339(entry.at)}, {"event", entry.event}});
  }
  auto items = nlohmann::json::array();
  for (const auto& item : postmortem.action_items) {
    items.push_back({{"number", item.number},
                     {"title", item.title},
                     {"owner", item.owner},
                     {"due", format_rfc3339(item.due)},
                     {"done", item.done_at.has_value()},
                     {"done_at", optional_time(item.done_at)}});
  }
  return {{"timeline", std::move(timeline)},
          {"impact", postmortem.impact},
          {"root_cause", postmortem.root_cause},
          {"contributing_factors", postmortem.contributing_factors},
          {"action_items", std::move(items)},
          {"written_by", postmortem.written_by},
          {"updated_at", format_rfc3339(postmortem.updated_at)}};
}

std::optional<Timestamp> decode_time(const nlohmann::json& value, const std::string& path,
                                     std::vector<FieldError>& errors) {
  auto text = decode_string(value, path, errors);
  if (!text) return std::nullopt;
  auto at = parse_rfc3339(*text);
  if (!at) errors.push_back({path, "must be an RFC 3339 time such as 2026-12-01T09:00:00Z"});
  return at;
}

// A member that may be absent or null: the value, or nullopt.
const nlohmann::json* present(FieldReader& reader, std::string_view name) {
  const auto* value = reader.find(name);
  return value == nullptr || value->is_null() ? nullptr : value;
}

std::optional<IncidentStatus> decode_status(const nlohmann::json& value, std::vector<FieldError>& errors) {
  auto text = decode_string(value, "status", errors);
  if (!text) return std::nullopt;
  auto status = parse_incident_status(*text);
  if (!status) errors.push_back({"status", "must be open, resolved or closed"});
  return status;
}

}  // namespace

nlohmann::json encode_protocol(const SeverityProtocol& protocol) {
  auto notify = nlohmann::json::array();
  for (const auto& recipient : protocol.notify) notify.push_back(to_string(recipient));
  return {{"severity", to_string(protocol.severity)},
          {"meaning", severity_meaning(protocol.severity)},
          {"example", protocol.example},
          {"respond_within_minutes", protocol.respond_within.count()},
          {"update_every_minutes",
           protocol.update_every ? nlohmann::json(protocol.update_every->count()) : nlohmann::json(nullptr)},
          {"notify", std::move(notify)},
          {"postmortem_required", protocol.postmortem_required}};
}

nlohmann::json encode_incident_summary(const Incident& incident) {
  return {{"id", incident.id.value},
          {"category", incident.category},
          {"title", incident.title},
          {"severity", to_string(incident.severity)},
          {"status", to_string(incident.status)},
          {"commander", incident.commander},
          {"opened_by", incident.opened_by},
          {"opened_at", format_rfc3339(incident.opened_at)},
          {"responded_at", optional_time(incident.responded_at)},
          {"last_update_at", format_rfc3339(incident.last_update_at)},
          {"resolved_at", optional_time(incident.resolved_at)},
          {"closed_at", optional_time(incident.closed_at)},
          {"caused_by_change", optional_text(incident.caused_by_change)}};
}

nlohmann::json encode_incident(const IncidentView& view, Timestamp now) {
  const Incident& incident = view.incident;
  nlohmann::json json = encode_incident_summary(incident);
  json["tickets"] = ticket_keys(incident.tickets);
  json["impact"] = {{"tickets", view.impact.tickets},
                    {"candidates_affected", view.impact.candidates_affected},
                    {"candidate_delay_hours", view.impact.candidate_delay_hours}};
  nlohmann::json response_due = nullptr;
  nlohmann::json update_due = nullptr;
  bool update_overdue = false;
  if (view.protocol) {
    response_due = format_rfc3339(response_due_at(incident, *view.protocol));
    if (auto due = next_update_due_at(incident, *view.protocol)) {
      update_due = format_rfc3339(*due);
      update_overdue = *due <= now;
    }
  }
  json["protocol"] = view.protocol ? encode_protocol(*view.protocol) : nlohmann::json(nullptr);
  json["response_due_at"] = std::move(response_due);
  json["next_update_due_at"] = std::move(update_due);
  json["update_overdue"] = update_overdue;
  json["postmortem_required"] = view.protocol && view.protocol->postmortem_required;
  json["postmortem"] = incident.postmortem ? encode_postmortem(*incident.postmortem) : nlohmann::json(nullptr);
  auto log = nlohmann::json::array();
  for (const auto& update : incident.updates) {
    log.push_back({{"at", format_rfc3339(update.at)},
                   {"author", update.author},
                   {"kind", update.kind},
                   {"message", update.message}});
  }
  json["log"] = std::move(log);
  return json;
}

nlohmann::json encode_change(const ChangeRecord& change) {
  return {{"id", change.id},
          {"summary", change.summary},
          {"system", change.system},
          {"deployed_at", format_rfc3339(change.deployed_at)},
          {"link", change.link.empty() ? nlohmann::json(nullptr) : nlohmann::json(change.link)},
          {"recorded_by", change.recorded_by},
          {"recorded_at", format_rfc3339(change.recorded_at)}};
}

nlohmann::json encode_change_view(const ChangeView& view) {
  nlohmann::json json = encode_change(view.change);
  auto incidents = nlohmann::json::array();
  for (const IncidentId id : view.links.incidents) incidents.push_back(id.value);
  json["caused"] = {{"tickets", ticket_keys(view.links.tickets)}, {"incidents", std::move(incidents)}};
  return json;
}

std::vector<TicketId> decode_ticket_keys(const nlohmann::json& value, const std::string& path,
                                         std::vector<FieldError>& errors) {
  std::vector<TicketId> tickets;
  if (!value.is_array()) {
    errors.push_back({path, "must be a list of ticket keys such as [\"SNAG-42\"]"});
    return tickets;
  }
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto& item = value[i];
    std::optional<TicketId> id;
    if (item.is_string()) id = parse_ticket_key(item.get<std::string>());
    if (item.is_number_integer() && item.get<std::int64_t>() > 0) id = TicketId{item.get<std::int64_t>()};
    if (!id) {
      errors.push_back({path + "[" + std::to_string(i) + "]", "must be a ticket key such as SNAG-42"});
    } else {
      tickets.push_back(*id);
    }
  }
  return tickets;
}

Result<NewIncident> decode_new_incident(const nlohmann::json& body) {
  std::vector<FieldError> errors;
  FieldReader reader(body, "", errors);
  NewIncident incident;
  if (auto category = reader.required_string("category")) incident.category = std::move(*category);
  if (auto title = reader.required_string("title")) incident.title = std::move(*title);
  if (const auto* severity = reader.find("severity")) {
    if (auto parsed = decode_severity(*severity, "severity", errors)) incident.severity = *parsed;
  } else {
    errors.push_back({"severity", "is required: sev1, sev2, sev3 or sev4"});
  }
  if (const auto* commander = present(reader, "commander"))
    incident.commander = decode_string(*commander, "commander", errors);
  if (const auto* tickets = present(reader, "tickets"))
    incident.tickets = decode_ticket_keys(*tickets, "tickets", errors);
  if (const auto* change = present(reader, "caused_by_change")) {
    incident.caused_by_change = decode_string(*change, "caused_by_change", errors);
  }
  reader.reject_unknown({"id", "status", "opened_by", "opened_at"});
  if (!errors.empty()) return fail_validation(std::move(errors));
  return incident;
}

Result<IncidentEdit> decode_incident_edit(const nlohmann::json& body) {
  std::vector<FieldError> errors;
  FieldReader reader(body, "", errors);
  IncidentEdit edit;
  if (const auto* title = reader.find("title")) edit.title = decode_string(*title, "title", errors);
  if (const auto* severity = reader.find("severity")) edit.severity = decode_severity(*severity, "severity", errors);
  if (const auto* commander = reader.find("commander")) edit.commander = decode_string(*commander, "commander", errors);
  if (const auto* status = reader.find("status")) edit.status = decode_status(*status, errors);
  if (const auto* change = reader.find("caused_by_change")) {
    edit.caused_by_change = decode_string(*change, "caused_by_change", errors);
  }
  reader.reject_unknown();
  if (!errors.empty()) return fail_validation(std::move(errors));
  if (!edit.title && !edit.severity && !edit.commander && !edit.status && !edit.caused_by_change) {
    return fail_validation({{"body", "name at least one of title, severity, commander, status, caused_by_change"}});
  }
  return edit;
}

Result<PostMortem> decode_postmortem(const nlohmann::json& body) {
  std::vector<FieldError> errors;
  FieldReader reader(body, "", errors);
  PostMortem postmortem;
  if (const auto* timeline = present(reader, "timeline")) {
    if (!timeline->is_array()) errors.push_back({"timeline", "must be a list of {\"at\", \"event\"}"});
    for (std::size_t i = 0; timeline->is_array() && i < timeline->size(); ++i) {
      const std::string path = "timeline[" + std::to_string(i) + "]";
      if (!(*timeline)[i].is_object()) {
        errors.push_back({path, "must be {\"at\", \"event\"}"});
        continue;
      }
      FieldReader entry((*timeline)[i], path, errors);
      TimelineEntry decoded;
      if (const auto* at = entry.find("at")) {
        if (auto parsed = decode_time(*at, path + ".at", errors)) decoded.at = *parsed;
      } else {
        entry.error("at", "is required");
      }
      if (auto event = entry.required_string("event")) decoded.event = std::move(*event);
      entry.reject_unknown();
      postmortem.timeline.push_back(std::move(decoded));
    }
  }
  if (const auto* impact = present(reader, "impact")) {
    if (auto text = decode_string(*impact, "impact", errors)) postmortem.impact = std::move(*text);
  }
  if (const auto* cause = present(reader, "root_cause")) {
    if (auto text = decode_string(*cause, "root_cause", errors)) postmortem.root_cause = std::move(*text);
  }
  if (const auto* factors = present(reader, "contributing_factors")) {
    if (auto list = decode_string_list(*factors, "contributing_factors", errors)) {
      postmortem.contributing_factors = std::move(*list);
    }
  }
  if (const auto* items = present(reader, "action_items")) {
    if (!items->is_array()) errors.push_back({"action_items", "must be a list of {\"title\", \"owner\", \"due\"}"});
    for (std::size_t i = 0; items->is_array() && i < items->size(); ++i) {
      const std::string path = "action_items[" + std::to_string(i) + "]";
      if (!(*items)[i].is_object()) {
        errors.push_back({path, "must be {\"title\", \"owner\", \"due\"}"});
        continue;
      }
      FieldReader entry((*items)[i], path, errors);
      ActionItem item;
      if (auto title = entry.required_string("title")) item.title = std::move(*title);
      if (auto owner = entry.required_string("owner")) item.owner = std::move(*owner);
      if (const auto* due = entry.find("due")) {
        if (auto parsed = decode_time(*due, path + ".due", errors)) item.due = *parsed;
      } else {
        entry.error("due", "is required");
      }
      entry.reject_unknown({"number", "done", "done_at"});
      postmortem.action_items.push_back(std::move(item));
    }
  }
  reader.reject_unknown({"written_by", "updated_at"});
  if (!errors.empty()) return fail_validation(std::move(errors));
  return postmortem;
}

Result<ChangeRecord> decode_change(const nlohmann::json& body) {
  std::vector<FieldError> errors;
  FieldReader reader(body, "", errors);
  ChangeRecord change;
  if (auto id = reader.required_string("id")) change.id = std::move(*id);
  if (auto summary = reader.required_string("summary")) change.summary = std::move(*summary);
  if (auto system = reader.required_string("system")) change.system = std::move(*system);
  if (const auto* deployed = reader.find("deployed_at")) {
    if (auto at = decode_time(*deployed, "deployed_at", errors)) change.deployed_at = *at;
  } else {
    errors.push_back({"deployed_at", "is required"});
  }
  if (const auto* link = present(reader, "link")) {
    if (auto text = decode_string(*link, "link", errors)) change.link = std::move(*text);
  }
  reader.reject_unknown({"recorded_by", "recorded_at", "caused"});
  if (!errors.empty()) return fail_validation(std::move(errors));
  return change;
}

}  // namespace snag::http
