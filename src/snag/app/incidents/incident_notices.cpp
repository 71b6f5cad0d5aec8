#include <algorithm>

#include <nlohmann/json.hpp>

#include <snag/app/automation/notifier.hpp>
#include <snag/app/incidents/incident_notices.hpp>

namespace snag {

std::string incident_label(const Incident& incident) {
  return "incident " + std::to_string(incident.id.value) + " (" + std::string(to_string(incident.severity)) + ", " +
         incident.category + ")";
}

Result<void> notify_about_incident(WriteTransaction& tx, const std::vector<std::string>& people,
                                   const Incident& incident, const std::string& message, Timestamp now) {
  std::vector<std::string> notified;
  for (const std::string& person : people) {
    if (std::find(notified.begin(), notified.end(), person) != notified.end()) continue;
    notified.push_back(person);
    Notification notification;
    notification.recipient = person;
    notification.kind = std::string(k_incident_notice_kind);
    notification.message = message;
    notification.created_at = now;
    const nlohmann::json email{{"about", "incident " + std::to_string(incident.id.value)},
                               {"why", "an incident's severity protocol names you"}};
    if (auto stored = store_notification(tx, notification, email, now); !stored) return stored;
  }
  return {};
}

std::vector<std::string> protocol_recipients(const SeverityProtocol& protocol, const Incident& incident,
                                             const std::vector<UserRecord>& users) {
  std::vector<std::string> people;
  const auto add = [&](const std::string& person) {
    if (std::find(people.begin(), people.end(), person) == people.end()) people.push_back(person);
  };
  for (const ProtocolRecipient& recipient : protocol.notify) {
    switch (recipient.kind) {
      case ProtocolRecipient::Kind::commander: add(incident.commander); break;
      case ProtocolRecipient::Kind::role:
      case ProtocolRecipient::Kind::user:
        for (const UserRecord& user : users) {
          if (user.disabled) continue;
          const std::string& matched = recipient.kind == ProtocolRecipient::Kind::role ? user.role : user.username;
          if (matched == recipient.name) add(user.username);
        }
        break;
    }
  }
  return people;
}

}  // namespace snag
