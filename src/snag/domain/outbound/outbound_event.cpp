#include <snag/domain/outbound/field_allowlist.hpp>
#include <snag/domain/outbound/outbound_event.hpp>
#include <snag/domain/outbound/ticket_document.hpp>
#include <snag/domain/ticket_changes.hpp>

namespace snag {

namespace {

void diff_paths(const nlohmann::json& old_value, const nlohmann::json& new_value, const std::string& path,
                std::vector<std::string>& out) {
  if (old_value.is_object() || new_value.is_object()) {
    static const nlohmann::json k_null;
    // Members of either side: a member that appears or disappears changed as well.
    std::set<std::string> names;
    if (old_value.is_object()) {
      for (const auto& [name, ignored] : old_value.items()) names.insert(name);
    }
    if (new_value.is_object()) {
      for (const auto& [name, ignored] : new_value.items()) names.insert(name);
    }
    for (const auto& name : names) {
      const auto& before = old_value.is_object() && old_value.contains(name) ? old_value.at(name) : k_null;
      const auto& after = new_value.is_object() && new_value.contains(name) ? new_value.at(name) : k_null;
      diff_paths(before, after, path + "." + name, out);
    }
    return;
  }
  if (old_value != new_value) out.push_back(path);
}

std::optional<std::string> status_value(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  return std::nullopt;
}

}  // namespace

std::vector<TicketChange> group_ticket_changes(const std::vector<JournalEntry>& entries) {
  std::vector<TicketChange> changes;
  std::int64_t event = 0;
  for (const auto& entry : entries) {
    if (changes.empty() || entry.event != event) {
      TicketChange change;
      change.ticket = entry.ticket;
      change.action = entry.action;
      change.at = entry.at;
      changes.push_back(std::move(change));
      event = entry.event;
    }
    TicketChange& current = changes.back();
    current.seq = entry.seq;
    for (auto& field : expand_snapshot({entry.field, entry.old_value, entry.new_value})) {
      current.changes.push_back(std::move(field));
    }
  }
  return changes;
}

std::string_view outbound_event_type(const TicketChange& change, const Workflow* workflow) {
  if (change.action == "create") return k_ticket_created_event;
  if (workflow) {
    for (const auto& field : change.changes) {
      if (field.field != "status") continue;
      const auto before = status_value(field.old_value);
      const auto after = status_value(field.new_value);
      if (after && workflow->is_done(*after) && !(before && workflow->is_done(*before))) {
        return k_ticket_resolved_event;
      }
    }
  }
  return k_ticket_changed_event;
}

std::optional<std::string_view> event_for_subscription(std::string_view event_type, const Subscription& subscription) {
  if (subscription.wants(event_type)) return event_type;
  if (event_type == k_ticket_resolved_event && subscription.wants(k_ticket_changed_event)) {
    return k_ticket_changed_event;
  }
  return std::nullopt;
}

std::vector<std::string> changed_paths(const std::vector<FieldChange>& changes) {
  std::vector<std::string> paths;
  for (const auto& change : changes) {
    if (change.old_value.is_object() || change.new_value.is_object()) {
      const auto before = paths.size();
      diff_paths(change.old_value, change.new_value, change.field, paths);
      // An object replaced by an equal one changed nothing; one emptied to null still changed.
      if (paths.size() == before && change.old_value != change.new_value) paths.push_back(change.field);
    } else {
      paths.push_back(change.field);
    }
  }
  return paths;
}

std::string webhook_payload(std::string_view event_type, Timestamp at, const Ticket& ticket,
                            const std::vector<std::string>& changed, const std::set<std::string>& allowlist) {
  nlohmann::json data{{"ticket", filter_by_allowlist(ticket_document(ticket), allowlist)}};
  if (event_type != k_ticket_created_event) {
    auto allowed = nlohmann::json::array();
    std::set<std::string_view> seen;
    for (const auto& path : changed) {
      if (allowlist.contains(path) && seen.insert(path).second) allowed.push_back(path);
    }
    data["changed_fields"] = std::move(allowed);
  }
  return nlohmann::json{{"type", event_type}, {"timestamp", format_rfc3339(at)}, {"data", std::move(data)}}.dump();
}

std::string outbound_message_id(std::int64_t seq, SubscriptionId subscription) {
  return "msg_" + std::to_string(seq) + "_" + std::to_string(subscription.value);
}

}  // namespace snag
