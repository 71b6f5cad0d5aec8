#include <snag/domain/access/access_policy.hpp>

#include <algorithm>

namespace snag {

std::string_view to_string(Sensitivity sensitivity) {
  switch (sensitivity) {
    case Sensitivity::normal: return "normal";
    case Sensitivity::confidential: return "confidential";
    case Sensitivity::restricted: return "restricted";
  }
  return "normal";
}

std::optional<Sensitivity> parse_sensitivity(std::string_view text) {
  for (const auto level : {Sensitivity::normal, Sensitivity::confidential, Sensitivity::restricted}) {
    if (text == to_string(level)) return level;
  }
  return std::nullopt;
}

const std::vector<std::string_view>& known_permissions() {
  static const std::vector<std::string_view> k_all{
      permission::tickets_read,    permission::tickets_write,    permission::tickets_transition,
      permission::tickets_export,  permission::candidates_read,  permission::candidates_write,
      permission::reports_read,    permission::access_log_read,  permission::keys_admin,
      permission::clients_admin,   permission::users_admin,      permission::pii_read,
      permission::connectors_admin, permission::subscriptions_admin, permission::vendors_admin,
      permission::automation_admin, permission::compliance_admin, permission::incidents_read,
      permission::incidents_write};
  return k_all;
}

bool is_known_permission(std::string_view permission) {
  const auto& all = known_permissions();
  return std::find(all.begin(), all.end(), permission) != all.end();
}

Result<void> validate_role(const RolePolicy& role) {
  if (role.code.empty()) return fail(ErrorCode::invalid_argument, "a role needs a code");
  for (const auto& permission : role.permissions) {
    if (!is_known_permission(permission)) {
      return fail(ErrorCode::invalid_argument,
                  "role '" + role.code + "': '" + permission + "' is not a permission");
    }
  }
  return {};
}

}  // namespace snag
