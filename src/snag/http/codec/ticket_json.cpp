#include <charconv>

#include <snag/domain/ids.hpp>
#include <snag/http/codec/field_reader.hpp>
#include <snag/http/codec/json_writer.hpp>
#include <snag/http/codec/optional_json.hpp>
#include <snag/http/codec/ticket_json.hpp>
#include <snag/util/time.hpp>

namespace snag::http {
namespace {

// Members a ticket response has that no request may set.
const std::vector<std::string_view> k_read_only_fields{"id",         "key",        "reporter", "created_at",
                                                       "updated_at", "version",    "sla",      "resolved_at"};

constexpr std::string_view k_status_message = "is changed by POST /api/v1/tickets/{key}/transitions";

// Reads the members of a TicketEdit from `reader`, recording errors; null clears only the
// fields that may be empty (assignee, candidate).
TicketEdit read_edit(FieldReader& reader, std::vector<FieldError>& errors) {
  TicketEdit edit;
  if (const auto* v = reader.find("type")) edit.type = decode_string(*v, reader.path("type"), errors);
  if (const auto* v = reader.find("title")) edit.title = decode_string(*v, reader.path("title"), errors);
  if (const auto* v = reader.find("description")) {
    edit.description = decode_string(*v, reader.path("description"), errors);
  }
  if (const auto* v = reader.find("severity")) edit.severity = decode_severity(*v, reader.path("severity"), errors);
  if (const auto* v = reader.find("team")) edit.team = decode_string(*v, reader.path("team"), errors);
  if (const auto* v = reader.find("assignee")) {
    edit.assignee = v->is_null() ? std::optional<std::string>{} : decode_string(*v, reader.path("assignee"), errors);
  }
  if (const auto* v = reader.find("candidate")) {
    edit.candidate =
        v->is_null() ? std::optional<CandidateRef>{} : decode_candidate_ref(*v, reader.path("candidate"), errors);
  }
  if (const auto* v = reader.find("labels")) edit.labels = decode_string_list(*v, reader.path("labels"), errors);
  if (const auto* v = reader.find("watchers")) edit.watchers = decode_string_list(*v, reader.path("watchers"), errors);
  if (const auto* v = reader.find("fields")) edit.fields = decode_object(*v, reader.path("fields"), errors);
  if (reader.find("status") != nullptr) reader.error("status", std::string(k_status_message));
  reader.reject_unknown(k_read_only_fields);
  return edit;
}

}  // namespace

Result<TicketDraft> decode_ticket_draft(const nlohmann::json& body) {
  std::vector<FieldError> errors;
  FieldReader reader(body, "", errors);
  TicketDraft draft;
  if (auto type = reader.required_string("type")) draft.type = std::move(*type);
  if (auto title = reader.required_string("title")) draft.title = std::move(*title);
  // Optional members may be null, which means the same as leaving them out.
  const auto present = [&](std::string_view name) {
    const auto* value = reader.find(name);
    return value != nullptr && !value->is_null() ? value : nullptr;
  };
  if (const auto* v = present("description")) {
    if (auto text = decode_string(*v, "description", errors)) draft.description = std::move(*text);
  }
  if (const auto* v = present("severity")) draft.severity = decode_severity(*v, "severity", errors);
  if (const auto* v = present("candidate")) draft.candidate = decode_candidate_ref(*v, "candidate", errors);
  if (const auto* v = present("team")) draft.team = decode_string(*v, "team", errors);
  if (const auto* v = present("assignee")) draft.assignee = decode_string(*v, "assignee", errors);
  if (const auto* v = present("labels")) {
    if (auto labels = decode_string_list(*v, "labels", errors)) draft.labels = std::move(*labels);
  }
  if (const auto* v = present("watchers")) {
    if (auto watchers = decode_string_list(*v, "watchers", errors)) draft.watchers = std::move(*watchers);
  }
  if (const auto* v = present("fields")) {
    if (auto fields = decode_object(*v, "fields", errors)) draft.fields = std::move(*fields);
  }
  if (reader.find("status") != nullptr) reader.error("status", "is set by the workflow");
  reader.reject_unknown(k_read_only_fields);
  if (!errors.empty()) return fail_validation(std::move(errors));
  return draft;
}

Result<TicketEdit> decode_ticket_edit(const nlohmann::json& body) {
  std::vector<FieldError> errors;
  FieldReader reader(body, "", errors);
  auto edit = read_edit(reader, errors);
  if (!errors.empty()) return fail_validation(std::move(errors));
  return edit;
}

Result<BulkRequest> decode_bulk_request(const nlohmann::json& body) {
  std::vector<FieldError> errors;
  FieldReader reader(body, "", errors);
  BulkRequest request;
  if (const auto* keys = reader.find("keys")) {
    if (auto list = decode_string_list(*keys, "keys", errors)) {
      if (list->empty()) errors.push_back({"keys", "must name at least one ticket"});
      if (list->size() > k_max_bulk_keys) {
        errors.push_back({"keys", "must name at most " + std::to_string(k_max_bulk_keys) + " tickets"});
      }
      request.keys = std::move(*list);
    }
  } else {
    reader.error("keys", "is required");
  }
  const auto* set = reader.find("set");
  const auto* transition = reader.find("transition");
  if ((set == nullptr) == (transition == nullptr)) {
    errors.push_back({set ? "transition" : "set", "give exactly one of set and transition"});
  } else if (set != nullptr) {
    if (set->is_object()) {
      FieldReader set_reader(*set, "set", errors);
      request.edit = read_edit(set_reader, errors);
    } else {
      errors.push_back({"set", "must be an object"});
    }
  } else {
    request.transition = decode_string(*transition, "transition", errors);
  }
  reader.reject_unknown();
  if (!errors.empty()) return fail_validation(std::move(errors));
  return request;
}

Result<TransitionRequest> decode_transition_request(const nlohmann::json& body) {
  std::vector<FieldError> errors;
  FieldReader reader(body, "", errors);
  TransitionRequest request;
  if (auto to = reader.required_string("to")) request.to = std::move(*to);
  if (const auto* comment = reader.find("comment"); comment != nullptr && !comment->is_null()) {
    if (auto text = decode_string(*comment, "comment", errors)) request.comment = std::move(*text);
  }
  reader.reject_unknown();
  if (!errors.empty()) return fail_validation(std::move(errors));
  return request;
}

Result<std::string> decode_comment_request(const nlohmann::json& body) {
  std::vector<FieldError> errors;
  FieldReader reader(body, "", errors);
  auto text = reader.required_string("body");
  reader.reject_unknown();
  if (!errors.empty()) return fail_validation(std::move(errors));
  return std::move(*text);
}

nlohmann::json encode_ticket(const Ticket& ticket, Timestamp now) {
  const auto sla = sla_state(ticket, now);
  nlohmann::json out{
      {"id", ticket.id.value},
      {"key", ticket_key(ticket.id)},
      {"type", ticket.type},
      {"title", ticket.title},
      {"description", ticket.description},
      {"status", ticket.status},
      {"severity", to_string(ticket.severity)},
      {"team", ticket.team},
      {"assignee", ticket.assignee ? nlohmann::json(*ticket.assignee) : nlohmann::json(nullptr)},
      {"candidate", ticket.candidate ? nlohmann::json{{"ats", ticket.candidate->ats},
                                                      {"external_id", ticket.candidate->external_id}}
                                     : nlohmann::json(nullptr)},
      {"labels", ticket.labels},
      {"fields", ticket.fields},
      {"reporter", ticket.reporter},
      {"created_at", format_rfc3339(ticket.created_at)},
      {"updated_at", format_rfc3339(ticket.updated_at)},
      {"resolved_at", optional_time(ticket.resolved_at)},
      {"version", ticket.version},
      {"watchers", ticket.watchers},
      {"sla",
       {{"resolution_due_at", optional_time(sla.resolution_due_at)},
        {"breached", sla.breached},
        {"first_response_due_at", optional_time(sla.first_response_due_at)},
        {"first_responded_at", optional_time(sla.first_responded_at)},
        {"first_response_breached", sla.first_response_breached},
        {"paused", sla.paused},
        {"calendar", sla.calendar.empty() ? nlohmann::json(nullptr) : nlohmann::json(sla.calendar)}}},
  };
  return out;
}

namespace {

void append_string_array(std::string& out, const std::vector<std::string>& items) {
  out += '[';
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i != 0) out += ',';
    append_json_string(out, items[i]);
  }
  out += ']';
}

}  // namespace

