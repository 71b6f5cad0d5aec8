#pragma once
// The `identity:`, `widget:` and `pii:` sections of the configuration (README "Access control").

#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include <snag/app/identity/identity_policy.hpp>
#include <snag/domain/catalog.hpp>
#include <snag/util/error.hpp>

namespace snag {

// One key of `identity:`; invalid_argument naming the key for an unknown key or a bad value.
Result<void> apply_identity_value(IdentityPolicy& policy, const std::string& key, const std::string& value,
                                  std::string_view source);

// One key of `widget:` (allowed_origins as a comma list, role, token_lifetime_seconds);
// invalid_argument naming the key. The role is checked against the catalog by the caller.
Result<void> apply_widget_value(WidgetPolicy& widget, const std::string& key, const std::string& value,
                                std::string_view source);

// One entry of `views:` (role: list query); invalid_argument naming the role when the query is
// not one GET /api/v1/tickets takes (written plainly: no percent-escapes) or the role is unknown.
Result<void> apply_view_value(IdentityPolicy& policy, const Catalog& catalog, const std::string& role,
                              const std::string& query, std::string_view source);

// `pii: {health_terms: [...]}` replaces the built-in dictionary of health terms.
Result<void> read_pii_section(const YAML::Node& section, IdentityPolicy& policy, std::string_view source);

}  // namespace snag
