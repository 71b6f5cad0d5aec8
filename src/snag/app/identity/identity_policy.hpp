#pragma once
// The configurable parts of identity and access (config sections `identity:`, `pii:` and
// `widget:`).

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <snag/domain/access/widget_policy.hpp>
#include <snag/domain/pii/detector.hpp>

namespace snag {

struct ApiKeyPolicy {
  std::chrono::hours rotation_overlap{24};
  std::optional<std::chrono::days> max_age;  // e.g. 90 days; nullopt: keys do not age out
  std::chrono::days rotation_warning{14};    // due for rotation this long before max_age
};

struct LoginSettings {
  std::chrono::hours session_lifetime{12};
  int max_failures_per_account = 5;  // within failure_window, then 429 until it passes
  int max_failures_per_address = 20;
  std::chrono::minutes failure_window{15};
  // Role → the ticket list query (as GET /api/v1/tickets takes it) the web app opens on after
  // signing in (the `views:` section); a role not named opens on every ticket it may see.
  std::map<std::string, std::string> default_views;
};

inline constexpr std::chrono::seconds k_default_token_lifetime{900};

// How long a node trusts a credential it looked up (API key, session, OAuth client) before it
// reads it again: a revocation elsewhere takes effect on every node within this time.
inline constexpr std::chrono::seconds k_credential_cache_lifetime{5};

struct IdentityPolicy {
  std::vector<std::string> health_terms = pii::default_health_terms();
  ApiKeyPolicy api_keys;
  std::chrono::seconds token_lifetime = k_default_token_lifetime;
  LoginSettings login;
  // A person's repeated views of one record are logged once per window (access_recorder.hpp).
  std::chrono::seconds view_log_window{900};
  WidgetPolicy widget;  // the `widget:` section
};

}  // namespace snag