void append_ticket_json(std::string& out, const Ticket& ticket, Timestamp now) {
  const auto sla = sla_state(ticket, now);
  const auto optional_string = [&out](const std::optional<std::string>& value) {
    if (value) {
      append_json_string(out, *value);
    } else {
      out += "null";
    }
  };
  const auto optional_time = [&out](const std::optional<Timestamp>& value) {
    if (value) {
      out += '"';
      append_rfc3339(out, *value);
      out += '"';
    } else {
      out += "null";
    }
  };
  // Members in nlohmann's (std::map) order, so that the text equals encode_ticket(...).dump().
  out += "{\"assignee\":";
  optional_string(ticket.assignee);
  out += ",\"candidate\":";
  if (ticket.candidate) {
    out += "{\"ats\":";
    append_json_string(out, ticket.candidate->ats);
    out += ",\"external_id\":";
    append_json_string(out, ticket.candidate->external_id);
    out += '}';
  } else {
    out += "null";
  }
  out += ",\"created_at\":\"";
  append_rfc3339(out, ticket.created_at);
  out += "\",\"description\":";
  append_json_string(out, ticket.description);
  out += ",\"fields\":";
  out += ticket.fields.dump();
  out += ",\"id\":";
  append_json_int(out, ticket.id.value);
  out += ",\"key\":";
  append_json_string(out, ticket_key(ticket.id));
  out += ",\"labels\":";
  append_string_array(out, ticket.labels);
  out += ",\"reporter\":";
  append_json_string(out, ticket.reporter);
  out += ",\"resolved_at\":";
  optional_time(ticket.resolved_at);
  out += ",\"severity\":";
  append_json_string(out, to_string(ticket.severity));
  out += ",\"sla\":{\"breached\":";
  out += sla.breached ? "true" : "false";
  out += ",\"calendar\":";
  if (sla.calendar.empty()) {
    out += "null";
  } else {
    append_json_string(out, sla.calendar);
  }
  out += ",\"first_responded_at\":";
  optional_time(sla.first_responded_at);
  out += ",\"first_response_breached\":";
  out += sla.first_response_breached ? "true" : "false";
  out += ",\"first_response_due_at\":";
  optional_time(sla.first_response_due_at);
  out += ",\"paused\":";
  out += sla.paused ? "true" : "false";
  out += ",\"resolution_due_at\":";
  optional_time(sla.resolution_due_at);
  out += "},\"status\":";
  append_json_string(out, ticket.status);
  out += ",\"team\":";
  append_json_string(out, ticket.team);
  out += ",\"title\":";
  append_json_string(out, ticket.title);
  out += ",\"type\":";
  append_json_string(out, ticket.type);
  out += ",\"updated_at\":\"";
  append_rfc3339(out, ticket.updated_at);
  out += "\",\"version\":";
  append_json_int(out, ticket.version);
  out += ",\"watchers\":";
  append_string_array(out, ticket.watchers);
  out += '}';
}

