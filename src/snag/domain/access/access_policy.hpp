#pragma once
// Who may do what, as data (config/snag.default.yaml `roles:` and each issue type's
// `sensitivity:`), in the manner of Redmine's role permissions. Evaluated by the pure
// functions of visibility.hpp; nothing else decides access.

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <snag/util/error.hpp>

namespace snag {

// How sensitive an issue type's tickets are. Ordered: a role cleared for one level sees the
// levels below it too.
enum class Sensitivity { normal = 0, confidential = 1, restricted = 2 };

std::string_view to_string(Sensitivity sensitivity);
std::optional<Sensitivity> parse_sensitivity(std::string_view text);

// A permission is "resource:action". The complete vocabulary, so that a typo in the
// configuration is an error at start and not a silent denial.
namespace permission {
inline constexpr std::string_view tickets_read = "tickets:read";
inline constexpr std::string_view tickets_write = "tickets:write";            // create, edit, comment
inline constexpr std::string_view tickets_transition = "tickets:transition";
inline constexpr std::string_view tickets_export = "tickets:export";
inline constexpr std::string_view candidates_read = "candidates:read";
inline constexpr std::string_view candidates_write = "candidates:write";
inline constexpr std::string_view reports_read = "reports:read";
inline constexpr std::string_view access_log_read = "access_log:read";
inline constexpr std::string_view keys_admin = "keys:admin";        // every key, not only one's own
inline constexpr std::string_view clients_admin = "clients:admin";  // OAuth clients
inline constexpr std::string_view users_admin = "users:admin";
inline constexpr std::string_view connectors_admin = "connectors:admin";        // ATS connectors, dead letters
inline constexpr std::string_view subscriptions_admin = "subscriptions:admin";  // outgoing webhooks
inline constexpr std::string_view vendors_admin = "vendors:admin";              // destinations' attestations
inline constexpr std::string_view automation_admin = "automation:admin";        // suppression windows
inline constexpr std::string_view incidents_read = "incidents:read";    // incidents, change records
inline constexpr std::string_view incidents_write = "incidents:write";  // declare, run, post-mortems, changes
inline constexpr std::string_view compliance_admin = "compliance:admin";        // erasure, legal holds, retention
// A clearance rather than an action: personal data is shown unmasked.
inline constexpr std::string_view pii_read = "pii:read";
}  // namespace permission

const std::vector<std::string_view>& known_permissions();
bool is_known_permission(std::string_view permission);

struct RolePolicy {
  std::string code;                   // recruiter, compliance, …
  std::set<std::string> permissions;  // from known_permissions()
  bool cross_team_read = false;       // sees the tickets of every team, not only its own
  Sensitivity clearance = Sensitivity::normal;  // the most sensitive issue types it may see
};

// invalid_argument naming the role and the unknown permission.
Result<void> validate_role(const RolePolicy& role);

}  // namespace snag
