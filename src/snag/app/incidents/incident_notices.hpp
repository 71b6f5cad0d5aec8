#pragma once
// Notifications about an incident: one in-app notification per person, each with a
// `notification.email` job queued in the same write (as the automation notifier does for
// tickets), so that the notice is sent if and only if the change it reports is stored. The
// message names the incident, its severity and what happened, never its title or log: those are
// read, masked, in Snag.

#include <string>
#include <string_view>
#include <vector>

#include <snag/app/ports/store.hpp>

namespace snag {

inline constexpr std::string_view k_incident_notice_kind = "incident";

// "incident 7 (sev1, integration)"
std::string incident_label(const Incident& incident);

// Notifies each person once, in order.
Result<void> notify_about_incident(WriteTransaction& tx, const std::vector<std::string>& people,
                                   const Incident& incident, const std::string& message, Timestamp now);

// The usernames a protocol's recipients name, in order, each once: the commander, every enabled
// user of a role (from `users`), a named user when enabled.
std::vector<std::string> protocol_recipients(const SeverityProtocol& protocol, const Incident& incident,
                                             const std::vector<UserRecord>& users);

}  // namespace snag