std::string ticket_page_json(const TicketPage& page, Timestamp now) {
  std::string out;
  out.reserve(64 + 1024 * page.items.size());
  out += "{\"items\":[";
  for (std::size_t i = 0; i < page.items.size(); ++i) {
    if (i > 0) out += ',';
    append_ticket_json(out, page.items[i], now);
  }
  out += "],\"next_cursor\":";
  if (page.next) {
    append_json_string(out, encode_cursor(*page.next));
  } else {
    out += "null";
  }
  out += '}';
  return out;
}

nlohmann::json encode_comment(const Comment& comment) {
  return {{"id", comment.id.value},
          {"ticket", ticket_key(comment.ticket)},
          {"author", comment.author},
          {"body", comment.body},
          {"created_at", format_rfc3339(comment.created_at)}};
}

nlohmann::json encode_history(const std::vector<HistoryItem>& items) {
  auto out = nlohmann::json::array();
  for (const auto& item : items) {
    auto changes = nlohmann::json::array();
    for (const auto& change : item.changes) {
      changes.push_back({{"field", change.field}, {"old", change.old_value}, {"new", change.new_value}});
    }
    out.push_back({{"at", format_rfc3339(item.at)},
                   {"actor", item.actor},
                   {"action", item.action},
                   {"changes", std::move(changes)}});
  }
  return {{"items", std::move(out)}};
}

std::string etag_for(std::int64_t version) {
  std::string tag = std::to_string(version);
  tag.insert(tag.begin(), '"');
  tag.push_back('"');
  return tag;
}

std::optional<IfMatch> parse_if_match(std::string_view header) {
  while (!header.empty() && header.front() == ' ') header.remove_prefix(1);
  while (!header.empty() && header.back() == ' ') header.remove_suffix(1);
  if (header == "*") return IfMatch{true, 0};
  if (header.starts_with("W/")) header.remove_prefix(2);
  if (header.size() >= 2 && header.front() == '"' && header.back() == '"') {
    header = header.substr(1, header.size() - 2);
  }
  std::int64_t version = 0;
  const auto [end, ec] = std::from_chars(header.data(), header.data() + header.size(), version);
  if (header.empty() || ec != std::errc{} || end != header.data() + header.size() || version < 0) return std::nullopt;
  return IfMatch{false, version};
}

}  // namespace snag::http
